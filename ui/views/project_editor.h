// The project document: the project's fields (status offers only the transitions core/model
// allows), its programmes, the application form of each programme whose plugin declares one
// ("Programmaformulier"), and its cost items in a grid. Save writes all of it in one ChangeSet,
// so one undo step takes the whole edit back.
#pragma once

#include <optional>

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/model/entities.h"
#include "core/plugin/programme_fields.h"
#include "core/store/project_fields.h"
#include "ui/views/cost_grid.h"
#include "ui/views/document_area.h"
#include "ui/views/programme_form_panel.h"

namespace kk::ui {

class ProjectEditor : public DocumentView {
  public:
    /// `id` 0 starts a new project with a proposed code.
    ProjectEditor(wxWindow* parent, Workbench& workbench, std::int64_t id);

    std::string key() const override;
    wxString title() const override;
    bool isModified() const override { return m_modified; }
    bool canSave() const override { return true; }
    Status save() override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;
    void retranslate() override;
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;

    std::int64_t projectId() const { return m_project.id.value; }
    CostGrid& costs() { return *m_costs; }
    wxTextCtrl& nameField() { return *m_name; }
    wxTextCtrl& codeField() { return *m_code; }
    wxChoice& statusField() { return *m_status; }
    wxChoice& areaField() { return *m_area; }
    wxChoice& coalitionField() { return *m_coalition; }
    wxChoice& applicantField() { return *m_applicant; }
    /// Selects a status by its code ("application"); false when it is not offered now.
    bool selectStatus(std::string_view code);
    wxCheckListBox& programmesField() { return *m_programmes; }
    /// The message shown under the heading (a refused save says why here).
    wxString errorText() const { return m_error->GetLabel(); }
    /// The form section of a programme of the project (by programme code); nullptr when the
    /// programme is not checked or its plugin declares no form.
    ProgrammeFormPanel* programmeForm(std::string_view programmeCode) const;

  private:
    /// Area, coalition and applicant choices for the project as loaded.
    void fillLinkChoices(Workspace& ws);
    void buildLayout();
    void load(std::int64_t id);
    void fillStatusChoices();
    /// Makes the form sections match the checked programmes: keeps the open ones (with what
    /// was typed), adds the newly checked (filled from m_storedForms), drops the unchecked.
    void syncProgrammeForms();
    /// The programme types of a plugin that have a form, as the loaded plugins registered them.
    std::vector<const plugin::ProgrammeType*> formTypesOf(const std::string& pluginId) const;
    void setModified(bool modified);
    void showError(const wxString& text);
    ActorLookup actorLookup() const;

    Project m_project;
    std::vector<Programme> m_programmeRows;    ///< the checklist's programme per index
    std::vector<ProgrammeForm> m_storedForms;  ///< as loaded
    plugin::MunicipalityDirectory m_municipalities;
    bool m_modified = false;
    bool m_loading = false;
    bool m_saving = false;
    int m_newNumber = 0;  ///< distinguishes unsaved new projects' keys

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_heading = nullptr;
    wxStaticText* m_error = nullptr;
    wxTextCtrl* m_code = nullptr;
    wxTextCtrl* m_name = nullptr;
    wxChoice* m_status = nullptr;
    wxChoice* m_area = nullptr;
    wxChoice* m_coalition = nullptr;
    wxChoice* m_applicant = nullptr;
    std::vector<std::int64_t> m_areaIds;  ///< per entry of m_area (0: none); likewise below
    std::vector<std::int64_t> m_coalitionIds;
    std::vector<std::int64_t> m_applicantIds;
    wxTextCtrl* m_start = nullptr;
    wxTextCtrl* m_end = nullptr;
    wxCheckListBox* m_programmes = nullptr;
    wxTextCtrl* m_description = nullptr;
    CostGrid* m_costs = nullptr;
    wxBoxSizer* m_formsSizer = nullptr;                           // held by the panel's sizer
    std::vector<ProgrammeFormPanel*> m_formPanels;                ///< in checklist order
    std::vector<std::pair<wxStaticText*, std::string>> m_labels;  ///< label, catalog key
    std::vector<ProjectStatus> m_statusValues;
    Signal<>::Connection m_costsEdited;
};

}  // namespace kk::ui
