// Water+Land+Schap operations (see wls_service.h).
#include "plugins/water_land_schap/src/wls_service.h"

#include <algorithm>
#include <filesystem>

#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::wls {
namespace {

std::string joinList(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ";") + s;
    return out;
}

sql::Value optionalDate(const std::optional<Date>& d) {
    if (!d)
        return std::monostate{};
    return d->toString();
}

std::optional<Date> readDate(sql::Statement& st, int col) {
    if (st.isNull(col))
        return std::nullopt;
    auto d = Date::parse(st.getText(col));
    if (!d)
        return std::nullopt;
    return d.value();
}

template <class F>
Status guarded(F&& f) {
    try {
        return f();
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace

Error unknownCoalition(const std::string& code) {
    return makeError("wls.unknown_coalition",
                     "no Water+Land+Schap coalition with code '" + code + "'", "--coalition",
                     "create it with `plugin water_land_schap coalition-create --code " + code +
                         " --name NAME`, or list them with `plugin water_land_schap network`");
}

Result<std::unique_ptr<Service>> Service::open(const plugin::PluginContext& ctx, Workspace& ws,
                                               const Date& today) {
    if (auto st = ws.applyMigrations(kPluginId, migrations()); !st)
        return st.error();
    auto config = Config::load(ctx, today);
    if (!config)
        return config.error();
    std::unique_ptr<Service> s(new Service(ws, std::move(config).value(), today));
    auto rules = plugin::RuleModules::open(
        kPluginId, (std::filesystem::path(ctx.folder) / "scripts").string(), &ws);
    if (!rules)
        return rules.error();
    s->m_rules = std::move(rules).value();
    return s;
}

Coalition Service::requireCoalition(const std::string& code) {
    auto c = Repository<Coalition>(m_ws).findByCode(code);
    if (!c)
        throw KkError(unknownCoalition(code));
    auto st = m_ws.db().prepare("SELECT 1 FROM water_land_schap_coalition WHERE coalition_id = ?");
    st.bind(1, c->id.value);
    if (!st.step())
        throw KkError(makeError("wls.not_registered",
                                "coalition '" + code + "' exists but is not a W+L+S coalition",
                                "--coalition", "create W+L+S coalitions with `coalition-create`"));
    return *c;
}

std::string Service::phaseOf(CoalitionId id) {
    auto st =
        m_ws.db().prepare("SELECT phase FROM water_land_schap_coalition WHERE coalition_id = ?");
    st.bind(1, id.value);
    return st.step() ? st.getText(0) : std::string();
}

std::vector<Coalition> Service::coalitions() {
    std::vector<Coalition> out;
    Repository<Coalition> repo(m_ws);
    auto st = m_ws.db().prepare(
        "SELECT c.id FROM kk_coalition c JOIN water_land_schap_coalition w ON w.coalition_id = "
        "c.id ORDER BY c.code");
    while (st.step())
        if (auto c = repo.get(st.getInt(0)))
            out.push_back(*c);
    return out;
}

Result<CoalitionId> Service::createCoalition(const NewCoalition& n) {
    try {
        if (Repository<Coalition>(m_ws).findByCode(n.code))
            return makeError("wls.exists", "a coalition with code '" + n.code + "' already exists",
                             "--code", "choose another code");
        Coalition c;
        c.code = n.code;
        c.name = n.name;
        c.purpose = n.purpose;
        c.agreementFrom = n.agreementFrom;
        c.agreementTo = n.fundingEnd;
        c.governanceForm = "Water+Land+Schap area coalition";
        if (!n.areaCode.empty()) {
            auto a = Repository<Area>(m_ws).findByCode(n.areaCode);
            if (!a)
                return makeError("wls.unknown_area", "no area with code '" + n.areaCode + "'",
                                 "--area", "import it with `koppelkans-cli areas import`");
            c.areaId = a->id;
        }
        ChangeSet cs(m_ws, "W+L+S: create coalition " + n.code);
        const std::int64_t id = Repository<Coalition>(m_ws).insert(cs, c);
        cs.insert("water_land_schap_coalition", Row()
                                                    .set("coalition_id", id)
                                                    .set("phase", m_config.phases.front())
                                                    .set("themes", joinList(n.themes))
                                                    .set("water_system", n.waterSystem)
                                                    .set("funding_end", optionalDate(n.fundingEnd))
                                                    .set("registered_on", m_today.toString()));
        for (const auto& m : m_config.milestones)
            cs.insert("water_land_schap_milestone", Row()
                                                        .set("coalition_id", id)
                                                        .set("phase", m.phase)
                                                        .set("code", m.code)
                                                        .set("name", m.name)
                                                        .set("due", optionalDate(m.due)));
        if (auto st = cs.commit(); !st)
            return st.error();
        return CoalitionId{id};
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<CoalitionMemberId> Service::addMember(const NewMember& n) {
    try {
        const Coalition c = requireCoalition(n.coalitionCode);
        auto role = fromCode<MemberRole>(n.role);
        if (!role)
            return makeError("wls.bad_role", "'" + n.role + "' is not a member role", "--role",
                             "use one of " + allowedCodes<MemberRole>());
        ChangeSet cs(m_ws, "W+L+S: add " + n.actorCode + " to " + n.coalitionCode);
        Repository<Actor> actors(m_ws);
        auto actor = actors.findByCode(n.actorCode);
        ActorId actorId;
        if (actor) {
            actorId = actor->id;
        } else {
            auto kind = fromCode<ActorKind>(n.actorKind);
            if (n.actorName.empty() || !kind)
                return makeError("wls.unknown_actor", "no actor with code '" + n.actorCode + "'",
                                 "--actor",
                                 "give --name NAME and --kind KIND (" + allowedCodes<ActorKind>() +
                                     ") to create it");
            Actor a;
            a.code = n.actorCode;
            a.name = n.actorName;
            a.kind = *kind;
            actorId = ActorId{actors.insert(cs, a)};
        }
        Repository<CoalitionMember> members(m_ws);
        for (const auto& m : members.list(Query().where("coalition_id", c.id.value)))
            if (m.actorId == actorId && !m.left)
                return makeError("wls.already_member",
                                 "actor '" + n.actorCode + "' is already a member of " + c.code,
                                 "--actor", "nothing to do");
        CoalitionMember m;
        m.coalitionId = c.id;
        m.actorId = actorId;
        m.role = *role;
        m.mandateFunction = n.mandateFunction;
        m.joined = m_today;
        const std::int64_t id = members.insert(cs, m);
        if (auto st = cs.commit(); !st)
            return st.error();
        return CoalitionMemberId{id};
    } catch (const KkError& e) {
        return e.error();
    }
}

nlohmann::json Service::membersJson(CoalitionId id) {
    nlohmann::json out = nlohmann::json::array();
    Repository<Actor> actors(m_ws);
    for (const auto& m :
         Repository<CoalitionMember>(m_ws).list(Query().where("coalition_id", id.value))) {
        if (m.left && *m.left <= m_today)
            continue;  // only current members make up the partnership
        auto a = actors.get(m.actorId.value);
        if (!a)
            continue;
        out.push_back({{"actor", a->code},
                       {"name", a->name},
                       {"kind", std::string(toCode(a->kind))},
                       {"role", std::string(toCode(m.role))}});
    }
    return out;
}

Result<nlohmann::json> Service::composition(const std::string& code) {
    try {
        const Coalition c = requireCoalition(code);
        return m_rules->call("wls.composition", "evaluate",
                             {{"coalition", c.code},
                              {"members", membersJson(c.id)},
                              {"requirements", m_config.requirementsJson()}});
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<nlohmann::json> Service::continuity(const std::string& code) {
    try {
        std::vector<Coalition> list;
        if (code.empty())
            list = coalitions();
        else
            list.push_back(requireCoalition(code));
        nlohmann::json arr = nlohmann::json::array();
        Repository<Actor> actors(m_ws);
        for (const auto& c : list) {
            nlohmann::json j = {{"code", c.code}, {"name", c.name}};
            auto st = m_ws.db().prepare(
                "SELECT funding_end FROM water_land_schap_coalition WHERE coalition_id = ?");
            st.bind(1, c.id.value);
            if (st.step())
                if (auto end = readDate(st, 0)) {
                    j["funding_end"] = end->toString();
                    j["days_left"] = end->toDays() - m_today.toDays();
                }
            if (c.continuityActorId)
                if (auto a = actors.get(c.continuityActorId->value))
                    j["continuity_actor"] = a->code;
            j["continuity_plan"] = c.continuityPlan;
            nlohmann::json followUp = nlohmann::json::array();
            for (const auto& m : membersJson(c.id))
                if (m["role"] == "follow_up")
                    followUp.push_back(m["name"]);
            j["follow_up"] = followUp;
            arr.push_back(j);
        }
        return m_rules->call(
            "wls.continuity", "evaluate",
            {{"warning_days", m_config.continuityWarningDays}, {"coalitions", arr}});
    } catch (const KkError& e) {
        return e.error();
    }
}

Status Service::setContinuity(const std::string& code, const std::string& actorCode,
                              const std::string& plan) {
    return guarded([&]() -> Status {
        Coalition c = requireCoalition(code);
        auto a = Repository<Actor>(m_ws).findByCode(actorCode);
        if (!a)
            return makeError("wls.unknown_actor", "no actor with code '" + actorCode + "'",
                             "--actor", "add the actor first (member-add creates one)");
        c.continuityActorId = a->id;
        c.continuityPlan = plan;
        ChangeSet cs(m_ws, "W+L+S: continuity of " + code);
        Repository<Coalition>(m_ws).update(cs, c);
        return cs.commit();
    });
}

Status Service::setFundingEnd(const std::string& code, const Date& end) {
    return guarded([&]() -> Status {
        Coalition c = requireCoalition(code);
        ChangeSet cs(m_ws, "W+L+S: funding end of " + code);
        cs.update("water_land_schap_coalition", c.id.value,
                  Row().set("funding_end", end.toString()));
        c.agreementTo = end;
        Repository<Coalition>(m_ws).update(cs, c);
        return cs.commit();
    });
}

nlohmann::json Service::milestonesJson(CoalitionId id) {
    nlohmann::json out = nlohmann::json::array();
    auto st = m_ws.db().prepare(
        "SELECT code, name, phase, due, done_on, note FROM water_land_schap_milestone WHERE "
        "coalition_id = ? ORDER BY id");
    st.bind(1, id.value);
    while (st.step()) {
        nlohmann::json m = {{"code", st.getText(0)},
                            {"name", st.getText(1)},
                            {"phase", st.getText(2)},
                            {"done", !st.isNull(4)},
                            {"note", st.getText(5)}};
        if (!st.isNull(3))
            m["due"] = st.getText(3);
        if (!st.isNull(4))
            m["done_on"] = st.getText(4);
        out.push_back(m);
    }
    return out;
}

Status Service::milestoneDone(const std::string& code, const std::string& milestone, const Date& on,
                              const std::string& note) {
    return guarded([&]() -> Status {
        const Coalition c = requireCoalition(code);
        auto st = m_ws.db().prepare(
            "SELECT id FROM water_land_schap_milestone WHERE coalition_id = ? AND code = ?");
        st.bind(1, c.id.value).bind(2, milestone);
        if (!st.step())
            return makeError("wls.unknown_milestone",
                             "coalition " + code + " has no milestone '" + milestone + "'",
                             "--milestone",
                             "see the milestones with `status --coalition " + code + "`");
        ChangeSet cs(m_ws, "W+L+S: " + code + " milestone " + milestone + " done");
        cs.update("water_land_schap_milestone", st.getInt(0),
                  Row().set("done_on", on.toString()).set("note", note));
        return cs.commit();
    });
}

Status Service::advance(const std::string& code, const std::string& toPhase, const Date& on) {
    return guarded([&]() -> Status {
        const Coalition c = requireCoalition(code);
        auto comp = composition(code);
        if (!comp)
            return comp.error();
        const std::string phase = phaseOf(c.id);
        auto answer = m_rules->call("wls.path", "can_advance",
                                    {{"phases", m_config.phases},
                                     {"phase", phase},
                                     {"to", toPhase},
                                     {"milestones", milestonesJson(c.id)},
                                     {"composition_ok", comp.value().value("ok", false)},
                                     {"composition_message", comp.value().value("message", "")}});
        if (!answer)
            return answer.error();
        if (!answer.value().value("ok", false)) {
            std::string reasons;
            for (const auto& r : answer.value()["reasons"])
                reasons += (reasons.empty() ? "" : "; ") + r.get<std::string>();
            return makeError("wls.path_refused",
                             "coalition " + code + " cannot move from '" + phase + "' to '" +
                                 toPhase + "': " + reasons,
                             "--to", "complete what is listed, then advance again");
        }
        ChangeSet cs(m_ws, "W+L+S: " + code + " to " + toPhase);
        cs.update("water_land_schap_coalition", c.id.value, Row().set("phase", toPhase));
        cs.insert("water_land_schap_phase_log", Row()
                                                    .set("coalition_id", c.id.value)
                                                    .set("from_phase", phase)
                                                    .set("to_phase", toPhase)
                                                    .set("on_date", on.toString()));
        return cs.commit();
    });
}

Result<int> Service::ensureIndicators() {
    try {
        Repository<Indicator> repo(m_ws);
        ChangeSet cs(m_ws, "W+L+S: indicators");
        Repository<Programme> programmes(m_ws);
        auto prog = programmes.findByCode(m_config.programmeCode);
        std::optional<ProgrammeId> progId;
        if (prog) {
            progId = prog->id;
        } else {
            Programme p;
            p.code = m_config.programmeCode;
            p.name = "Water+Land+Schap";
            p.pluginId = kPluginId;
            p.valid.from = Date(2021, 1, 1);
            progId = ProgrammeId{programmes.insert(cs, p)};
        }
        int created = 0;
        for (const auto& t : m_config.indicators) {
            if (repo.findByCode(t.code))
                continue;
            Indicator i;
            i.code = t.code;
            i.name = t.name;
            i.unit = t.unit;
            i.type = fromCode<IndicatorType>(t.type).value_or(IndicatorType::Output);
            i.direction = fromCode<Direction>(t.direction).value_or(Direction::Increase);
            i.aggregation = fromCode<Aggregation>(t.aggregation).value_or(Aggregation::Sum);
            i.programmeId = progId;
            repo.insert(cs, i);
            ++created;
        }
        if (auto st = cs.commit(); !st)
            return st.error();
        return created;
    } catch (const KkError& e) {
        return e.error();
    }
}

namespace {

Indicator requireIndicator(Workspace& ws, const std::string& code) {
    auto i = Repository<Indicator>(ws).findByCode(code);
    if (!i)
        throw KkError(makeError("wls.unknown_indicator", "no indicator '" + code + "'",
                                "--indicator",
                                "create the W+L+S indicators with `indicators-setup`"));
    return *i;
}

}  // namespace

Status Service::setTarget(const std::string& code, const std::string& indicator, int year,
                          const std::string& value, bool milestone) {
    return guarded([&]() -> Status {
        const Coalition c = requireCoalition(code);
        const Indicator ind = requireIndicator(m_ws, indicator);
        Target t;
        t.indicatorId = ind.id;
        t.subject = {SubjectKind::Coalition, c.id.value};
        t.year = year;
        t.value = value;
        t.milestone = milestone;
        ChangeSet cs(m_ws, "W+L+S: target " + indicator + " for " + code);
        Repository<Target>(m_ws).insert(cs, t);
        return cs.commit();
    });
}

Status Service::measure(const std::string& code, const std::string& indicator, int year,
                        const std::string& value, const std::string& source) {
    return guarded([&]() -> Status {
        const Coalition c = requireCoalition(code);
        const Indicator ind = requireIndicator(m_ws, indicator);
        Repository<Measurement> repo(m_ws);
        ChangeSet cs(m_ws, "W+L+S: " + indicator + " " + std::to_string(year) + " for " + code);
        // One value per indicator, coalition, year and source: a new value replaces the old.
        for (const auto& m : repo.list(Query()
                                           .where("indicator_id", ind.id.value)
                                           .where("subject_kind", std::string("coalition"))
                                           .where("subject_id", c.id.value)
                                           .where("year", std::int64_t{year})
                                           .where("source", source)))
            repo.remove(cs, m.id.value);
        Measurement m;
        m.indicatorId = ind.id;
        m.subject = {SubjectKind::Coalition, c.id.value};
        m.year = year;
        m.value = value;
        m.source = source;
        repo.insert(cs, m);
        return cs.commit();
    });
}

Status Service::addPractice(const std::string& code, const std::string& theme,
                            const std::string& title, const std::string& description) {
    return guarded([&]() -> Status {
        const Coalition c = requireCoalition(code);
        ChangeSet cs(m_ws, "W+L+S: practice of " + code);
        cs.insert("water_land_schap_practice", Row()
                                                   .set("coalition_id", c.id.value)
                                                   .set("theme", theme)
                                                   .set("title", title)
                                                   .set("description", description)
                                                   .set("shared_on", m_today.toString()));
        return cs.commit();
    });
}

nlohmann::json Service::indicatorsJson(CoalitionId id) {
    // Process indicators next to result indicators: one list, each with its type.
    nlohmann::json out = nlohmann::json::array();
    auto st = m_ws.db().prepare(
        "SELECT i.code, i.name, i.unit, i.type, m.year, m.value, "
        " (SELECT t.value FROM kk_target t WHERE t.indicator_id = i.id AND t.subject_kind = "
        "  'coalition' AND t.subject_id = ?1 ORDER BY t.year DESC LIMIT 1) "
        "FROM kk_indicator i LEFT JOIN kk_measurement m ON m.indicator_id = i.id AND "
        " m.subject_kind = 'coalition' AND m.subject_id = ?1 "
        "WHERE i.code IN (SELECT code FROM kk_indicator WHERE programme_id = (SELECT id FROM "
        " kk_programme WHERE code = ?2)) "
        "ORDER BY CASE i.type WHEN 'process' THEN 0 WHEN 'result' THEN 1 ELSE 2 END, i.code, "
        " m.year");
    st.bind(1, id.value).bind(2, m_config.programmeCode);
    while (st.step()) {
        nlohmann::json j = {{"code", st.getText(0)},
                            {"name", st.getText(1)},
                            {"unit", st.getText(2)},
                            {"type", st.getText(3)}};
        if (!st.isNull(4)) {
            j["year"] = st.getInt(4);
            j["value"] = st.getText(5);
        }
        if (!st.isNull(6))
            j["target"] = st.getText(6);
        out.push_back(j);
    }
    return out;
}

Result<nlohmann::json> Service::status(const std::string& code) {
    try {
        const Coalition c = requireCoalition(code);
        auto comp = composition(code);
        if (!comp)
            return comp.error();
        auto cont = continuity(code);
        if (!cont)
            return cont.error();
        nlohmann::json j = {{"code", c.code},
                            {"name", c.name},
                            {"phase", phaseOf(c.id)},
                            {"members", membersJson(c.id)},
                            {"milestones", milestonesJson(c.id)},
                            {"composition", comp.value()},
                            {"continuity", cont.value()},
                            {"indicators", indicatorsJson(c.id)}};
        return j;
    } catch (const KkError& e) {
        return e.error();
    }
}

std::vector<Finding> Service::findings() {
    std::vector<Finding> out;
    for (const auto& c : coalitions()) {
        auto comp = composition(c.code);
        if (!comp) {
            out.push_back({Severity::Error, "coalition", c.id.value, "members",
                           comp.error().message(), "correct scripts/wls/composition.lua"});
            continue;
        }
        if (!comp.value().value("ok", false))
            out.push_back(
                {Severity::Error, "coalition", c.id.value, "members",
                 comp.value().value("message", ""),
                 "Water+Land+Schap prescribes these partner types (data/composition.csv)"});
    }
    auto cont = continuity();
    if (!cont) {
        out.push_back({Severity::Error, "coalition", 0, "continuity_plan", cont.error().message(),
                       "correct scripts/wls/continuity.lua"});
        return out;
    }
    for (const auto& f : cont.value()) {
        auto c = Repository<Coalition>(m_ws).findByCode(f.value("coalition", ""));
        out.push_back({f.value("severity", "") == "warning" ? Severity::Warning : Severity::Info,
                       "coalition", c ? c->id.value : 0, "continuity_actor_id",
                       f.value("message", ""),
                       "record who takes over with `plugin water_land_schap continuity`"});
    }
    return out;
}

}  // namespace kk::wls
