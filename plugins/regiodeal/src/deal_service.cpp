// Regiodeal operations (see deal_service.h).
#include "plugins/regiodeal/src/deal_service.h"

#include <filesystem>

#include "core/plugin/data_table.h"
#include "core/store/repositories.h"

namespace kk::regiodeal {
namespace {

template <class F>
Status guarded(F&& f) {
    try {
        return f();
    } catch (const KkError& e) {
        return e.error();
    }
}

Error usage(const std::string& what, const std::string& where, const std::string& hint) {
    return makeError("regiodeal.usage", what, where, hint);
}

}  // namespace

Result<std::unique_ptr<Service>> Service::open(const plugin::PluginContext& ctx, Workspace& ws,
                                               const Date& today) {
    if (auto st = ws.applyMigrations(kPluginId, migrations()); !st)
        return st.error();
    std::unique_ptr<Service> s(new Service(ws, today));
    try {
        auto rules =
            plugin::DataTable::read(ctx.dataFile("data/rules.csv"), "regiodeal: data/rules.csv",
                                    {"key", "value", "valid_from"});
        if (!rules)
            return rules.error();
        for (const auto* r : rules.value().validOn(today)) {
            const std::string& key = r->text("key");
            if (key == "min_regional_share")
                s->m_defaults.minRegionalShare = r->rate("value");
            else if (key == "national_counts_as_regional")
                s->m_defaults.nationalCountsAsRegional = r->flag("value");
            else if (key == "in_kind_counts")
                s->m_defaults.inKindCounts = r->flag("value");
            else if (key == "national_contribution_min")
                s->m_defaults.nationalMin = r->money("value");
            else if (key == "national_contribution_max")
                s->m_defaults.nationalMax = r->money("value");
            else
                continue;
            s->m_defaults.sources.push_back(key + ": " + r->text("source"));
        }
        auto labels = plugin::DataTable::read(ctx.dataFile("data/accounting.csv"),
                                              "regiodeal: data/accounting.csv",
                                              {"column", "label", "valid_from"});
        if (!labels)
            return labels.error();
        for (const auto* r : labels.value().validOn(today))
            s->m_accountingLabels.emplace_back(r->text("column"), r->text("label"));
    } catch (const KkError& e) {
        return e.error();
    }
    auto modules = plugin::RuleModules::open(
        kPluginId, (std::filesystem::path(ctx.folder) / "scripts").string(), &ws);
    if (!modules)
        return modules.error();
    s->m_rules = std::move(modules).value();
    return s;
}

Deal Service::requireDeal(const std::string& code) {
    auto st = m_ws.db().prepare(
        "SELECT d.id, d.code, d.name, d.first_year, d.last_year, d.min_regional_share, "
        "d.national_counts_as_regional, a.code FROM regiodeal_deal d LEFT JOIN areas a ON a.fid = "
        "d.area_id WHERE d.code = ?");
    st.bind(1, code);
    if (!st.step())
        throw KkError(
            makeError("regiodeal.unknown_deal", "no regiodeal with code '" + code + "'", "--deal",
                      "create it with `plugin regiodeal deal-create --code " + code + " ...`"));
    Deal d;
    d.id = st.getInt(0);
    d.code = st.getText(1);
    d.name = st.getText(2);
    d.firstYear = static_cast<int>(st.getInt(3));
    d.lastYear = static_cast<int>(st.getInt(4));
    if (!st.isNull(5))
        d.minRegionalShare = Rate::parse(st.getText(5)).value();
    if (!st.isNull(6))
        d.nationalCountsAsRegional = st.getInt(6) != 0;
    if (!st.isNull(7))
        d.areaCode = st.getText(7);
    return d;
}

std::vector<Deal> Service::deals() {
    std::vector<std::string> codes;
    auto st = m_ws.db().prepare("SELECT code FROM regiodeal_deal ORDER BY code");
    while (st.step())
        codes.push_back(st.getText(0));
    std::vector<Deal> out;
    for (const auto& c : codes)
        out.push_back(requireDeal(c));
    return out;
}

RuleSettings Service::ruleFor(const Deal& deal) const {
    RuleSettings r = m_defaults;
    if (deal.minRegionalShare)
        r.minRegionalShare = *deal.minRegionalShare;
    if (deal.nationalCountsAsRegional)
        r.nationalCountsAsRegional = *deal.nationalCountsAsRegional;
    return r;
}

Result<std::int64_t> Service::createDeal(const Deal& d) {
    try {
        if (d.lastYear < d.firstYear)
            return usage("the deal ends (" + std::to_string(d.lastYear) + ") before it starts (" +
                             std::to_string(d.firstYear) + ")",
                         "--to-year", "give a last year on or after the first year");
        auto exists = m_ws.db().prepare("SELECT 1 FROM regiodeal_deal WHERE code = ?");
        exists.bind(1, d.code);
        if (exists.step())
            return makeError("regiodeal.exists", "a deal with code '" + d.code + "' exists",
                             "--code", "choose another code");
        Row row;
        row.set("code", d.code)
            .set("name", d.name)
            .set("first_year", std::int64_t{d.firstYear})
            .set("last_year", std::int64_t{d.lastYear});
        if (!d.areaCode.empty()) {
            auto a = Repository<Area>(m_ws).findByCode(d.areaCode);
            if (!a)
                return makeError("regiodeal.unknown_area", "no area with code '" + d.areaCode + "'",
                                 "--area", "import it with `koppelkans-cli areas import`");
            row.set("area_id", a->id.value);
        }
        if (d.minRegionalShare)
            row.set("min_regional_share", d.minRegionalShare->toString());
        if (d.nationalCountsAsRegional)
            row.set("national_counts_as_regional", std::int64_t{*d.nationalCountsAsRegional});
        ChangeSet cs(m_ws, "Regiodeal: create " + d.code);
        const auto id = cs.insert("regiodeal_deal", row);
        if (auto st = cs.commit(); !st)
            return st.error();
        return id;
    } catch (const KkError& e) {
        return e.error();
    }
}

Status Service::setRule(const std::string& code, std::optional<Rate> minShare,
                        std::optional<bool> nationalCounts) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        if (minShare && (minShare->isNegative() || Rate::one() < *minShare))
            return usage("the minimum regional share must lie between 0 and 100 %",
                         "--min-regional-share", "write e.g. 50% or 1/2");
        Row row;
        if (minShare)
            row.set("min_regional_share", minShare->toString());
        if (nationalCounts)
            row.set("national_counts_as_regional", std::int64_t{*nationalCounts});
        if (row.columns.empty())
            return usage("nothing to change", "command rule",
                         "give --min-regional-share and/or --national-counts yes|no");
        ChangeSet cs(m_ws, "Regiodeal: co-financing rule of " + code);
        cs.update("regiodeal_deal", d.id, row);
        return cs.commit();
    });
}

