// Expense rows: parsing and totals.
#include "ui/views/expense_rows.h"

#include <algorithm>
#include <cctype>

namespace kk::ui {
namespace {

/// An amount cell: required or not, never negative.
std::optional<Money> moneyCell(const std::string& text, int column, bool required,
                               std::vector<CellProblem>& problems) {
    if (text.empty()) {
        if (required)
            problems.push_back({column, "cost.problem.amount_empty", text, {}});
        return std::nullopt;
    }
    auto m = Money::parse(text);
    if (!m) {
        problems.push_back({column, "cost.problem.amount", text, {}});
        return std::nullopt;
    }
    if (m.value().isNegative()) {
        problems.push_back({column, "form.problem.negative", text, {}});
        return std::nullopt;
    }
    return m.value();
}

}  // namespace

RecordRow expenseRow(const Expense& e, const std::string& costItemCode) {
    RecordRow row;
    row.id = e.id.value;
    row.cells.resize(kExpenseColumnCount);
    row.cells[kExpenseCode] = e.code;
    row.cells[kExpenseCostItem] = costItemCode;
    row.cells[kExpenseDate] = dateText(e.date);
    row.cells[kExpenseAmount] = e.amount.format();
    row.cells[kExpenseVat] = e.vat.cents() == 0 ? "" : e.vat.format();
    row.cells[kExpenseDocument] = e.documentRef;
    row.cells[kExpenseDescription] = e.description;
    return row;
}

ParsedExpense parseExpenseRow(const std::vector<RecordRow>& rows, std::size_t index,
                              ProjectId project, const CostItemLookup& costItems) {
    ParsedExpense out;
    const RecordRow& row = rows[index];
    Expense& e = out.expense;
    e.id = ExpenseId(row.id);
    e.projectId = project;
    auto& problems = out.problems;

    e.code = cellOf(row, kExpenseCode);
    if (e.code.empty()) {
        problems.push_back({kExpenseCode, "expense.problem.code_empty", {}, {}});
    } else {
        for (std::size_t other = 0; other < rows.size(); ++other)
            if (other != index &&
                lowerAscii(cellOf(rows[other], kExpenseCode)) == lowerAscii(e.code)) {
                problems.push_back({kExpenseCode, "expense.problem.duplicate", e.code, {}});
                break;
            }
    }
    if (const std::string item = cellOf(row, kExpenseCostItem); !item.empty()) {
        if (auto id = costItems ? costItems(item) : std::nullopt)
            e.costItemId = *id;
        else
            problems.push_back({kExpenseCostItem, "expense.problem.cost_item", item, {}});
    }
    const std::string date = cellOf(row, kExpenseDate);
    if (date.empty())
        problems.push_back({kExpenseDate, "expense.problem.date_empty", {}, {}});
    else if (auto d = parseOptionalDate(date); !d.ok || !d.value)
        problems.push_back({kExpenseDate, "form.problem.date", date, {}});
    else
        e.date = *d.value;
    if (auto m = moneyCell(cellOf(row, kExpenseAmount), kExpenseAmount, true, problems))
        e.amount = *m;
    if (auto v = moneyCell(cellOf(row, kExpenseVat), kExpenseVat, false, problems))
        e.vat = *v;
    e.documentRef = cellOf(row, kExpenseDocument);
    e.description = cellOf(row, kExpenseDescription);
    return out;
}

ExpenseTotals expenseTotals(const std::vector<RecordRow>& rows, ProjectId project,
                            const CostItemLookup& costItems) {
    ExpenseTotals totals;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ParsedExpense parsed = parseExpenseRow(rows, i, project, costItems);
        if (!parsed.problems.empty()) {
            const bool blank = std::all_of(rows[i].cells.begin(), rows[i].cells.end(),
                                           [](const std::string& c) { return trimmed(c).empty(); });
            totals.invalid += blank ? 0 : 1;
            continue;
        }
        ++totals.rows;
        totals.amount += parsed.expense.amount;
        totals.vat += parsed.expense.vat;
    }
    return totals;
}

}  // namespace kk::ui
