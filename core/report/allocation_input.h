// A project of the workspace as an allocation problem (core/allocate/problem.h), for the
// allocation report. The allocation integration (`koppelkans-cli allocate`) may bring its
// own mapping; this one is the report's reading, documented in docs/reports.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/allocate/problem.h"

namespace kk {
class Workspace;
}

namespace kk::report::detail {

struct AllocationInput {
    alloc::Problem problem;
    std::string projectCode;
    std::string projectName;
    /// Granted awards in the workspace per fund code (to compare with the computed split).
    std::vector<std::pair<std::string, std::int64_t>> granted;
    /// Funds left out, with the reason (e.g. no budget left), for the report's notes.
    std::vector<std::string> notes;
};

/// The project with this code (empty: the first project by code that has cost items and a
/// granted award, else the first with cost items). Funds: those of the project's
/// programmes, those with an award to it, and every own-contribution fund; an external
/// fund's budget is its budget minus what it granted to other projects. Throws KkError.
AllocationInput problemForProject(Workspace& ws, const std::string& projectCode);

}  // namespace kk::report::detail
