// Cost-items grid: editing, in-cell validation, row operations and spreadsheet paste.
#include "ui/views/cost_grid.h"

#include <wx/clipbrd.h>
#include <wx/dataobj.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "ui/app/workbench.h"

namespace kk::ui {
namespace {
const wxColour kBadCell(255, 214, 214);

/// A text editor that suggests the usual categories while typing. A choice editor would lose
/// the first typed letter (it does not take the key that starts editing), and other
/// categories must stay possible.
class CategoryEditor : public wxGridCellTextEditor {
  public:
    void Create(wxWindow* parent, wxWindowID id, wxEvtHandler* handler) override {
        wxGridCellTextEditor::Create(parent, id, handler);
        wxArrayString categories;
        for (const auto& c : costCategorySuggestions())
            categories.Add(wxString::FromUTF8(c));
        Text()->AutoComplete(categories);
    }
    wxGridCellEditor* Clone() const override { return new CategoryEditor; }
};
}  // namespace

CostGrid::CostGrid(wxWindow* parent, Workbench& workbench)
    : wxPanel(parent), m_workbench(workbench) {
    m_grid = new wxGrid(this, wxID_ANY);  // owned by this panel
    m_grid->CreateGrid(0, kCostColumnCount);
    m_grid->SetRowLabelSize(40);
    m_grid->SetDefaultColSize(110);
    m_grid->SetColSize(kCostDescription, 260);
    m_grid->SetColSize(kCostAmount, 130);
    m_grid->SetColSize(kCostYear, 60);
    m_grid->SetColSize(kCostEligible, 90);
    m_grid->SetColSize(kCostCode, 110);
    m_grid->SetColSize(kCostCategory, 140);

    m_problem = new wxStaticText(this, wxID_ANY, "");
    m_problem->SetForegroundColour(wxColour(170, 0, 0));
    m_total = new wxStaticText(this, wxID_ANY, "");

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_grid, 1, wxEXPAND);
    sizer->Add(m_problem, 0, wxEXPAND | wxTOP, 4);
    sizer->Add(m_total, 0, wxEXPAND | wxTOP, 2);
    SetSizer(sizer);

    m_grid->Bind(wxEVT_GRID_CELL_CHANGED, [this](wxGridEvent& event) {
        validateRow(event.GetRow());
        showProblemAt(event.GetRow(), event.GetCol());
        updateTotal();
        edited.emit();
        event.Skip();
    });
    m_grid->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& event) {
        showProblemAt(event.GetRow(), event.GetCol());
        event.Skip();
    });
    retranslate();
}

void CostGrid::retranslate() {
    const auto& keys = costColumnLabelKeys();
    for (int c = 0; c < kCostColumnCount; ++c)
        m_grid->SetColLabelValue(c, m_workbench.tr(keys[static_cast<std::size_t>(c)]));
    updateTotal();
}

void CostGrid::prepareRow(int row) {
    // Editors and renderers are reference counted by the grid.
    m_grid->SetCellEditor(row, kCostCategory, new CategoryEditor);
    m_grid->SetCellEditor(row, kCostEligible, new wxGridCellBoolEditor);
    m_grid->SetCellRenderer(row, kCostEligible, new wxGridCellBoolRenderer);
    m_grid->SetCellAlignment(row, kCostAmount, wxALIGN_RIGHT, wxALIGN_CENTRE);
    m_grid->SetCellAlignment(row, kCostEligible, wxALIGN_CENTRE, wxALIGN_CENTRE);
    // Codes are given on save; stored codes are keys other data refers to.
    m_grid->SetReadOnly(row, kCostCode, true);
    m_grid->SetCellTextColour(row, kCostCode, wxColour(90, 90, 90));
}

