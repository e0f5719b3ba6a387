// Record grid: choice labels <-> codes, in-cell validation, row operations and paste.
#include "ui/views/record_grid.h"

#include <algorithm>

#include <wx/sizer.h>

#include "ui/app/workbench.h"

namespace kk::ui {
namespace {
const wxColour kBadCell(255, 214, 214);
const wxColour kComputedCell(240, 240, 240);
}  // namespace

RecordGrid::RecordGrid(wxWindow* parent, Workbench& workbench, std::vector<RecordColumn> columns)
    : wxPanel(parent), m_workbench(workbench), m_columns(std::move(columns)) {
    m_grid = new wxGrid(this, wxID_ANY);  // owned by this panel
    m_grid->CreateGrid(0, static_cast<int>(m_columns.size()));
    m_grid->SetRowLabelSize(40);
    for (std::size_t c = 0; c < m_columns.size(); ++c)
        m_grid->SetColSize(static_cast<int>(c), m_columns[c].width);
    refreshLabels();
    m_problem = new wxStaticText(this, wxID_ANY, "");
    m_problem->SetForegroundColour(wxColour(170, 0, 0));
    m_summary = new wxStaticText(this, wxID_ANY, "");

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_grid, 1, wxEXPAND);
    sizer->Add(m_problem, 0, wxEXPAND | wxTOP, 4);
    sizer->Add(m_summary, 0, wxEXPAND | wxTOP, 2);
    SetSizer(sizer);

    m_grid->Bind(wxEVT_GRID_CELL_CHANGED, [this](wxGridEvent& event) {
        changed(event.GetRow(), event.GetCol());
        event.Skip();
    });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        if (event.GetSize().x != m_wrappedWidth && !m_summaryText.empty())
            CallAfter([this] { wrapSummary(); });
        event.Skip();
    });
    m_grid->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& event) {
        showProblemAt(event.GetRow(), event.GetCol());
        event.Skip();
    });
    retranslate();
}

void RecordGrid::refreshLabels() {
    m_labels.assign(m_columns.size(), {});
    for (std::size_t c = 0; c < m_columns.size(); ++c)
        for (const auto& [code, key] : m_columns[c].choices)
            m_labels[c].push_back(m_workbench.tr(key));
}

void RecordGrid::retranslate() {
    // Choice cells show labels: read them as codes with the old labels, then show the new ones.
    const auto current = rows();
    refreshLabels();
    for (std::size_t c = 0; c < m_columns.size(); ++c)
        m_grid->SetColLabelValue(static_cast<int>(c), m_workbench.tr(m_columns[c].labelKey));
    for (std::size_t r = 0; r < current.size(); ++r) {
        prepareRow(static_cast<int>(r));
        for (std::size_t c = 0; c < m_columns.size(); ++c)
            if (m_columns[c].kind == RecordColumn::Kind::Choice)
                setCell(static_cast<int>(r), static_cast<int>(c), current[r].cells[c]);
    }
    if (!current.empty())
        validateAll();
}

void RecordGrid::prepareRow(int row) {
    // Editors and renderers are reference counted by the grid.
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const RecordColumn& column = m_columns[i];
        const int c = static_cast<int>(i);
        switch (column.kind) {
            case RecordColumn::Kind::Choice: {
                wxArrayString labels;
                for (const wxString& label : m_labels[i])
                    labels.Add(label);
                m_grid->SetCellEditor(row, c, new wxGridCellChoiceEditor(labels));
                break;
            }
            case RecordColumn::Kind::Check:
                m_grid->SetCellEditor(row, c, new wxGridCellBoolEditor);
                m_grid->SetCellRenderer(row, c, new wxGridCellBoolRenderer);
                m_grid->SetCellAlignment(row, c, wxALIGN_CENTRE, wxALIGN_CENTRE);
                break;
            case RecordColumn::Kind::ReadOnly:
                m_grid->SetReadOnly(row, c, true);
                m_grid->SetCellBackgroundColour(row, c, kComputedCell);
                break;
            case RecordColumn::Kind::Text:
                break;
        }
        if (column.rightAligned)
            m_grid->SetCellAlignment(row, c, wxALIGN_RIGHT, wxALIGN_CENTRE);
    }
}

void RecordGrid::setCell(int row, int col, const std::string& code) {
    const RecordColumn& column = m_columns[static_cast<std::size_t>(col)];
    wxString text = wxString::FromUTF8(code);
    for (std::size_t k = 0; k < column.choices.size(); ++k)
        if (column.choices[k].first == code)
            text = m_labels[static_cast<std::size_t>(col)][k];
    m_grid->SetCellValue(row, col, text);
}

RecordRow RecordGrid::rowText(int row) const {
    RecordRow out;
    out.id = m_ids[static_cast<std::size_t>(row)];
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        const wxString text = m_grid->GetCellValue(row, static_cast<int>(c));
        std::string cell = text.ToStdString(wxConvUTF8);
        for (std::size_t k = 0; k < m_columns[c].choices.size(); ++k)
            if (text.Strip(wxString::both).IsSameAs(m_labels[c][k], false))
                cell = m_columns[c].choices[k].first;
        out.cells.push_back(std::move(cell));
    }
    return out;
}

std::vector<RecordRow> RecordGrid::rows() const {
    std::vector<RecordRow> out;
    for (int r = 0; r < m_grid->GetNumberRows(); ++r)
        out.push_back(rowText(r));
    return out;
}

bool RecordGrid::isBlank(const RecordRow& row) const {
    for (std::size_t c = 0; c < m_columns.size() && c < row.cells.size(); ++c) {
        const RecordColumn& column = m_columns[c];
        if (column.prefilled || column.kind == RecordColumn::Kind::ReadOnly)
            continue;
        if (wxString::FromUTF8(row.cells[c]).Strip(wxString::both) != "")
            return false;
    }
    return true;
}

