// Reading one project of the workspace into an allocation problem.
#include "core/report/allocation_input.h"

#include <set>

#include "core/report/workspace_report_detail.h"
#include "core/store/workspace.h"

namespace kk::report::detail {
namespace {

std::optional<Money> optionalMoney(const sql::Statement& st, int column) {
    if (st.isNull(column))
        return std::nullopt;
    return Money::fromCents(st.getInt(column));
}

std::string pickProject(Workspace& ws) {
    auto st = ws.db().prepare(
        "SELECT p.code FROM kk_project p WHERE EXISTS (SELECT 1 FROM kk_cost_item c WHERE"
        " c.project_id = p.id) ORDER BY EXISTS (SELECT 1 FROM kk_award w WHERE w.project_id ="
        " p.id AND w.status = 'granted') DESC, p.code LIMIT 1");
    if (!st.step())
        throw KkError(makeError("report.no_projects", "the workspace has no project with costs",
                                "allocation report",
                                "import cost items first (koppelkans-cli import WORKSPACE "
                                "cost_items FILE)"));
    return st.getText(0);
}

}  // namespace

AllocationInput problemForProject(Workspace& ws, const std::string& projectCode) {
    AllocationInput out;
    out.projectCode = projectCode.empty() ? pickProject(ws) : projectCode;
    const std::int64_t pid = projectIdByCode(ws, out.projectCode);
    std::vector<std::string> themes;
    {
        auto st = ws.db().prepare("SELECT name, themes FROM kk_project WHERE id = ?");
        st.bind(1, pid);
        st.step();
        out.projectName = st.getText(0);
        themes = splitList(st.getText(1));
    }
    alloc::Problem& p = out.problem;
    p.projectId = out.projectCode;

    std::set<std::string> partnerCodes;
    {
        auto st = ws.db().prepare(
            "SELECT c.code, c.category, c.year, COALESCE(a.code, ''), COALESCE(a.name, ''),"
            " c.amount, c.eligible FROM kk_cost_item c LEFT JOIN kk_actor a ON a.id = c.partner_id"
            " WHERE c.project_id = ? ORDER BY c.year, c.code");
        st.bind(1, pid);
        while (st.step()) {
            alloc::CostItem item;
            item.id = st.getText(0);
            item.category = st.getText(1);
            item.year = static_cast<int>(st.getInt(2));
            item.partnerId = st.getText(3).empty() ? "(geen partner)" : st.getText(3);
            item.amount = Money::fromCents(st.getInt(5));
            item.tags = themes;
            item.eligible = st.getInt(6) != 0;
            if (partnerCodes.insert(item.partnerId).second)
                p.partners.push_back({item.partnerId,
                                      st.getText(4).empty() ? item.partnerId : st.getText(4),
                                      {},
                                      std::nullopt,
                                      std::nullopt,
                                      std::nullopt,
                                      {}});
            p.costItems.push_back(std::move(item));
        }
    }
    if (p.costItems.empty())
        throw KkError(makeError("report.no_costs",
                                "project '" + out.projectCode + "' has no cost items to allocate",
                                "--project", "add cost items or choose another project"));

    auto st = ws.db().prepare(
        "SELECT f.code, f.name, f.type, f.max_rate, f.rate_kind, f.cap_per_project,"
        " f.cap_per_partner, f.cap_per_year, f.budget - COALESCE((SELECT SUM(w.amount) FROM"
        " kk_award w WHERE w.fund_id = f.id AND w.status = 'granted' AND w.project_id <> ?1), 0),"
        " f.cumulation_group, f.priority, f.eligible_categories,"
        " (SELECT w.amount FROM kk_award w WHERE w.fund_id = f.id AND w.project_id = ?1 AND"
        "  w.status = 'granted')"
        " FROM kk_fund f WHERE f.type = 'own_contribution'"
        " OR f.programme_id IN (SELECT programme_id FROM kk_project_programme WHERE project_id ="
        " ?1) OR f.id IN (SELECT fund_id FROM kk_award WHERE project_id = ?1)"
        " ORDER BY f.priority, f.code");
    st.bind(1, pid);
    while (st.step()) {
        alloc::Fund f;
        f.id = st.getText(0);
        f.name = st.getText(1);
        const std::string where = "fund '" + f.id + "'";
        auto unwrap = [&](auto result, const char* field) {
            if (!result)
                throw KkError(makeError("report.bad_fund", result.error().what,
                                        where + " field " + field,
                                        "correct the fund in the workspace"));
            return result.value();
        };
        f.type = unwrap(alloc::parseFundType(st.getText(2)), "type");
        f.maxRate = unwrap(Rate::parse(st.getText(3)), "max_rate");
        f.rateMode = unwrap(alloc::parseRateMode(st.getText(4)), "rate_kind");
        f.capPerProject = optionalMoney(st, 5);
        f.capPerPartner = optionalMoney(st, 6);
        f.capPerYear = optionalMoney(st, 7);
        if (!st.isNull(12))
            out.granted.emplace_back(f.id, st.getInt(12));
        if (alloc::isExternal(f.type)) {
            const std::int64_t left = st.getInt(8);
            if (left <= 0) {
                out.notes.push_back("Fonds " + f.id +
                                    " is niet meegenomen: het heeft geen "
                                    "budget meer na de toekenningen aan andere projecten.");
                continue;
            }
            f.budget = Money::fromCents(left);
        }
        if (!st.getText(9).empty())
            f.cumulationGroups = {st.getText(9)};
        f.priority = static_cast<int>(st.getInt(10));
        f.eligibleCategories = splitList(st.getText(11));
        p.funds.push_back(std::move(f));
    }
    return out;
}

}  // namespace kk::report::detail
