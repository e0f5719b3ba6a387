// An allocation problem (core/allocate) from a project in the workspace: its cost items, the
// funds of its awards, and its partners. Plugins adjust it through AllocationHooks.
#pragma once

#include "core/allocate/problem.h"
#include "core/base/error.h"
#include "core/model/entities.h"

namespace kk {
class Workspace;
}

namespace kk::plugin {

/// Builds the problem of one project:
/// - cost items by code, borne by their partner (or the applicant when none is named);
/// - one fund per granted award (candidates too when asked), id = fund code, with the fund's
///   rate, rate kind, caps, categories, priority and cumulation group; its budget is the
///   awarded amount (the award's own rate, when set, replaces the fund's rate);
/// - a partner per actor that bears a cost item.
/// Errors: an unknown project, a project without cost items, a cost item without a partner
/// when the project has no applicant.
Result<alloc::Problem> workspaceProblem(Workspace& ws, ProjectId project,
                                        bool includeCandidates = false);

}  // namespace kk::plugin
