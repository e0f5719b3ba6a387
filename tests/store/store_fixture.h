// A fresh workspace in a temporary folder for each test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "core/store/reference_data.h"
#include "core/store/workspace.h"

namespace kk::test {

class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("kk-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

  private:
    std::filesystem::path m_path;
};

inline std::unique_ptr<Workspace> newWorkspace(const TempDir& dir,
                                               const std::string& name = "w.gpkg") {
    auto ws = Workspace::create(dir.file(name));
    EXPECT_TRUE(ws.ok()) << (ws.ok() ? "" : ws.error().message());
    auto loaded = loadReferenceData(*ws.value(), std::string(KK_SOURCE_DIR) + "/data");
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message());
    ws.value()->setUser("tester");
    return std::move(ws).value();
}

}  // namespace kk::test
