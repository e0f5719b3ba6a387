// The bbc plugin's commands (`koppelkans-cli plugin bbc ...`) and its registration with the
// plugin host. Every command parses its own options and names the one that is wrong.
#include <filesystem>
#include <set>
#include <sstream>

#include "core/report/writer.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"
#include "plugins/bbc/src/bbc_plugin.h"
#include "plugins/bbc/src/coding.h"
#include "plugins/bbc/src/mjp_import.h"
#include "plugins/bbc/src/preflight.h"
#include "plugins/bbc/src/project_sync.h"
#include "plugins/bbc/src/reports.h"
#include "plugins/bbc/src/xbrl.h"

namespace kk::bbc {
namespace {

namespace fs = std::filesystem;

/// "--key value" pairs, "--flag" switches and positional arguments.
struct Args {
    plugin::Options options;
    std::set<std::string> flags;
    std::vector<std::string> positional;
};

const std::set<std::string> kFlags{"replace", "overwrite"};

Result<Args> parseArgs(const std::vector<std::string>& args, const std::string& command) {
    Args a;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (s.rfind("--", 0) != 0) {
            a.positional.push_back(s);
            continue;
        }
        std::string key = s.substr(2);
        if (kFlags.count(key)) {
            a.flags.insert(key);
            continue;
        }
        if (auto eq = key.find('='); eq != std::string::npos) {
            a.options[key.substr(0, eq)] = key.substr(eq + 1);
            continue;
        }
        if (i + 1 >= args.size())
            return makeError("bbc.usage", "option " + s + " needs a value", "bbc " + command,
                             "write " + s + " VALUE");
        std::string k = key == "policy-field" ? "policy_field" : key;
        a.options[k] = args[++i];
    }
    return a;
}

Result<std::string> need(const Args& a, const std::string& key, const std::string& command) {
    auto it = a.options.find(key);
    if (it == a.options.end() || it->second.empty())
        return makeError("bbc.usage", "missing --" + key, "bbc " + command,
                         "see `koppelkans-cli plugin bbc help`");
    return it->second;
}

std::string opt(const Args& a, const std::string& key, std::string fallback = {}) {
    auto it = a.options.find(key);
    return it == a.options.end() ? fallback : it->second;
}

plugin::CommandOutput textOut(std::string text, nlohmann::json json = nlohmann::json::object()) {
    return {std::move(text), std::move(json)};
}

Status prepare(Workspace& ws) {
    return ws.applyMigrations("bbc", migrations());
}

Result<ImportOptions> importOptions(const Args& a, const std::string& command) {
    ImportOptions o;
    auto g = need(a, "government", command);
    if (!g.ok())
        return g.error();
    auto p = need(a, "period", command);
    if (!p.ok())
        return p.error();
    o.government = *g;
    o.period = *p;
    if (auto k = opt(a, "kind"); !k.empty()) {
        auto kind = kindFromName(k);
        if (!kind)
            return makeError("bbc.bad_kind", "kind '" + k + "' is not budget or realisation",
                             "--kind", "use --kind budget or --kind realisation");
        o.kind = *kind;
    }
    o.entity = opt(a, "entity", "BESTUUR");
    o.replace = a.flags.count("replace") > 0;
    o.sheet = opt(a, "sheet");
    return o;
}

using Body = std::function<Result<plugin::CommandOutput>(const Args&, Workspace&)>;

plugin::Command command(std::string name, std::string synopsis, std::string description,
                        Body body) {
    plugin::Command c;
    c.name = name;
    c.synopsis = std::move(synopsis);
    c.description = std::move(description);
    c.run = [name, body = std::move(body)](const std::vector<std::string>& args,
                                           Workspace& ws) -> Result<plugin::CommandOutput> {
        auto a = parseArgs(args, name);
        if (!a.ok())
            return a.error();
        if (auto st = prepare(ws); !st.ok())
            return st.error();
        try {
            return body(*a, ws);
        } catch (const KkError& e) {
            return e.error();
        }
    };
    return c;
}

Result<plugin::CommandOutput> writeBuilt(Result<report::Report> built, const std::string& out) {
    if (!built.ok())
        return built.error();
    NoProgress progress;
    if (auto st = report::writeReport(*built, out, progress); !st.ok())
        return st.error();
    return textOut("wrote " + out, {{"file", out}});
}

}  // namespace

