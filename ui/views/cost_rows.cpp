// Cost row parsing and validation for the cost-items grid.
#include "ui/views/cost_rows.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "core/model/validation.h"

namespace kk::ui {
namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

int columnOfField(const std::string& field) {
    if (field == "category")
        return kCostCategory;
    if (field == "year")
        return kCostYear;
    if (field == "amount")
        return kCostAmount;
    if (field == "partner_id")
        return kCostPartner;
    if (field == "code")
        return kCostCode;
    return kCostDescription;
}

}  // namespace

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

const std::array<const char*, kCostColumnCount>& costColumnLabelKeys() {
    static const std::array<const char*, kCostColumnCount> keys{
        "cost.col.code",   "cost.col.category", "cost.col.year",       "cost.col.partner",
        "cost.col.amount", "cost.col.eligible", "cost.col.description"};
    return keys;
}

const std::vector<std::string>& costCategorySuggestions() {
    static const std::vector<std::string> categories{
        "staff", "works", "equipment", "office", "external_expertise", "land", "other"};
    return categories;
}

ParsedCostRow parseCostRow(const CostRowText& row, ProjectId project, const ActorLookup& actors) {
    ParsedCostRow out;
    CostItem& item = out.item;
    item.id = CostItemId(row.id);
    item.projectId = project;
    item.code = trim(row.cells[kCostCode]);
    item.category = trim(row.cells[kCostCategory]);
    item.description = trim(row.cells[kCostDescription]);

    const std::string year = trim(row.cells[kCostYear]);
    if (year.size() != 4 ||
        !std::all_of(year.begin(), year.end(), [](unsigned char c) { return std::isdigit(c); })) {
        out.problems.push_back({kCostYear, "cost.problem.year", year, {}});
    } else {
        item.year = std::stoi(year);
    }

    const std::string amount = trim(row.cells[kCostAmount]);
    if (amount.empty()) {
        out.problems.push_back({kCostAmount, "cost.problem.amount_empty", amount, {}});
    } else if (auto money = Money::parse(amount); !money) {
        out.problems.push_back({kCostAmount, "cost.problem.amount", amount, {}});
    } else {
        item.amount = money.value();
    }

    const std::string partner = trim(row.cells[kCostPartner]);
    if (!partner.empty()) {
        if (auto id = actors ? actors(partner) : std::nullopt)
            item.partnerId = *id;
        else
            out.problems.push_back({kCostPartner, "cost.problem.partner", partner, {}});
    }

    const std::string eligible = lowerAscii(trim(row.cells[kCostEligible]));
    static const std::set<std::string> yes{"1", "ja", "j", "yes", "y", "true", "waar", "x"};
    static const std::set<std::string> no{"", "0", "nee", "n", "no", "false", "onwaar"};
    if (yes.count(eligible))
        item.eligible = true;
    else if (no.count(eligible))
        item.eligible = false;
    else
        out.problems.push_back({kCostEligible, "cost.problem.eligible", eligible, {}});

    for (const Finding& f : validate(item)) {
        if (f.severity != Severity::Error)
            continue;
        const int column = columnOfField(f.field);
        const bool known = std::any_of(out.problems.begin(), out.problems.end(),
                                       [&](const CellProblem& p) { return p.column == column; });
        if (known)
            continue;
        if (column == kCostCategory && item.category.empty())
            out.problems.push_back({column, "cost.problem.category_empty", {}, {}});
        else
            out.problems.push_back(
                {column, {}, {}, f.message + (f.hint.empty() ? "" : " (" + f.hint + ")")});
    }
    return out;
}

CostRowText costRowFromItem(const CostItem& item, const std::string& partnerCode) {
    CostRowText row;
    row.id = item.id.value;
    row.cells[kCostCode] = item.code;
    row.cells[kCostCategory] = item.category;
    row.cells[kCostYear] = std::to_string(item.year);
    row.cells[kCostPartner] = partnerCode;
    row.cells[kCostAmount] = item.amount.format();
    row.cells[kCostEligible] = item.eligible ? "1" : "";
    row.cells[kCostDescription] = item.description;
    return row;
}

bool isBlankRow(const CostRowText& row) {
    for (int c = 0; c < kCostColumnCount; ++c)
        // Code, year and the eligible flag are pre-filled; a row with nothing else is empty.
        if (c != kCostCode && c != kCostEligible && c != kCostYear && !trim(row.cells[c]).empty())
            return false;
    return true;
}

std::vector<std::vector<std::string>> parseTabularText(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false;
    bool cellStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (quoted) {
            if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                cell += ch;
            }
            continue;
        }
        if (ch == '"' && !cellStarted) {
            quoted = true;
            cellStarted = true;
        } else if (ch == '\t') {
            row.push_back(std::move(cell));
            cell.clear();
            cellStarted = false;
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            row.push_back(std::move(cell));
            rows.push_back(std::move(row));
            row.clear();
            cell.clear();
            cellStarted = false;
        } else {
            cell += ch;
            cellStarted = true;
        }
    }
    if (cellStarted || !row.empty() || !cell.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string nextCostCode(const std::string& projectCode, const std::vector<std::string>& used) {
    const std::set<std::string> taken(used.begin(), used.end());
    for (int n = 1;; ++n) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "-C%02d", n);
        std::string code = projectCode + suffix;
        if (!taken.count(code))
            return code;
    }
}

}  // namespace kk::ui
