// Coalition document: layout, loading through the repositories, the key preview, saving.
#include "ui/views/coalition_editor.h"

#include <algorithm>

#include <wx/sizer.h>

#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"
#include "ui/app/workbench.h"
#include "ui/views/coalition_key_rows.h"

namespace kk::ui {
namespace {

/// Widens the columns whose header does not fit (the key columns have long headers in Dutch);
/// the grid scrolls sideways rather than cutting a header short.
void fitHeaders(RecordGrid& grid, const std::vector<int>& widths) {
    wxGrid& g = grid.grid();
    for (int c = 0; c < g.GetNumberCols(); ++c) {
        g.AutoSizeColLabelSize(c);
        if (static_cast<std::size_t>(c) < widths.size() && g.GetColSize(c) < widths[c])
            g.SetColSize(c, widths[static_cast<std::size_t>(c)]);
    }
}

std::vector<int> specWidths(const RecordGrid& grid) {
    std::vector<int> out;
    for (const auto& c : grid.columns())
        out.push_back(c.width);
    return out;
}

}  // namespace

CoalitionEditor::CoalitionEditor(wxWindow* parent, Workbench& workbench, std::int64_t id)
    : FormDocument(parent, workbench) {
    buildLayout();
    load(id);
}

void CoalitionEditor::buildLayout() {
    FieldForm& f = *m_form;
    f.addText("code", "coalition.code");
    f.addText("name", "coalition.name");
    f.addText("purpose", "coalition.purpose");
    f.addText("governance_form", "coalition.governance_form");
    f.addText("agreement_from", "coalition.agreement_from");
    f.addText("agreement_to", "coalition.agreement_to");
    f.addText("continuity_plan", "coalition.continuity_plan");
    f.addText("continuity_actor", "coalition.continuity_actor");

    std::vector<std::pair<std::string, std::string>> roles;
    for (const auto& n : enumNames<MemberRole>())
        roles.emplace_back(std::string(n.code), "role." + std::string(n.code));
    using K = RecordColumn::Kind;
    std::vector<std::pair<std::string, std::string>> criteria;
    for (const auto& n : enumNames<CostSharingCriterion>())
        criteria.emplace_back(std::string(n.code), "criterion." + std::string(n.code));
    m_criteria = addGrid({{"criterion.col.criterion", K::Choice, 230, false, criteria},
                          {"criterion.col.weight", K::Text, 90, true},
                          {"criterion.col.source", K::ReadOnly, 420}});
    m_criteria->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseCriterionRow(rows, index, m_coalition.id).problems;
    };
    m_criteriaEdited = m_criteria->edited.connect([this] {
        updateCriteria();
        updateKey();
    });
    // The resulting share sits next to what is typed: the inputs, bounds and what they mean.
    m_members = addGrid({{"member.col.actor", K::Text, 90},
                         {"member.col.actor_name", K::ReadOnly, 150},
                         {"member.col.role", K::Choice, 90, false, roles},
                         {"member.col.key_share", K::ReadOnly, 125, true},
                         {"member.col.share", K::Text, 90, true},
                         {"member.col.population", K::Text, 75, true},
                         {"member.col.benefit", K::Text, 70, true},
                         {"member.col.fiscal", K::Text, 90, true},
                         {"member.col.floor", K::Text, 60, true},
                         {"member.col.cap", K::Text, 65, true},
                         {"member.col.max_contribution", K::Text, 105, true},
                         {"member.col.mandate", K::Text, 150},
                         {"member.col.joined", K::Text, 85},
                         {"member.col.left", K::Text, 85}});
    m_members->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseMemberRow(rows, index, m_coalition.id, actorLookup()).problems;
    };
    m_membersEdited = m_members->edited.connect([this] { updateKey(); });
    fitHeaders(*m_members, specWidths(*m_members));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    sizer->Add(f.sizer(), 0, wxALL | wxEXPAND, 8);
    sizer->Add(sectionLabel("coalition.criteria"), 0, wxLEFT | wxRIGHT | wxTOP, 8);
    m_criteria->SetMinSize(wxSize(-1, 175));  // room for all five criteria and the total
    sizer->Add(m_criteria, 0, wxALL | wxEXPAND, 8);
    sizer->Add(sectionLabel("coalition.members"), 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_members, 1, wxALL | wxEXPAND, 8);
    SetSizer(sizer);
}

ActorNameLookup CoalitionEditor::actorLookup() const {
    Workspace* ws = m_workbench.workspace();
    return [ws](std::string_view code) -> std::optional<std::pair<ActorId, std::string>> {
        if (!ws || code.empty())
            return std::nullopt;
        if (auto a = Repository<Actor>(*ws).findByCode(code))
            return std::pair{a->id, a->name};
        return std::nullopt;
    };
}

