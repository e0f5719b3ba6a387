// Entry point of koppelkans-cli: the lean front end. It runs the commands that need only the
// workspace store itself and hands every other command line, unchanged, to koppelkans-cli-full
// (which links GDAL, Lua, the plugins and the server). Loading GDAL's shared libraries alone
// costs some 35 ms, more than a summary query over the xl workspace (docs/adr/0003).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "core/base/paths.h"
#include "core/cli/cli.h"

namespace {

namespace fs = std::filesystem;

/// The full tool: beside this binary (build tree, or KK_CLI_FULL), else in the package's
/// libexec folder.
std::string fullTool() {
    if (const char* env = std::getenv("KK_CLI_FULL"); env && *env)
        return env;
    const fs::path exe = kk::executableDirectory();
    for (const fs::path& p : {exe / "koppelkans-cli-full",
                              exe / ".." / "libexec" / "koppelkans" / "koppelkans-cli-full"}) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec))
            return p.lexically_normal().string();
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    kk::cli::Context ctx{std::cout, std::cerr, false, {}};
    const int code = kk::cli::runWith(args, ctx, kk::cli::storeCommands(), true);
    if (code != kk::cli::kHandOver)
        return code;
    std::cout.flush();
    const std::string full = fullTool();
    if (full.empty()) {
        std::cerr << "error: this command needs koppelkans-cli-full, which is not installed beside "
                     "koppelkans-cli or in ../libexec/koppelkans (reinstall the koppelkans "
                     "package, or set KK_CLI_FULL to its path)\n";
        return 1;
    }
    argv[0] = const_cast<char*>(full.c_str());
    execv(full.c_str(), argv);
    std::cerr << "error: cannot start " << full << ": " << std::strerror(errno)
              << " (check that the file is executable)\n";
    return 1;
}