Status Service::addGoal(const std::string& code, const std::string& goal, const std::string& name) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        ChangeSet cs(m_ws, "Regiodeal: goal " + goal + " of " + code);
        cs.insert("regiodeal_goal", Row().set("deal_id", d.id).set("code", goal).set("name", name));
        return cs.commit();
    });
}

Status Service::addPartner(const std::string& code, const std::string& actorCode,
                           const std::string& level, const std::string& name,
                           const std::string& kind, const std::string& role) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        if (level != "national" && level != "regional_public" && level != "regional_private")
            return usage("'" + level + "' is not a partner level", "--level",
                         "use national, regional_public or regional_private");
        ChangeSet cs(m_ws, "Regiodeal: partner " + actorCode + " of " + code);
        Repository<Actor> actors(m_ws);
        std::int64_t actorId = 0;
        if (auto a = actors.findByCode(actorCode)) {
            actorId = a->id.value;
        } else {
            auto k = fromCode<ActorKind>(kind);
            if (name.empty() || !k)
                return makeError("regiodeal.unknown_actor",
                                 "no actor with code '" + actorCode + "'", "--actor",
                                 "give --name NAME and --kind KIND (" + allowedCodes<ActorKind>() +
                                     ") to create it");
            Actor created;
            created.code = actorCode;
            created.name = name;
            created.kind = *k;
            actorId = actors.insert(cs, created);
        }
        cs.insert("regiodeal_partner", Row()
                                           .set("deal_id", d.id)
                                           .set("actor_id", actorId)
                                           .set("level", level)
                                           .set("role", role.empty() ? "partner" : role));
        return cs.commit();
    });
}

