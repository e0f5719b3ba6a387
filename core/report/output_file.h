// Internal to core/report: all-or-nothing output files and cancellable progress counting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/error.h"
#include "core/base/progress.h"

namespace kk::report::detail {

/// A temporary file beside `target` that becomes `target` on commit() and is removed on
/// destruction otherwise. Same folder, so the final rename is atomic on POSIX file systems.
class OutputFile {
  public:
    explicit OutputFile(std::string target);
    ~OutputFile();
    OutputFile(OutputFile&& other) noexcept;
    OutputFile& operator=(OutputFile&&) = delete;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    const std::string& target() const { return m_target; }
    const std::string& tempPath() const { return m_temp; }
    /// Error when the target's folder does not exist or is not writable.
    Status checkFolder() const;
    Status commit();

  private:
    std::string m_target;
    std::string m_temp;
    bool m_done = false;
};

/// Counts steps against a known total and answers whether to go on.
class Steps {
  public:
    Steps(Progress& progress, std::int64_t total) : m_progress(progress), m_total(total) {}
    /// Advances by `n` and reports; false when the user cancelled.
    bool advance(std::string_view label, std::int64_t n = 1);
    bool cancelled() const { return m_progress.cancelled(); }
    std::int64_t done() const { return m_done; }

  private:
    Progress& m_progress;
    std::int64_t m_total;
    std::int64_t m_done = 0;
};

/// The error writers return when cancelled.
Error cancelledError(const std::string& path);
/// Rows per progress step inside big tables.
inline constexpr std::int64_t kRowBatch = 200;

}  // namespace kk::report::detail
