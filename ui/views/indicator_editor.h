// The indicators document of one project: pick an indicator (or start a new one), edit its
// definition (code, name, unit, type, direction, aggregation, ratio parts), and the project's
// targets per year and measurements per year in two grids. Save writes the definition, targets
// and measurements in one ChangeSet (one undo step). The definition is shared by every project
// that uses the indicator; targets and measurements are this project's own.
#pragma once

#include <wx/choice.h>

#include "core/model/entities.h"
#include "ui/views/form_document.h"
#include "ui/views/indicator_rows.h"

namespace kk::ui {

class IndicatorEditor : public FormDocument {
  public:
    IndicatorEditor(wxWindow* parent, Workbench& workbench, std::int64_t projectId);

    std::string key() const override;
    wxString title() const override;
    Status save() override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;

    std::int64_t projectId() const { return m_project.id.value; }
    std::int64_t indicatorId() const { return m_indicator.id.value; }
    /// Shows another indicator (0: a new one); asks first when there are unsaved changes.
    /// False when the user keeps the current one.
    bool showIndicator(std::int64_t indicatorId);
    RecordGrid& targets() { return *m_targets; }
    RecordGrid& measurements() { return *m_measurements; }
    wxChoice& indicatorChoice() { return *m_pick; }

  protected:
    std::vector<std::string> newRow(RecordGrid& grid, int& focusColumn) const override;
    void retranslateExtra() override;

  private:
    void buildLayout();
    void load(std::int64_t indicatorId);
    void fillPicker();
    void updateSummary();
    Subject subject() const { return {SubjectKind::Project, m_project.id.value}; }

    Project m_project;
    Indicator m_indicator;
    std::vector<std::int64_t> m_pickIds;  ///< indicator id per picker entry (0: new)
    wxStaticText* m_pickLabel = nullptr;  // children owned by this panel
    wxChoice* m_pick = nullptr;
    RecordGrid* m_targets = nullptr;
    RecordGrid* m_measurements = nullptr;
    Signal<>::Connection m_targetsEdited;
    Signal<>::Connection m_measurementsEdited;
};

}  // namespace kk::ui
