// Allocation problems as every front end builds them: core/allocate's workspace mapping
// (alloc::WorkspaceProblems), then the allocation hooks of every loaded plugin. The CLI's
// `allocate`, the workbench's allocation view and its comparisons all go through here, so a
// split computed in one is the split computed in the others.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/allocate/workspace_problem.h"
#include "core/base/error.h"

namespace kk {
class Workspace;
}

namespace kk::plugin {

class PluginManager;

/// The problems of a scope: "project:CODE", "programme:CODE" or "workspace", mapped with
/// `options` and adjusted by the plugins' hooks (e.g. the Vlaamse Randfonds never funds a
/// project fully). Errors are the mapping's or the hook's, naming the project.
Result<std::vector<alloc::ProjectProblem>> allocationProblems(const PluginManager& plugins,
                                                              Workspace& ws, std::string_view scope,
                                                              alloc::MappingOptions options = {});

/// One project's problem (scope "project:CODE").
Result<alloc::ProjectProblem> projectAllocationProblem(const PluginManager& plugins, Workspace& ws,
                                                       std::string_view projectCode,
                                                       alloc::MappingOptions options = {});

}  // namespace kk::plugin