void RecordGrid::setRows(const std::vector<RecordRow>& rows) {
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
        for (std::size_t c = 0; c < m_columns.size() && c < rows[r].cells.size(); ++c)
            setCell(row, static_cast<int>(c), rows[r].cells[c]);
        m_ids.push_back(rows[r].id);
    }
}

void RecordGrid::addRow(const std::vector<std::string>& defaults, int focusColumn) {
    if (m_grid->IsCellEditControlEnabled())
        m_grid->SaveEditControlValue();
    m_grid->AppendRows(1);
    const int row = m_grid->GetNumberRows() - 1;
    prepareRow(row);
    m_ids.push_back(0);
    for (std::size_t c = 0; c < defaults.size() && c < m_columns.size(); ++c)
        setCell(row, static_cast<int>(c), defaults[c]);
    m_grid->SetGridCursor(row, focusColumn);
    m_grid->MakeCellVisible(row, focusColumn);
    m_grid->SetFocus();
    edited.emit();
}

void RecordGrid::deleteSelectedRows() {
    wxArrayInt selected = m_grid->GetSelectedRows();
    if (selected.empty() && m_grid->GetGridCursorRow() >= 0)
        selected.Add(m_grid->GetGridCursorRow());
    selected.Sort([](int* a, int* b) { return *b - *a; });  // bottom first: indices stay valid
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
    validateAll();
    edited.emit();
}

bool RecordGrid::pasteText(const std::string& text) {
    const auto table = parseTabularText(text);
    if (table.empty())
        return false;
    if (m_grid->IsCellEditControlEnabled())
        m_grid->DisableCellEditControl();
    const int top = m_grid->GetNumberRows() == 0 ? 0 : std::max(0, m_grid->GetGridCursorRow());
    const int left = std::max(0, m_grid->GetGridCursorCol());
    for (std::size_t r = 0; r < table.size(); ++r) {
        const int row = top + static_cast<int>(r);
        while (row >= m_grid->GetNumberRows()) {
            m_grid->AppendRows(1);
            prepareRow(m_grid->GetNumberRows() - 1);
            m_ids.push_back(0);
        }
        for (std::size_t c = 0; c < table[r].size(); ++c) {
            const int col = left + static_cast<int>(c);
            if (col >= static_cast<int>(m_columns.size()))
                break;
            if (!m_grid->IsReadOnly(row, col))
                setCell(row, col, table[r][c]);
        }
    }
    validateAll();
    showProblemAt(top, left);
    edited.emit();
    return true;
}

void RecordGrid::setComputed(int row, int col, const wxString& text) {
    if (row >= 0 && row < m_grid->GetNumberRows())
        m_grid->SetCellValue(row, col, text);
}

void RecordGrid::setSummary(const wxString& text) {
    m_summaryText = text;
    wrapSummary();
}

void RecordGrid::wrapSummary() {
    m_wrappedWidth = GetClientSize().x;
    m_summary->SetLabel(m_summaryText);
    if (m_wrappedWidth > 200)
        m_summary->Wrap(m_wrappedWidth);
    Layout();
}

wxString RecordGrid::problemText(int row, const CellProblem& problem) const {
    const wxString column =
        m_workbench.tr(m_columns[static_cast<std::size_t>(problem.column)].labelKey);
    const wxString what =
        problem.labelKey.empty()
            ? wxString::FromUTF8(problem.text)
            : m_workbench.tr(problem.labelKey, {wxString::FromUTF8(problem.value)});
    return m_workbench.tr("cost.problem_at", {wxString::Format("%d", row + 1), column, what});
}

void RecordGrid::markRow(int row, const std::vector<CellProblem>& problems) {
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        m_cellProblems.erase({row, static_cast<int>(c)});
        m_grid->SetCellBackgroundColour(row, static_cast<int>(c),
                                        m_columns[c].kind == RecordColumn::Kind::ReadOnly
                                            ? kComputedCell
                                            : m_grid->GetDefaultCellBackgroundColour());
    }
    for (const auto& p : problems) {
        if (m_cellProblems.count({row, p.column}))
            continue;  // one message per cell: the first is the one to fix
        m_cellProblems[{row, p.column}] = problemText(row, p);
        m_grid->SetCellBackgroundColour(row, p.column, kBadCell);
    }
    m_grid->RefreshBlock(row, 0, row, static_cast<int>(m_columns.size()) - 1);
}

void RecordGrid::showProblemAt(int row, int col) {
    auto it = m_cellProblems.find({row, col});
    if (it == m_cellProblems.end() && !m_cellProblems.empty())
        it = m_cellProblems.begin();
    m_problem->SetLabel(it == m_cellProblems.end() ? wxString() : it->second);
    m_firstProblem = m_cellProblems.empty() ? wxString() : m_cellProblems.begin()->second;
    Layout();
}

int RecordGrid::validateAll() {
    m_cellProblems.clear();
    const auto all = rows();
    for (std::size_t r = 0; r < all.size(); ++r) {
        std::vector<CellProblem> problems;
        if (validator && !isBlank(all[r]))
            problems = validator(all, r);
        markRow(static_cast<int>(r), problems);
    }
    showProblemAt(m_grid->GetGridCursorRow(), m_grid->GetGridCursorCol());
    return static_cast<int>(m_cellProblems.size());
}

void RecordGrid::changed(int row, int col) {
    // A whole-grid check: a duplicate in another row may have gone away with this edit.
    validateAll();
    showProblemAt(row, col);
    edited.emit();
}

}  // namespace kk::ui
