// The vlaamse_rand plugin: registers its programme types, funds as reference data, the
// workflow tables, commands (setup, area, create-call, apply, score, jury, award, report), the
// jury scorer with the gebiedsgericht edge, the allocation hook that keeps the Randfonds from
// funding a project fully, validators and the programme report.

#include "core/plugin/call_workflow.h"
#include "core/plugin/plugin_host.h"
#include "core/report/writer.h"
#include "core/store/repositories.h"
#include "plugins/vlaamse_rand/src/area.h"
#include "plugins/vlaamse_rand/src/migrations.h"
#include "plugins/vlaamse_rand/src/programme.h"
#include "plugins/vlaamse_rand/src/report.h"

namespace kk::plugins::vlaamse_rand {
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

Result<int> yearOf(const CommandArgs& a) {
    const std::string text = a.get("year", "2025");
    const int year = std::atoi(text.c_str());
    if (year < 1900 || year > 2200)
        return makeError("args.year", "'" + text + "' is not a year", "--year", "write e.g. 2025");
    return year;
}

Result<plugin::Application> findApplication(Workspace& ws, const CommandArgs& a,
                                            const std::string& synopsis) {
    for (const char* name : {"call", "project"})
        if (auto v = a.required(name, synopsis); !v)
            return v.error();
    auto call = workflow().call(ws, a.get("call"));
    if (!call)
        return call.error();
    const auto project = Repository<Project>(ws).findByCode(a.get("project"));
    const auto app =
        project ? workflow().application(ws, call.value().id, project->id) : std::nullopt;
    if (!app)
        return makeError(
            "vlaamse_rand.no_application",
            "project '" + a.get("project") + "' has not applied to call '" + a.get("call") + "'",
            "--project", "enter the application with the 'apply' command first");
    return *app;
}

Result<CommandOutput> setupCommand(const plugin::PluginContext& ctx, const Args& args,
                                   Workspace& ws) {
    const CommandArgs a(args);
    auto year = yearOf(a);
    if (!year)
        return year.error();
    auto out = inChangeSet(ws, ctx, "Set up Vlaamse Rand " + std::to_string(year.value()),
                           [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
                               auto s = setupYear(cs, rules, year.value());
                               if (!s)
                                   return s.error();
                               CommandOutput o;
                               for (const auto& n : s.value().notes)
                                   o.text += n + "\n";
                               o.json["inserted"] = s.value().inserted;
                               return o;
                           });
    if (!out)
        return out;
    // The area rules are stored after the funds' ChangeSet: core/geo opens its own.
    auto rules = Rules::load(ctx);
    if (!rules)
        return rules.error();
    out.value().json["areas"] = nlohmann::json::array();
    for (const auto& n : storeDefaultAreaRules(ws, rules.value(), Date(year.value(), 1, 1))) {
        out.value().text += n + "\n";
        out.value().json["areas"].push_back(n);
    }
    return out;
}

Result<CommandOutput> areaCommand(const plugin::PluginContext& ctx, const Args& args,
                                  Workspace& ws) {
    const CommandArgs a(args);
    auto rules = Rules::load(ctx);
    if (!rules)
        return rules.error();
    auto date = Date::parse(a.get("date", Date::today().toString()));
    if (!date)
        return makeError("args.date", "'" + a.get("date") + "' is not a date", "--date",
                         "write dates as 2025-03-01");
    auto area = instrumentArea(ws, rules.value(), a.get("instrument", "randfonds"), date.value());
    if (!area)
        return area.error();
    CommandOutput out;
    out.json["area"] = area.value().area;
    out.json["basis"] = area.value().basis;
    out.json["municipalities"] = area.value().members;
    out.text = area.value().name + " (" + std::to_string(area.value().members.size()) +
               " municipalities): " + area.value().basis + "\n";
    for (const auto& nis : area.value().members)
        out.text += municipalityLabel(ws, nis) + "\n";
    return out;
}

Result<CommandOutput> createCallCommand(const plugin::PluginContext& ctx, const Args& args,
                                        Workspace& ws, const std::string& synopsis) {
    const CommandArgs a(args);
    for (const char* name : {"instrument", "code"})
        if (auto v = a.required(name, synopsis); !v)
            return v.error();
    CallRequest r;
    r.instrument = a.get("instrument");
    r.code = a.get("code");
    r.name = a.get("name");
    auto year = yearOf(a);
    auto opens = a.optionalDate("opens");
    auto closes = a.optionalDate("closes");
    if (!year)
        return year.error();
    if (!opens)
        return opens.error();
    if (!closes)
        return closes.error();
    r.year = year.value();
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
}

Result<CommandOutput> applyCommand(const plugin::PluginContext& ctx, const Args& args,
                                   Workspace& ws, const std::string& synopsis) {
    const CommandArgs a(args);
    for (const char* name : {"call", "project", "requested"})
        if (auto v = a.required(name, synopsis); !v)
            return v.error();
    ApplicationRequest r;
    r.call = a.get("call");
    r.project = a.get("project");
    auto requested = plugin::parseEuros(a.get("requested"), "requested");
    if (!requested)
        return requested.error();
    r.requested = requested.value();
    if (a.has("total-cost")) {
        auto total = plugin::parseEuros(a.get("total-cost"), "total-cost");
        if (!total)
            return total.error();
        r.totalCost = total.value();
    }
    r.municipalities = a.list("municipalities");
    r.theme = a.get("theme");
    r.supraLocal = a.get("supra-local");
    r.gebiedsgericht = a.get("gebiedsgericht");
    if (a.has("other-subsidies"))
        r.otherSubsidies = a.get("other-subsidies");
    return inChangeSet(ws, ctx, "Application of " + r.project + " to " + r.call,
                       [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
                           auto app = apply(cs, rules, r);
                           if (!app)
                               return app.error();
                           CommandOutput out;
                           out.text = "application " + std::to_string(app.value().id) + " entered";
                           out.json["application_id"] = app.value().id;
                           return out;
                       });
}

Result<CommandOutput> scoreCommand(const plugin::PluginContext& ctx, const Args& args,
                                   Workspace& ws, const std::string& synopsis) {
    const CommandArgs a(args);
    auto app = findApplication(ws, a, synopsis);
    if (!app)
        return app.error();
    return inChangeSet(
        ws, ctx, "Scores of application " + std::to_string(app.value().id),
        [&](ChangeSet& cs, const Rules&) -> Result<CommandOutput> {
            for (const auto& p : a.positional()) {
                const auto eq = p.find('=');
                if (eq == std::string::npos)
                    return makeError("args.score", "'" + p + "' is not CRITERION=SCORE", p,
                                     "usage: " + synopsis);
                if (auto st = workflow().setScore(cs, app.value(), 1, p.substr(0, eq),
                                                  std::atoi(p.c_str() + eq + 1));
                    !st)
                    return st.error();
            }
            CommandOutput out;
            out.text = std::to_string(a.positional().size()) + " scores recorded";
            return out;
        });
}

Result<CommandOutput> juryCommand(const plugin::PluginContext& ctx, const Args& args,
                                  Workspace& ws) {
    const CommandArgs a(args);
    auto call = workflow().call(ws, a.get("call"));
    if (!call)
        return call.error();
    return inChangeSet(
        ws, ctx, "Jury of " + call.value().code,
        [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
            auto apps = runJury(cs, rules, call.value().id);
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
}

Result<CommandOutput> awardCommand(const plugin::PluginContext& ctx, const Args& args,
                                   Workspace& ws, const std::string& synopsis) {
    const CommandArgs a(args);
    auto app = findApplication(ws, a, synopsis);
    if (!app)
        return app.error();
    auto amount = plugin::parseEuros(a.get("amount", app.value().requested.toString()), "amount");
    auto date = a.optionalDate("date");
    if (!amount)
        return amount.error();
    if (!date)
        return date.error();
    return inChangeSet(ws, ctx, "Award to application " + std::to_string(app.value().id),
                       [&](ChangeSet& cs, const Rules& rules) -> Result<CommandOutput> {
                           auto id = award(cs, rules, app.value(), amount.value(),
                                           date.value().value_or(Date::today()));
                           if (!id)
                               return id.error();
                           CommandOutput out;
                           out.text = "granted " + amount.value().format();
                           out.json["award_id"] = id.value().value;
                           return out;
                       });
}

Result<CommandOutput> reportCommand(const plugin::PluginContext& ctx, const Args& args,
                                    Workspace& ws) {
    const CommandArgs a(args);
    if (a.positional().empty())
        return makeError("args.missing", "no output file given", "report",
                         "give the file to write, e.g. vlaamse-rand.xlsx or vlaamse-rand.csv");
    auto rules = Rules::load(ctx);
    if (!rules)
        return rules.error();
    NoProgress progress;
    auto r = programmeReport(ws, rules.value(), {}, progress);
    if (!r)
        return r.error();
    if (auto st = report::writeReport(r.value(), a.positional()[0], progress); !st)
        return st.error();
    CommandOutput out;
    out.text = "wrote " + a.positional()[0];
    return out;
}

void registerCommands(plugin::PluginHost& host) {
    const plugin::PluginContext ctx = host.context();
    host.addCommand(
        {"setup", "[--year 2025]",
         "creates programme VR-<year> with a fund per instrument and stores the "
         "default area rules when the workspace has boundaries",
         [ctx](const Args& args, Workspace& ws) { return setupCommand(ctx, args, ws); }});
    host.addCommand(
        {"area", "[--instrument randfonds|faciliteiten] [--date D]",
         "lists the municipalities of an instrument's area and how they were found",
         [ctx](const Args& args, Workspace& ws) { return areaCommand(ctx, args, ws); }});
    const std::string callSynopsis =
        "--instrument randfonds|faciliteiten --code C [--name N] [--year Y] [--opens D] "
        "[--closes D] [--budget EUR]";
    host.addCommand({"create-call", callSynopsis, "opens a call with the instrument's criteria",
                     [ctx, callSynopsis](const Args& args, Workspace& ws) {
                         return createCallCommand(ctx, args, ws, callSynopsis);
                     }});
    const std::string applySynopsis =
        "--call C --project P --requested EUR --other-subsidies 'FUND: EUR; ...'|none "
        "[--total-cost EUR] [--municipalities NIS;NIS] [--theme T] [--supra-local TEXT] "
        "[--gebiedsgericht TEXT]";
    host.addCommand({"apply", applySynopsis,
                     "enters an application, checked against the instrument's area and rules",
                     [ctx, applySynopsis](const Args& args, Workspace& ws) {
                         return applyCommand(ctx, args, ws, applySynopsis);
                     }});
    const std::string scoreSynopsis = "--call C --project P CRITERION=SCORE...";
    host.addCommand({"score", scoreSynopsis, "records the jury's scores of an application",
                     [ctx, scoreSynopsis](const Args& args, Workspace& ws) {
                         return scoreCommand(ctx, args, ws, scoreSynopsis);
                     }});
    host.addCommand(
        {"jury", "--call C",
         "ranks the applications above the pass mark (gebiedsgericht gets an edge)",
         [ctx](const Args& args, Workspace& ws) { return juryCommand(ctx, args, ws); }});
    const std::string awardSynopsis = "--call C --project P [--amount EUR] [--date D]";
    host.addCommand({"award", awardSynopsis,
                     "grants an application within the call budget; the Randfonds never funds "
                     "a project fully",
                     [ctx, awardSynopsis](const Args& args, Workspace& ws) {
                         return awardCommand(ctx, args, ws, awardSynopsis);
                     }});
    host.addCommand(
        {"report", "OUT.xlsx|OUT.csv", "writes the programme report per theme and municipality",
         [ctx](const Args& args, Workspace& ws) { return reportCommand(ctx, args, ws); }});
}

/// Marks the plugin's funds in a project's allocation problem: a fund that may not fund a
/// project fully never closes the gap (alloc::Fund::mayNotFundFully), and no fund goes above
/// its instrument's rate, also when an award names a higher one.
Status adjustAllocation(Workspace& ws, alloc::Problem& problem) {
    if (ws.schemaVersion(kPluginId) == 0)
        return {};  // the programme is not used in this workspace
    auto st = ws.db().prepare("SELECT fund_id, may_fund_fully FROM vlaamse_rand_fund");
    Repository<Fund> funds(ws);
    while (st.step()) {
        const auto f = funds.get(st.getInt(0));
        if (!f)
            continue;
        for (auto& fund : problem.funds) {
            if (fund.id != f->code)
                continue;
            if (st.getInt(1) == 0)
                fund.mayNotFundFully = true;
            if (f->maxRate < fund.maxRate)
                fund.maxRate = f->maxRate;
        }
    }
    return {};
}

std::vector<Finding> checkWorkspace(Workspace& ws, const plugin::PluginContext& ctx) {
    std::vector<Finding> out;
    auto over = ws.db().prepare(
        "SELECT c.id, c.code, c.budget, sum(a.amount) FROM kk_call c JOIN vlaamse_rand_call s ON "
        "s.call_id = c.id JOIN kk_award a ON a.call_id = c.id AND a.status = 'granted' GROUP BY "
        "c.id HAVING sum(a.amount) > c.budget");
    while (over.step())
        out.push_back({Severity::Error, "call", over.getInt(0), "budget",
                       "the awards of call " + over.getText(1) + " (" +
                           Money::fromCents(over.getInt(3)).format() + ") exceed its budget of " +
                           Money::fromCents(over.getInt(2)).format(),
                       "withdraw or lower an award"});
    auto rules = Rules::load(ctx);
    for (const auto& a : workflow().applications(ws)) {
        if (a.status != "awarded" || !rules)
            continue;
        // An award from another fund granted later may have closed the gap after the fact.
        const Money cost = projectCost(ws, a);
        auto instrument = rules.value().instrument(a.instrument, Date::today());
        if (instrument && !instrument.value().mayFundFully &&
            grantedToProject(ws, a.project) >= cost)
            out.push_back({Severity::Error, "project", a.project.value, "awards",
                           "project " + std::to_string(a.project.value) +
                               " is funded fully by its awards while the " +
                               instrument.value().name + " never funds a project fully",
                           "lower an award so the partners keep a contribution"});
    }
    for (const auto& u : undeclaredAwards(ws))
        out.push_back({Severity::Warning, "project", 0, "cumulation",
                       "project " + u.project + " has " + u.amount.format() + " from fund " +
                           u.fundCode + " that its Vlaamse Rand application " +
                           std::to_string(u.applicationId) + " does not declare",
                       "complete the cumulation disclosure (subsidies requested elsewhere)"});
    return out;
}

}  // namespace

Status registerPlugin(plugin::PluginHost& host) {
    const plugin::PluginContext ctx = host.context();
    // Refuse to load with unreadable data rather than fail later in a command.
    auto rules = Rules::load(ctx);
    if (!rules)
        return rules.error();
    auto migrations = plugin::applicationMigrations(kPluginId);
    for (const auto& m : vlaamseRandMigrations())
        migrations.push_back(m);
    host.addMigrations(std::move(migrations));

    for (const auto& i : rules.value().instruments(Date::today())) {
        plugin::ProgrammeType t;
        t.id = std::string(kPluginId) + "." + i.code;
        t.name = i.name;
        t.description = "source: " + i.source;
        std::vector<std::string> themes;
        for (const auto& th : rules.value().themes(Date::today()))
            themes.push_back(th.code);
        t.fields = {
            {"requested", "Gevraagde subsidie", plugin::FieldType::Money, true, {}, ""},
            {"municipalities",
             "Gemeenten",
             plugin::FieldType::MunicipalityList,
             true,
             {},
             "binnen het gebied van het instrument"},
            {"theme", "Thema", plugin::FieldType::Choice, i.themeRequired, themes, ""},
            {"other_subsidies",
             "Elders gevraagde subsidies",
             plugin::FieldType::Text,
             i.cumulationDisclosure,
             {},
             "cumulatieverklaring: 'fonds: bedrag; ...' of 'none'"},
            {"supra_local", "Bovenlokale uitstraling", plugin::FieldType::Text, false, {}, ""},
            {"gebiedsgericht",
             "Gebiedsgericht samenwerken",
             plugin::FieldType::Text,
             false,
             {},
             "IGS, subregio of samenwerkingsverband"}};
        t.statuses = {"submitted", "ranked", "not_selected", "awarded"};
        t.transitions = {{"submitted", "ranked", "Jury"},
                         {"submitted", "not_selected", "Jury"},
                         {"ranked", "awarded", "Toekenning"}};
        host.addProgrammeType(std::move(t));
    }
    host.addReferenceData(
        {"funds",
         "programme VR-<year> and a fund per instrument (option: year)",
         {"data/instruments.csv", "data/parameters.csv"},
         [ctx](ChangeSet& cs, const plugin::Options& o) -> Result<plugin::ReferenceLoadSummary> {
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             const auto y = o.find("year");
             return setupYear(cs, rules.value(),
                              y == o.end() ? 2025 : std::atoi(y->second.c_str()));
         }});
    registerCommands(host);
    host.addScorer(
        {"jury", "weighted jury score with the gebiedsgericht samenwerken bonus",
         [ctx](Workspace& ws, CallId call, ProjectId project) -> Result<plugin::ScoreSheet> {
             const auto app = workflow().application(ws, call, project);
             if (!app)
                 return makeError(
                     "vlaamse_rand.no_application", "the project did not apply to the call",
                     "project " + std::to_string(project.value), "enter the application first");
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             return scoreSheet(ws, rules.value(), *app);
         }});
    host.addAllocationHook({"randfonds_never_fully",
                            "the Randfonds never funds a project fully; instrument rates are "
                            "ceilings",
                            &adjustAllocation});
    host.addValidator({"vlaamse_rand_awards",
                       "awards within the call budget, never a project funded fully with the "
                       "Randfonds, cumulation disclosure complete",
                       [ctx](Workspace& ws) { return checkWorkspace(ws, ctx); }});
    host.addReport(
        {"programme",
         "Vlaamse Rand — programmarapport",
         "budget per instrument and year, applications and awards per theme and per "
         "municipality, awards with their share of the project cost, cumulation disclosure",
         {},
         [ctx](Workspace& ws, const plugin::Options& o, Progress& p) -> Result<report::Report> {
             auto rules = Rules::load(ctx);
             if (!rules)
                 return rules.error();
             return programmeReport(ws, rules.value(), o, p);
         }});
    return {};
}

}  // namespace kk::plugins::vlaamse_rand

KK_PLUGIN_ENTRY("vlaamse_rand", "1.0.0", &kk::plugins::vlaamse_rand::registerPlugin)