void CoalitionEditor::load(std::int64_t id) {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    m_loading = true;
    m_form->loading = true;
    clearError();
    m_form->clearErrors();
    if (auto c = Repository<Coalition>(*ws).get(id))
        m_coalition = *c;
    Repository<Actor> actors(*ws);
    std::string continuityCode;
    if (m_coalition.continuityActorId)
        if (auto a = actors.get(m_coalition.continuityActorId->value))
            continuityCode = a->code;
    for (const auto& [field, value] : coalitionForm(m_coalition, continuityCode))
        m_form->setText(field, value);

    const CoalitionKey key = loadCoalitionKey(*ws, m_coalition.id);
    std::vector<RecordRow> criteria;
    for (const auto& c : key.criteria)
        criteria.push_back(criterionRow(c));
    m_criteria->setRows(criteria);
    std::vector<RecordRow> rows;
    for (const auto& m : Repository<CoalitionMember>(*ws).list(
             Query{}.where("coalition_id", m_coalition.id.value))) {
        const auto a = actors.get(m.actorId.value);
        rows.push_back(memberRow(m, a ? a->code : "?", a ? a->name : "", key));
    }
    m_members->setRows(rows);
    updateCriteria();
    updateKey();
    m_heading->SetLabel(title());
    m_form->loading = false;
    m_loading = false;
    setModified(false);
    Layout();
}

void CoalitionEditor::updateCriteria() {
    const auto rows = m_criteria->rows();
    Rate total;
    int counted = 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string source = criterionSourceKey(cellOf(rows[r], kCriterionKind));
        m_criteria->setComputed(static_cast<int>(r), kCriterionSource,
                                source.empty() ? wxString() : m_workbench.tr(source));
        if (auto w = parseRateText(cellOf(rows[r], kCriterionWeight))) {
            total = total + *w;
            ++counted;
        }
    }
    if (counted == 0)
        m_criteria->setSummary(m_workbench.tr("coalition.criteria_none"));
    else if (total == Rate::one())
        m_criteria->setSummary(m_workbench.tr("coalition.weights_ok"));
    else
        m_criteria->setSummary(
            m_workbench.tr("coalition.weights_off", {wxString::FromUTF8(total.formatPercent())}));
}

void CoalitionEditor::updateKey() {
    const auto rows = m_members->rows();
    const auto lookup = actorLookup();
    const KeyPreview key = previewKey(rows, m_coalition.id, lookup, m_criteria->rows());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int row = static_cast<int>(r);
        const auto a = lookup(cellOf(rows[r], kMemberActor));
        m_members->setComputed(row, kMemberActorName,
                               a ? wxString::FromUTF8(a->second) : wxString());
        wxString share;
        if (key.invalid[r])
            share = wxString();  // its typed share is wrong: no result to show yet
        else if (key.shares[r])
            share = wxString::FromUTF8(key.shares[r]->formatPercent());
        else if (key.status == "ok")
            share = m_workbench.tr("member.not_in_key");
        m_members->setComputed(row, kMemberKeyShare, share);
    }
    wxString line;
    if (key.status == "none")
        line = m_workbench.tr("coalition.key_none");
    else if (key.status == "territory")
        line = m_workbench.tr("coalition.key_territory");
    else if (key.status == "error")
        line = m_workbench.tr("coalition.key_error", {wxString::FromUTF8(key.error->what)});
    else if (key.status == "weights")
        line = m_workbench.tr("coalition.key_weights_off");
    else if (key.stored || key.weights.size() > 1) {
        wxString weights;
        for (const auto& [code, weight] : key.weights)
            weights += (weights.empty() ? "" : ", ") + m_workbench.tr("criterion." + code) + " " +
                       wxString::FromUTF8(weight.formatPercent());
        line =
            m_workbench.tr(key.stored ? "coalition.key_stored" : "coalition.key_equal", {weights});
    } else if (key.entered == Rate::one())
        line = m_workbench.tr("coalition.key_ok");
    else
        line = m_workbench.tr("coalition.key_normalised",
                              {wxString::FromUTF8(key.entered.formatPercent())});
    wxString adjusted;
    for (std::size_t r = 0; r < rows.size(); ++r)
        if (key.shares[r] && !key.bounds[r].empty())
            adjusted += (adjusted.empty() ? "" : ", ") +
                        m_workbench.tr("coalition.bound_" + key.bounds[r],
                                       {wxString::FromUTF8(cellOf(rows[r], kMemberActor))});
    if (!adjusted.empty())
        line += " " + m_workbench.tr("coalition.key_adjusted", {adjusted});
    if (key.status == "ok" && key.maxContributions)
        line += " " + m_workbench.tr("coalition.key_max_preview",
                                     {wxString::FromUTF8(kPreviewResidual.format())});
    if (std::find(key.invalid.begin(), key.invalid.end(), true) != key.invalid.end())
        line += " " + m_workbench.tr("coalition.key_skips_invalid");
    m_members->setSummary(line);
}

std::vector<std::string> CoalitionEditor::newRow(RecordGrid& grid, int& focusColumn) const {
    if (&grid == m_criteria) {
        focusColumn = kCriterionKind;
        return std::vector<std::string>(kCriterionColumnCount);
    }
    focusColumn = kMemberActor;
    std::vector<std::string> cells(kMemberColumnCount);
    cells[kMemberRole] = "member";
    return cells;
}

