// The stadsvernieuwing plugin: registers its programme types, funds as reference data, the
// workflow tables, commands (setup, create-call, apply, score, jury, award, eligible,
// leverage, report), the jury scorer, the leverage indicator, a validator and the report.

#include "core/plugin/call_workflow.h"
#include "core/plugin/plugin_host.h"
#include "core/report/writer.h"
#include "core/store/repositories.h"
#include "plugins/stadsvernieuwing/src/migrations.h"
#include "plugins/stadsvernieuwing/src/programme.h"
#include "plugins/stadsvernieuwing/src/report.h"

namespace kk::plugins::stadsvernieuwing {
namespace {

using plugin::CommandArgs;
using plugin::CommandOutput;
using Args = std::vector<std::string>;

/// Runs `body(ChangeSet&, const Rules&)` as one change set with the plugin's rules loaded.
template <class F>
Result<CommandOutput> inChangeSet(Workspace& ws, const plugin::PluginContext& ctx,
                                  const std::string& label, F body) {
    auto rules = Rules::load(ctx);
    if (!rules)
        return rules.error();
    return plugin::inChangeSet(ws, label, [&](ChangeSet& cs) { return body(cs, rules.value()); });
}

Result<plugin::Application> findApplication(Workspace& ws, const CommandArgs& a,
                                            const std::string& synopsis) {
    auto callCode = a.required("call", synopsis);
    if (!callCode)
        return callCode.error();
    auto projectCode = a.required("project", synopsis);
    if (!projectCode)
        return projectCode.error();
    auto call = workflow().call(ws, callCode.value());
    if (!call)
        return call.error();
    const auto project = Repository<Project>(ws).findByCode(projectCode.value());
    const auto app =
        project ? workflow().application(ws, call.value().id, project->id) : std::nullopt;
    if (!app)
        return makeError("stadsvernieuwing.no_application",
                         "project '" + projectCode.value() + "' has not applied to call '" +
                             callCode.value() + "'",
                         "--project", "enter the application with the 'apply' command first");
    return *app;
}

void registerCommands(plugin::PluginHost& host) {
    const plugin::PluginContext ctx = host.context();
    host.addCommand({"setup", "[--year 2025] [--scenario current|proposal]",
                     "creates programme SV-<year> with a fund per instrument (budgets from data)",
                     [ctx](const Args& args, Workspace& ws) -> Result<CommandOutput> {
                         const CommandArgs a(args);
                         const int year = std::atoi(a.get("year", "2025").c_str());
                         return inChangeSet(
                             ws, ctx, "Set up stadsvernieuwing " + std::to_string(year),
                             [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
                                 auto s = setupYear(cs, rules, year, a.get("scenario", "current"));
                                 if (!s)
                                     return s.error();
                                 CommandOutput out;
                                 for (const auto& n : s.value().notes)
                                     out.text += n + "\n";
                                 out.json["inserted"] = s.value().inserted;
                                 return out;
                             });
                     }});
    const std::string callSynopsis =
        "--instrument I --code C [--name N] [--year Y] [--opens D] [--closes D] [--budget EUR]";
    host.addCommand(
        {"create-call", callSynopsis, "opens a call with the jury criteria of the instrument",
         [ctx, callSynopsis](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             CallRequest r;
             auto instrument = a.required("instrument", callSynopsis);
             auto code = a.required("code", callSynopsis);
             if (!instrument)
                 return instrument.error();
             if (!code)
                 return code.error();
             r.instrument = instrument.value();
             r.code = code.value();
             r.name = a.get("name");
             r.year = std::atoi(a.get("year", "2025").c_str());
             auto opens = a.optionalDate("opens");
             auto closes = a.optionalDate("closes");
             if (!opens)
                 return opens.error();
             if (!closes)
                 return closes.error();
             r.opens = opens.value();
             r.closes = closes.value();
             if (a.has("budget")) {
                 auto b = plugin::parseEuros(a.get("budget"), "budget");
                 if (!b)
                     return b.error();
                 r.budget = b.value();
             }
             return inChangeSet(ws, ctx, "Create call " + r.code,
                                [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
                                    auto id = createCall(cs, rules, r);
                                    if (!id)
                                        return id.error();
                                    CommandOutput out;
                                    out.text = "call " + r.code + " created";
                                    out.json["call_id"] = id.value().value;
                                    return out;
                                });
         }});
    const std::string applySynopsis =
        "--call C --project P --requested EUR [--cities NIS;NIS] [--private EUR] "
        "[--total-cost EUR] [--realisation-end D]";
    host.addCommand(
        {"apply", applySynopsis, "enters an application, checked against the instrument rules",
         [ctx, applySynopsis](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             ApplicationRequest r;
             for (const char* name : {"call", "project", "requested"})
                 if (auto v = a.required(name, applySynopsis); !v)
                     return v.error();
             r.call = a.get("call");
             r.project = a.get("project");
             auto requested = plugin::parseEuros(a.get("requested"), "requested");
             auto priv = plugin::parseEuros(a.get("private", "0"), "private");
             auto total = plugin::parseEuros(a.get("total-cost", "0"), "total-cost");
             auto end = a.optionalDate("realisation-end");
             if (!requested)
                 return requested.error();
             if (!priv)
                 return priv.error();
             if (!total)
                 return total.error();
             if (!end)
                 return end.error();
             r.requested = requested.value();
             r.privateInvestment = priv.value();
             r.totalCost = total.value();
             r.realisationEnd = end.value();
             r.cities = a.list("cities");
             return inChangeSet(ws, ctx, "Application of " + r.project + " to " + r.call,
                                [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
                                    auto app = apply(cs, rules, r);
                                    if (!app)
                                        return app.error();
                                    CommandOutput out;
                                    out.text = "application " + std::to_string(app.value().id) +
                                               " entered";
                                    out.json["application_id"] = app.value().id;
                                    return out;
                                });
         }});
    const std::string scoreSynopsis = "--call C --project P --stage 1|2 CRITERION=SCORE...";
    host.addCommand(
        {"score", scoreSynopsis, "records jury scores of one stage",
         [ctx, scoreSynopsis](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             auto app = findApplication(ws, a, scoreSynopsis);
             if (!app)
                 return app.error();
             const int stage = std::atoi(a.get("stage", "0").c_str());
             if (stage != 1 && stage != 2)
                 return makeError("args.stage", "--stage must be 1 or 2", "--stage",
                                  "usage: " + scoreSynopsis);
             return inChangeSet(
                 ws, ctx, "Scores of application " + std::to_string(app.value().id),
                 [&](ChangeSet& cs, const Rules&) -> Result<CommandOutput> {
                     for (const auto& p : a.positional()) {
                         const auto eq = p.find('=');
                         if (eq == std::string::npos)
                             return makeError("args.score", "'" + p + "' is not CRITERION=SCORE", p,
                                              "usage: " + scoreSynopsis);
                         if (auto st = workflow().setScore(cs, app.value(), stage, p.substr(0, eq),
                                                           std::atoi(p.c_str() + eq + 1));
                             !st)
                             return st.error();
                     }
                     CommandOutput out;
                     out.text = std::to_string(a.positional().size()) + " scores recorded";
                     return out;
                 });
         }});
    host.addCommand(
        {"jury", "--call C --stage 1|2", "runs a jury stage: pre-selection or final ranking",
         [ctx](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             auto call = workflow().call(ws, a.get("call"));
             if (!call)
                 return call.error();
             const int stage = std::atoi(a.get("stage", "0").c_str());
             return inChangeSet(
                 ws, ctx, "Jury stage " + std::to_string(stage) + " of " + call.value().code,
                 [&](ChangeSet& cs, const Rules&) -> Result<CommandOutput> {
                     auto apps = workflow().runJury(cs, call.value().id, stage);
                     if (!apps)
                         return apps.error();
                     CommandOutput out;
                     out.json["applications"] = nlohmann::json::array();
                     for (const auto& x : apps.value()) {
                         out.text += "application " + std::to_string(x.id) + ": " + x.status +
                                     (x.rank ? " #" + std::to_string(*x.rank) : "") + "\n";
                         out.json["applications"].push_back({{"id", x.id}, {"status", x.status}});
                     }
                     return out;
                 });
         }});
    const std::string awardSynopsis = "--call C --project P [--amount EUR] [--date D]";
    host.addCommand(
        {"award", awardSynopsis, "grants an application within the call budget",
         [ctx, awardSynopsis](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             auto app = findApplication(ws, a, awardSynopsis);
             if (!app)
                 return app.error();
             auto amount =
                 plugin::parseEuros(a.get("amount", app.value().requested.toString()), "amount");
             auto date = a.optionalDate("date");
             if (!amount)
                 return amount.error();
             if (!date)
                 return date.error();
             return inChangeSet(ws, ctx, "Award to application " + std::to_string(app.value().id),
                                [&](ChangeSet& cs, const Rules&) -> Result<CommandOutput> {
                                    auto id =
                                        workflow().award(cs, app.value(), amount.value(),
                                                         date.value().value_or(Date::today()));
                                    if (!id)
                                        return id.error();
                                    CommandOutput out;
                                    out.text = "granted " + amount.value().format();
                                    out.json["award_id"] = id.value().value;
                                    return out;
                                });
         }});
    host.addCommand(
        {"eligible", "[--instrument I] [--date D]", "lists the municipalities that may apply",
         [ctx](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             auto date = Date::parse(a.get("date", Date::today().toString()));
             if (!date)
                 return date.error();
             CommandOutput out;
             out.json["municipalities"] = eligibleMunicipalities(
                 ws, rules.value(), a.get("instrument", "project_subsidie"), date.value());
             for (const auto& n : out.json["municipalities"])
                 out.text += n.get<std::string>() + "\n";
             return out;
         }});
    host.addCommand(
        {"report", "OUT.xlsx|OUT.csv [--index FILE] [--base-year Y]", "writes the programme report",
         [ctx](const Args& args, Workspace& ws) -> Result<CommandOutput> {
             const CommandArgs a(args);
             if (a.positional().empty())
                 return makeError("args.missing", "no output file given", "report",
                                  "give the file to write, e.g. sv.xlsx");
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             plugin::Options options;
             if (a.has("index"))
                 options["index"] = a.get("index");
             if (a.has("base-year"))
                 options["base_year"] = a.get("base-year");
             NoProgress progress;
             auto r = programmeReport(ws, rules.value(), options, progress);
             if (!r)
                 return r.error();
             if (auto st = report::writeReport(r.value(), a.positional()[0], progress); !st)
                 return st.error();
             CommandOutput out;
             out.text = "wrote " + a.positional()[0];
             return out;
         }});
}

}  // namespace

Status registerPlugin(plugin::PluginHost& host) {
    const plugin::PluginContext ctx = host.context();
    // Refuse to load with unreadable data rather than fail later in a command.
    auto rules = Rules::load(ctx);
    if (!rules)
        return rules.error();
    auto migrations = plugin::applicationMigrations(kPluginId);
    for (const auto& m : stadsvernieuwingMigrations())
        migrations.push_back(m);
    host.addMigrations(std::move(migrations));

    for (const auto& i : rules.value().instruments(Date::today())) {
        plugin::ProgrammeType t;
        t.id = std::string(kPluginId) + "." + i.code;
        t.name = i.name;
        t.description = "source: " + i.source;
        t.fields = {{"requested", "Gevraagde subsidie", plugin::FieldType::Money, true, {}, ""},
                    {"cities",
                     "Aanvragende steden",
                     plugin::FieldType::MunicipalityList,
                     true,
                     {},
                     "grootsteden, centrumsteden, provinciale steden"},
                    {"private",
                     "Private investering",
                     plugin::FieldType::Money,
                     false,
                     {},
                     "voor de hefboomindicator"},
                    {"realisation_end",
                     "Einde realisatie",
                     plugin::FieldType::Date,
                     i.realisationYears.has_value(),
                     {},
                     ""}};
        t.statuses = {"submitted", "stage1_passed", "stage1_failed", "ranked", "awarded"};
        t.transitions = {{"submitted", "stage1_passed", "Jury ronde 1"},
                         {"submitted", "stage1_failed", "Jury ronde 1"},
                         {"stage1_passed", "ranked", "Jury ronde 2"},
                         {"ranked", "awarded", "Toekenning"}};
        host.addProgrammeType(std::move(t));
    }
    host.addReferenceData(
        {"funds",
         "programme SV-<year> and a fund per instrument (options: year, "
         "scenario)",
         {"data/instruments.csv"},
         [ctx](ChangeSet& cs, const plugin::Options& o) -> Result<plugin::ReferenceLoadSummary> {
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             const auto y = o.find("year");
             const auto s = o.find("scenario");
             return setupYear(cs, rules.value(), y == o.end() ? 2025 : std::atoi(y->second.c_str()),
                              s == o.end() ? "current" : s->second);
         }});
    registerCommands(host);
    host.addScorer(
        {"jury", "weighted jury score of stage 2 (stage 1 when not yet ranked)",
         [](Workspace& ws, CallId call, ProjectId project) -> Result<plugin::ScoreSheet> {
             const auto app = workflow().application(ws, call, project);
             if (!app)
                 return makeError(
                     "stadsvernieuwing.no_application", "the project did not apply to the call",
                     "project " + std::to_string(project.value), "enter the application first");
             return workflow().scoreSheet(ws, *app, app->status == "submitted" ? 1 : 2);
         }});
    const auto bench = rules.value().leverageBenchmark(Date::today());
    host.addIndicator({"sv_leverage", "Hefboom stadsvernieuwing", "private € per subsidie-€",
                       "private investment per euro of granted stadsvernieuwing subsidy",
                       bench ? std::optional<Rate>(bench->first) : std::nullopt,
                       bench ? bench->second : std::string(), &leverage});
    host.addValidator({"awards_within_call_budget",
                       "granted stadsvernieuwing awards stay within their call's budget",
                       [](Workspace& ws) {
                           std::vector<Finding> out;
                           auto st = ws.db().prepare(
                               "SELECT c.id, c.code, c.budget, sum(a.amount) FROM kk_call c JOIN "
                               "stadsvernieuwing_call s ON s.call_id = c.id JOIN kk_award a ON "
                               "a.call_id = c.id AND a.status = 'granted' GROUP BY c.id HAVING "
                               "sum(a.amount) > c.budget");
                           while (st.step())
                               out.push_back({Severity::Error, "call", st.getInt(0), "budget",
                                              "the awards of call " + st.getText(1) + " (" +
                                                  Money::fromCents(st.getInt(3)).format() +
                                                  ") exceed its budget of " +
                                                  Money::fromCents(st.getInt(2)).format(),
                                              "withdraw or lower an award"});
                           return out;
                       }});
    host.addReport(
        {"programme",
         "Stadsvernieuwing — programmarapport",
         "budget per instrument and year (nominal and inflation-corrected), awards, "
         "leverage, indicator progress",
         {{"index", "CSV with columns year,index,source (price index)", false},
          {"base_year", "express amounts in prices of this year", false}},
         [ctx](Workspace& ws, const plugin::Options& o, Progress& p) -> Result<report::Report> {
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             return programmeReport(ws, rules.value(), o, p);
         }});
    return {};
}

}  // namespace kk::plugins::stadsvernieuwing

KK_PLUGIN_ENTRY("stadsvernieuwing", "1.0.0", &kk::plugins::stadsvernieuwing::registerPlugin)
