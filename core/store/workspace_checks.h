// Whole-workspace validation: every entity's field checks (core/model), the checks that need the
// workspace (known NIS codes), and workspace-level findings. One list for `koppelkans-cli
// check`, the workbench's problems pane and the API.
#pragma once

#include <vector>

#include "core/model/validation.h"

namespace kk {

class Workspace;

/// Errors first, then warnings, then information; within a severity by entity and id.
std::vector<Finding> checkWorkspace(Workspace& ws);

}  // namespace kk
