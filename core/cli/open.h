// Opening a workspace from a command, printing the error when that fails.
#pragma once

#include <memory>
#include <string>

#include "core/cli/cli.h"
#include "core/store/workspace.h"

namespace kk::cli {

/// Opens the workspace or prints why not (code receives the exit code).
std::unique_ptr<Workspace> openOrFail(Context& ctx, const std::string& path, int& code,
                                      bool readOnly);

}  // namespace kk::cli
