// A grid of records for the fund, coalition and indicator editors: text cells with column
// kinds (text, choice, check box, read-only), validation in the cell through a function the
// editor gives (red background, message under the grid), row insertion and deletion, and paste
// of TAB-separated text. It edits text only; the editor parses the rows and saves them in one
// ChangeSet, as the project editor does with its cost grid.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <wx/grid.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include "core/base/signal.h"
#include "ui/views/record_rows.h"

namespace kk::ui {

class Workbench;

/// One column of a RecordGrid.
struct RecordColumn {
    enum class Kind { Text, Choice, Check, ReadOnly };
    std::string labelKey;
    Kind kind = Kind::Text;
    int width = 110;
    bool rightAligned = false;
    /// Choice columns: (stored code, catalog key of its label). The cell shows the label; the
    /// rows carry the code. Text that matches no label is passed on as typed, so the parser
    /// can say what is wrong with it.
    std::vector<std::pair<std::string, std::string>> choices;
    /// Pre-filled by addRow (a year, a check box): such a cell alone does not make a row.
    bool prefilled = false;
};

class RecordGrid : public wxPanel {
  public:
    /// Checks one row given all rows (for duplicates); returns the problems of its cells.
    using Validator = std::function<std::vector<CellProblem>(const std::vector<RecordRow>& rows,
                                                             std::size_t index)>;

    RecordGrid(wxWindow* parent, Workbench& workbench, std::vector<RecordColumn> columns);

    /// Replaces the rows (after loading or saving); forgets removed rows and problems.
    void setRows(const std::vector<RecordRow>& rows);
    std::vector<RecordRow> rows() const;
    /// Ids of stored rows the user deleted since setRows().
    const std::vector<std::int64_t>& removedIds() const { return m_removed; }
    /// True when every cell that is not pre-filled or read-only is blank (ignored on save).
    bool isBlank(const RecordRow& row) const;

    /// Appends a row with `defaults` (codes; may be shorter than the columns), cursor on
    /// column `focusColumn`.
    void addRow(const std::vector<std::string>& defaults = {}, int focusColumn = 0);
    void deleteSelectedRows();
    bool pasteText(const std::string& text);

    /// Validates every row, marks bad cells, shows the first problem; returns the count.
    int validateAll();
    wxString firstProblem() const { return m_firstProblem; }
    /// Sets a read-only cell (computed values such as a resulting share).
    void setComputed(int row, int col, const wxString& text);
    /// Sets the line under the grid (totals, resulting shares...).
    void setSummary(const wxString& text);

    wxGrid& grid() { return *m_grid; }
    const std::vector<RecordColumn>& columns() const { return m_columns; }
    void retranslate();

    Validator validator;
    /// A cell was edited, a row added, deleted or pasted (after validation).
    Signal<> edited;

  private:
    void prepareRow(int row);
    /// Looks up the choice labels in the current language.
    void refreshLabels();
    RecordRow rowText(int row) const;
    void setCell(int row, int col, const std::string& code);
    wxString problemText(int row, const CellProblem& problem) const;
    void markRow(int row, const std::vector<CellProblem>& problems);
    void showProblemAt(int row, int col);
    void changed(int row, int col);
    /// Wraps the summary to the panel's width (long key explanations need two lines).
    void wrapSummary();

    Workbench& m_workbench;
    std::vector<RecordColumn> m_columns;
    wxGrid* m_grid = nullptr;  // children owned by this panel (wx parent ownership)
    wxStaticText* m_problem = nullptr;
    wxStaticText* m_summary = nullptr;
    /// Per column, the label shown for each choice: what rowText maps back to codes (kept
    /// until retranslate has read the cells, so a language switch does not lose the codes).
    std::vector<std::vector<wxString>> m_labels;
    std::vector<std::int64_t> m_ids;
    std::vector<std::int64_t> m_removed;
    std::map<std::pair<int, int>, wxString> m_cellProblems;
    wxString m_firstProblem;
    wxString m_summaryText;
    int m_wrappedWidth = 0;
};

}  // namespace kk::ui