void CostGrid::setRows(const std::vector<CostRowText>& rows) {
    if (m_grid->GetNumberRows() > 0)
        m_grid->DeleteRows(0, m_grid->GetNumberRows());
    m_ids.clear();
    m_removed.clear();
    m_cellProblems.clear();
    m_firstProblem.clear();
    m_problem->SetLabel("");
    m_grid->AppendRows(static_cast<int>(rows.size()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int row = static_cast<int>(r);
        prepareRow(row);
        for (int c = 0; c < kCostColumnCount; ++c)
            m_grid->SetCellValue(row, c,
                                 wxString::FromUTF8(rows[r].cells[static_cast<std::size_t>(c)]));
        m_ids.push_back(rows[r].id);
    }
}

CostRowText CostGrid::rowText(int row) const {
    CostRowText text;
    text.id = m_ids[static_cast<std::size_t>(row)];
    for (int c = 0; c < kCostColumnCount; ++c)
        text.cells[static_cast<std::size_t>(c)] =
            m_grid->GetCellValue(row, c).ToStdString(wxConvUTF8);
    return text;
}

std::vector<CostRowText> CostGrid::rows() const {
    std::vector<CostRowText> out;
    for (int r = 0; r < m_grid->GetNumberRows(); ++r)
        out.push_back(rowText(r));
    return out;
}

void CostGrid::addRow() {
    if (m_grid->IsCellEditControlEnabled())
        m_grid->SaveEditControlValue();
    m_grid->AppendRows(1);
    const int row = m_grid->GetNumberRows() - 1;
    prepareRow(row);
    m_ids.push_back(0);
    m_grid->SetCellValue(row, kCostEligible, "1");
    m_grid->SetCellValue(row, kCostYear, wxString::Format("%d", Date::today().year()));
    m_grid->SetGridCursor(row, kCostCategory);
    m_grid->MakeCellVisible(row, kCostCategory);
    m_grid->SetFocus();
    edited.emit();
}

void CostGrid::deleteSelectedRows() {
    wxArrayInt selected = m_grid->GetSelectedRows();
    if (selected.empty() && m_grid->GetGridCursorRow() >= 0)
        selected.Add(m_grid->GetGridCursorRow());
    selected.Sort(
        [](int* a, int* b) { return *b - *a; });  // bottom rows first, so indices stay valid
    for (int row : selected) {
        if (row < 0 || row >= m_grid->GetNumberRows())
            continue;
        if (m_ids[static_cast<std::size_t>(row)] > 0)
            m_removed.push_back(m_ids[static_cast<std::size_t>(row)]);
        m_ids.erase(m_ids.begin() + row);
        m_grid->DeleteRows(row, 1);
    }
    if (selected.empty())
        return;
    // Problems are keyed by row: rows below the deleted ones moved up, so check them again.
    m_cellProblems.clear();
    for (int r = 0; r < m_grid->GetNumberRows(); ++r)
        validateRow(r);
    showProblemAt(m_grid->GetGridCursorRow(), m_grid->GetGridCursorCol());
    updateTotal();
    edited.emit();
}

bool CostGrid::pasteFromClipboard() {
    std::string text;
    if (wxTheClipboard->Open()) {
        if (wxTheClipboard->IsSupported(wxDF_UNICODETEXT)) {
            wxTextDataObject data;
            wxTheClipboard->GetData(data);
            text = data.GetText().ToStdString(wxConvUTF8);
        }
        wxTheClipboard->Close();
    }
    if (text.empty()) {
        m_workbench.report(Severity::Warning, m_workbench.tr("cost.paste_empty"));
        return false;
    }
    return pasteText(text);
}

bool CostGrid::pasteText(const std::string& text) {
    const auto table = parseTabularText(text);
    if (table.empty())
        return false;
    if (m_grid->IsCellEditControlEnabled())
        m_grid->DisableCellEditControl();
    int top = std::max(0, m_grid->GetGridCursorRow());
    int left = std::max(0, m_grid->GetGridCursorCol());
    // The code column is given on save: pasting there starts at the category instead.
    if (left == kCostCode)
        left = kCostCategory;
    if (m_grid->GetNumberRows() == 0)
        top = 0;
    for (std::size_t r = 0; r < table.size(); ++r) {
        const int row = top + static_cast<int>(r);
        while (row >= m_grid->GetNumberRows()) {
            m_grid->AppendRows(1);
            const int added = m_grid->GetNumberRows() - 1;
            prepareRow(added);
            m_ids.push_back(0);
            m_grid->SetCellValue(added, kCostEligible, "1");
        }
        for (std::size_t c = 0; c < table[r].size(); ++c) {
            const int col = left + static_cast<int>(c);
            if (col >= kCostColumnCount)
                break;
            m_grid->SetCellValue(row, col, wxString::FromUTF8(table[r][c]));
        }
        validateRow(row);
    }
    updateTotal();
    m_workbench.report(Severity::Info,
                       m_workbench.tr("cost.pasted", {wxString::Format("%zu", table.size())}));
    showProblemAt(top, left);
    edited.emit();
    return true;
}

wxString CostGrid::problemText(int row, const CellProblem& problem) const {
    const wxString column =
        m_workbench.tr(costColumnLabelKeys()[static_cast<std::size_t>(problem.column)]);
    const wxString what =
        problem.labelKey.empty()
            ? wxString::FromUTF8(problem.text)
            : m_workbench.tr(problem.labelKey, {wxString::FromUTF8(problem.value)});
    return m_workbench.tr("cost.problem_at", {wxString::Format("%d", row + 1), column, what});
}

void CostGrid::markRow(int row, const ParsedCostRow& parsed) {
    for (int c = 0; c < kCostColumnCount; ++c) {
        m_cellProblems.erase({row, c});
        m_grid->SetCellBackgroundColour(row, c, m_grid->GetDefaultCellBackgroundColour());
    }
    for (const auto& p : parsed.problems) {
        m_cellProblems[{row, p.column}] = problemText(row, p);
        m_grid->SetCellBackgroundColour(row, p.column, kBadCell);
    }
    m_grid->RefreshBlock(row, 0, row, kCostColumnCount - 1);
}

void CostGrid::validateRow(int row) {
    if (row < 0 || row >= m_grid->GetNumberRows())
        return;
    const CostRowText text = rowText(row);
    if (isBlankRow(text)) {
        markRow(row, {});
        return;
    }
    ParsedCostRow parsed = parseCostRow(text, projectForValidation, actorLookup);
    // Show amounts the way they will be stored, so "1234,5" reads back as "€ 1.234,50".
    if (parsed.problems.end() ==
        std::find_if(parsed.problems.begin(), parsed.problems.end(),
                     [](const CellProblem& p) { return p.column == kCostAmount; }))
        m_grid->SetCellValue(row, kCostAmount, wxString::FromUTF8(parsed.item.amount.format()));
    // "ja", "yes", "x" from a spreadsheet become the check box's own values.
    if (parsed.problems.end() ==
        std::find_if(parsed.problems.begin(), parsed.problems.end(),
                     [](const CellProblem& p) { return p.column == kCostEligible; }))
        m_grid->SetCellValue(row, kCostEligible, parsed.item.eligible ? "1" : "");
    markRow(row, parsed);
}

void CostGrid::showProblemAt(int row, int col) {
    auto it = m_cellProblems.find({row, col});
    if (it == m_cellProblems.end() && !m_cellProblems.empty())
        it = m_cellProblems.begin();
    m_problem->SetLabel(it == m_cellProblems.end() ? wxString() : it->second);
    m_firstProblem = m_cellProblems.empty() ? wxString() : m_cellProblems.begin()->second;
    Layout();
}

int CostGrid::validateAll(ProjectId project, const ActorLookup& actors) {
    projectForValidation = project;
    actorLookup = actors;
    for (int r = 0; r < m_grid->GetNumberRows(); ++r)
        validateRow(r);
    showProblemAt(m_grid->GetGridCursorRow(), m_grid->GetGridCursorCol());
    updateTotal();
    return static_cast<int>(m_cellProblems.size());
}

void CostGrid::updateTotal() {
    Money total;
    int valid = 0;
    int invalid = 0;
    for (int r = 0; r < m_grid->GetNumberRows(); ++r) {
        const CostRowText text = rowText(r);
        if (isBlankRow(text))
            continue;
        const ParsedCostRow parsed = parseCostRow(text, projectForValidation, actorLookup);
        if (parsed.problems.empty()) {
            total += parsed.item.amount;
            ++valid;
        } else {
            ++invalid;
        }
    }
    wxString line = m_workbench.tr(
        "cost.total", {wxString::FromUTF8(total.format()), wxString::Format("%d", valid)});
    if (invalid > 0)
        line += "  " + m_workbench.tr("cost.total_invalid", {wxString::Format("%d", invalid)});
    m_total->SetLabel(line);
    Layout();
}

}  // namespace kk::ui