std::string CoalitionEditor::key() const {
    return objectKey("coalition", m_coalition.id.value);
}

wxString CoalitionEditor::title() const {
    if (!m_coalition.id.valid() && m_coalition.code.empty())
        return m_workbench.tr("coalition.title_new");
    return m_workbench.tr("coalition.title", {wxString::FromUTF8(m_coalition.code)});
}

void CoalitionEditor::retranslateExtra() {
    fitHeaders(*m_members, specWidths(*m_members));
    updateCriteria();
    updateKey();
    m_heading->SetLabel(title());
}

Status CoalitionEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("ui.no_workspace", "no workspace is open", {},
                         "open or create a workspace first (File menu)");
    commitCellEdits();
    // A new coalition has no code yet to name it by.
    const std::string where =
        (m_coalition.id.valid()
             ? m_workbench.tr("coalition.where", {wxString::FromUTF8(m_coalition.code)})
             : title())
            .ToStdString(wxConvUTF8);
    m_form->clearErrors();
    const auto lookup = actorLookup();
    ParsedCoalition parsed = parseCoalitionForm(m_form->values(), m_coalition, lookup);
    if (!parsed.problems.empty())
        return fieldError(parsed.problems, where);
    if (auto e = gridError(where))
        return *e;
    if (const CoalitionKey key = keyFromRows(m_criteria->rows(), {}, m_coalition.id, lookup);
        !key.criteria.empty()) {
        Rate total;
        for (const auto& c : key.criteria)
            total = total + c.weight;
        if (total != Rate::one()) {
            const wxString message = m_workbench.tr("coalition.weights_off",
                                                    {wxString::FromUTF8(total.formatPercent())});
            showError(m_workbench.tr("project.fix_costs", {message}));
            return makeError("ui.key_weights", message.ToStdString(wxConvUTF8), where,
                             "make the weights add up to exactly 100 %");
        }
    }

    Coalition coalition = parsed.coalition;
    const auto rows = m_members->rows();
    m_saving = true;
    Status result;
    try {
        ChangeSet cs(*ws,
                     m_workbench.tr("change.save_coalition", {wxString::FromUTF8(coalition.code)})
                         .ToStdString(wxConvUTF8));
        if (coalition.id.valid())
            Repository<Coalition>(*ws).update(cs, coalition);
        else  // a new coalition: stored first, so that its members and key can name it
            coalition.id = CoalitionId(Repository<Coalition>(*ws).insert(cs, coalition));
        Repository<CoalitionMember> members(*ws);
        // Removals first: a partner deleted and typed again is a new row for the same actor,
        // which the (coalition, actor) uniqueness would otherwise refuse. A member's key rows
        // go before it (and before its row names another actor), inside this undo step.
        for (std::int64_t removed : m_members->removedIds())
            if (auto old = members.get(removed)) {
                removeMemberKeyRows(cs, coalition.id, old->actorId);
                members.remove(cs, removed);
            }
        std::vector<CoalitionMember> parsed;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (!m_members->isBlank(rows[i]))
                parsed.push_back(parseMemberRow(rows, i, coalition.id, lookup).member);
        for (const CoalitionMember& m : parsed)
            if (auto old = m.id.valid() ? members.get(m.id.value) : std::nullopt;
                old && old->actorId != m.actorId)
                removeMemberKeyRows(cs, coalition.id, old->actorId);
        for (const CoalitionMember& m : parsed) {
            if (!m.id.valid()) {
                members.insert(cs, m);
            } else if (auto old = members.get(m.id.value);
                       old && Repository<CoalitionMember>::toRow(*old).values !=
                                  Repository<CoalitionMember>::toRow(m).values) {
                members.update(cs, m);
            }
        }
        saveCoalitionKey(cs, coalition.id,
                         keyFromRows(m_criteria->rows(), rows, coalition.id, lookup));
        result = cs.commit();
    } catch (const KkError& e) {
        result = e.error();
    }
    m_saving = false;
    if (!result) {
        showError(wxString::FromUTF8(describe(result.error())));
        return result;
    }
    load(coalition.id.value);
    stateChanged.emit();
    return {};
}

bool CoalitionEditor::onWorkspaceChanged(const ChangeNotice& notice) {
    if (m_saving)
        return true;
    if (!notice.touches("kk_coalition") && !notice.touches("kk_coalition_member") &&
        !notice.touches("kk_coalition_key_criterion") &&
        !notice.touches("kk_coalition_key_input") && !notice.touches("kk_coalition_key_limit") &&
        !notice.touches("kk_actor"))
        return true;
    if (!m_coalition.id.valid())
        return true;  // a new coalition, not saved yet: nothing stored can have changed it
    Workspace* ws = m_workbench.workspace();
    if (!ws || !Repository<Coalition>(*ws).get(m_coalition.id.value))
        return false;
    if (m_modified) {
        showError(m_workbench.tr("doc.changed_elsewhere"));
        return true;
    }
    load(m_coalition.id.value);
    stateChanged.emit();
    return true;
}

}  // namespace kk::ui
