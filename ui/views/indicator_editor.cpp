// Indicators document: picking an indicator, loading through the repositories, saving.
#include "ui/views/indicator_editor.h"

#include <set>

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

template <class E>
std::vector<E> ofProject(Workspace& ws, std::int64_t indicator, std::int64_t project) {
    Query q;
    q.where("indicator_id", indicator)
        .where("subject_kind", "project")
        .where("subject_id", project);
    q.orderBy = "year";
    return Repository<E>(ws).list(q);
}

}  // namespace

IndicatorEditor::IndicatorEditor(wxWindow* parent, Workbench& workbench, std::int64_t projectId)
    : FormDocument(parent, workbench) {
    if (Workspace* ws = m_workbench.workspace())
        if (auto p = Repository<Project>(*ws).get(projectId))
            m_project = *p;
    buildLayout();
    std::int64_t first = 0;
    if (Workspace* ws = m_workbench.workspace()) {
        // Start with an indicator this project has data for, else the first one.
        for (const auto& i : Repository<Indicator>(*ws).list({.orderBy = "code"})) {
            if (!first)
                first = i.id.value;
            if (!ofProject<Target>(*ws, i.id.value, projectId).empty() ||
                !ofProject<Measurement>(*ws, i.id.value, projectId).empty()) {
                first = i.id.value;
                break;
            }
        }
    }
    load(first);
}

