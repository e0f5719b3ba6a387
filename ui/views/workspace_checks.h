// Collects the findings shown in the problems pane: core/model validate() over every stored
// entity, plus a few workspace-level checks. Reads through repositories only.
// TODO(integrator): this belongs in core (e.g. core/store `checkWorkspace`) so the CLI `check`
// and the API report the same findings; ui/ then only calls it.
#pragma once

#include <vector>

#include "core/model/validation.h"

namespace kk {
class Workspace;
}

namespace kk::ui {

/// Errors first, then warnings, then information; within a severity by entity and id.
std::vector<Finding> checkWorkspace(Workspace& ws);

}  // namespace kk::ui
