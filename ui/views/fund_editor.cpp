// Fund document: layout, loading through the repositories, saving through one ChangeSet.
#include "ui/views/fund_editor.h"

#include <map>

#include <wx/sizer.h>

#include "core/store/repositories.h"
#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

template <class E>
std::vector<std::pair<std::string, std::string>> enumChoices(const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& n : enumNames<E>())
        out.emplace_back(std::string(n.code), prefix + std::string(n.code));
    return out;
}

}  // namespace

FundEditor::FundEditor(wxWindow* parent, Workbench& workbench, std::int64_t id)
    : FormDocument(parent, workbench) {
    buildLayout();
    load(id);
}

void FundEditor::buildLayout() {
    FieldForm& f = *m_form;
    f.addText("code", "fund.code");
    f.addText("name", "fund.name");
    f.addChoice("programme", "fund.programme", {});
    f.addText("grantor", "fund.grantor");
    f.addChoice("type", "fund.type", enumChoices<FundType>("fund.type."));
    f.addText("max_rate", "fund.max_rate");
    f.addChoice("rate_kind", "fund.rate_kind", enumChoices<RateKind>("fund.rate_kind."));
    f.addText("budget", "fund.budget");
    f.addText("cap_per_project", "fund.cap_per_project");
    f.addText("cap_per_partner", "fund.cap_per_partner");
    f.addText("cap_per_year", "fund.cap_per_year");
    f.addText("cumulation_group", "fund.cumulation_group");
    f.addText("priority", "fund.priority");
    f.addText("categories", "fund.categories");
    f.addText("valid_from", "fund.valid_from");
    f.addText("valid_to", "fund.valid_to");

    std::vector<std::pair<std::string, std::string>> statuses;
    for (const auto& n : enumNames<AwardStatus>())
        statuses.emplace_back(std::string(n.code), "award.status." + std::string(n.code));
    using K = RecordColumn::Kind;
    m_awards = addGrid({{"award.col.project", K::Text, 115},
                        {"award.col.project_name", K::ReadOnly, 200},
                        {"award.col.amount", K::Text, 130, true},
                        {"award.col.rate", K::Text, 80, true},
                        {"award.col.status", K::Choice, 110, false, statuses},
                        {"award.col.decided_on", K::Text, 100},
                        {"award.col.conditions", K::Text, 220}});
    m_awards->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseAwardRow(rows, index, m_fund.id, projectLookup()).problems;
    };
    m_awardsEdited = m_awards->edited.connect([this] {
        // Show the project's name next to a typed code, and the new totals.
        const auto rows = m_awards->rows();
        const auto lookup = projectLookup();
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const auto p = lookup(cellOf(rows[r], kAwardProject));
            m_awards->setComputed(static_cast<int>(r), kAwardProjectName,
                                  p ? wxString::FromUTF8(p->second) : wxString());
        }
        updateSummary();
    });

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    sizer->Add(f.sizer(), 0, wxALL | wxEXPAND, 8);
    sizer->Add(sectionLabel("fund.awards"), 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_awards, 1, wxALL | wxEXPAND, 8);
    SetSizer(sizer);
}

ProjectLookup FundEditor::projectLookup() const {
    Workspace* ws = m_workbench.workspace();
    return [ws](std::string_view code) -> std::optional<std::pair<ProjectId, std::string>> {
        if (!ws || code.empty())
            return std::nullopt;
        if (auto p = Repository<Project>(*ws).findByCode(code))
            return std::pair{p->id, p->name};
        return std::nullopt;
    };
}

void FundEditor::load(std::int64_t id) {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    m_loading = true;
    m_form->loading = true;
    clearError();
    m_form->clearErrors();
    if (auto f = Repository<Fund>(*ws).get(id))
        m_fund = *f;
    std::vector<std::pair<std::string, std::string>> programmes{{"", "fund.no_programme"}};
    for (const auto& p : Repository<Programme>(*ws).list({.orderBy = "code"}))
        programmes.emplace_back(std::to_string(p.id.value), "=" + p.code + " — " + p.name);
    m_form->setChoices("programme", programmes);
    for (const auto& [field, value] : fundForm(m_fund)) {
        if (field == "programme" || field == "type" || field == "rate_kind")
            m_form->setChoice(field, value);
        else
            m_form->setText(field, value);
    }

    std::vector<RecordRow> rows;
    Repository<Project> projects(*ws);
    for (const auto& a : Repository<Award>(*ws).list(Query{}.where("fund_id", m_fund.id.value))) {
        const auto p = projects.get(a.projectId.value);
        rows.push_back(awardRow(a, p ? p->code : "?", p ? p->name : ""));
    }
    m_awards->setRows(rows);
    updateSummary();
    m_heading->SetLabel(title());
    m_form->loading = false;
    m_loading = false;
    setModified(false);
    Layout();
}

