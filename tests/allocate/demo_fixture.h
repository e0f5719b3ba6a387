// A small demo workspace (koppelkans-cli demo --scale small) shared by the tests of one suite,
// and running the built koppelkans-cli as a user does.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <memory>
#include <string>

#include "tests/store/store_fixture.h"

namespace kk::test {

struct CliRun {
    int exit = -1;
    std::string out;
};

/// Runs koppelkans-cli with `args` (shell words), stdout and stderr together.
inline CliRun cli(const std::string& args) {
    CliRun r;
    const std::string cmd = std::string(KK_CLI) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    while (p && fgets(buf, sizeof buf, p))
        r.out += buf;
    const int status = p ? pclose(p) : -1;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// One demo workspace per test suite; each test copies it when it writes.
class DemoWorkspace : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<TempDir>();
        const auto r = cli("demo " + s_dir->file("demo.gpkg") + " --scale small");
        ASSERT_EQ(r.exit, 0) << r.out;
    }
    static void TearDownTestSuite() { s_dir.reset(); }
    /// A private copy of the demo workspace for a test that writes.
    std::string copy(const std::string& name) {
        const std::string path = s_dir->file(name);
        std::filesystem::copy_file(s_dir->file("demo.gpkg"), path,
                                   std::filesystem::copy_options::overwrite_existing);
        return path;
    }
    static std::string demoPath() { return s_dir->file("demo.gpkg"); }
    static inline std::unique_ptr<TempDir> s_dir;
};

}  // namespace kk::test
