// SQL summaries.
#include "core/store/summaries.h"

#include "core/store/workspace.h"

namespace kk {

const char* budgetPerFundPerYearSql() {
    return "SELECT f.code, f.name, c.year, sum(c.amount), "
           "(SELECT sum(a2.amount) FROM kk_award a2 WHERE a2.fund_id = f.id) "
           "FROM kk_award a JOIN kk_fund f ON f.id = a.fund_id "
           "JOIN kk_cost_item c ON c.project_id = a.project_id "
           "GROUP BY f.id, c.year ORDER BY f.code, c.year";
}

Result<std::vector<ProjectSummary>> projectSummaries(Workspace& ws) {
    try {
        auto st = ws.db().prepare(
            // Correlated lookups use the project indexes; grouping whole tables first was
            // twice as slow on 200,000 cost items.
            "SELECT p.id, p.code, p.name, p.status, "
            "coalesce((SELECT group_concat(code, ', ') FROM (SELECT g.code FROM "
            "  kk_project_programme pp JOIN kk_programme g ON g.id = pp.programme_id "
            "  WHERE pp.project_id = p.id ORDER BY g.code)), ''), "
            "(SELECT coalesce(sum(c.amount), 0) FROM kk_cost_item c WHERE c.project_id = p.id) "
            "FROM kk_project p "
            "ORDER BY p.code");
        std::vector<ProjectSummary> out;
        while (st.step())
            out.push_back({st.getInt(0), st.getText(1), st.getText(2), st.getText(3), st.getText(4),
                           Money::fromCents(st.getInt(5))});
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<std::vector<FundYearBudget>> budgetPerFundPerYear(Workspace& ws) {
    try {
        auto st = ws.db().prepare(budgetPerFundPerYearSql());
        std::vector<FundYearBudget> out;
        while (st.step())
            out.push_back({st.getText(0), st.getText(1), static_cast<int>(st.getInt(2)),
                           Money::fromCents(st.getInt(3)), Money::fromCents(st.getInt(4))});
        return out;
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk
