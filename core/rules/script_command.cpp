// `script list|test|run|trust|revoke|hash`: parses the words, runs the rules, formats output.
#include "core/rules/script_command.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "core/rules/script_library.h"
#include "core/rules/sha256.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

namespace kk::rules {

namespace {

constexpr int kOk = 0, kFailures = 1, kUsage = 2, kScriptError = 3, kUntrusted = 4;

struct RunOptions {
    std::string script;
    std::string indicator;
    std::string check;
    std::vector<std::pair<std::string, std::int64_t>> subjects;
    bool store = false;
    bool trust = false;
    int year = 0;
};

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

CommandResult errorResult(int code, const Error& e) {
    CommandResult r;
    r.exitCode = code;
    r.err = "error: " + e.message() + "\n";
    return r;
}

CommandResult usageError(const std::string& what) {
    CommandResult r;
    r.exitCode = kUsage;
    r.err = "error: " + what + "\n" + scriptCommandUsage();
    return r;
}

/// Loads a script by library name, or from a file path when the argument names a file.
Result<ScriptSource> findSource(const ScriptLibrary& lib, const std::string& name) {
    std::error_code ec;
    if (name.find(".lua") != std::string::npos && std::filesystem::is_regular_file(name, ec) &&
        lib.source(name).ok() == false)
        return ScriptLibrary::fromFile(name);
    return lib.source(name);
}

int exitFor(const Error& e) {
    return e.code == "rules.untrusted" ? kUntrusted : kScriptError;
}

CommandResult listCommand(const ScriptLibrary& lib) {
    CommandResult r;
    for (const auto& e : lib.list())
        r.out += e.name + "\t" + e.kind + "\t" + e.origin + "\t" + e.sha256.substr(0, 12) +
                 (e.trusted ? "" : "\tNOT TRUSTED") + "\n";
    return r;
}

CommandResult testCommand(const ScriptLibrary& lib, const std::vector<std::string>& names,
                          const HostLimits& limits) {
    CommandResult r;
    std::vector<std::string> targets = names;
    if (targets.empty())
        for (const auto& e : lib.list())
            if (e.trusted)
                targets.push_back(e.name);
    int passed = 0, failed = 0, skipped = 0, broken = 0;
    for (const auto& name : targets) {
        auto src = findSource(lib, name);
        if (!src.ok()) {
            r.out += "ERROR " + name + ": " + src.error().message() + "\n";
            ++broken;
            continue;
        }
        auto pkg = lib.load(*src, limits);
        if (!pkg.ok()) {
            r.out += "ERROR " + name + ": " + pkg.error().message() + "\n";
            ++broken;
            continue;
        }
        for (const auto& t : (*pkg)->runTests()) {
            switch (t.status) {
                case TestOutcome::Status::Pass:
                    r.out += "PASS " + name + " :: " + t.name + "\n";
                    ++passed;
                    break;
                case TestOutcome::Status::Skip:
                    r.out += "SKIP " + name + " :: " + t.name + " (" + t.message + ")\n";
                    ++skipped;
                    break;
                case TestOutcome::Status::Fail:
                    r.out += "FAIL " + name + " :: " + t.name + "\n     " + t.where + ": " +
                             t.message + "\n";
                    ++failed;
                    break;
            }
        }
        const std::string printed = (*pkg)->takeOutput();
        if (!printed.empty())
            r.out += printed;
    }
    r.out += std::to_string(passed) + " passed, " + std::to_string(failed) + " failed, " +
             std::to_string(skipped) + " skipped, " + std::to_string(broken) +
             " scripts did not load\n";
    r.exitCode = (failed > 0 || broken > 0) ? kFailures : kOk;
    return r;
}

/// Makes sure the workspace has an indicator row for a Lua-defined indicator.
Status ensureIndicator(Workspace& ws, const RuleInfo& rule) {
    auto st = ws.db().prepare("SELECT id FROM kk_indicator WHERE code = ?");
    st.bind(1, rule.code);
    if (st.step())
        return {};
    st.reset();
    try {
        ChangeSet cs(ws, "Define indicator " + rule.code + " (Lua)");
        cs.insert("kk_indicator", Row()
                                      .set("code", rule.code)
                                      .set("name", rule.name)
                                      .set("unit", rule.unit)
                                      .set("type", rule.type)
                                      .set("direction", rule.direction)
                                      .set("aggregation", rule.aggregation));
        return cs.commit();
    } catch (const KkError& e) {
        return e.error();
    }
}

CommandResult runCommand(const ScriptLibrary& lib, TrustStore& trust, const RunOptions& opt,
                         const HostLimits& limits) {
    auto src = findSource(lib, opt.script);
    if (!src.ok())
        return errorResult(kScriptError, src.error());
    if (opt.trust && src->origin == "workspace")
        if (auto st = trust.trust(sha256Hex(src->text), src->name); !st.ok())
            return errorResult(kScriptError, st.error());
    auto loaded = lib.load(*src, limits);
    if (!loaded.ok())
        return errorResult(exitFor(loaded.error()), loaded.error());
    ScriptPackage& pkg = **loaded;
    Workspace* ws = lib.workspace();
    CommandResult r;
    bool findingsWithError = false;
    for (const auto& rule : pkg.rules()) {
        if (rule.kind == RuleKind::Indicator && opt.check.empty() &&
            (opt.indicator.empty() || opt.indicator == rule.code)) {
            if (ws == nullptr)
                return usageError("indicators need a workspace (--workspace)");
            // Named subjects one by one; otherwise every subject of the first kind in one batch.
            std::vector<std::pair<std::string, IndicatorValue>> values;
            Status failed;
            if (opt.subjects.empty()) {
                const std::string& kind = rule.subjects.front();
                auto all = pkg.computeIndicatorAll(rule.code, kind);
                if (all.ok()) {
                    for (const auto& v : *all)
                        values.emplace_back(kind, v);
                } else {
                    failed = all.error();
                }
            }
            for (const auto& [kind, id] : opt.subjects) {
                auto v = pkg.computeIndicator(rule.code, kind, id);
                if (!v.ok()) {
                    failed = v.error();
                    break;
                }
                values.emplace_back(kind, IndicatorValue{id, *v});
            }
            if (!failed.ok()) {
                r.out += pkg.takeOutput();
                auto e = errorResult(kScriptError, failed.error());
                e.out = r.out;
                return e;
            }
            for (const auto& [kind, v] : values) {
                r.out += "indicator " + rule.code + " " + kind + "#" + std::to_string(v.subjectId) +
                         " = " + (v.value ? number(*v.value) : "n/a") + "\n";
                if (opt.store && v.value)
                    pkg.host().workspaceApi()->stage(
                        {0, kind, v.subjectId, opt.year, number(*v.value), "script:" + pkg.name()});
            }
            if (opt.store) {
                if (auto st = ensureIndicator(*ws, rule); !st.ok())
                    return errorResult(kScriptError, st.error());
                auto* api = pkg.host().workspaceApi();
                const std::int64_t indicatorId = api->indicatorIdOf(rule.code);
                std::vector<StagedMeasurement> staged = api->staged();
                api->dropStaged();
                for (auto& m : staged) {
                    if (m.indicatorId == 0)
                        m.indicatorId = indicatorId;
                    api->stage(std::move(m));
                }
            }
        }
        if (rule.kind == RuleKind::Check && opt.indicator.empty() &&
            (opt.check.empty() || opt.check == rule.code)) {
            if (ws == nullptr)
                return usageError("checks need a workspace (--workspace)");
            auto findings = pkg.runCheckAll(rule.code);
            if (!findings.ok())
                return errorResult(kScriptError, findings.error());
            for (const auto& f : *findings) {
                r.out += f.severity + " " + f.rule + " " + f.subjectKind + "#" +
                         std::to_string(f.subjectId) + ": " + f.message + "\n";
                findingsWithError = findingsWithError || f.severity == "error";
            }
            if (findings->empty())
                r.out += "check " + rule.code + ": no findings\n";
        }
    }
    r.out += pkg.takeOutput();
    if (opt.store && pkg.stagedCount() > 0) {
        const std::size_t n = pkg.stagedCount();
        if (auto st = pkg.commitStaged("Lua rules " + pkg.name()); !st.ok())
            return errorResult(kScriptError, st.error());
        r.out += "stored " + std::to_string(n) + " measurements\n";
    } else {
        pkg.dropStaged();
    }
    r.exitCode = findingsWithError ? kFailures : kOk;
    return r;
}

}  // namespace

std::string scriptCommandUsage() {
    return "usage: koppelkans-cli script <command>\n"
           "  list                         scripts of the library, plugins and workspace\n"
           "  test [NAME...]               run the scripts' test cases (all when no name)\n"
           "  run NAME [--indicator CODE] [--check CODE] [--subject KIND:ID]...\n"
           "           [--store --year YEAR] [--trust]\n"
           "                               compute indicators / run checks of one script;\n"
           "                               --store writes the values as one change set\n"
           "  trust NAME | revoke NAME     trust (or stop trusting) a workspace script\n"
           "  hash NAME                    print the SHA-256 of a script\n"
           "  limits: --memory-mb N (default 64), --time-ms N (default 5000)\n";
}

CommandResult runScriptCommand(const std::vector<std::string>& args, ScriptCommandContext& ctx) {
    if (args.empty())
        return usageError("missing command");
    HostLimits limits = ctx.limits;
    std::vector<std::string> words;
    RunOptions opt;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto next = [&]() -> std::string {
                if (i + 1 >= args.size())
                    throw std::invalid_argument(a + " needs a value");
                return args[++i];
            };
            if (a == "--indicator") {
                opt.indicator = next();
            } else if (a == "--check") {
                opt.check = next();
            } else if (a == "--subject") {
                const std::string s = next();
                const auto colon = s.find(':');
                if (colon == std::string::npos || kindIndex(s.substr(0, colon)) < 0)
                    throw std::invalid_argument("--subject needs KIND:ID, e.g. project:12");
                opt.subjects.emplace_back(s.substr(0, colon), std::stoll(s.substr(colon + 1)));
            } else if (a == "--store") {
                opt.store = true;
            } else if (a == "--trust") {
                opt.trust = true;
            } else if (a == "--year") {
                opt.year = std::stoi(next());
            } else if (a == "--memory-mb") {
                limits.memoryBytes = static_cast<std::size_t>(std::stoul(next())) << 20;
            } else if (a == "--time-ms") {
                limits.timeBudget = std::chrono::milliseconds(std::stol(next()));
            } else if (a.rfind("--", 0) == 0) {
                throw std::invalid_argument("unknown option " + a);
            } else {
                words.push_back(a);
            }
        }
    } catch (const std::exception& e) {
        return usageError(e.what());
    }
    auto trustStore =
        TrustStore::load(ctx.trustFile.empty() ? TrustStore::defaultPath() : ctx.trustFile);
    if (!trustStore.ok())
        return errorResult(kScriptError, trustStore.error());
    ScriptLibrary lib(ctx.bundledDir.empty() ? ScriptLibrary::defaultBundledDir() : ctx.bundledDir,
                      ctx.workspace, &*trustStore);
    for (const auto& [id, dir] : ctx.packs)
        lib.addPack(id, dir);

    const std::string cmd = words.front();
    const std::vector<std::string> rest(words.begin() + 1, words.end());
    if (cmd == "list")
        return listCommand(lib);
    if (cmd == "test")
        return testCommand(lib, rest, limits);
    if (cmd == "run") {
        if (rest.size() != 1)
            return usageError("run needs exactly one script name");
        if (opt.store && opt.year == 0)
            return usageError("--store needs --year YEAR");
        opt.script = rest.front();
        return runCommand(lib, trustStore.value(), opt, limits);
    }
    if (cmd == "trust" || cmd == "revoke" || cmd == "hash") {
        if (rest.size() != 1)
            return usageError(cmd + " needs exactly one script name");
        auto src = findSource(lib, rest.front());
        if (!src.ok())
            return errorResult(kScriptError, src.error());
        const std::string hash = sha256Hex(src->text);
        CommandResult r;
        if (cmd == "hash") {
            r.out = hash + "  " + src->name + "\n";
            return r;
        }
        auto st = cmd == "trust" ? trustStore.value().trust(hash, src->name)
                                 : trustStore.value().revoke(hash);
        if (!st.ok())
            return errorResult(kScriptError, st.error());
        r.out = (cmd == "trust" ? "trusted " : "no longer trusted ") + src->name + " (sha256 " +
                hash + ")\n";
        return r;
    }
    return usageError("unknown command '" + cmd + "'");
}

}  // namespace kk::rules
