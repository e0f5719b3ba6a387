// The regiodeal plugin: registers its tables, commands, validator and report. The co-financing
// rule lives in scripts/regiodeal/cofinancing.lua, its defaults in data/rules.csv.
#include <functional>
#include <sstream>

#include "core/base/progress.h"
#include "core/plugin/plugin_host.h"
#include "core/report/writer.h"
#include "plugins/regiodeal/src/deal_report.h"
#include "plugins/regiodeal/src/deal_service.h"
#include "plugins/water_land_schap/src/shared/command_args.h"

namespace kk::regiodeal {
namespace {

using plugin::CommandArgs;
using plugin::CommandOutput;
using Handler = std::function<Result<CommandOutput>(const CommandArgs&, Service&)>;

plugin::Command command(const plugin::PluginContext& ctx, std::string name, std::string synopsis,
                        std::string description, std::vector<std::string> options,
                        Handler handler) {
    options.push_back("on");
    plugin::Command c;
    c.name = name;
    c.synopsis = std::move(synopsis);
    c.description = std::move(description);
    c.run = [ctx, name, options, handler](const std::vector<std::string>& args,
                                          Workspace& ws) -> Result<CommandOutput> {
        auto parsed = CommandArgs::parse(name, args, options);
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

Result<CommandOutput> fromStatus(const Status& st, std::string text) {
    if (!st)
        return st.error();
    return CommandOutput{text + "\n", {{"ok", true}}};
}

std::optional<bool> yesNo(const CommandArgs& a, const std::string& name) {
    if (!a.has(name))
        return std::nullopt;
    const std::string v = a.text(name);
    if (v == "yes" || v == "true" || v == "1")
        return true;
    if (v == "no" || v == "false" || v == "0")
        return false;
    throw KkError(makeError("regiodeal.usage", "'" + v + "' is not yes or no", "--" + name,
                            "write yes or no"));
}

void registerCommands(plugin::PluginHost& host) {
    const plugin::PluginContext& ctx = host.context();
    host.addCommand(command(
        ctx, "deal-create",
        "--code CODE --name NAME --from-year YEAR --to-year YEAR [--area AREA] "
        "[--min-regional-share RATE] [--national-counts yes|no]",
        "Creates a deal: a contract between governments and partners for an area.",
        {"code", "name", "from-year", "to-year", "area", "min-regional-share", "national-counts"},
        [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            Deal d;
            d.code = a.text("code");
            d.name = a.text("name");
            d.firstYear = a.integer("from-year");
            d.lastYear = a.integer("to-year");
            d.areaCode = a.textOr("area", "");
            if (a.has("min-regional-share"))
                d.minRegionalShare = a.rate("min-regional-share");
            d.nationalCountsAsRegional = yesNo(a, "national-counts");
            auto id = s.createDeal(d);
            if (!id)
                return id.error();
            return CommandOutput{"created deal " + d.code + "\n",
                                 {{"ok", true}, {"id", id.value()}}};
        }));
    host.addCommand(command(
        ctx, "rule", "--deal CODE [--min-regional-share RATE] [--national-counts yes|no]",
        "Sets the deal's own co-financing rule (default: data/rules.csv).",
        {"deal", "min-regional-share", "national-counts"}, [](const CommandArgs& a, Service& s) {
            std::optional<Rate> share;
            if (a.has("min-regional-share"))
                share = a.rate("min-regional-share");
            return fromStatus(s.setRule(a.text("deal"), share, yesNo(a, "national-counts")),
                              "rule of " + a.text("deal") + " updated");
        }));
    host.addCommand(command(ctx, "goal-add", "--deal CODE --code CODE --name NAME",
                            "Adds an area-level goal to a deal.", {"deal", "code", "name"},
                            [](const CommandArgs& a, Service& s) {
                                return fromStatus(
                                    s.addGoal(a.text("deal"), a.text("code"), a.text("name")),
                                    "goal " + a.text("code") + " added");
                            }));
    host.addCommand(command(
        ctx, "partner-add",
        "--deal CODE --actor CODE --level national|regional_public|regional_private "
        "[--name NAME --kind KIND] [--role ROLE]",
        "Adds a partner (a government level or a regional partner) to a deal.",
        {"deal", "actor", "level", "name", "kind", "role"}, [](const CommandArgs& a, Service& s) {
            return fromStatus(
                s.addPartner(a.text("deal"), a.text("actor"), a.text("level"), a.textOr("name", ""),
                             a.textOr("kind", ""), a.textOr("role", "partner")),
                "partner " + a.text("actor") + " added");
        }));
    host.addCommand(command(
        ctx, "commit",
        "--deal CODE --partner ACTOR --goal CODE --year YEAR --amount EUR "
        "[--kind public|private|in_kind] [--origin own|national]",
        "Records what a partner commits to a goal in a year; the same partner, goal, year, "
        "kind and origin again corrects it.",
        {"deal", "partner", "goal", "year", "amount", "kind", "origin"},
        [](const CommandArgs& a, Service& s) {
            return fromStatus(
                s.commit(a.text("deal"), a.text("partner"), a.text("goal"), a.integer("year"),
                         a.textOr("kind", "public"), a.textOr("origin", "own"), a.money("amount")),
                "commitment recorded");
        }));
    host.addCommand(command(
        ctx, "pay", "--deal CODE --partner ACTOR --goal CODE --year YEAR --amount EUR [--date D]",
        "Records a payment of a partner's contribution.",
        {"deal", "partner", "goal", "year", "amount", "date"},
        [](const CommandArgs& a, Service& s) {
            return fromStatus(s.pay(a.text("deal"), a.text("partner"), a.text("goal"),
                                    a.integer("year"), a.money("amount"), a.optionalDate("date")),
                              "payment recorded");
        }));
    host.addCommand(
        command(ctx, "spend", "--deal CODE --goal CODE --year YEAR --amount EUR [--note TEXT]",
                "Records what the deal spent on a goal in a year (besteding).",
                {"deal", "goal", "year", "amount", "note"}, [](const CommandArgs& a, Service& s) {
                    return fromStatus(s.spend(a.text("deal"), a.text("goal"), a.integer("year"),
                                              a.money("amount"), a.textOr("note", "")),
                                      "spending recorded");
                }));
    host.addCommand(command(ctx, "final", "--deal CODE --year YEAR [--value yes|no]",
                            "Sets the final-accounting flag (eindverantwoording) of a year.",
                            {"deal", "year", "value"}, [](const CommandArgs& a, Service& s) {
                                const bool v = yesNo(a, "value").value_or(true);
                                return fromStatus(s.setFinal(a.text("deal"), a.integer("year"), v),
                                                  "final accounting " + a.text("year") + ": " +
                                                      (v ? "yes" : "no"));
                            }));
    host.addCommand(command(
        ctx, "check", "--deal CODE",
        "Runs the co-financing rule; fails with the amounts when the regional share is below the "
        "rule.",
        {"deal"}, [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            auto r = s.cofinancing(a.text("deal"));
            if (!r)
                return r.error();
            std::string text;
            std::string errors;
            for (const auto& f : r.value()["findings"]) {
                text += f.value("severity", "") + ": " + f.value("message", "") + "\n";
                if (f.value("severity", "") == "error")
                    errors += (errors.empty() ? "" : "; ") + f.value("message", "");
            }
            if (!errors.empty())
                return makeError("regiodeal.cofinancing", errors, "deal " + a.text("deal"),
                                 "add regional commitments of own money, or set the deal's rule "
                                 "with `plugin regiodeal rule` when a lower share is agreed");
            text += "regional share " + r.value().value("share_percent", "") + ": pass\n";
            return CommandOutput{text, r.value()};
        }));
    host.addCommand(
        command(ctx, "monitor", "--deal CODE [--year YEAR]",
                "Committed vs paid per partner, goal and year; spending and accounting per year.",
                {"deal", "year"}, [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
                    std::optional<int> year;
                    if (a.has("year"))
                        year = a.integer("year");
                    nlohmann::json rows = nlohmann::json::array();
                    std::ostringstream text;
                    text << "partner\tgoal\tyear\tcommitted\tpaid\toutstanding\n";
                    for (const auto& m : s.monitor(a.text("deal"), year)) {
                        rows.push_back({{"partner", m.partner},
                                        {"level", m.level},
                                        {"goal", m.goal},
                                        {"year", m.year},
                                        {"committed_cents", m.committed.cents()},
                                        {"paid_cents", m.paid.cents()},
                                        {"outstanding_cents", m.outstanding().cents()}});
                        text << m.partner << '\t' << m.goal << '\t' << m.year << '\t'
                             << m.committed.toString() << '\t' << m.paid.toString() << '\t'
                             << m.outstanding().toString() << '\n';
                    }
                    nlohmann::json acc = nlohmann::json::array();
                    text << "year\tspending\tcumulative\tfinal\n";
                    for (const auto& r : s.accounting(a.text("deal"))) {
                        if (year && r.year != *year)
                            continue;
                        acc.push_back({{"year", r.year},
                                       {"spending_cents", r.spending.cents()},
                                       {"cumulative_cents", r.cumulative.cents()},
                                       {"final", r.final},
                                       {"private_cents", r.privateContribution.cents()},
                                       {"national_paid_cents", r.nationalPaid.cents()}});
                        text << r.year << '\t' << r.spending.toString() << '\t'
                             << r.cumulative.toString() << '\t' << (r.final ? "yes" : "no") << '\n';
                    }
                    return CommandOutput{text.str(), {{"rows", rows}, {"accounting", acc}}};
                }));
    host.addCommand(command(
        ctx, "report", "--deal CODE --out FILE.xlsx|.csv|.html|.pdf",
        "Writes the deal report with the monitoring and accounting tables.", {"deal", "out"},
        [](const CommandArgs& a, Service& s) -> Result<CommandOutput> {
            auto r = buildDealReport(s, a.text("deal"));
            if (!r)
                return r.error();
            NoProgress progress;
            if (auto st = report::writeReport(r.value(), a.text("out"), progress); !st)
                return st.error();
            return CommandOutput{"wrote " + a.text("out") + "\n", {{"path", a.text("out")}}};
        }));
}

Status registerPlugin(plugin::PluginHost& host) {
    const plugin::PluginContext ctx = host.context();
    host.addMigrations(migrations());
    registerCommands(host);
    host.addValidator({"regiodeal-cofinancing",
                       "Regional co-financing of every deal (scripts/regiodeal/cofinancing.lua)",
                       [ctx](Workspace& ws) {
                           auto s = Service::open(ctx, ws, Date::today());
                           if (!s)
                               return std::vector<Finding>{{Severity::Error, "plugin", 0, "",
                                                            s.error().message(), s.error().hint}};
                           return s.value()->findings();
                       }});
    host.addReport(
        {"deal",
         "Regiodeal report",
         "Co-financing, committed vs paid per partner and goal, accounting per year",
         {{"deal", "the deal's code", true}},
         [ctx](Workspace& ws, const plugin::Options& options, Progress&) -> Result<report::Report> {
             const auto it = options.find("deal");
             if (it == options.end())
                 return makeError("regiodeal.usage", "the report needs a deal", "option deal",
                                  "give --deal CODE");
             auto s = Service::open(ctx, ws, Date::today());
             if (!s)
                 return s.error();
             return buildDealReport(*s.value(), it->second);
         }});
    return {};
}

}  // namespace
}  // namespace kk::regiodeal

KK_PLUGIN_ENTRY("regiodeal", "1.0.0", &kk::regiodeal::registerPlugin)
