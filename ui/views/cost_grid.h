// The cost-items grid of a project document: a wxGrid with one row per cost item, validation in
// the cell (red background, message under the grid), row insertion and paste of TAB-separated
// text from a spreadsheet. It edits text only; the project editor saves it in one ChangeSet.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <wx/grid.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include "core/base/signal.h"
#include "ui/views/cost_rows.h"

namespace kk::ui {

class Workbench;

class CostGrid : public wxPanel {
  public:
    CostGrid(wxWindow* parent, Workbench& workbench);

    /// Replaces the rows (after loading or saving); forgets removed rows and problems.
    void setRows(const std::vector<CostRowText>& rows);
    std::vector<CostRowText> rows() const;
    /// Ids of stored rows the user deleted since setRows().
    const std::vector<std::int64_t>& removedIds() const { return m_removed; }

    /// Appends an empty row and puts the cursor on its category cell.
    void addRow();
    /// Deletes the selected rows (or the cursor's row).
    void deleteSelectedRows();
    /// Pastes the clipboard's text at the cursor, adding rows as needed. False: nothing pasted.
    bool pasteFromClipboard();
    /// Pastes TAB-separated text at the cursor (what pasteFromClipboard does with the text).
    bool pasteText(const std::string& text);

    /// Validates every row, marks bad cells and shows the first problem. Returns the number of
    /// problems. `project` and `actors` are what parseCostRow needs.
    int validateAll(ProjectId project, const ActorLookup& actors);
    /// The message of the first problem ("Row 2, Amount: ..."), empty when none.
    wxString firstProblem() const { return m_firstProblem; }
    /// Recomputes the line under the grid: total of the valid rows, number of rows in error.
    void updateTotal();

    wxGrid& grid() { return *m_grid; }
    void retranslate();

    /// A cell was edited, a row added, deleted or pasted.
    Signal<> edited;
    /// Set by the editor so cell edits are validated as they happen.
    ProjectId projectForValidation;
    ActorLookup actorLookup;

  private:
    CostRowText rowText(int row) const;
    void markRow(int row, const ParsedCostRow& parsed);
    void validateRow(int row);
    void showProblemAt(int row, int col);
    wxString problemText(int row, const CellProblem& problem) const;
    void prepareRow(int row);

    Workbench& m_workbench;
    wxGrid* m_grid = nullptr;  // owned by this panel (wx parent)
    wxStaticText* m_problem = nullptr;
    wxStaticText* m_total = nullptr;
    std::vector<std::int64_t> m_ids;  ///< stored id per grid row (0: new)
    std::vector<std::int64_t> m_removed;
    std::map<std::pair<int, int>, wxString> m_cellProblems;
    wxString m_firstProblem;
};

}  // namespace kk::ui
