// Project document: layout, loading from repositories and saving through one ChangeSet.
#include "ui/views/project_editor.h"

#include <algorithm>
#include <map>

#include <wx/sizer.h>

#include "core/model/validation.h"
#include "core/plugin/plugin_manager.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

std::optional<Date> parseOptionalDate(const wxString& text, bool& ok) {
    ok = true;
    const std::string t = text.Strip(wxString::both).ToStdString(wxConvUTF8);
    if (t.empty())
        return std::nullopt;
    auto d = Date::parse(t);
    if (!d) {
        ok = false;
        return std::nullopt;
    }
    return d.value();
}

wxString toText(const std::optional<Date>& d) {
    return d ? wxString(d->toString()) : wxString();
}

int s_newCounter = 0;

}  // namespace

ProjectEditor::ProjectEditor(wxWindow* parent, Workbench& workbench, std::int64_t id)
    : DocumentView(parent, workbench) {
    buildLayout();
    load(id);
}

void ProjectEditor::buildLayout() {
    auto label = [this](const std::string& key) {
        auto* text = new wxStaticText(this, wxID_ANY, m_workbench.tr(key));  // owned by panel
        m_labels.emplace_back(text, key);
        return text;
    };
    m_heading = new wxStaticText(this, wxID_ANY, "");
    m_heading->SetFont(m_heading->GetFont().Bold().Scaled(1.3f));
    m_error = new wxStaticText(this, wxID_ANY, "");
    m_error->SetForegroundColour(wxColour(170, 0, 0));

    m_code = new wxTextCtrl(this, wxID_ANY);
    m_name = new wxTextCtrl(this, wxID_ANY);
    m_status = new wxChoice(this, wxID_ANY);
    m_start = new wxTextCtrl(this, wxID_ANY);
    m_end = new wxTextCtrl(this, wxID_ANY);
    m_area = new wxChoice(this, wxID_ANY);
    m_coalition = new wxChoice(this, wxID_ANY);
    m_applicant = new wxChoice(this, wxID_ANY);
    m_programmes = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 90));
    m_description =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 60), wxTE_MULTILINE);
    m_costs = new CostGrid(this, m_workbench);

    auto* fields = new wxFlexGridSizer(2, 6, 8);
    fields->AddGrowableCol(1, 1);
    const std::pair<const char*, wxWindow*> rows[] = {{"project.code", m_code},
                                                      {"project.name", m_name},
                                                      {"project.status", m_status},
                                                      {"project.start", m_start},
                                                      {"project.end", m_end},
                                                      {"project.area", m_area},
                                                      {"project.coalition", m_coalition},
                                                      {"project.applicant", m_applicant}};
    for (const auto& [key, field] : rows) {
        fields->Add(label(key), 0, wxALIGN_CENTER_VERTICAL);
        fields->Add(field, 1, wxEXPAND);
    }
    auto* side = new wxBoxSizer(wxVERTICAL);
    side->Add(label("project.programmes"), 0, wxBOTTOM, 2);
    side->Add(m_programmes, 0, wxEXPAND | wxBOTTOM, 6);
    side->Add(label("project.description"), 0, wxBOTTOM, 2);
    side->Add(m_description, 1, wxEXPAND);

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(fields, 1, wxEXPAND | wxRIGHT, 16);
    top->Add(side, 1, wxEXPAND);

    auto* costsHeading = label("project.costs");
    costsHeading->SetFont(costsHeading->GetFont().Bold());
    m_formsSizer = new wxBoxSizer(wxVERTICAL);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    sizer->Add(top, 0, wxALL | wxEXPAND, 8);
    sizer->Add(m_formsSizer, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    sizer->Add(costsHeading, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(m_costs, 1, wxALL | wxEXPAND, 8);
    SetSizer(sizer);

    auto changed = [this](wxEvent& event) {
        if (!m_loading)
            setModified(true);
        event.Skip();
    };
    for (wxTextCtrl* t : {m_code, m_name, m_start, m_end, m_description})
        t->Bind(wxEVT_TEXT, changed);
    for (wxChoice* c : {m_status, m_area, m_coalition, m_applicant})
        c->Bind(wxEVT_CHOICE, changed);
    m_programmes->Bind(wxEVT_CHECKLISTBOX, [this, changed](wxCommandEvent& event) {
        syncProgrammeForms();
        changed(event);
    });
    m_costsEdited = m_costs->edited.connect([this] { setModified(true); });
}

void ProjectEditor::fillLinkChoices(Workspace& ws) {
    // Entry 0 of each choice is "none"; the ids run parallel to the entries.
    auto fill = [this](wxChoice& choice, std::vector<std::int64_t>& ids, std::int64_t current,
                       const std::vector<std::pair<std::int64_t, std::string>>& entries) {
        choice.Clear();
        ids.assign(1, 0);
        choice.Append(m_workbench.tr("project.none"));
        int selected = 0;
        for (const auto& [id, text] : entries) {
            if (id == current)
                selected = static_cast<int>(ids.size());
            ids.push_back(id);
            choice.Append(wxString::FromUTF8(text));
        }
        choice.SetSelection(selected);
    };
    // Areas: every area except other projects' perimeters (the xl workspace has 20,000 of
    // those), read kind by kind, and this project's own area whatever its kind.
    std::vector<std::pair<std::int64_t, std::string>> areas;
    Repository<Area> areaRepo(ws);
    const std::int64_t ownArea = m_project.areaId ? m_project.areaId->value : 0;
    for (const auto& kind : enumNames<AreaKind>()) {
        if (kind.value == AreaKind::Perimeter)
            continue;
        for (const Area& a : areaRepo.list(Query{}.where("kind", std::string(kind.code))))
            areas.emplace_back(
                a.id.value,
                a.name + " (" + a.code + ") — " +
                    m_workbench.tr("area." + std::string(kind.code)).ToStdString(wxConvUTF8));
    }
    std::sort(areas.begin(), areas.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    if (ownArea &&
        std::none_of(areas.begin(), areas.end(), [&](const auto& a) { return a.first == ownArea; }))
        if (auto own = areaRepo.get(ownArea))
            areas.insert(areas.begin(), {own->id.value, own->name + " (" + own->code + ")"});
    fill(*m_area, m_areaIds, ownArea, areas);

    std::vector<std::pair<std::int64_t, std::string>> coalitions;
    for (const Coalition& c : Repository<Coalition>(ws).list({.orderBy = "code"}))
        coalitions.emplace_back(c.id.value, c.code + " — " + c.name);
    fill(*m_coalition, m_coalitionIds, m_project.coalitionId ? m_project.coalitionId->value : 0,
         coalitions);

    std::vector<std::pair<std::int64_t, std::string>> actors;
    for (const Actor& a : Repository<Actor>(ws).list({.orderBy = "code"}))
        actors.emplace_back(a.id.value, a.code + " — " + a.name);
    fill(*m_applicant, m_applicantIds, m_project.applicantId ? m_project.applicantId->value : 0,
         actors);
}

ActorLookup ProjectEditor::actorLookup() const {
    Workspace* ws = m_workbench.workspace();
    return [ws](std::string_view code) -> std::optional<ActorId> {
        if (!ws)
            return std::nullopt;
        if (auto a = Repository<Actor>(*ws).findByCode(code))
            return a->id;
        return std::nullopt;
    };
}

void ProjectEditor::load(std::int64_t id) {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    m_loading = true;
    m_error->SetLabel("");
    Repository<Project> projects(*ws);
    if (id > 0) {
        if (auto p = projects.get(id))
            m_project = *p;
    } else {
        m_project = Project{};
        m_newNumber = ++s_newCounter;
        for (std::int64_t n = projects.count() + 1;; ++n) {
            const std::string code =
                wxString::Format("P%04lld", static_cast<long long>(n)).ToStdString();
            if (!projects.findByCode(code)) {
                m_project.code = code;
                break;
            }
        }
    }
    m_code->ChangeValue(wxString::FromUTF8(m_project.code));
    m_name->ChangeValue(wxString::FromUTF8(m_project.name));
    m_start->ChangeValue(toText(m_project.start));
    m_end->ChangeValue(toText(m_project.end));
    m_description->ChangeValue(wxString::FromUTF8(m_project.description));
    fillStatusChoices();
    fillLinkChoices(*ws);

    m_programmes->Clear();
    m_programmeRows.clear();
    const auto linked =
        m_project.id.valid() ? projectProgrammes(*ws, m_project.id) : std::vector<ProgrammeId>{};
    for (const auto& programme : Repository<Programme>(*ws).list({.orderBy = "code"})) {
        const int index =
            m_programmes->Append(wxString::FromUTF8(programme.code + " — " + programme.name));
        m_programmeRows.push_back(programme);
        if (std::find(linked.begin(), linked.end(), programme.id) != linked.end())
            m_programmes->Check(static_cast<unsigned>(index));
    }

    // The forms are read afresh: every section is rebuilt from what is stored.
    m_storedForms =
        m_project.id.valid() ? loadProgrammeForms(*ws, m_project.id) : std::vector<ProgrammeForm>{};
    m_municipalities = plugin::MunicipalityDirectory::load(*ws);
    for (ProgrammeFormPanel* panel : m_formPanels) {
        m_formsSizer->Detach(panel);
        panel->Destroy();
    }
    m_formPanels.clear();
    syncProgrammeForms();

    std::vector<CostRowText> rows;
    if (m_project.id.valid()) {
        Repository<Actor> actors(*ws);
        std::map<std::int64_t, std::string> actorCodes;
        for (const auto& item :
             Repository<CostItem>(*ws).list(Query{}.where("project_id", m_project.id.value))) {
            std::string partner;
            if (item.partnerId) {
                auto& code = actorCodes[item.partnerId->value];
                if (code.empty())
                    if (auto a = actors.get(item.partnerId->value))
                        code = a->code;
                partner = code;
            }
            rows.push_back(costRowFromItem(item, partner));
        }
    }
    m_costs->setRows(rows);
    m_costs->projectForValidation = m_project.id;
    m_costs->actorLookup = actorLookup();
    m_costs->updateTotal();
    m_heading->SetLabel(title());
    m_loading = false;
    setModified(false);
    Layout();
}

std::vector<const plugin::ProgrammeType*> ProjectEditor::formTypesOf(
    const std::string& pluginId) const {
    std::vector<const plugin::ProgrammeType*> out;
    for (const auto& c : m_workbench.plugins().registry().programmeTypes)
        if (c.pluginId == pluginId && !c.item.fields.empty())
            out.push_back(&c.item);
    return out;
}

void ProjectEditor::syncProgrammeForms() {
    std::vector<ProgrammeFormPanel*> panels;
    for (unsigned i = 0; i < m_programmes->GetCount(); ++i) {
        if (!m_programmes->IsChecked(i))
            continue;
        const Programme& programme = m_programmeRows[i];
        auto open = std::find_if(m_formPanels.begin(), m_formPanels.end(),
                                 [&](const auto* p) { return p->programme().id == programme.id; });
        if (open != m_formPanels.end()) {
            panels.push_back(*open);
            m_formPanels.erase(open);
            continue;
        }
        auto types = formTypesOf(programme.pluginId);
        if (types.empty())
            continue;  // the plugin declares no form, or it is not loaded
        auto* panel = new ProgrammeFormPanel(this, m_workbench, programme, std::move(types),
                                             m_municipalities);  // owned by this panel
        auto stored = std::find_if(m_storedForms.begin(), m_storedForms.end(),
                                   [&](const auto& f) { return f.programme == programme.id; });
        panel->load(stored == m_storedForms.end() ? nullptr : &*stored);
        panel->onChange = [this] {
            if (!m_loading)
                setModified(true);
        };
        panels.push_back(panel);
    }
    // What is left was unchecked: its form goes with the programme on save.
    for (ProgrammeFormPanel* gone : m_formPanels)
        gone->Destroy();
    m_formPanels = std::move(panels);
    m_formsSizer->Clear(false);
    for (ProgrammeFormPanel* panel : m_formPanels)
        m_formsSizer->Add(panel, 0, wxEXPAND | wxBOTTOM, 8);
    Layout();
}

ProgrammeFormPanel* ProjectEditor::programmeForm(std::string_view programmeCode) const {
    for (ProgrammeFormPanel* panel : m_formPanels)
        if (panel->programme().code == programmeCode)
            return panel;
    return nullptr;
}

void ProjectEditor::fillStatusChoices() {
    m_status->Clear();
    m_statusValues.clear();
    const ProjectStatus current = m_project.status;
    for (const auto& n : enumNames<ProjectStatus>()) {
        if (n.value != current && !isAllowedTransition(current, n.value))
            continue;
        m_statusValues.push_back(n.value);
        m_status->Append(m_workbench.tr("status." + std::string(n.code)));
        if (n.value == current)
            m_status->SetSelection(static_cast<int>(m_statusValues.size() - 1));
    }
}

bool ProjectEditor::selectStatus(std::string_view code) {
    for (std::size_t i = 0; i < m_statusValues.size(); ++i)
        if (toCode(m_statusValues[i]) == code) {
            m_status->SetSelection(static_cast<int>(i));
            setModified(true);
            return true;
        }
    return false;
}

std::string ProjectEditor::key() const {
    if (m_project.id.valid())
        return "project:" + std::to_string(m_project.id.value);
    return "project:new:" + std::to_string(m_newNumber);
}

wxString ProjectEditor::title() const {
    if (!m_project.id.valid())
        return m_workbench.tr("project.new_title", {wxString::FromUTF8(m_project.code)});
    return wxString::FromUTF8(m_project.code + " " + m_project.name);
}

void ProjectEditor::setModified(bool modified) {
    if (m_modified == modified)
        return;
    m_modified = modified;
    stateChanged.emit();
}

void ProjectEditor::showError(const wxString& text) {
    m_error->SetLabel(text);
    m_error->Wrap(std::max(200, GetClientSize().x - 16));
    Layout();
}

Status ProjectEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("ui.no_workspace", "no workspace is open", {},
                         "open or create a workspace first (File menu)");
    if (m_costs->grid().IsCellEditControlEnabled())
        m_costs->grid().SaveEditControlValue();

    Project p = m_project;
    p.code = m_code->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
    p.name = m_name->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
    p.description = m_description->GetValue().ToStdString(wxConvUTF8);
    if (const int s = m_status->GetSelection(); s != wxNOT_FOUND)
        p.status = m_statusValues[static_cast<std::size_t>(s)];
    auto chosen = [](const wxChoice& choice, const std::vector<std::int64_t>& ids) {
        const int i = choice.GetSelection();
        return i > 0 ? ids[static_cast<std::size_t>(i)] : 0;  // entry 0: none
    };
    if (const std::int64_t a = chosen(*m_area, m_areaIds))
        p.areaId = AreaId(a);
    else
        p.areaId.reset();
    if (const std::int64_t c = chosen(*m_coalition, m_coalitionIds))
        p.coalitionId = CoalitionId(c);
    else
        p.coalitionId.reset();
    if (const std::int64_t a = chosen(*m_applicant, m_applicantIds))
        p.applicantId = ActorId(a);
    else
        p.applicantId.reset();
    bool ok = true;
    p.start = parseOptionalDate(m_start->GetValue(), ok);
    if (!ok) {
        showError(m_workbench.tr("project.bad_date",
                                 {m_workbench.tr("project.start"), m_start->GetValue()}));
        return makeError("ui.bad_date", m_error->GetLabel().ToStdString(wxConvUTF8),
                         "project " + p.code);
    }
    p.end = parseOptionalDate(m_end->GetValue(), ok);
    if (!ok) {
        showError(
            m_workbench.tr("project.bad_date", {m_workbench.tr("project.end"), m_end->GetValue()}));
        return makeError("ui.bad_date", m_error->GetLabel().ToStdString(wxConvUTF8),
                         "project " + p.code);
    }

    if (m_costs->validateAll(p.id, actorLookup()) > 0) {
        showError(m_workbench.tr("project.fix_costs", {m_costs->firstProblem()}));
        return makeError("ui.cost_rows_invalid", m_costs->firstProblem().ToStdString(wxConvUTF8),
                         m_workbench.tr("project.where_costs", {wxString::FromUTF8(p.code)})
                             .ToStdString(wxConvUTF8),
                         m_workbench.tr("project.hint_fix_cells").ToStdString(wxConvUTF8));
    }

    std::vector<ProgrammeId> programmes;
    for (unsigned i = 0; i < m_programmes->GetCount(); ++i)
        if (m_programmes->IsChecked(i))
            programmes.push_back(m_programmeRows[i].id);

    // Every form is read before anything is written: one refused field and nothing is saved.
    std::vector<ProgrammeForm> forms;
    for (ProgrammeFormPanel* panel : m_formPanels) {
        auto reading = panel->read();
        if (reading.error) {
            showError(m_workbench.tr("project.fix_costs", {reading.message}));
            Error e = *reading.error;
            e.where = m_workbench.tr("project.where", {wxString::FromUTF8(p.code)})
                          .ToStdString(wxConvUTF8) +
                      ", " + e.where;
            return e;
        }
        if (reading.form)
            forms.push_back(std::move(*reading.form));
    }

    m_saving = true;
    Status result;
    try {
        ChangeSet cs(*ws, m_workbench.tr("change.save_project", {wxString::FromUTF8(p.code)})
                              .ToStdString(wxConvUTF8));
        Repository<Project> projects(*ws);
        Repository<CostItem> items(*ws);
        if (p.id.valid())
            projects.update(cs, p);
        else
            p.id = ProjectId(projects.insert(cs, p));
        setProjectProgrammes(cs, p.id, programmes);

        std::vector<std::string> usedCodes;
        const auto rows = m_costs->rows();
        for (const auto& row : rows)
            usedCodes.push_back(row.cells[kCostCode]);
        for (const auto& existing : items.list(Query{}.where("project_id", p.id.value)))
            usedCodes.push_back(existing.code);
        for (std::int64_t removed : m_costs->removedIds())
            items.remove(cs, removed);
        for (const auto& row : rows) {
            if (isBlankRow(row))
                continue;
            CostItem item = parseCostRow(row, p.id, actorLookup()).item;
            if (item.code.empty()) {
                item.code = nextCostCode(p.code, usedCodes);
                usedCodes.push_back(item.code);
            }
            if (!item.id.valid()) {
                items.insert(cs, item);
            } else if (auto old = items.get(item.id.value);
                       !old || Repository<CostItem>::toRow(*old).values !=
                                   Repository<CostItem>::toRow(item).values) {
                items.update(cs, item);
            }
        }
        for (const ProgrammeForm& form : forms)
            saveProgrammeForm(cs, p.id, form);
        result = cs.commit();
    } catch (const KkError& e) {
        result = e.error();
    }
    m_saving = false;
    if (!result) {
        showError(describe(result.error()));
        return result;
    }
    load(p.id.value);
    stateChanged.emit();
    return {};
}

bool ProjectEditor::onWorkspaceChanged(const ChangeNotice& notice) {
    if (m_saving)
        return true;
    if (!notice.touches("kk_project") && !notice.touches("kk_cost_item") &&
        !notice.touches("kk_project_programme") && !notice.touches("kk_programme") &&
        !notice.touches("kk_project_field"))
        return true;
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return false;
    if (!m_project.id.valid())
        return true;  // a new, unsaved project is not in the workspace yet
    if (!Repository<Project>(*ws).get(m_project.id.value))
        return false;  // e.g. its creation was undone
    if (m_modified) {
        showError(m_workbench.tr("project.changed_elsewhere"));
        return true;
    }
    load(m_project.id.value);
    stateChanged.emit();
    return true;
}

void ProjectEditor::retranslate() {
    for (auto& [text, key] : m_labels)
        text->SetLabel(m_workbench.tr(key));
    const bool modified = m_modified;
    const int selection = m_status->GetSelection();
    m_loading = true;
    fillStatusChoices();
    m_status->SetSelection(selection);
    m_loading = false;
    m_modified = modified;
    m_costs->retranslate();
    for (ProgrammeFormPanel* panel : m_formPanels)
        panel->retranslate();
    m_heading->SetLabel(title());
    Layout();
}

bool ProjectEditor::canHandleCommand(std::string_view commandId) const {
    return commandId == "costs.add_row" || commandId == "costs.delete_row" ||
           commandId == "edit.paste";
}

bool ProjectEditor::handleCommand(std::string_view commandId) {
    if (commandId == "costs.add_row") {
        m_costs->addRow();
        return true;
    }
    if (commandId == "costs.delete_row") {
        m_costs->deleteSelectedRows();
        return true;
    }
    if (commandId == "edit.paste")
        return m_costs->pasteFromClipboard();
    return false;
}

}  // namespace kk::ui
