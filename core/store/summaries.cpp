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
            "SELECT p.id, p.code, p.name, p.status, coalesce(g.codes, ''), coalesce(c.total, 0) "
            "FROM kk_project p "
            "LEFT JOIN (SELECT project_id, sum(amount) AS total FROM kk_cost_item "
            "           GROUP BY project_id) c ON c.project_id = p.id "
            "LEFT JOIN (SELECT project_id, group_concat(code, ', ') AS codes FROM "
            "           (SELECT pp.project_id, g.code FROM kk_project_programme pp "
            "            JOIN kk_programme g ON g.id = pp.programme_id ORDER BY g.code) "
            "           GROUP BY project_id) g ON g.project_id = p.id "
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
