// Expenses document: layout, loading through the repositories, saving through one ChangeSet.
#include "ui/views/expense_editor.h"

#include <map>

#include <wx/sizer.h>

#include "core/store/changeset.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

/// "5,5 %": spent against cost to one decimal, rounded half up; "—" without cost.
wxString spentText(Money spent, Money cost) {
    if (cost.cents() <= 0)
        return wxString::FromUTF8("—");
    // Per mille, rounded half up, in integers: exact for any amount that fits in cents.
    const __int128 scaled = static_cast<__int128>(spent.cents()) * 2000 / cost.cents();
    const auto perMille = static_cast<long long>((scaled + 1) / 2);
    return wxString::Format("%lld,%lld %%", perMille / 10, perMille % 10);
}

}  // namespace

ExpenseEditor::ExpenseEditor(wxWindow* parent, Workbench& workbench, std::int64_t projectId)
    : FormDocument(parent, workbench) {
    if (Workspace* ws = m_workbench.workspace())
        if (auto p = Repository<Project>(*ws).get(projectId))
            m_project = *p;
    buildLayout();
    load();
}

void ExpenseEditor::buildLayout() {
    using K = RecordColumn::Kind;
    m_expenses = addGrid({{"expense.col.code", K::Text, 120},
                          {"expense.col.cost_item", K::Text, 120},
                          {"expense.col.date", K::Text, 100},
                          {"expense.col.amount", K::Text, 130, true},
                          {"expense.col.vat", K::Text, 110, true},
                          {"expense.col.document", K::Text, 130},
                          {"expense.col.description", K::Text, 300}});
    m_expenses->validator = [this](const std::vector<RecordRow>& rows, std::size_t index) {
        return parseExpenseRow(rows, index, m_project.id, costItemLookup()).problems;
    };
    m_edited = m_expenses->edited.connect([this] { updateSummary(); });

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxEXPAND, 8);
    wxStaticText* hint = sectionLabel("expense.hint");
    hint->SetFont(GetFont());  // a hint, not a heading
    sizer->Add(hint, 0, wxLEFT | wxRIGHT, 8);
    sizer->Add(m_expenses, 1, wxALL | wxEXPAND, 8);
    SetSizer(sizer);
}

CostItemLookup ExpenseEditor::costItemLookup() const {
    // The project's own cost items, as last loaded (an expense is booked on its project);
    // every cell edit checks every row, so no query per cell.
    return [this](std::string_view code) -> std::optional<CostItemId> {
        if (auto it = m_costItems.find(std::string(code)); it != m_costItems.end())
            return CostItemId(it->second);
        return std::nullopt;
    };
}

void ExpenseEditor::load() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    m_loading = true;
    clearError();
    std::map<std::int64_t, std::string> itemCodes;
    m_costItems.clear();
    m_costTotal = Money();
    for (const CostItem& c :
         Repository<CostItem>(*ws).list(Query{}.where("project_id", m_project.id.value))) {
        itemCodes[c.id.value] = c.code;
        m_costItems[c.code] = c.id.value;
        m_costTotal += c.amount;
    }
    std::vector<RecordRow> rows;
    Query byDate = Query{}.where("project_id", m_project.id.value);
    byDate.orderBy = "date";
    for (const Expense& e : Repository<Expense>(*ws).list(byDate))
        rows.push_back(expenseRow(e, e.costItemId ? itemCodes[e.costItemId->value] : ""));
    m_expenses->setRows(rows);
    updateSummary();
    m_heading->SetLabel(title());
    m_loading = false;
    setModified(false);
    Layout();
}

void ExpenseEditor::updateSummary() {
    const ExpenseTotals t = expenseTotals(m_expenses->rows(), m_project.id, costItemLookup());
    wxString line = m_workbench.tr(
        "expense.summary",
        {wxString::Format("%d", t.rows), wxString::FromUTF8(t.amount.format()),
         wxString::FromUTF8(t.vat.format()), wxString::FromUTF8(m_costTotal.format()),
         spentText(t.amount, m_costTotal)});
    if (t.invalid > 0)
        line += wxString::FromUTF8("  ·  ") +
                m_workbench.tr("expense.invalid_rows", {wxString::Format("%d", t.invalid)});
    m_expenses->setSummary(line);
}

std::vector<std::string> ExpenseEditor::newRow(RecordGrid&, int& focusColumn) const {
    focusColumn = kExpenseCode;
    std::vector<std::string> cells(kExpenseColumnCount);
    cells[kExpenseDate] = dateText(Date::today());
    return cells;
}

std::string ExpenseEditor::key() const {
    return "expenses:" + std::to_string(m_project.id.value);
}

wxString ExpenseEditor::title() const {
    return m_workbench.tr("expense.title", {wxString::FromUTF8(m_project.code)});
}

void ExpenseEditor::retranslateExtra() {
    updateSummary();
    m_heading->SetLabel(title());
}

Status ExpenseEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("ui.no_workspace", "no workspace is open", {},
                         "open or create a workspace first (File menu)");
    commitCellEdits();
    const std::string where = m_workbench.tr("expense.title", {wxString::FromUTF8(m_project.code)})
                                  .ToStdString(wxConvUTF8);
    if (auto e = gridError(where))
        return *e;
    const auto rows = m_expenses->rows();
    const auto lookup = costItemLookup();
    m_saving = true;
    Status result;
    try {
        ChangeSet cs(*ws,
                     m_workbench.tr("change.save_expenses", {wxString::FromUTF8(m_project.code)})
                         .ToStdString(wxConvUTF8));
        Repository<Expense> expenses(*ws);
        for (std::int64_t removed : m_expenses->removedIds())
            expenses.remove(cs, removed);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (m_expenses->isBlank(rows[i]))
                continue;
            const Expense e = parseExpenseRow(rows, i, m_project.id, lookup).expense;
            if (!e.id.valid())
                expenses.insert(cs, e);
            else if (auto old = expenses.get(e.id.value);
                     old && Repository<Expense>::toRow(*old).values !=
                                Repository<Expense>::toRow(e).values)
                expenses.update(cs, e);
        }
        result = cs.commit();
    } catch (const KkError& e) {
        result = e.error();
    }
    m_saving = false;
    if (!result) {
        // E.g. an invoice number another project already uses (codes are unique).
        showError(m_workbench.tr("project.fix_costs", {describe(result.error())}));
        return result;
    }
    load();
    stateChanged.emit();
    return {};
}

bool ExpenseEditor::onWorkspaceChanged(const ChangeNotice& notice) {
    if (m_saving)
        return true;
    if (!notice.touches("kk_expense") && !notice.touches("kk_cost_item") &&
        !notice.touches("kk_project"))
        return true;
    Workspace* ws = m_workbench.workspace();
    if (!ws || !Repository<Project>(*ws).get(m_project.id.value))
        return false;
    if (m_modified) {
        showError(m_workbench.tr("doc.changed_elsewhere"));
        return true;
    }
    m_project = *Repository<Project>(*ws).get(m_project.id.value);
    load();
    stateChanged.emit();
    return true;
}

}  // namespace kk::ui
