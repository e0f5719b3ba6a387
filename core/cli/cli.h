// koppelkans-cli: the command line over the core (ARCHITECTURE.md: core/cli). Every command
// runs the same code the workbench and the API server use.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"

namespace kk::cli {

/// Options shared by every command.
struct Context {
    std::ostream& out;
    std::ostream& err;
    bool json = false;
    std::string user;  ///< audit user (--user), default: login name
};

/// One command of a command table.
struct Command {
    std::string_view name;
    int (*run)(const std::vector<std::string>& args, Context& ctx);
};

/// What a command (or runWith) returns when this binary cannot run the command line and the
/// full tool must (docs/adr/0003: the lean front end hands GDAL-dependent commands over).
inline constexpr int kHandOver = -1;

/// Runs one command line (without the program name) with every command. Returns the process
/// exit code: 0 ok, 1 the operation failed (bad input, refused change), 2 usage error.
int run(const std::vector<std::string>& args, Context& ctx);

/// Runs one command line against `commands`: global options, help and version first. A
/// command not in the table gives kHandOver when `handOver` is set, else a usage error.
int runWith(const std::vector<std::string>& args, Context& ctx, std::span<const Command> commands,
            bool handOver);

/// The commands that need only the workspace store (no GDAL, Lua, plugins or server): the
/// lean koppelkans-cli runs these itself.
std::span<const Command> storeCommands();

// Command groups (one file each).
int cmdInit(const std::vector<std::string>& args, Context& ctx);
int cmdInfo(const std::vector<std::string>& args, Context& ctx);
int cmdCheck(const std::vector<std::string>& args, Context& ctx);
int cmdUndo(const std::vector<std::string>& args, Context& ctx);
int cmdRedo(const std::vector<std::string>& args, Context& ctx);
int cmdLog(const std::vector<std::string>& args, Context& ctx);
/// import from CSV; hands a spreadsheet (.xlsx, .ods) over (kHandOver).
int cmdImportCsv(const std::vector<std::string>& args, Context& ctx);
/// import from CSV, XLSX or ODS (the spreadsheets through GDAL).
int cmdImport(const std::vector<std::string>& args, Context& ctx);
int cmdExport(const std::vector<std::string>& args, Context& ctx);
int cmdSummary(const std::vector<std::string>& args, Context& ctx);
int cmdAreas(const std::vector<std::string>& args, Context& ctx);
int cmdPlugins(const std::vector<std::string>& args, Context& ctx);
int cmdPlugin(const std::vector<std::string>& args, Context& ctx);
int cmdScript(const std::vector<std::string>& args, Context& ctx);
int cmdServe(const std::vector<std::string>& args, Context& ctx);
int cmdDemo(const std::vector<std::string>& args, Context& ctx);
int cmdAllocate(const std::vector<std::string>& args, Context& ctx);
int cmdAllocateRuns(const std::vector<std::string>& args, Context& ctx);
int cmdReport(const std::vector<std::string>& args, Context& ctx);

/// Prints an error the way every command does (text or JSON); returns `code`.
int fail(Context& ctx, const Error& e, int code = 1);
/// Usage error with the command's synopsis.
int usage(Context& ctx, const std::string& synopsis);

/// Parsed flags: positional arguments and --name[=value] options.
struct Args {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> options;
    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback = {}) const;
};
/// `valued` lists the options that take a value (as "--format X" or "--format=X").
Args parseArgs(const std::vector<std::string>& args, const std::vector<std::string>& valued);

}  // namespace kk::cli
