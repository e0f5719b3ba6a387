// The cost-items grid's rows as text, and their conversion to CostItem with per-cell problems.
// No wx here, so the rules are tested without a display.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/entities.h"

namespace kk::ui {

/// ASCII lower case, for comparing codes the way people type them ("p0001-c01").
std::string lowerAscii(std::string s);

enum CostColumn {
    kCostCode,
    kCostCategory,
    kCostYear,
    kCostPartner,
    kCostAmount,
    kCostEligible,
    kCostDescription,
    kCostColumnCount
};

/// Catalog keys of the column headers, in CostColumn order.
const std::array<const char*, kCostColumnCount>& costColumnLabelKeys();
/// Suggested categories for the category editor (others may be typed).
const std::vector<std::string>& costCategorySuggestions();

/// One grid row: the stored id (0 for a new row) and the text of each cell.
struct CostRowText {
    std::int64_t id = 0;
    std::array<std::string, kCostColumnCount> cells;
};

/// A problem in one cell. `labelKey` is a catalog key whose {0} is `value`; when it is empty,
/// `text` holds a message from core/model validation.
struct CellProblem {
    int column = 0;
    std::string labelKey;
    std::string value;
    std::string text;
};

struct ParsedCostRow {
    CostItem item;
    std::vector<CellProblem> problems;
};

/// Finds an actor's id by its code; nullopt when unknown.
using ActorLookup = std::function<std::optional<ActorId>(std::string_view code)>;

/// Parses and validates a row (amount as people type it, year, partner code, eligible flag),
/// then runs core/model validate(CostItem) and maps its findings to cells.
ParsedCostRow parseCostRow(const CostRowText& row, ProjectId project, const ActorLookup& actors);

/// The cells of a stored cost item; `partnerCode` is the partner actor's code or empty.
CostRowText costRowFromItem(const CostItem& item, const std::string& partnerCode);

/// True when every cell except code, year and eligible is blank (ignored on save).
bool isBlankRow(const CostRowText& row);

/// Splits clipboard text from a spreadsheet: rows by newline (CRLF too), cells by TAB. A final
/// empty line is dropped; quoted cells ("a\tb") keep their TABs and newlines.
std::vector<std::vector<std::string>> parseTabularText(std::string_view text);

/// "P0004-C03": the next free cost-item code of a project given the codes in use.
std::string nextCostCode(const std::string& projectCode, const std::vector<std::string>& used);

}  // namespace kk::ui
