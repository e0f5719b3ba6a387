// Coalition document: layout, loading through the repositories, the key preview, saving.
#include "ui/views/coalition_editor.h"

#include <algorithm>

#include <wx/sizer.h>

#include "core/store/repositories.h"
#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {

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
    // The resulting share sits next to the typed one: what you type and what it means.
    m_members = addGrid({{"member.col.actor", K::Text, 105},
                         {"member.col.actor_name", K::ReadOnly, 180},
                         {"member.col.role", K::Choice, 110, false, roles},
                         {"member.col.share", K::Text, 105, true},
                         {"member.col.key_share", K::ReadOnly, 145, true},
                         {"member.col.mandate", K::Text, 170},
                         {"member.col.joined", K::Text, 90},
                         {"member.col.left", K::Text, 95}});
    m_members->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseMemberRow(rows, index, m_coalition.id, actorLookup()).problems;
    };
    m_membersEdited = m_members->edited.connect([this] { updateKey(); });

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    sizer->Add(f.sizer(), 0, wxALL | wxEXPAND, 8);
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

    std::vector<RecordRow> rows;
    for (const auto& m : Repository<CoalitionMember>(*ws).list(
             Query{}.where("coalition_id", m_coalition.id.value))) {
        const auto a = actors.get(m.actorId.value);
        rows.push_back(memberRow(m, a ? a->code : "?", a ? a->name : ""));
    }
    m_members->setRows(rows);
    updateKey();
    m_heading->SetLabel(title());
    m_form->loading = false;
    m_loading = false;
    setModified(false);
    Layout();
}

void CoalitionEditor::updateKey() {
    const auto rows = m_members->rows();
    const auto lookup = actorLookup();
    const KeyPreview key = previewKey(rows, m_coalition.id, lookup);
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
    else if (key.status == "error")
        line = m_workbench.tr("coalition.key_error", {wxString::FromUTF8(key.error->what)});
    else if (key.entered == Rate::one())
        line = m_workbench.tr("coalition.key_ok");
    else
        line = m_workbench.tr("coalition.key_normalised",
                              {wxString::FromUTF8(key.entered.formatPercent())});
    if (std::find(key.invalid.begin(), key.invalid.end(), true) != key.invalid.end())
        line += " " + m_workbench.tr("coalition.key_skips_invalid");
    m_members->setSummary(line);
}

std::vector<std::string> CoalitionEditor::newRow(RecordGrid&, int& focusColumn) const {
    focusColumn = kMemberActor;
    std::vector<std::string> cells(kMemberColumnCount);
    cells[kMemberRole] = "member";
    return cells;
}

std::string CoalitionEditor::key() const {
    return "coalition:" + std::to_string(m_coalition.id.value);
}

wxString CoalitionEditor::title() const {
    return m_workbench.tr("coalition.title", {wxString::FromUTF8(m_coalition.code)});
}

void CoalitionEditor::retranslateExtra() {
    updateKey();
    m_heading->SetLabel(title());
}

Status CoalitionEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("ui.no_workspace", "no workspace is open", {},
                         "open or create a workspace first (File menu)");
    commitCellEdits();
    const std::string where =
        m_workbench.tr("coalition.where", {wxString::FromUTF8(m_coalition.code)})
            .ToStdString(wxConvUTF8);
    m_form->clearErrors();
    const auto lookup = actorLookup();
    ParsedCoalition parsed = parseCoalitionForm(m_form->values(), m_coalition, lookup);
    if (!parsed.problems.empty())
        return fieldError(parsed.problems, where);
    if (auto e = gridError(where))
        return *e;

    const Coalition& coalition = parsed.coalition;
    const auto rows = m_members->rows();
    m_saving = true;
    Status result;
    try {
        ChangeSet cs(*ws,
                     m_workbench.tr("change.save_coalition", {wxString::FromUTF8(coalition.code)})
                         .ToStdString(wxConvUTF8));
        Repository<Coalition>(*ws).update(cs, coalition);
        Repository<CoalitionMember> members(*ws);
        // Removals first: a partner deleted and typed again is a new row for the same actor,
        // which the (coalition, actor) uniqueness would otherwise refuse.
        for (std::int64_t removed : m_members->removedIds())
            members.remove(cs, removed);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (m_members->isBlank(rows[i]))
                continue;
            const CoalitionMember m = parseMemberRow(rows, i, coalition.id, lookup).member;
            if (!m.id.valid()) {
                members.insert(cs, m);
            } else if (auto old = members.get(m.id.value);
                       old && Repository<CoalitionMember>::toRow(*old).values !=
                                  Repository<CoalitionMember>::toRow(m).values) {
                members.update(cs, m);
            }
        }
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
        !notice.touches("kk_actor"))
        return true;
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
