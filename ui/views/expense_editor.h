// The expenses document of one project (Project › Uitgaven van het project): invoices and
// vouchers in a grid (typed, or pasted from a spreadsheet), each checked in its cells and
// optionally booked on one of the project's cost items. Save writes every change in one
// ChangeSet (one undo step). The line under the grid sets what was spent against the cost.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/model/entities.h"
#include "ui/views/expense_rows.h"
#include "ui/views/form_document.h"

namespace kk::ui {

class ExpenseEditor : public FormDocument {
  public:
    ExpenseEditor(wxWindow* parent, Workbench& workbench, std::int64_t projectId);

    std::string key() const override;
    wxString title() const override;
    Status save() override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;
    std::int64_t projectId() const { return m_project.id.value; }
    RecordGrid& expenses() { return *m_expenses; }

  protected:
    std::vector<std::string> newRow(RecordGrid& grid, int& focusColumn) const override;
    void retranslateExtra() override;

  private:
    void buildLayout();
    void load();
    void updateSummary();
    CostItemLookup costItemLookup() const;

    Project m_project;
    Money m_costTotal;  ///< of the project's cost items, as last loaded
    std::map<std::string, std::int64_t> m_costItems;  ///< their codes and ids, as last loaded
    RecordGrid* m_expenses = nullptr;                 // child owned by this panel
    Signal<>::Connection m_edited;
};

}  // namespace kk::ui
