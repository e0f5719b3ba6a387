// check: integrity, foreign keys, the core validation rules and the plugins' own checks.
#include <nlohmann/json.hpp>

#include <ostream>

#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/model/validation.h"
#include "core/plugin/plugin_manager.h"
#include "core/store/workspace.h"
#include "core/store/workspace_checks.h"

namespace kk::cli {

int cmdCheck(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {});
    if (a.positional.size() != 1)
        return usage(ctx, "check WORKSPACE.gpkg");
    int code = 0;
    auto ws = openOrFail(ctx, a.positional[0], code, true);
    if (!ws)
        return code;
    std::vector<std::string> integrity;
    {
        auto st = ws->db().prepare("PRAGMA integrity_check");
        while (st.step())
            integrity.push_back(st.getText(0));
    }
    std::vector<Finding> findings;
    {
        auto st = ws->db().prepare("PRAGMA foreign_key_check");
        while (st.step())
            findings.push_back({Severity::Error, st.getText(0), st.getInt(1), "",
                                "refers to a missing " + st.getText(2) + " row",
                                "restore the missing row or delete this one"});
    }
    const auto core = checkWorkspace(*ws);
    findings.insert(findings.end(), core.begin(), core.end());
    // The programme plugins' own whole-workspace checks (composition of W+L+S coalitions,
    // regiodeal co-financing, BBC preflight, ...) join the core findings.
    if (!a.has("no-plugins")) {
        plugin::PluginManager plugins;
        plugins.loadFrom(plugin::PluginManager::defaultSearchPaths());
        try {
            auto more = plugins.validate(*ws);
            findings.insert(findings.end(), more.begin(), more.end());
        } catch (const KkError& e) {
            findings.push_back({Severity::Warning, "plugin", 0, "",
                                "a plugin check could not run: " + e.error().message(),
                                "run 'koppelkans-cli plugins' to see the loaded plugins"});
        }
    }
    int errors = 0;
    int warnings = 0;
    for (const auto& f : findings) {
        if (f.severity == Severity::Error)
            ++errors;
        if (f.severity == Severity::Warning)
            ++warnings;
    }
    const bool integrityOk = integrity.size() == 1 && integrity[0] == "ok";
    if (ctx.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& f : findings)
            list.push_back({{"severity", toCode(f.severity)},
                            {"entity", f.entity},
                            {"id", f.id},
                            {"field", f.field},
                            {"message", f.message},
                            {"hint", f.hint}});
        ctx.out << nlohmann::json{{"integrity", integrityOk ? "ok" : "damaged"},
                                  {"errors", errors},
                                  {"warnings", warnings},
                                  {"findings", list}}
                       .dump(2)
                << "\n";
    } else {
        ctx.out << "integrity: " << (integrityOk ? "ok" : "DAMAGED") << "\n";
        if (!integrityOk)
            for (const auto& l : integrity)
                ctx.out << "  " << l << "\n";
        for (const auto& f : findings)
            ctx.out << toCode(f.severity) << ": " << f.entity << " " << f.id
                    << (f.field.empty() ? "" : ", " + f.field) << ": " << f.message
                    << (f.hint.empty() ? "" : " (" + f.hint + ")") << "\n";
        ctx.out << errors << " errors, " << warnings << " warnings\n";
    }
    return integrityOk && errors == 0 ? 0 : 1;
}

}  // namespace kk::cli