std::vector<plugin::Command> makeCommands(const std::string& pluginFolder) {
    const std::string dataFolder = (fs::path(pluginFolder) / "data").string();
    const std::string scriptsFolder = (fs::path(pluginFolder) / "scripts").string();
    std::vector<plugin::Command> cmds;
    cmds.push_back(command(
        "load-codes", "[--codes DIR]",
        "Loads the BBC code lists (accounts, beleidsvelden, ESC, external codes) into the "
        "workspace",
        [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
            const std::string folder = codeListFolder(opt(a, "codes"));
            ChangeSet cs(ws, "BBC: load code lists");
            auto sum = loadCodeLists(cs, folder);
            if (!sum.ok())
                return sum.error();
            if (auto st = cs.commit(); !st.ok())
                return st.error();
            return textOut(
                std::to_string(sum->accounts) + " accounts, " + std::to_string(sum->policyFields) +
                    " beleidsvelden, " + std::to_string(sum->sectorCodes) + " sector codes, " +
                    std::to_string(sum->externalCodes) + " external codes from " + folder,
                {{"accounts", sum->accounts},
                 {"policy_fields", sum->policyFields},
                 {"sector_codes", sum->sectorCodes},
                 {"external_codes", sum->externalCodes}});
        }));
    cmds.push_back(command(
        "import-policy", "FILE --government G --period P",
        "Imports the policy tree (BD/AP/actie with texts, priority, external codes) from CSV/XLSX",
        [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
            if (a.positional.empty())
                return makeError("bbc.usage", "no file given", "bbc import-policy", "give FILE");
            auto o = importOptions(a, "import-policy");
            if (!o.ok())
                return o.error();
            auto sum = importPolicy(ws, a.positional[0], *o);
            if (!sum.ok())
                return sum.error();
            std::string text = sum->text();
            for (const auto& n : sum->notes)
                text += "\n  " + n;
            return textOut(text, {{"actions", sum->actions}, {"code_links", sum->codeLinks}});
        }));
    cmds.push_back(
        command("import",
                "FILE --government G --period P [--kind budget|realisation] [--entity E] "
                "[--replace] [--sheet S]",
                "Imports meerjarenplan registrations from CSV/XLSX (all or nothing)",
                [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
                    if (a.positional.empty())
                        return makeError("bbc.usage", "no file given", "bbc import", "give FILE");
                    auto o = importOptions(a, "import");
                    if (!o.ok())
                        return o.error();
                    auto sum = importRegistrations(ws, a.positional[0], *o);
                    if (!sum.ok())
                        return sum.error();
                    return textOut(sum->text(),
                                   {{"rows", sum->rows}, {"registrations", sum->registrations}});
                }));
    cmds.push_back(
        command("link-code", "--government G --period P --action A --code C",
                "Puts an external reporting code on an actie",
                [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
                    for (const char* k : {"government", "period", "action", "code"})
                        if (auto v = need(a, k, "link-code"); !v.ok())
                            return v.error();
                    if (auto st = linkActionCode(ws, opt(a, "government"), opt(a, "period"),
                                                 opt(a, "action"), opt(a, "code"));
                        !st.ok())
                        return st.error();
                    return textOut("actie " + opt(a, "action") + " carries " + opt(a, "code"));
                }));
    cmds.push_back(command(
        "link-project",
        "--government G --period P --project CODE --action A --policy-field BV [--overwrite]",
        "Codes a project's cost items and granted awards to an actie (default coding from "
        "scripts/bbc/default_coding.lua)",
        [scriptsFolder](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
            for (const char* k : {"government", "period", "project", "action", "policy_field"})
                if (auto v = need(a, k, "link-project"); !v.ok())
                    return v.error();
            auto coding = DefaultCoding::load(scriptsFolder);
            if (!coding.ok())
                return coding.error();
            auto sum = linkProject(ws, **coding, opt(a, "project"), opt(a, "government"),
                                   opt(a, "period"), opt(a, "action"), opt(a, "policy_field"),
                                   a.flags.count("overwrite") > 0);
            if (!sum.ok())
                return sum.error();
            std::string text = std::to_string(sum->costItems) + " cost items and " +
                               std::to_string(sum->awards) + " awards coded";
            for (const auto& n : sum->notes)
                text += "\n  " + n;
            return textOut(text, {{"cost_items", sum->costItems}, {"awards", sum->awards}});
        }));
    cmds.push_back(
        command("code-expense", "--expense CODE --account A --policy-field BV [--sector ESC]",
                "Gives an expense its own BBC coding (otherwise it takes its cost item's)",
                [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
                    for (const char* k : {"expense", "account", "policy_field"})
                        if (auto v = need(a, k, "code-expense"); !v.ok())
                            return v.error();
                    if (auto st = codeExpense(ws, opt(a, "expense"), opt(a, "account"),
                                              opt(a, "policy_field"), opt(a, "sector"));
                        !st.ok())
                        return st.error();
                    return textOut("expense " + opt(a, "expense") + " coded");
                }));
    cmds.push_back(
        command("sync-projects", "--government G --period P [--entity E]",
                "Writes the BBC-coded cost items, expenses and awards as registrations of the plan",
                [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
                    for (const char* k : {"government", "period"})
                        if (auto v = need(a, k, "sync-projects"); !v.ok())
                            return v.error();
                    auto sum = syncProjects(ws, opt(a, "government"), opt(a, "period"),
                                            opt(a, "entity", "BESTUUR"));
                    if (!sum.ok())
                        return sum.error();
                    return textOut(sum->text());
                }));
    cmds.push_back(
        command("report",
                "SCHEMA --government G|all --period P --out FILE [--scope all|subsidised] [--code "
                "C] [--kind K] [--year Y]",
                "Writes M1, M2, M3, T2, J1, J3, dossier or preflight as XLSX, CSV, HTML or PDF",
                [dataFolder](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
                    if (a.positional.empty())
                        return makeError("bbc.usage", "no schema given", "bbc report",
                                         "give M1, M2, M3, T2, J1, J3, dossier or preflight");
                    auto out = need(a, "out", "report");
                    if (!out.ok())
                        return out.error();
                    const std::string schema = a.positional[0];
                    if (schema == "dossier")
                        return writeBuilt(buildDossierReport(ws, a.options), *out);
                    if (schema == "preflight")
                        return writeBuilt(buildPreflightReport(ws, a.options), *out);
                    return writeBuilt(buildSchemaReport(ws, schema, a.options, dataFolder), *out);
                }));
    cmds.push_back(command(
        "export",
        "--government G|all --period P --out FILE.csv|FILE.xlsx [--year Y] [--kind K] [--scope S] "
        "[--code C]",
        "Writes the registrations summed per registration key (docs/bbc.md)",
        [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
            auto out = need(a, "out", "export");
            if (!out.ok())
                return out.error();
            auto rows = exportRegistrations(ws, *out, a.options);
            if (!rows.ok())
                return rows.error();
            return textOut(std::to_string(*rows) + " rows written to " + *out, {{"rows", *rows}});
        }));
    cmds.push_back(
        command("preflight", "--government G|all --period P",
                "Checks the plan against bbc-spec §7 and prints the findings",
                [](const Args& a, Workspace& ws) -> Result<plugin::CommandOutput> {
                    plugin::Options o = a.options;
                    auto scope = loadScope(ws, o);
                    if (!scope.ok())
                        return scope.error();
                    std::ostringstream text;
                    nlohmann::json list = nlohmann::json::array();
                    int errors = 0;
                    for (const auto& plan : scope->plans)
                        for (const auto& f : preflight(ws, plan, scope->lists)) {
                            text << severityText(f.severity) << " [" << f.rule << "] " << f.where
                                 << ": " << f.message << " (" << f.hint << ")\n";
                            list.push_back({{"rule", f.rule},
                                            {"severity", std::string(severityText(f.severity))},
                                            {"where", f.where},
                                            {"message", f.message},
                                            {"hint", f.hint}});
                            errors += f.severity == Severity::Error;
                        }
                    text << list.size() << " findings, " << errors << " errors";
                    return textOut(text.str(), {{"findings", list}, {"errors", errors}});
                }));
    cmds.push_back(command("xbrl", "--government G --period P --out FILE",
                           "The BBC-DR XML + XBRL pair: not available (the taxonomy is not public)",
                           [](const Args&, Workspace&) -> Result<plugin::CommandOutput> {
                               return xbrlNotAvailable();
                           }));
    cmds.push_back(command(
        "test-scripts", "", "Runs the Lua tests of scripts/bbc/default_coding.lua",
        [scriptsFolder](const Args&, Workspace&) -> Result<plugin::CommandOutput> {
            auto coding = DefaultCoding::load(scriptsFolder);
            if (!coding.ok())
                return coding.error();
            std::string text;
            int failed = 0;
            for (const auto& t : (*coding)->runTests()) {
                const bool pass = t.status == rules::TestOutcome::Status::Pass;
                failed += !pass;
                text += std::string(pass ? "PASS " : "FAIL ") + t.name +
                        (pass ? "" : ": " + t.message + " " + t.where) + "\n";
            }
            if (failed)
                return makeError("bbc.script_tests", text + std::to_string(failed) + " failed",
                                 "scripts/bbc/default_coding.lua", "fix the script");
            return textOut(text + "all passed");
        }));
    return cmds;
}

