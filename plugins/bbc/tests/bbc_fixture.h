// A workspace with the BBC code lists and the golden meerjarenplan of tests/data/bbc.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/store/workspace.h"

namespace kk::bbc::test {

std::string sourceDir();
std::string pluginFolder();  ///< plugins/bbc in the source tree (data/, scripts/)
std::string goldenDir();

class BbcWorkspace : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;
    /// Inserts a government and returns its KBO.
    std::string addGovernment(const std::string& kbo, const std::string& name);
    /// Runs a plugin command and fails the test on an error.
    std::string run(const std::string& name, const std::vector<std::string>& args);
    std::int64_t count(const std::string& sql);
    std::filesystem::path m_dir;
    std::unique_ptr<Workspace> m_ws;
    const std::string kKbo = "0207451227";
};

/// BbcWorkspace with the golden plan imported for kKbo / 2024-2026.
class GoldenPlan : public BbcWorkspace {
  protected:
    void SetUp() override;
};

}  // namespace kk::bbc::test
