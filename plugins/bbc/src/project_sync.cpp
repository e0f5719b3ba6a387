// Project registrations (see project_sync.h).
#include "plugins/bbc/src/project_sync.h"

#include <set>

#include "core/store/changeset.h"
#include "core/store/workspace.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk::bbc {

std::string SyncSummary::text() const {
    return std::to_string(budgetU) + " budget uitgaven, " + std::to_string(budgetO) +
           " budget ontvangsten, " + std::to_string(realisedU) + " realised uitgaven, " +
           std::to_string(realisedO) + " realised ontvangsten written; " + std::to_string(removed) +
           " earlier project registrations replaced";
}

Result<SyncSummary> syncProjects(Workspace& ws, const std::string& government,
                                 const std::string& period, const std::string& entity) {
    auto plan = findPlan(ws, government, period);
    if (!plan.ok())
        return plan.error();
    std::set<std::int64_t> actions;
    for (const auto& a : loadTree(ws, *plan).actions)
        actions.insert(a.id);
    SyncSummary sum;
    ChangeSet cs(ws, "BBC: project registrations of " + plan->governmentName + " " + period);
    try {
        for (auto id : registrationIds(ws, plan->id, "project")) {
            cs.remove("bbc_registration", id);
            ++sum.removed;
        }
        std::int64_t seq = ws.db().scalarInt("SELECT coalesce(max(seq), 0) FROM bbc_registration");
        const std::string today = Workspace::nowUtc().substr(0, 10);
        auto bulk = cs.bulkInsert("bbc_registration", registrationColumns());
        auto add = [&](int year, const std::string& account, char dir, std::int64_t cents,
                       const std::string& description, const std::string& policyField,
                       const std::string& sector, std::int64_t action, const std::string& ip,
                       const char* kind, const std::string& source) {
            if (year < plan->firstYear || year > plan->lastYear || cents == 0)
                return;
            bulk.add({plan->id, ++seq, today, std::int64_t{year}, entity, account,
                      std::string(1, dir), cents, description, policyField, sector, action, ip,
                      std::string(kind), std::string("project"), source});
            const bool budget = std::string_view(kind) == "budget";
            (dir == 'U' ? (budget ? sum.budgetU : sum.realisedU)
                        : (budget ? sum.budgetO : sum.realisedO))++;
        };
        auto items = ws.db().prepare(
            "SELECT c.code, c.year, c.amount, c.description, c.bbc_account, c.bbc_policy_field, "
            "c.bbc_sector, c.bbc_action_id, c.bbc_investment_project, p.code FROM kk_cost_item c "
            "JOIN kk_project p ON p.id = c.project_id WHERE c.bbc_action_id IS NOT NULL AND "
            "c.bbc_account <> '' ORDER BY c.code");
        while (items.step()) {
            if (!actions.count(items.getInt(7)))
                continue;
            add(static_cast<int>(items.getInt(1)), items.getText(4), 'U', items.getInt(2),
                items.getText(9) + ": " + items.getText(3), items.getText(5), items.getText(6),
                items.getInt(7), items.getText(8), "budget", "cost item " + items.getText(0));
        }
        auto expenses = ws.db().prepare(
            "SELECT e.code, e.date, e.amount + e.vat, e.description, coalesce(nullif(x.account, "
            "''), c.bbc_account), coalesce(nullif(x.policy_field, ''), c.bbc_policy_field), "
            "coalesce(nullif(x.sector_code, ''), c.bbc_sector), coalesce(x.action_id, "
            "c.bbc_action_id), coalesce(nullif(x.investment_project, ''), "
            "c.bbc_investment_project) FROM kk_expense e LEFT JOIN kk_cost_item c ON c.id = "
            "e.cost_item_id LEFT JOIN bbc_expense_coding x ON x.expense_id = e.id ORDER BY e.code");
        while (expenses.step()) {
            if (expenses.isNull(7) || !actions.count(expenses.getInt(7)) ||
                expenses.getText(4).empty())
                continue;
            add(std::stoi(expenses.getText(1).substr(0, 4)), expenses.getText(4), 'U',
                expenses.getInt(2), expenses.getText(3), expenses.getText(5), expenses.getText(6),
                expenses.getInt(7), expenses.getText(8), "realisation",
                "expense " + expenses.getText(0));
        }
        auto awards = ws.db().prepare(
            "SELECT a.id, f.code, p.code, a.amount, a.decided_on, p.start_date, a.bbc_account, "
            "a.bbc_policy_field, a.bbc_sector, a.bbc_action_id, a.bbc_investment_project FROM "
            "kk_award a JOIN kk_fund f ON f.id = a.fund_id JOIN kk_project p ON p.id = "
            "a.project_id WHERE a.status = 'granted' AND a.bbc_action_id IS NOT NULL AND "
            "a.bbc_account <> '' ORDER BY p.code, f.code");
        auto tranches = ws.db().prepare(
            "SELECT kind, due, amount, paid_on FROM kk_payment_tranche WHERE award_id = ? ORDER "
            "BY id");
        while (awards.step()) {
            if (!actions.count(awards.getInt(9)))
                continue;
            const std::string label = "award " + awards.getText(2) + "/" + awards.getText(1);
            auto year = [](const std::string& date, int fallback) {
                return date.size() >= 4 ? std::stoi(date.substr(0, 4)) : fallback;
            };
            const int decided =
                year(awards.isNull(4) ? "" : awards.getText(4),
                     year(awards.isNull(5) ? "" : awards.getText(5), plan->firstYear));
            tranches.reset();
            tranches.bind(1, awards.getInt(0));
            bool any = false;
            while (tranches.step()) {
                any = true;
                const std::string due = tranches.isNull(1) ? "" : tranches.getText(1);
                add(year(due, decided), awards.getText(6), 'O', tranches.getInt(2),
                    label + " " + tranches.getText(0), awards.getText(7), awards.getText(8),
                    awards.getInt(9), awards.getText(10), "budget", label);
                if (!tranches.isNull(3))
                    add(year(tranches.getText(3), decided), awards.getText(6), 'O',
                        tranches.getInt(2), label + " " + tranches.getText(0) + " paid",
                        awards.getText(7), awards.getText(8), awards.getInt(9), awards.getText(10),
                        "realisation", label);
            }
            if (!any)
                add(decided, awards.getText(6), 'O', awards.getInt(3), label, awards.getText(7),
                    awards.getText(8), awards.getInt(9), awards.getText(10), "budget", label);
        }
        bulk.finish();
    } catch (const KkError& e) {
        return e.error();
    } catch (const std::exception& e) {
        return makeError("bbc.sync", e.what(), "project registrations", "check dates of expenses");
    }
    if (auto st = cs.commit(); !st.ok())
        return st.error();
    return sum;
}

}  // namespace kk::bbc