Result<plugin::CommandOutput> runCommand(const std::string& pluginFolder, const std::string& name,
                                         const std::vector<std::string>& args, Workspace& ws) {
    for (auto& c : makeCommands(pluginFolder))
        if (c.name == name)
            return c.run(args, ws);
    return makeError("bbc.usage", "unknown command '" + name + "'", "bbc",
                     "see the plugin's command list");
}

Status registerBbc(plugin::PluginHost& host) {
    const std::string folder = host.context().folder;
    const std::string dataFolder = (fs::path(folder) / "data").string();
    host.addMigrations(migrations());
    for (auto& c : makeCommands(folder))
        host.addCommand(std::move(c));
    host.addScriptPack({"bbc", "scripts", "Default BBC coding per fund and cost category"});
    host.addReferenceData(
        {"codes",
         "BBC code lists of data/bbc (accounts, beleidsvelden, ESC, external codes)",
         {},
         [](ChangeSet& cs, const plugin::Options& o) -> Result<plugin::ReferenceLoadSummary> {
             auto it = o.find("codes");
             auto sum = loadCodeLists(cs, codeListFolder(it == o.end() ? "" : it->second));
             if (!sum.ok())
                 return sum.error();
             plugin::ReferenceLoadSummary s;
             s.inserted = sum->accounts + sum->policyFields + sum->sectorCodes;
             s.updated = sum->externalCodes;
             return s;
         }});
    const std::vector<plugin::OptionDef> common{
        {"government", "KBO, name or all", true}, {"period", "plan period, e.g. 2020-2025", true},
        {"scope", "all or subsidised", false},    {"code", "external reporting code", false},
        {"kind", "budget or realisation", false}, {"year", "boekjaar", false}};
    for (const char* schema : {"M1", "M2", "M3", "T2", "J1", "J3"}) {
        std::string id = std::string("bbc.") + schema;
        for (auto& ch : id)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        host.addReport({id, std::string("BBC schema ") + schema, "bbc-spec §2", common,
                        [schema, dataFolder](Workspace& ws, const plugin::Options& o, Progress&) {
                            return buildSchemaReport(ws, schema, o, dataFolder);
                        }});
    }
    host.addReport({"bbc.dossier", "Subsidiedossier per externe rapporteringscode", "bbc-spec §4.4",
                    common, [](Workspace& ws, const plugin::Options& o, Progress&) {
                        return buildDossierReport(ws, o);
                    }});
    host.addReport({"bbc.preflight", "BBC preflight", "bbc-spec §7", common,
                    [](Workspace& ws, const plugin::Options& o, Progress&) {
                        return buildPreflightReport(ws, o);
                    }});
    host.addImporter({"bbc.registrations",
                      "Meerjarenplan registrations (docs/bbc.md)",
                      {".csv", ".xlsx", ".ods"},
                      [](Workspace& ws, const std::string& path,
                         const plugin::Options& o) -> Result<std::string> {
                          ImportOptions io;
                          io.government = o.count("government") ? o.at("government") : "";
                          io.period = o.count("period") ? o.at("period") : "";
                          io.replace = o.count("replace") > 0;
                          auto sum = importRegistrations(ws, path, io);
                          if (!sum.ok())
                              return sum.error();
                          return sum->text();
                      }});
    host.addExporter({"bbc.registrations",
                      "Registration export (docs/bbc.md)",
                      {".csv", ".xlsx"},
                      [](Workspace& ws, const std::string& path,
                         const plugin::Options& o) -> Result<std::string> {
                          auto rows = exportRegistrations(ws, path, o);
                          if (!rows.ok())
                              return rows.error();
                          return std::to_string(*rows) + " rows";
                      }});
    host.addValidator(
        {"bbc.preflight", "BBC preflight over every plan (bbc-spec §7)", [](Workspace& ws) {
             std::vector<Finding> out;
             auto periods = ws.db().prepare("SELECT DISTINCT plan_period FROM bbc_plan");
             std::vector<std::string> list;
             while (periods.step())
                 list.push_back(periods.getText(0));
             for (const auto& period : list)
                 for (const auto& plan : plansOfPeriod(ws, period)) {
                     auto lists = workspaceCodeLists(ws, plan.regime);
                     if (!lists.ok())
                         continue;
                     for (const auto& f : preflight(ws, plan, *lists))
                         out.push_back({f.severity, "bbc_plan", plan.id, f.rule,
                                        f.where + ": " + f.message, f.hint});
                 }
             return out;
         }});
    host.log("bbc: registered schemas M1 M2 M3 T2 J1 J3, dossier, preflight, import, export");
    return {};
}

}  // namespace kk::bbc