std::int64_t Service::partnerId(std::int64_t deal, const std::string& actor) {
    auto st = m_ws.db().prepare(
        "SELECT p.id FROM regiodeal_partner p JOIN kk_actor a ON a.id = p.actor_id WHERE "
        "p.deal_id = ? AND a.code = ?");
    st.bind(1, deal).bind(2, actor);
    if (!st.step())
        throw KkError(makeError("regiodeal.unknown_partner",
                                "'" + actor + "' is not a partner of this deal", "--partner",
                                "add it with `partner-add --actor " + actor + " --level LEVEL`"));
    return st.getInt(0);
}

std::int64_t Service::goalId(std::int64_t deal, const std::string& goal) {
    auto st = m_ws.db().prepare("SELECT id FROM regiodeal_goal WHERE deal_id = ? AND code = ?");
    st.bind(1, deal).bind(2, goal);
    if (!st.step())
        throw KkError(makeError("regiodeal.unknown_goal", "the deal has no goal '" + goal + "'",
                                "--goal",
                                "add it with `goal-add --code " + goal + " --name NAME`"));
    return st.getInt(0);
}

void Service::checkYear(const Deal& d, int year) {
    if (year < d.firstYear || year > d.lastYear)
        throw KkError(usage("year " + std::to_string(year) + " is outside the deal (" +
                                std::to_string(d.firstYear) + "-" + std::to_string(d.lastYear) +
                                ")",
                            "--year", "use a year of the deal's term"));
}

Status Service::commit(const std::string& code, const std::string& partner, const std::string& goal,
                       int year, const std::string& kind, const std::string& origin, Money amount) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        checkYear(d, year);
        if (kind != "public" && kind != "private" && kind != "in_kind")
            return usage("'" + kind + "' is not a kind of contribution", "--kind",
                         "use public, private or in_kind");
        if (origin != "own" && origin != "national")
            return usage("'" + origin + "' is not an origin", "--origin",
                         "use own, or national for money that comes from the national level");
        if (amount.isNegative())
            return usage("a commitment cannot be negative", "--amount", "give the amount in euros");
        const auto p = partnerId(d.id, partner);
        const auto g = goalId(d.id, goal);
        ChangeSet cs(m_ws, "Regiodeal: " + partner + " commits " + amount.format() + " to " + goal +
                               " " + std::to_string(year));
        auto st = m_ws.db().prepare(
            "SELECT id FROM regiodeal_commitment WHERE partner_id = ? AND goal_id = ? AND year = ? "
            "AND kind = ? AND origin = ?");
        st.bind(1, p).bind(2, g).bind(3, std::int64_t{year}).bind(4, kind).bind(5, origin);
        // A new figure for the same partner, goal, year, kind and origin corrects the old one.
        if (st.step())
            cs.update("regiodeal_commitment", st.getInt(0), Row().set("amount", amount.cents()));
        else
            cs.insert("regiodeal_commitment", Row()
                                                  .set("deal_id", d.id)
                                                  .set("partner_id", p)
                                                  .set("goal_id", g)
                                                  .set("year", std::int64_t{year})
                                                  .set("kind", kind)
                                                  .set("origin", origin)
                                                  .set("amount", amount.cents()));
        return cs.commit();
    });
}

