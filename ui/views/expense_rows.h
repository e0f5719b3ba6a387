// The expenses grid's rows as text and their conversion to Expense with per-cell problems.
// No wx here, so the rules are tested without a display.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/entities.h"
#include "ui/views/record_rows.h"

namespace kk::ui {

enum ExpenseColumn {
    kExpenseCode,      ///< the invoice or voucher number, unique in the workspace
    kExpenseCostItem,  ///< a cost item code of this project; blank: not assigned yet
    kExpenseDate,
    kExpenseAmount,  ///< excluding VAT
    kExpenseVat,
    kExpenseDocument,
    kExpenseDescription,
    kExpenseColumnCount
};

/// Finds a cost item of the project by its code.
using CostItemLookup = std::function<std::optional<CostItemId>(std::string_view code)>;

struct ParsedExpense {
    Expense expense;
    std::vector<CellProblem> problems;
};

RecordRow expenseRow(const Expense& expense, const std::string& costItemCode);
/// Parses rows[index] as an expense of `project`. Problems: no code, a code another row has,
/// an unknown cost item, no or an unreadable date, no, an unreadable or a negative amount, an
/// unreadable or negative VAT.
ParsedExpense parseExpenseRow(const std::vector<RecordRow>& rows, std::size_t index,
                              ProjectId project, const CostItemLookup& costItems);

struct ExpenseTotals {
    Money amount;  ///< excluding VAT, valid rows
    Money vat;
    int rows = 0;     ///< valid rows
    int invalid = 0;  ///< rows with a problem (blank rows count as neither)
};
ExpenseTotals expenseTotals(const std::vector<RecordRow>& rows, ProjectId project,
                            const CostItemLookup& costItems);

}  // namespace kk::ui
