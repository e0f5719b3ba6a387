// Workspace mapping plus plugin hooks, for every front end.
#include "core/plugin/allocation_problems.h"

#include "core/plugin/plugin_manager.h"

namespace kk::plugin {

Result<std::vector<alloc::ProjectProblem>> allocationProblems(const PluginManager& plugins,
                                                              Workspace& ws, std::string_view scope,
                                                              alloc::MappingOptions options) {
    alloc::WorkspaceProblems builder(ws, std::move(options));
    Result<std::vector<alloc::ProjectProblem>> problems = std::vector<alloc::ProjectProblem>{};
    if (scope.starts_with("project:")) {
        auto p = builder.project(scope.substr(8));
        if (!p)
            return p.error();
        problems.value().push_back(std::move(p).value());
    } else if (scope.starts_with("programme:")) {
        problems = builder.programme(scope.substr(10));
    } else {
        problems = builder.all();
    }
    if (!problems)
        return problems;
    for (auto& p : problems.value())
        if (auto st = plugins.adjustAllocationProblem(ws, p.problem); !st)
            return st.error();
    return problems;
}

Result<alloc::ProjectProblem> projectAllocationProblem(const PluginManager& plugins, Workspace& ws,
                                                       std::string_view projectCode,
                                                       alloc::MappingOptions options) {
    auto problems =
        allocationProblems(plugins, ws, "project:" + std::string(projectCode), std::move(options));
    if (!problems)
        return problems.error();
    return std::move(problems.value().front());
}

}  // namespace kk::plugin