void IndicatorEditor::buildLayout() {
    m_pickLabel = new wxStaticText(this, wxID_ANY, m_workbench.tr("indicator.pick"));
    m_pick = new wxChoice(this, wxID_ANY);
    m_pick->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int s = m_pick->GetSelection();
        if (s != wxNOT_FOUND && !showIndicator(m_pickIds[static_cast<std::size_t>(s)]))
            fillPicker();  // kept the current one: show it selected again
    });

    FieldForm& f = *m_form;
    f.addText("code", "indicator.code");
    f.addText("name", "indicator.name");
    f.addText("unit", "indicator.unit");
    f.addChoice("type", "indicator.type", enumChoices<IndicatorType>("indicator.type."));
    f.addChoice("direction", "indicator.direction", enumChoices<Direction>("indicator.direction."));
    f.addChoice("aggregation", "indicator.aggregation",
                enumChoices<Aggregation>("indicator.aggregation."));
    f.addText("numerator", "indicator.numerator");
    f.addText("denominator", "indicator.denominator");

    using K = RecordColumn::Kind;
    m_targets = addGrid({{"target.col.year", K::Text, 70, false, {}, true},
                         {"target.col.baseline", K::Text, 100, true},
                         {"target.col.value", K::Text, 115, true},
                         {"target.col.milestone", K::Check, 90, false, {}, true}});
    m_targets->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseTargetRow(rows, index, m_indicator.id, subject()).problems;
    };
    m_measurements = addGrid({{"measurement.col.year", K::Text, 70, false, {}, true},
                              {"measurement.col.value", K::Text, 110, true},
                              {"measurement.col.source", K::Text, 240}});
    m_measurements->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseMeasurementRow(rows, index, m_indicator.id, subject()).problems;
    };
    m_targetsEdited = m_targets->edited.connect([this] { updateSummary(); });
    m_measurementsEdited = m_measurements->edited.connect([this] { updateSummary(); });

    auto* pickRow = new wxBoxSizer(wxHORIZONTAL);
    pickRow->Add(m_pickLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    pickRow->Add(m_pick, 1, wxEXPAND);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(sectionLabel("indicator.targets"), 0, wxBOTTOM, 4);
    left->Add(m_targets, 1, wxEXPAND);
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(sectionLabel("indicator.measurements"), 0, wxBOTTOM, 4);
    right->Add(m_measurements, 1, wxEXPAND);
    auto* grids = new wxBoxSizer(wxHORIZONTAL);
    grids->Add(left, 1, wxEXPAND | wxRIGHT, 16);
    grids->Add(right, 1, wxEXPAND);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    sizer->Add(pickRow, 0, wxALL | wxEXPAND, 8);
    sizer->Add(sectionLabel("indicator.definition"), 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(f.sizer(), 0, wxALL | wxEXPAND, 8);
    sizer->Add(grids, 1, wxALL | wxEXPAND, 8);
    SetSizer(sizer);
}

void IndicatorEditor::fillPicker() {
    Workspace* ws = m_workbench.workspace();
    m_pick->Clear();
    m_pickIds.clear();
    if (!ws)
        return;
    for (const auto& i : Repository<Indicator>(*ws).list({.orderBy = "code"})) {
        m_pick->Append(wxString::FromUTF8(i.code + " — " + i.name));
        m_pickIds.push_back(i.id.value);
    }
    m_pick->Append(m_workbench.tr("indicator.new_entry"));
    m_pickIds.push_back(0);
    for (std::size_t k = 0; k < m_pickIds.size(); ++k)
        if (m_pickIds[k] == m_indicator.id.value)
            m_pick->SetSelection(static_cast<int>(k));
}

bool IndicatorEditor::showIndicator(std::int64_t indicatorId) {
    if (indicatorId == m_indicator.id.value && indicatorId != 0)
        return true;
    if (m_modified &&
        !m_workbench.prompts().confirm(
            this, m_workbench.tr("app.name"),
            m_workbench.tr("indicator.discard", {wxString::FromUTF8(m_indicator.code)})))
        return false;
    load(indicatorId);
    return true;
}

void IndicatorEditor::load(std::int64_t indicatorId) {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    m_loading = true;
    m_form->loading = true;
    clearError();
    m_form->clearErrors();
    Repository<Indicator> indicators(*ws);
    m_indicator = Indicator{};
    if (auto i = indicatorId > 0 ? indicators.get(indicatorId) : std::nullopt) {
        m_indicator = *i;
    } else {
        std::vector<std::string> used;
        for (const auto& i : indicators.list())
            used.push_back(i.code);
        m_indicator.code = nextIndicatorCode(used);
    }
    for (const auto& [field, value] : indicatorForm(m_indicator)) {
        if (field == "type" || field == "direction" || field == "aggregation")
            m_form->setChoice(field, value);
        else
            m_form->setText(field, value);
    }
    std::vector<RecordRow> targets;
    std::vector<RecordRow> measurements;
    if (m_indicator.id.valid()) {
        for (const auto& t : ofProject<Target>(*ws, m_indicator.id.value, m_project.id.value))
            targets.push_back(targetRow(t));
        for (const auto& m : ofProject<Measurement>(*ws, m_indicator.id.value, m_project.id.value))
            measurements.push_back(measurementRow(m));
    }
    m_targets->setRows(targets);
    m_measurements->setRows(measurements);
    fillPicker();
    updateSummary();
    m_heading->SetLabel(title());
    m_form->loading = false;
    m_loading = false;
    // A new indicator is created only when the user saves it.
    setModified(false);
    stateChanged.emit();
    Layout();
}

void IndicatorEditor::updateSummary() {
    const auto targets = m_targets->rows();
    const auto measurements = m_measurements->rows();
    std::optional<Target> target;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const ParsedTarget t = parseTargetRow(targets, i, m_indicator.id, subject());
        if (t.problems.empty() && (!target || t.target.year > target->year))
            target = t.target;
    }
    std::optional<Measurement> last;
    for (std::size_t i = 0; i < measurements.size(); ++i) {
        const ParsedMeasurement m = parseMeasurementRow(measurements, i, m_indicator.id, subject());
        if (m.problems.empty() && (!last || m.measurement.year > last->year))
            last = m.measurement;
    }
    const wxString unit = wxString::FromUTF8(m_indicator.unit);
    wxString line = last ? m_workbench.tr("indicator.last_measurement",
                                          {wxString::FromUTF8(decimalText(last->value)), unit,
                                           wxString::Format("%d", last->year)})
                         : m_workbench.tr("indicator.no_measurement");
    if (target)
        line += wxString::FromUTF8("  ·  ") +
                m_workbench.tr("indicator.final_target",
                               {wxString::FromUTF8(decimalText(target->value)), unit,
                                wxString::Format("%d", target->year)});
    m_measurements->setSummary(line);
}

std::vector<std::string> IndicatorEditor::newRow(RecordGrid& grid, int& focusColumn) const {
    focusColumn = 1;  // the year is filled in: the value is what the user types next
    int year = Date::today().year();
    for (const auto& row : grid.rows())
        if (auto y = parseYear(cellOf(row, 0)); y && *y >= year)
            year = *y + 1;
    if (&grid == m_targets)
        return {std::to_string(year), "", "", ""};
    return {std::to_string(year), "", ""};
}

