// Helpers shared by the plugin tests (tests/plugin and plugins/<id>/tests): a temporary folder
// and a fresh workspace with the reference data loaded.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/base/paths.h"
#include "core/store/reference_data.h"
#include "core/store/workspace.h"

namespace kk::test {

class TempFolder {
  public:
    TempFolder() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "kk-plugin-test-XXXXXX").string();
        m_path = mkdtemp(pattern.data());
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

/// A new workspace in `dir` with municipalities and their classes loaded.
inline std::unique_ptr<Workspace> freshWorkspace(const TempFolder& dir,
                                                 const std::string& name = "w.gpkg") {
    auto ws = Workspace::create(dir.file(name));
    EXPECT_TRUE(ws.ok()) << (ws.ok() ? "" : ws.error().message());
    auto loaded = loadReferenceData(*ws.value(), dataDirectory());
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message());
    return std::move(ws).value();
}

}  // namespace kk::test
