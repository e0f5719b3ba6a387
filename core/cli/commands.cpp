// The full command table of koppelkans-cli-full and of the in-process `run` the tests use.
#include <array>

#include "core/cli/cli.h"

namespace kk::cli {

int run(const std::vector<std::string>& args, Context& ctx) {
    static constexpr std::array<Command, 18> kCommands{{
        {"init", cmdInit},
        {"info", cmdInfo},
        {"check", cmdCheck},
        {"undo", cmdUndo},
        {"redo", cmdRedo},
        {"log", cmdLog},
        {"import", cmdImport},
        {"export", cmdExport},
        {"demo", cmdDemo},
        {"summary", cmdSummary},
        {"areas", cmdAreas},
        {"plugins", cmdPlugins},
        {"plugin", cmdPlugin},
        {"allocate", cmdAllocate},
        {"allocate-runs", cmdAllocateRuns},
        {"report", cmdReport},
        {"script", cmdScript},
        {"serve", cmdServe},
    }};
    return runWith(args, ctx, kCommands, false);
}

}  // namespace kk::cli