void FundEditor::updateSummary() {
    const AwardTotals totals = awardTotals(m_awards->rows(), m_fund.id, projectLookup());
    Money budget = m_fund.budget;
    if (auto b = Money::parse(m_form->text("budget")))
        budget = b.value();
    const Money left = budget - totals.granted;
    wxString line = m_workbench.tr(
        "fund.summary",
        {wxString::FromUTF8(totals.granted.format()), wxString::FromUTF8(totals.candidate.format()),
         wxString::FromUTF8(budget.format()), wxString::FromUTF8(left.format())});
    if (left.isNegative())
        line += "  " + m_workbench.tr("fund.over_budget");
    if (totals.invalid > 0)
        line +=
            "  " + m_workbench.tr("cost.total_invalid", {wxString::Format("%d", totals.invalid)});
    m_awards->setSummary(line);
}

std::vector<std::string> FundEditor::newRow(RecordGrid&, int& focusColumn) const {
    focusColumn = kAwardProject;
    std::vector<std::string> cells(kAwardColumnCount);
    cells[kAwardStatus] = "candidate";
    return cells;
}

std::string FundEditor::key() const {
    return objectKey("fund", m_fund.id.value);
}

wxString FundEditor::title() const {
    if (!m_fund.id.valid() && m_fund.code.empty())
        return m_workbench.tr("fund.title_new");
    return m_workbench.tr("fund.title", {wxString::FromUTF8(m_fund.code)});
}

void FundEditor::retranslateExtra() {
    updateSummary();
    m_heading->SetLabel(title());
}

Status FundEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("ui.no_workspace", "no workspace is open", {},
                         "open or create a workspace first (File menu)");
    commitCellEdits();
    // A new fund has no code yet to name it by.
    const std::string where =
        (m_fund.id.valid() ? m_workbench.tr("fund.where", {wxString::FromUTF8(m_fund.code)})
                           : title())
            .ToStdString(wxConvUTF8);
    m_form->clearErrors();
    ParsedFund parsed = parseFundForm(m_form->values(), m_fund);
    if (!parsed.problems.empty())
        return fieldError(parsed.problems, where);
    if (auto e = gridError(where))
        return *e;

    Fund fund = parsed.fund;
    const auto lookup = projectLookup();
    const auto rows = m_awards->rows();
    m_saving = true;
    Status result;
    try {
        ChangeSet cs(*ws, m_workbench.tr("change.save_fund", {wxString::FromUTF8(fund.code)})
                              .ToStdString(wxConvUTF8));
        if (fund.id.valid())
            Repository<Fund>(*ws).update(cs, fund);
        else  // a new fund: stored first, so that its award rows can name it
            fund.id = FundId(Repository<Fund>(*ws).insert(cs, fund));
        Repository<Award> awards(*ws);
        for (std::int64_t removed : m_awards->removedIds())
            awards.remove(cs, removed);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (m_awards->isBlank(rows[i]))
                continue;
            Award award = parseAwardRow(rows, i, fund.id, lookup).award;
            if (!award.id.valid()) {
                awards.insert(cs, award);
                continue;
            }
            // Keep what the grid does not show (call, BBC coding) as stored.
            const auto old = awards.get(award.id.value);
            if (!old)
                continue;
            Award merged = *old;
            merged.projectId = award.projectId;
            merged.amount = award.amount;
            merged.rate = award.rate;
            merged.status = award.status;
            merged.decidedOn = award.decidedOn;
            merged.conditions = award.conditions;
            if (Repository<Award>::toRow(merged).values != Repository<Award>::toRow(*old).values)
                awards.update(cs, merged);
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
    load(fund.id.value);
    stateChanged.emit();
    return {};
}

bool FundEditor::onWorkspaceChanged(const ChangeNotice& notice) {
    if (m_saving)
        return true;
    if (!notice.touches("kk_fund") && !notice.touches("kk_award") &&
        !notice.touches("kk_project") && !notice.touches("kk_programme"))
        return true;
    if (!m_fund.id.valid())
        return true;  // a new fund, not saved yet: nothing stored can have changed it
    Workspace* ws = m_workbench.workspace();
    if (!ws || !Repository<Fund>(*ws).get(m_fund.id.value))
        return false;
    if (m_modified) {
        showError(m_workbench.tr("doc.changed_elsewhere"));
        return true;
    }
    load(m_fund.id.value);
    stateChanged.emit();
    return true;
}

}  // namespace kk::ui
