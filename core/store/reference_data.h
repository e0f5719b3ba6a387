// Loads the shipped reference data (data/reference/*.csv) into a workspace.
#pragma once

#include <string>

#include "core/base/error.h"

namespace kk {

class Workspace;

/// Counts of what was loaded.
struct ReferenceLoadReport {
    int municipalities = 0;
    int classes = 0;
    int mergers = 0;
};

/// Replaces the municipality tables with the CSV files of `dataDir`/reference. Runs in one
/// transaction; reference data is not user data, so it is not an undo step, but the audit
/// trail records that it was loaded. Errors name the file and line.
Result<ReferenceLoadReport> loadReferenceData(Workspace& ws, const std::string& dataDir);

}  // namespace kk