Status Service::pay(const std::string& code, const std::string& partner, const std::string& goal,
                    int year, Money amount, const std::optional<Date>& paidOn) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        checkYear(d, year);
        if (amount.isNegative() || amount.isZero())
            return usage("a payment must be a positive amount", "--amount",
                         "give the amount paid in euros");
        Row row;
        row.set("deal_id", d.id)
            .set("partner_id", partnerId(d.id, partner))
            .set("goal_id", goalId(d.id, goal))
            .set("year", std::int64_t{year})
            .set("amount", amount.cents());
        if (paidOn)
            row.set("paid_on", paidOn->toString());
        ChangeSet cs(m_ws, "Regiodeal: " + partner + " paid " + amount.format());
        cs.insert("regiodeal_payment", row);
        return cs.commit();
    });
}

Status Service::spend(const std::string& code, const std::string& goal, int year, Money amount,
                      const std::string& note) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        checkYear(d, year);
        ChangeSet cs(m_ws, "Regiodeal: spending " + goal + " " + std::to_string(year));
        cs.insert("regiodeal_spending", Row()
                                            .set("deal_id", d.id)
                                            .set("goal_id", goalId(d.id, goal))
                                            .set("year", std::int64_t{year})
                                            .set("amount", amount.cents())
                                            .set("note", note));
        return cs.commit();
    });
}

Status Service::setFinal(const std::string& code, int year, bool final) {
    return guarded([&]() -> Status {
        const Deal d = requireDeal(code);
        checkYear(d, year);
        ChangeSet cs(m_ws, "Regiodeal: final accounting " + code + " " + std::to_string(year));
        auto st =
            m_ws.db().prepare("SELECT id FROM regiodeal_accounting WHERE deal_id = ? AND year = ?");
        st.bind(1, d.id).bind(2, std::int64_t{year});
        if (st.step())
            cs.update("regiodeal_accounting", st.getInt(0),
                      Row().set("final", std::int64_t{final}));
        else
            cs.insert("regiodeal_accounting", Row()
                                                  .set("deal_id", d.id)
                                                  .set("year", std::int64_t{year})
                                                  .set("final", std::int64_t{final}));
        return cs.commit();
    });
}

Result<nlohmann::json> Service::cofinancing(const std::string& code) {
    try {
        const Deal d = requireDeal(code);
        const RuleSettings r = ruleFor(d);
        nlohmann::json rule = {{"min_share", r.minRegionalShare.toString()},
                               {"national_counts_as_regional", r.nationalCountsAsRegional},
                               {"in_kind_counts", r.inKindCounts}};
        if (r.nationalMin)
            rule["national_min"] = r.nationalMin->cents();
        if (r.nationalMax)
            rule["national_max"] = r.nationalMax->cents();
        nlohmann::json contributions = nlohmann::json::array();
        auto st = m_ws.db().prepare(
            "SELECT a.code, a.name, p.level, c.kind, c.origin, sum(c.amount) FROM "
            "regiodeal_commitment c JOIN regiodeal_partner p ON p.id = c.partner_id JOIN kk_actor "
            "a ON a.id = p.actor_id WHERE c.deal_id = ? GROUP BY a.code, a.name, p.level, c.kind, "
            "c.origin ORDER BY p.id, c.kind, c.origin");
        st.bind(1, d.id);
        while (st.step())
            contributions.push_back({{"partner", st.getText(0)},
                                     {"name", st.getText(1)},
                                     {"level", st.getText(2)},
                                     {"kind", st.getText(3)},
                                     {"origin", st.getText(4)},
                                     {"amount", st.getInt(5)}});
        auto answer =
            m_rules->call("regiodeal.cofinancing", "evaluate",
                          {{"deal", d.code}, {"rule", rule}, {"contributions", contributions}});
        if (answer)
            answer.value()["rule"] = rule;
        return answer;
    } catch (const KkError& e) {
        return e.error();
    }
}