std::string IndicatorEditor::key() const {
    return "indicators:" + std::to_string(m_project.id.value);
}

wxString IndicatorEditor::title() const {
    return m_workbench.tr("indicator.title", {wxString::FromUTF8(m_project.code)});
}

void IndicatorEditor::retranslateExtra() {
    m_pickLabel->SetLabel(m_workbench.tr("indicator.pick"));
    fillPicker();
    updateSummary();
    m_heading->SetLabel(title());
}

Status IndicatorEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("ui.no_workspace", "no workspace is open", {},
                         "open or create a workspace first (File menu)");
    commitCellEdits();
    const std::string where = m_workbench
                                  .tr("indicator.where", {wxString::FromUTF8(m_indicator.code),
                                                          wxString::FromUTF8(m_project.code)})
                                  .ToStdString(wxConvUTF8);
    m_form->clearErrors();
    Repository<Indicator> indicators(*ws);
    auto taken = [&](const std::string& code) { return indicators.findByCode(code).has_value(); };
    ParsedIndicator parsed = parseIndicatorForm(m_form->values(), m_indicator, taken);
    if (!parsed.problems.empty())
        return fieldError(parsed.problems, where);
    if (auto e = gridError(where))
        return *e;

    Indicator indicator = parsed.indicator;
    const auto targetRows = m_targets->rows();
    const auto measurementRows = m_measurements->rows();
    m_saving = true;
    Status result;
    try {
        ChangeSet cs(*ws, m_workbench
                              .tr("change.save_indicator", {wxString::FromUTF8(indicator.code),
                                                            wxString::FromUTF8(m_project.code)})
                              .ToStdString(wxConvUTF8));
        if (indicator.id.valid())
            indicators.update(cs, indicator);
        else
            indicator.id = IndicatorId(indicators.insert(cs, indicator));
        Repository<Target> targets(*ws);
        for (std::int64_t removed : m_targets->removedIds())
            targets.remove(cs, removed);
        for (std::size_t i = 0; i < targetRows.size(); ++i) {
            if (m_targets->isBlank(targetRows[i]))
                continue;
            const Target t = parseTargetRow(targetRows, i, indicator.id, subject()).target;
            if (!t.id.valid())
                targets.insert(cs, t);
            else if (auto old = targets.get(t.id.value);
                     old &&
                     Repository<Target>::toRow(*old).values != Repository<Target>::toRow(t).values)
                targets.update(cs, t);
        }
        Repository<Measurement> measurements(*ws);
        for (std::int64_t removed : m_measurements->removedIds())
            measurements.remove(cs, removed);
        for (std::size_t i = 0; i < measurementRows.size(); ++i) {
            if (m_measurements->isBlank(measurementRows[i]))
                continue;
            const Measurement m =
                parseMeasurementRow(measurementRows, i, indicator.id, subject()).measurement;
            if (!m.id.valid())
                measurements.insert(cs, m);
            else if (auto old = measurements.get(m.id.value);
                     old && Repository<Measurement>::toRow(*old).values !=
                                Repository<Measurement>::toRow(m).values)
                measurements.update(cs, m);
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
    load(indicator.id.value);
    stateChanged.emit();
    return {};
}

bool IndicatorEditor::onWorkspaceChanged(const ChangeNotice& notice) {
    if (m_saving)
        return true;
    if (!notice.touches("kk_indicator") && !notice.touches("kk_target") &&
        !notice.touches("kk_measurement") && !notice.touches("kk_project"))
        return true;
    Workspace* ws = m_workbench.workspace();
    if (!ws || !Repository<Project>(*ws).get(m_project.id.value))
        return false;
    if (m_modified && m_indicator.id.valid()) {
        showError(m_workbench.tr("doc.changed_elsewhere"));
        return true;
    }
    if (m_modified)
        return true;  // a new indicator being typed: keep it
    m_project = *Repository<Project>(*ws).get(m_project.id.value);
    // An undone creation takes the indicator away: show the first one (or a new one) instead.
    const bool exists =
        m_indicator.id.valid() && Repository<Indicator>(*ws).get(m_indicator.id.value);
    std::int64_t id = exists ? m_indicator.id.value : 0;
    if (!exists)
        if (auto all = Repository<Indicator>(*ws).list({.orderBy = "code", .limit = 1});
            !all.empty())
            id = all.front().id.value;
    load(id);
    stateChanged.emit();
    return true;
}

}  // namespace kk::ui
