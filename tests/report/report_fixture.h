// A realistic report with every block kind (Vlaamse Rand / stadsvernieuwing figures) for tests.
#pragma once

#include <string>

#include "core/report/report.h"

namespace kk::report::test {

/// Number of rows in the long cost-item table (enough for at least two PDF pages).
inline constexpr int kCostItemRows = 120;

/// Portfolio report for the Vlaamse Rand with a table per project, a funding-mix stacked bar
/// chart, a budget-vs-realised line chart, a choropleth map, notes and a long table.
Report demoReport();

/// The folder tests write their outputs to: <build>/test-output/report (created).
std::string outputDir();

/// Runs a shell command; returns its exit code and puts stdout into `out`.
int run(const std::string& command, std::string& out);

}  // namespace kk::report::test
