// Shared helpers of the workspace report builders (not part of the public API).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/progress.h"
#include "core/report/report.h"
#include "core/report/workspace_reports.h"

namespace kk {
class Workspace;
}

namespace kk::report::detail {

/// Reports progress of one builder and stops it when the user cancels: step() throws a
/// KkError with code "cancelled" that the public entry points turn into their Error.
class BuildSteps {
  public:
    BuildSteps(Progress& progress, std::string label, std::int64_t total);
    /// Advances by n; checks for cancel every call (cheap) and reports every `every` units.
    void step(std::int64_t n = 1);
    void setLabel(std::string label) { m_label = std::move(label); }
    void addTotal(std::int64_t more) { m_total += more; }
    Progress& progress() { return m_progress; }
    /// Throws "cancelled" when the user asked to stop.
    void check() const;

  private:
    Progress& m_progress;
    std::string m_label;
    std::int64_t m_total = 0;
    std::int64_t m_done = 0;
    std::int64_t m_lastReported = -1;
};

/// A report with the common cover: title, subtitle, the workspace file and its filters.
Report newReport(Workspace& ws, std::string title, std::string subtitle);

/// "12.5" / "-3" / "1,25" as an exact Decimal (at most 9 decimals); nullopt for empty or
/// non-numeric text (indicator values are stored as text).
std::optional<Decimal> parseDecimal(std::string_view text);

/// Splits ';'-separated lists as stored in the workspace ("a;b" -> {"a", "b"}), trimmed.
std::vector<std::string> splitList(std::string_view text);

/// Runs a builder body, turning KkError (SQL errors and "cancelled" included) into an Error.
template <class F>
Result<Report> guarded(F&& body) {
    try {
        return body();
    } catch (const KkError& e) {
        return e.error();
    }
}

/// Error for a code that names nothing, with the CLI command that lists the valid codes.
Error unknownCode(const std::string& what, const std::string& code, const std::string& option,
                  const std::string& listHint);

/// The id of the project with this code, or throws unknownCode.
std::int64_t projectIdByCode(Workspace& ws, const std::string& code);
/// The id of the coalition with this code, or throws unknownCode.
std::int64_t coalitionIdByCode(Workspace& ws, const std::string& code);

/// Cell for a money amount in cents.
inline Cell money(std::int64_t cents) {
    return Cell(Money::fromCents(cents));
}
/// part / whole as an exact rate; empty when whole is zero.
Cell rateCell(std::int64_t part, std::int64_t whole);

}  // namespace kk::report::detail
