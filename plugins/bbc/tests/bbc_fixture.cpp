// The shared fixture of the bbc plugin tests.
#include "plugins/bbc/tests/bbc_fixture.h"

#include <random>

#include "core/store/changeset.h"
#include "plugins/bbc/src/bbc_plugin.h"

namespace kk::bbc::test {

std::string sourceDir() {
    return KK_SOURCE_DIR;
}
std::string pluginFolder() {
    return sourceDir() + "/plugins/bbc";
}
std::string goldenDir() {
    return sourceDir() + "/tests/data/bbc/golden_small";
}

void BbcWorkspace::SetUp() {
    std::random_device rd;
    m_dir = std::filesystem::temp_directory_path() / ("kk_bbc_" + std::to_string(rd()));
    std::filesystem::create_directories(m_dir);
    setenv("KK_DATA_DIR", (sourceDir() + "/data").c_str(), 1);
    auto ws = Workspace::create((m_dir / "ws.gpkg").string());
    ASSERT_TRUE(ws.ok()) << ws.error().message();
    m_ws = std::move(ws).value();
    ASSERT_TRUE(m_ws->applyMigrations("bbc", migrations()).ok());
    addGovernment(kKbo, "Gemeente Voorbeeld");
    run("load-codes", {});
}

void BbcWorkspace::TearDown() {
    m_ws.reset();
    std::filesystem::remove_all(m_dir);
}

std::string BbcWorkspace::addGovernment(const std::string& kbo, const std::string& name) {
    ChangeSet cs(*m_ws, "government");
    Row r;
    r.set("kbo", kbo).set("name", name).set("kind", std::string("gemeente"));
    cs.insert("kk_government", r);
    EXPECT_TRUE(cs.commit().ok());
    return kbo;
}

std::string BbcWorkspace::run(const std::string& name, const std::vector<std::string>& args) {
    auto out = runCommand(pluginFolder(), name, args, *m_ws);
    EXPECT_TRUE(out.ok()) << name << ": " << (out.ok() ? "" : out.error().message());
    return out.ok() ? out->text : std::string();
}

std::int64_t BbcWorkspace::count(const std::string& sql) {
    return m_ws->db().scalarInt(sql);
}

void GoldenPlan::SetUp() {
    BbcWorkspace::SetUp();
    run("import-policy",
        {goldenDir() + "/policy.csv", "--government", kKbo, "--period", "2024-2026"});
    run("import",
        {goldenDir() + "/registrations.csv", "--government", kKbo, "--period", "2024-2026"});
}

}  // namespace kk::bbc::test
