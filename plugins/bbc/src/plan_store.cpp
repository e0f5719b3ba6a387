// Reading and creating plans, policy trees and registrations (see plan_store.h).
#include "plugins/bbc/src/plan_store.h"

#include <algorithm>
#include <charconv>

#include "core/model/validation.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

namespace kk::bbc {

Result<std::pair<int, int>> parsePeriod(std::string_view period) {
    int a = 0, b = 0;
    const auto dash = period.find('-');
    bool ok = dash == 4 && period.size() == 9;
    if (ok) {
        ok = std::from_chars(period.data(), period.data() + 4, a).ec == std::errc{} &&
             std::from_chars(period.data() + 5, period.data() + 9, b).ec == std::errc{} &&
             a >= 1990 && b >= a && b - a <= 10;
    }
    if (!ok)
        return makeError("bbc.bad_period", "plan period '" + std::string(period) + "' is not valid",
                         "--period", "write it as FIRST-LAST, e.g. 2020-2025");
    return std::pair{a, b};
}

Result<std::int64_t> findGovernment(Workspace& ws, std::string_view keyOrName) {
    const std::string kbo = normaliseKbo(keyOrName);
    auto st = ws.db().prepare("SELECT id FROM kk_government WHERE kbo = ? OR name = ?");
    st.bind(1, kbo.size() == 10 ? kbo : std::string("-")).bind(2, keyOrName);
    if (st.step())
        return st.getInt(0);
    return makeError("bbc.unknown_government",
                     "no government '" + std::string(keyOrName) + "' in the workspace",
                     "--government", "give the KBO number or exact name of a kk_government row");
}

namespace {

Plan readPlan(sql::Statement& st) {
    Plan p;
    p.id = st.getInt(0);
    p.governmentId = st.getInt(1);
    p.kbo = st.getText(2);
    p.governmentName = st.getText(3);
    p.period = st.getText(4);
    p.regime = st.getText(5);
    p.firstYear = static_cast<int>(st.getInt(6));
    p.lastYear = static_cast<int>(st.getInt(7));
    return p;
}

constexpr const char* kPlanSelect =
    "SELECT p.id, p.government_id, g.kbo, g.name, p.plan_period, p.regime, p.first_year, "
    "p.last_year FROM bbc_plan p JOIN kk_government g ON g.id = p.government_id ";

}  // namespace

Result<Plan> findPlan(Workspace& ws, std::string_view government, std::string_view period) {
    auto gov = findGovernment(ws, government);
    if (!gov.ok())
        return gov.error();
    auto st = ws.db().prepare(std::string(kPlanSelect) +
                              "WHERE p.government_id = ? AND p.plan_period = ?");
    st.bind(1, *gov).bind(2, period);
    if (st.step())
        return readPlan(st);
    return makeError(
        "bbc.no_plan",
        "government '" + std::string(government) + "' has no meerjarenplan " + std::string(period),
        "--government/--period", "import its registrations first (bbc import)");
}

std::vector<Plan> plansOfPeriod(Workspace& ws, std::string_view period) {
    std::vector<Plan> out;
    auto st = ws.db().prepare(std::string(kPlanSelect) + "WHERE p.plan_period = ? ORDER BY g.name");
    st.bind(1, period);
    while (st.step())
        out.push_back(readPlan(st));
    return out;
}

Result<Plan> ensurePlan(ChangeSet& cs, std::int64_t governmentId, std::string_view period) {
    auto years = parsePeriod(period);
    if (!years.ok())
        return years.error();
    Workspace& ws = cs.workspace();
    auto st = ws.db().prepare(std::string(kPlanSelect) +
                              "WHERE p.government_id = ? AND p.plan_period = ?");
    st.bind(1, governmentId).bind(2, period);
    if (st.step())
        return readPlan(st);
    Row row;
    row.set("government_id", governmentId)
        .set("plan_period", std::string(period))
        .set("regime", std::string(years->first >= 2026   ? "BBC2026"
                                   : years->first >= 2020 ? "BBC2020"
                                                          : "BBC2014"))
        .set("first_year", std::int64_t{years->first})
        .set("last_year", std::int64_t{years->second});
    cs.insert("bbc_plan", row);
    auto again = ws.db().prepare(std::string(kPlanSelect) +
                                 "WHERE p.government_id = ? AND p.plan_period = ?");
    again.bind(1, governmentId).bind(2, period);
    again.step();
    return readPlan(again);
}

std::string_view levelName(Level level) {
    return level == Level::Goal ? "goal" : level == Level::Plan ? "plan" : "action";
}
std::string_view levelLabel(Level level) {
    return level == Level::Goal   ? "beleidsdoelstelling"
           : level == Level::Plan ? "actieplan"
                                  : "actie";
}

const PolicyItem* PolicyTree::goal(std::int64_t id) const {
    auto it = goalIndex.find(id);
    return it == goalIndex.end() ? nullptr : &goals[it->second];
}
const PolicyItem* PolicyTree::plan(std::int64_t id) const {
    auto it = planIndex.find(id);
    return it == planIndex.end() ? nullptr : &plans[it->second];
}
const PolicyItem* PolicyTree::action(std::int64_t id) const {
    auto it = actionIndex.find(id);
    return it == actionIndex.end() ? nullptr : &actions[it->second];
}
const PolicyItem* PolicyTree::goalOfAction(std::int64_t actionId) const {
    const PolicyItem* a = action(actionId);
    const PolicyItem* p = a ? plan(a->parentId) : nullptr;
    return p ? goal(p->parentId) : nullptr;
}
bool PolicyTree::goalIsPriority(std::int64_t goalId) const {
    for (const auto& p : plans) {
        if (p.parentId != goalId)
            continue;
        if (p.priority)
            return true;
        for (const auto& a : actions)
            if (a.parentId == p.id && a.priority)
                return true;
    }
    return false;
}
std::string PolicyTree::pathOf(std::int64_t actionId) const {
    const PolicyItem* a = action(actionId);
    if (!a)
        return {};
    const PolicyItem* p = plan(a->parentId);
    const PolicyItem* g = p ? goal(p->parentId) : nullptr;
    return (g ? "BD " + g->code + " > " : std::string()) + (p ? "AP " + p->code + " > " : "") +
           "actie " + a->code;
}

PolicyTree loadTree(Workspace& ws, const Plan& plan) {
    PolicyTree tree;
    auto read = [&](Level level, const std::string& sql, std::vector<PolicyItem>& into,
                    std::map<std::int64_t, std::size_t>& index) {
        auto st = ws.db().prepare(sql);
        st.bind(1, plan.governmentId).bind(2, plan.period);
        while (st.step()) {
            PolicyItem it;
            it.level = level;
            it.id = st.getInt(0);
            it.parentId = st.getInt(1);
            it.code = st.getText(2);
            it.title = st.getText(3);
            it.longText = st.isNull(4) ? "" : st.getText(4);
            it.comment = st.isNull(5) ? "" : st.getText(5);
            it.evaluation = st.isNull(6) ? "" : st.getText(6);
            it.priority = !st.isNull(7) && st.getInt(7) != 0;
            index[it.id] = into.size();
            into.push_back(std::move(it));
        }
    };
    const std::string text = " LEFT JOIN bbc_policy_text t ON t.level = ? AND t.item_id = x.id ";
    read(Level::Goal,
         "SELECT x.id, 0, x.code, x.title, t.long_text, t.comment, t.evaluation, t.priority FROM "
         "kk_policy_goal x LEFT JOIN bbc_policy_text t ON t.level = 'goal' AND t.item_id = x.id "
         "WHERE x.government_id = ? AND x.plan_period = ? ORDER BY x.code",
         tree.goals, tree.goalIndex);
    read(Level::Plan,
         "SELECT x.id, x.goal_id, x.code, x.title, t.long_text, t.comment, t.evaluation, "
         "t.priority FROM kk_action_plan x JOIN kk_policy_goal g ON g.id = x.goal_id LEFT JOIN "
         "bbc_policy_text t ON t.level = 'plan' AND t.item_id = x.id WHERE g.government_id = ? "
         "AND g.plan_period = ? ORDER BY x.code",
         tree.plans, tree.planIndex);
    read(Level::Action,
         "SELECT x.id, x.plan_id, x.code, x.title, t.long_text, t.comment, t.evaluation, "
         "x.priority FROM kk_action x JOIN kk_action_plan p ON p.id = x.plan_id JOIN "
         "kk_policy_goal g ON g.id = p.goal_id LEFT JOIN bbc_policy_text t ON t.level = "
         "'action' AND t.item_id = x.id WHERE g.government_id = ? AND g.plan_period = ? ORDER BY "
         "x.code",
         tree.actions, tree.actionIndex);
    (void)text;
    auto codes = ws.db().prepare(
        "SELECT ac.action_id, c.code FROM kk_action_external_code ac JOIN kk_external_code c ON "
        "c.id = ac.code_id ORDER BY c.code");
    while (codes.step()) {
        auto it = tree.actionIndex.find(codes.getInt(0));
        if (it != tree.actionIndex.end())
            tree.actions[it->second].externalCodes.push_back(codes.getText(1));
    }
    auto mis = ws.db().prepare("SELECT level, item_id, code FROM bbc_misplaced_code ORDER BY id");
    while (mis.step()) {
        const std::string level = mis.getText(0);
        auto& index = level == "goal" ? tree.goalIndex : tree.planIndex;
        auto& items = level == "goal" ? tree.goals : tree.plans;
        auto it = index.find(mis.getInt(1));
        if (it != index.end())
            items[it->second].misplacedCodes.push_back(mis.getText(2));
    }
    return tree;
}

std::string_view kindName(RegKind k) {
    return k == RegKind::Budget ? "budget" : "realisation";
}

std::optional<RegKind> kindFromName(std::string_view text) {
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    if (t == "budget" || t == "raming" || t == "mjp" || t == "krediet" || t == "meerjarenplan" ||
        t == "b")
        return RegKind::Budget;
    if (t == "realisation" || t == "realisatie" || t == "jr" || t == "jaarrekening" ||
        t == "aanrekening" || t == "r")
        return RegKind::Realisation;
    return std::nullopt;
}

std::vector<Registration> loadRegistrations(Workspace& ws, const std::vector<Plan>& plans,
                                            const RegistrationFilter& filter) {
    std::vector<Registration> out;
    std::string sql =
        "SELECT r.id, r.plan_id, r.seq, r.entry_date, r.fiscal_year, r.entity, r.account, "
        "r.direction, r.amount, r.description, r.policy_field, r.sector_code, r.action_id, "
        "r.investment_project, r.kind, r.origin, r.source FROM bbc_registration r WHERE "
        "r.plan_id = ?1 AND (?2 IS NULL OR r.kind = ?2) AND (?3 IS NULL OR r.fiscal_year = ?3)";
    if (filter.subsidisedOnly || !filter.externalCode.empty())
        sql +=
            " AND r.action_id IN (SELECT ac.action_id FROM kk_action_external_code ac JOIN "
            "kk_external_code c ON c.id = ac.code_id WHERE ?4 = '' OR c.code = ?4)";
    sql += " ORDER BY r.fiscal_year, r.seq, r.id";
    auto st = ws.db().prepare(sql);
    for (const Plan& plan : plans) {
        st.reset();
        st.bind(1, plan.id);
        if (filter.kind)
            st.bind(2, kindName(*filter.kind));
        else
            st.bindNull(2);
        if (filter.year)
            st.bind(3, std::int64_t{*filter.year});
        else
            st.bindNull(3);
        if (filter.subsidisedOnly || !filter.externalCode.empty())
            st.bind(4, filter.externalCode);
        while (st.step()) {
            Registration r;
            r.id = st.getInt(0);
            r.planId = st.getInt(1);
            r.seq = st.getInt(2);
            r.entryDate = st.getText(3);
            r.year = static_cast<int>(st.getInt(4));
            r.entity = st.getText(5);
            r.account = st.getText(6);
            r.direction = st.getText(7).empty() ? 'U' : st.getText(7)[0];
            r.amount = Money::fromCents(st.getInt(8));
            r.description = st.getText(9);
            r.policyField = st.getText(10);
            r.sectorCode = st.getText(11);
            if (!st.isNull(12))
                r.actionId = st.getInt(12);
            r.investmentProject = st.getText(13);
            r.kind = st.getText(14) == "budget" ? RegKind::Budget : RegKind::Realisation;
            r.origin = st.getText(15);
            r.source = st.getText(16);
            out.push_back(std::move(r));
        }
    }
    return out;
}

const std::vector<std::string>& registrationColumns() {
    static const std::vector<std::string> kColumns{"plan_id",
                                                   "seq",
                                                   "entry_date",
                                                   "fiscal_year",
                                                   "entity",
                                                   "account",
                                                   "direction",
                                                   "amount",
                                                   "description",
                                                   "policy_field",
                                                   "sector_code",
                                                   "action_id",
                                                   "investment_project",
                                                   "kind",
                                                   "origin",
                                                   "source"};
    return kColumns;
}

std::vector<std::int64_t> registrationIds(Workspace& ws, std::int64_t planId,
                                          std::string_view origin) {
    std::vector<std::int64_t> ids;
    auto st = ws.db().prepare("SELECT id FROM bbc_registration WHERE plan_id = ? AND origin = ?");
    st.bind(1, planId).bind(2, origin);
    while (st.step())
        ids.push_back(st.getInt(0));
    return ids;
}

}  // namespace kk::bbc