std::vector<MonitorRow> Service::monitor(const std::string& code, std::optional<int> year) {
    const Deal d = requireDeal(code);
    // Every (partner, goal, year) that has a commitment or a payment, committed vs paid.
    auto st = m_ws.db().prepare(
        "WITH keys AS (SELECT partner_id, goal_id, year FROM regiodeal_commitment WHERE deal_id = "
        "?1 UNION SELECT partner_id, goal_id, year FROM regiodeal_payment WHERE deal_id = ?1) "
        "SELECT a.code, a.name, p.level, g.code, k.year, "
        " (SELECT coalesce(sum(amount), 0) FROM regiodeal_commitment c WHERE c.partner_id = "
        "  k.partner_id AND c.goal_id = k.goal_id AND c.year = k.year), "
        " (SELECT coalesce(sum(amount), 0) FROM regiodeal_payment y WHERE y.partner_id = "
        "  k.partner_id AND y.goal_id = k.goal_id AND y.year = k.year) "
        "FROM keys k JOIN regiodeal_partner p ON p.id = k.partner_id JOIN kk_actor a ON a.id = "
        "p.actor_id JOIN regiodeal_goal g ON g.id = k.goal_id WHERE ?2 IS NULL OR k.year = ?2 "
        "ORDER BY p.id, g.code, k.year");
    st.bind(1, d.id);
    if (year)
        st.bind(2, std::int64_t{*year});
    else
        st.bindNull(2);
    std::vector<MonitorRow> out;
    while (st.step())
        out.push_back({st.getText(0), st.getText(1), st.getText(2), st.getText(3),
                       static_cast<int>(st.getInt(4)), Money::fromCents(st.getInt(5)),
                       Money::fromCents(st.getInt(6))});
    return out;
}

std::vector<AccountingRow> Service::accounting(const std::string& code) {
    const Deal d = requireDeal(code);
    std::vector<AccountingRow> out;
    Money cumulative;
    for (int y = d.firstYear; y <= d.lastYear; ++y) {
        AccountingRow row;
        row.year = y;
        auto one = [&](const char* sql) {
            auto st = m_ws.db().prepare(sql);
            st.bind(1, d.id).bind(2, std::int64_t{y});
            return Money::fromCents(st.step() ? st.getInt(0) : 0);
        };
        row.spending =
            one("SELECT coalesce(sum(amount), 0) FROM regiodeal_spending WHERE deal_id = ? AND "
                "year = ?");
        cumulative += row.spending;
        row.cumulative = cumulative;
        row.privateContribution = one(
            "SELECT coalesce(sum(c.amount), 0) FROM regiodeal_commitment c JOIN regiodeal_partner "
            "p ON p.id = c.partner_id WHERE c.deal_id = ? AND c.year = ? AND p.level = "
            "'regional_private'");
        row.nationalPaid = one(
            "SELECT coalesce(sum(y.amount), 0) FROM regiodeal_payment y JOIN regiodeal_partner p "
            "ON p.id = y.partner_id WHERE y.deal_id = ? AND y.year = ? AND p.level = 'national'");
        auto st = m_ws.db().prepare(
            "SELECT final FROM regiodeal_accounting WHERE deal_id = ? AND year = ?");
        st.bind(1, d.id).bind(2, std::int64_t{y});
        row.final = st.step() && st.getInt(0) != 0;
        out.push_back(row);
    }
    return out;
}

std::vector<Finding> Service::findings() {
    std::vector<Finding> out;
    for (const auto& d : deals()) {
        auto r = cofinancing(d.code);
        if (!r) {
            out.push_back({Severity::Error, "regiodeal", d.id, "", r.error().message(),
                           "correct scripts/regiodeal/cofinancing.lua"});
            continue;
        }
        for (const auto& f : r.value()["findings"])
            out.push_back({f.value("severity", "") == "error" ? Severity::Error : Severity::Warning,
                           "regiodeal", d.id, f.value("code", ""), f.value("message", ""),
                           "see `plugin regiodeal check --deal " + d.code + "`"});
    }
    return out;
}

}  // namespace kk::regiodeal
