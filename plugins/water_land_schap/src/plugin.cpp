// The Water+Land+Schap plugin: registers its tables, commands, validator, report and
// programme type with the host. The rules live in scripts/wls/*.lua, the defaults in data/.
#include <functional>
#include <sstream>

#include "core/base/progress.h"
#include "core/plugin/plugin_host.h"
#include "core/report/writer.h"
#include "plugins/water_land_schap/src/shared/command_args.h"
#include "plugins/water_land_schap/src/wls_service.h"
#include "plugins/water_land_schap/src/wls_views.h"

namespace kk::wls {
namespace {

using plugin::CommandArgs;
using plugin::CommandOutput;

using Handler = std::function<Result<CommandOutput>(const CommandArgs&, Service&)>;

/// Wraps a handler: parses the options (every command also takes --on DATE, the day the rules
/// judge by), opens the service and turns thrown KkErrors into results.
plugin::Command command(const plugin::PluginContext& ctx, std::string name, std::string synopsis,
                        std::string description, std::vector<std::string> options,
                        std::vector<std::string> flags, Handler handler) {
    options.push_back("on");
    plugin::Command c;
    c.name = name;
    c.synopsis = std::move(synopsis);
    c.description = std::move(description);
    c.run = [ctx, name, options, flags, handler](const std::vector<std::string>& args,
                                                 Workspace& ws) -> Result<CommandOutput> {
        auto parsed = CommandArgs::parse(name, args, options, flags);
        if (!parsed)
            return parsed.error();
        try {
            const Date on = parsed.value().has("on") ? parsed.value().date("on") : Date::today();
            auto service = Service::open(ctx, ws, on);
            if (!service)
                return service.error();
            return handler(parsed.value(), *service.value());
        } catch (const KkError& e) {
            return e.error();
        }
    };
    return c;
}

CommandOutput done(std::string text, nlohmann::json json = nlohmann::json::object()) {
    json["ok"] = true;
    return {std::move(text) + "\n", std::move(json)};
}

Result<CommandOutput> fromStatus(const Status& st, std::string text) {
    if (!st)
        return st.error();
    return done(std::move(text));
}

std::string continuityText(const nlohmann::json& findings) {
    std::string out;
    for (const auto& f : findings)
        out += f.value("severity", "") + ": " + f.value("message", "") + "\n";
    return out;
}

void registerCommands(plugin::PluginHost& host) {
    const plugin::PluginContext& ctx = host.context();
    host.addCommand(command(
        ctx, "coalition-create",
        "--code CODE --name NAME [--area AREA] [--themes a;b] [--water-system TEXT] "
        "[--from DATE] [--funding-end DATE] [--purpose TEXT]",
        "Creates an area coalition at the start of the path, with the milestones of data/path.csv.",
        {"code", "name", "area", "themes", "water-system", "from", "funding-end", "purpose"}, {},
        [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            NewCoalition n{a.text("code"),
                           a.text("name"),
                           a.textOr("area", ""),
                           a.list("themes"),
                           a.textOr("water-system", ""),
                           a.optionalDate("from"),
                           a.optionalDate("funding-end"),
                           a.textOr("purpose", "")};
            auto id = s.createCoalition(n);
            if (!id)
                return id.error();
            return done("created coalition " + n.code + " in phase " + s.config().phases.front(),
                        {{"coalition", n.code}, {"id", id.value().value}});
        }));
    host.addCommand(command(
        ctx, "member-add",
        "--coalition CODE --actor CODE [--name NAME --kind KIND] [--role ROLE] [--mandate TEXT]",
        "Adds an actor (created when --name and --kind are given) to a coalition.",
        {"coalition", "actor", "name", "kind", "role", "mandate"}, {},
        [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            NewMember m{a.text("coalition"),        a.text("actor"),
                        a.textOr("name", ""),       a.textOr("kind", ""),
                        a.textOr("role", "member"), a.textOr("mandate", "")};
            auto id = s.addMember(m);
            if (!id)
                return id.error();
            return done("added " + m.actorCode + " to " + m.coalitionCode + " as " + m.role);
        }));
    host.addCommand(command(
        ctx, "check", "--coalition CODE",
        "Runs the composition rule (scripts/wls/composition.lua) and the continuity rule; fails "
        "naming the missing partner types.",
        {"coalition"}, {}, [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            const std::string code = a.text("coalition");
            auto comp = s.composition(code);
            if (!comp)
                return comp.error();
            auto cont = s.continuity(code);
            if (!cont)
                return cont.error();
            if (!comp.value().value("ok", false))
                return makeError("wls.composition", comp.value().value("message", ""),
                                 "coalition " + code,
                                 "add the missing partners with `member-add --kind KIND`; the "
                                 "prescribed list is data/composition.csv");
            return done(comp.value().value("message", "") + "\n" + continuityText(cont.value()),
                        {{"composition", comp.value()}, {"continuity", cont.value()}});
        }));
    host.addCommand(command(
        ctx, "continuity", "--coalition CODE --actor CODE [--plan TEXT]",
        "Records who takes over after the funding ends.", {"coalition", "actor", "plan"}, {},
        [](const CommandArgs& a, Service& s) {
            return fromStatus(
                s.setContinuity(a.text("coalition"), a.text("actor"), a.textOr("plan", "")),
                "continuity of " + a.text("coalition") + ": " + a.text("actor") + " takes over");
        }));
    host.addCommand(command(
        ctx, "funding-end", "--coalition CODE --date DATE", "Records when the funding ends.",
        {"coalition", "date"}, {}, [](const CommandArgs& a, Service& s) {
            return fromStatus(s.setFundingEnd(a.text("coalition"), a.date("date")),
                              "funding of " + a.text("coalition") + " ends " + a.text("date"));
        }));
    host.addCommand(command(
        ctx, "milestone-done", "--coalition CODE --milestone CODE [--date DATE] [--note TEXT]",
        "Marks a milestone of the path as done.", {"coalition", "milestone", "date", "note"}, {},
        [](const CommandArgs& a, Service& s) {
            const Date on = a.has("date") ? a.date("date") : s.today();
            return fromStatus(
                s.milestoneDone(a.text("coalition"), a.text("milestone"), on, a.textOr("note", "")),
                a.text("milestone") + " done on " + on.toString());
        }));
    host.addCommand(
        command(ctx, "advance", "--coalition CODE --to PHASE [--date DATE]",
                "Moves a coalition to the next phase when scripts/wls/path.lua allows it.",
                {"coalition", "to", "date"}, {}, [](const CommandArgs& a, Service& s) {
                    const Date on = a.has("date") ? a.date("date") : s.today();
                    return fromStatus(s.advance(a.text("coalition"), a.text("to"), on),
                                      a.text("coalition") + " is now in phase " + a.text("to"));
                }));
    host.addCommand(
        command(ctx, "indicators-setup", "",
                "Creates the W+L+S process and result indicators of data/indicators.csv.", {}, {},
                [](const CommandArgs&, Service& s) -> Result<CommandOutput> {
                    auto n = s.ensureIndicators();
                    if (!n)
                        return n.error();
                    return done(std::to_string(n.value()) + " indicator(s) created",
                                {{"created", n.value()}});
                }));
    host.addCommand(command(
        ctx, "target", "--coalition CODE --indicator CODE --year YEAR --value NUMBER [--milestone]",
        "Sets a target of a coalition indicator.", {"coalition", "indicator", "year", "value"},
        {"milestone"}, [](const CommandArgs& a, Service& s) {
            return fromStatus(s.setTarget(a.text("coalition"), a.text("indicator"),
                                          a.integer("year"), a.text("value"), a.flag("milestone")),
                              "target set");
        }));
    host.addCommand(command(
        ctx, "measure",
        "--coalition CODE --indicator CODE --year YEAR --value NUMBER [--source TEXT]",
        "Records a measured value of a coalition indicator.",
        {"coalition", "indicator", "year", "value", "source"}, {},
        [](const CommandArgs& a, Service& s) {
            return fromStatus(s.measure(a.text("coalition"), a.text("indicator"), a.integer("year"),
                                        a.text("value"), a.textOr("source", "coalition report")),
                              "measured " + a.text("indicator") + " = " + a.text("value"));
        }));
    host.addCommand(command(
        ctx, "practice-add", "--coalition CODE --theme THEME --title TEXT [--description TEXT]",
        "Shares a practice with the learning network.",
        {"coalition", "theme", "title", "description"}, {}, [](const CommandArgs& a, Service& s) {
            return fromStatus(s.addPractice(a.text("coalition"), a.text("theme"), a.text("title"),
                                            a.textOr("description", "")),
                              "practice shared");
        }));
    host.addCommand(command(
        ctx, "status", "--coalition CODE",
        "Phase, milestones, composition, continuity and process/result indicators of a coalition.",
        {"coalition"}, {}, [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            auto st = s.status(a.text("coalition"));
            if (!st)
                return st.error();
            std::ostringstream text;
            const auto& j = st.value();
            text << j.value("code", "") << " (" << j.value("name", "") << "): phase "
                 << j.value("phase", "") << "\n"
                 << j["composition"].value("message", "") << "\n";
            for (const auto& m : j["milestones"])
                text << "  [" << (m.value("done", false) ? "x" : " ") << "] " << m.value("code", "")
                     << " " << m.value("name", "") << "\n";
            for (const auto& i : j["indicators"])
                text << "  " << i.value("type", "") << " " << i.value("code", "") << " "
                     << i.value("year", std::int64_t{0}) << ": " << i.value("value", "-") << "\n";
            text << continuityText(j["continuity"]);
            return done(text.str(), j);
        }));
    host.addCommand(command(ctx, "network", "",
                            "The learning network: coalitions, themes, shared practices (JSON).",
                            {}, {}, [](const CommandArgs&, Service& s) -> Result<CommandOutput> {
                                auto n = learningNetwork(s);
                                if (!n)
                                    return n.error();
                                return done(n.value().dump(2), n.value());
                            }));
    host.addCommand(command(
        ctx, "overlap", "--coalition CODE",
        "Areas of other programmes (LEADER, perimeters, ...) overlapping the coalition's area, "
        "with their programmes, funds and themes.",
        {"coalition"}, {}, [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            auto o = overlapView(s, a.text("coalition"));
            if (!o)
                return o.error();
            return done(o.value().dump(2), o.value());
        }));
    host.addCommand(command(
        ctx, "report", "--out FILE.xlsx|.csv|.html|.pdf", "Writes the W+L+S overview report.",
        {"out"}, {}, [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            auto r = buildReport(s);
            if (!r)
                return r.error();
            NoProgress progress;
            if (auto st = report::writeReport(r.value(), a.text("out"), progress); !st)
                return st.error();
            return done("wrote " + a.text("out"), {{"path", a.text("out")}});
        }));
}

Status registerPlugin(plugin::PluginHost& host) {
    const plugin::PluginContext ctx = host.context();
    host.addMigrations(migrations());
    auto config = Config::load(ctx, Date::today());
    if (!config)
        return config.error();
    plugin::ProgrammeType type;
    type.id = std::string(kPluginId) + ".coalition";
    type.name = "Water+Land+Schap area coalition";
    type.description = "Path partnership -> area programme -> realisation (data/settings.csv)";
    type.statuses = config.value().phases;
    for (std::size_t i = 0; i + 1 < type.statuses.size(); ++i)
        type.transitions.push_back({type.statuses[i], type.statuses[i + 1], type.statuses[i + 1]});
    host.addProgrammeType(std::move(type));
    registerCommands(host);
    host.addValidator({"wls-coalitions",
                       "W+L+S composition (error) and continuity within a year (warning)",
                       [ctx](Workspace& ws) {
                           auto s = Service::open(ctx, ws, Date::today());
                           if (!s)
                               return std::vector<Finding>{{Severity::Error, "plugin", 0, "",
                                                            s.error().message(), s.error().hint}};
                           return s.value()->findings();
                       }});
    host.addReport(
        {"overview",
         "Water+Land+Schap overview",
         "Coalitions, composition, path, indicators, continuity, network, overlaps",
         {},
         [ctx](Workspace& ws, const plugin::Options&, Progress&) -> Result<report::Report> {
             auto s = Service::open(ctx, ws, Date::today());
             if (!s)
                 return s.error();
             return buildReport(*s.value());
         }});
    return {};
}

}  // namespace
}  // namespace kk::wls

KK_PLUGIN_ENTRY("water_land_schap", "1.0.0", &kk::wls::registerPlugin)
