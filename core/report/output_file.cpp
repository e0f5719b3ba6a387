// Temporary-then-rename output files and progress counting for the report writers.
#include "core/report/output_file.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace kk::report::detail {
namespace {
std::atomic<unsigned> g_counter{0};
}

OutputFile::OutputFile(std::string target) : m_target(std::move(target)) {
    // pid + counter: two writers (or two threads) never share a temporary name.
    m_temp = m_target + ".part-" + std::to_string(::getpid()) + "-" +
             std::to_string(g_counter.fetch_add(1));
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : m_target(std::move(other.m_target)), m_temp(std::move(other.m_temp)), m_done(other.m_done) {
    other.m_done = true;
}

OutputFile::~OutputFile() {
    if (!m_done)
        std::remove(m_temp.c_str());
}

Status OutputFile::checkFolder() const {
    namespace fs = std::filesystem;
    fs::path folder = fs::path(m_target).parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return makeError("report.folder", "the folder for the report does not exist",
                         folder.string(), "create the folder or choose another place to save");
    if (::access(folder.c_str(), W_OK) != 0)
        return makeError("report.folder", "cannot write in the folder for the report",
                         folder.string(), "choose a folder where you may save files");
    return {};
}

Status OutputFile::commit() {
    if (std::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        return makeError("report.write", "could not save the report file (" + why + ")", m_target,
                         "close the file if another program has it open and retry");
    }
    m_done = true;
    return {};
}

bool Steps::advance(std::string_view label, std::int64_t n) {
    m_done += n;
    m_progress.step(std::min(m_done, m_total), m_total, label);
    return !m_progress.cancelled();
}

Error cancelledError(const std::string& path) {
    return makeError("cancelled", "writing the report was cancelled", path,
                     "start the export again to get the file");
}

}  // namespace kk::report::detail
