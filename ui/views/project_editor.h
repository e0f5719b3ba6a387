// The project document: the project's fields (status offers only the transitions core/model
// allows), its programmes, and its cost items in a grid. Save writes all of it in one ChangeSet,
// so one undo step takes the whole edit back.
#pragma once

#include <optional>

#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/model/entities.h"
#include "ui/views/cost_grid.h"
#include "ui/views/document_area.h"

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
    /// Selects a status by its code ("application"); false when it is not offered now.
    bool selectStatus(std::string_view code);

  private:
    void buildLayout();
    void load(std::int64_t id);
    void fillStatusChoices();
    void setModified(bool modified);
    void showError(const wxString& text);
    ActorLookup actorLookup() const;

    Project m_project;
    std::vector<ProgrammeId> m_programmeIds;  ///< the checklist's programme per index
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
    wxTextCtrl* m_start = nullptr;
    wxTextCtrl* m_end = nullptr;
    wxCheckListBox* m_programmes = nullptr;
    wxTextCtrl* m_description = nullptr;
    CostGrid* m_costs = nullptr;
    std::vector<std::pair<wxStaticText*, std::string>> m_labels;  ///< label, catalog key
    std::vector<ProjectStatus> m_statusValues;
    Signal<>::Connection m_costsEdited;
};

}  // namespace kk::ui
