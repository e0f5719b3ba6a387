// Loading and refusing plugins: each broken fixture is refused with its reason while the good
// one loads and works (tables, reference data, commands, reports).
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/plugin/manifest.h"
#include "core/plugin/plugin_manager.h"
#include "core/report/writer.h"
#include "tests/plugin/test_util.h"

using namespace kk;
using namespace kk::plugin;

namespace {

const PluginRecord& record(const PluginManager& m, const std::string& id) {
    const PluginRecord* r = m.find(id);
    EXPECT_NE(r, nullptr) << id;
    return *r;
}

}  // namespace

TEST(PluginManager, LoadsTheGoodPluginAndRefusesEachBrokenOneWithItsReason) {
    PluginManager m;
    m.loadFrom({KK_FIXTURE_PLUGIN_DIR});
    ASSERT_EQ(m.plugins().size(), 8u);  // the forms fixture: programme_fields_test.cpp

    const auto& good = record(m, "good");
    EXPECT_EQ(good.state, PluginState::Loaded) << good.reason.message();
    EXPECT_EQ(good.version, "0.1.0");
    EXPECT_EQ(good.apiVersion, "1.0");
    EXPECT_TRUE(good.uiLibrary.ends_with("good/kk_good_ui.so"));  // reported, never loaded
    ASSERT_EQ(good.scriptPacks.size(), 1u);
    EXPECT_TRUE(good.scriptPacks[0].folder.ends_with("good/scripts"));

    const auto& major = record(m, "wrong_major");
    EXPECT_EQ(major.state, PluginState::Refused);
    EXPECT_EQ(major.reason.code, "plugin.api_major");
    EXPECT_NE(major.reason.what.find("built for host API 2.0 but this host offers 1.0"),
              std::string::npos)
        << major.reason.what;

    const auto& manifestMajor = record(m, "manifest_major");
    EXPECT_EQ(manifestMajor.reason.code, "plugin.api_major");
    EXPECT_TRUE(manifestMajor.reason.where.ends_with("manifest_major/plugin.json"));

    const auto& noEntry = record(m, "no_entry");
    EXPECT_EQ(noEntry.reason.code, "plugin.no_entry");
    EXPECT_NE(noEntry.reason.what.find("kk_plugin_entry"), std::string::npos);

    const auto& unloadable = record(m, "unloadable");
    EXPECT_EQ(unloadable.reason.code, "plugin.load_failed");
    EXPECT_NE(unloadable.reason.what.find("kk_symbol_that_does_not_exist"), std::string::npos)
        << unloadable.reason.what;

    // The broken manifest keeps its folder name as id and lists every violation.
    const auto& bad = record(m, "bad_manifest");
    EXPECT_EQ(bad.reason.code, "plugin.manifest_invalid");
    for (const char* part : {"/id", "/version", "/capabilities/1", "\"teleport\"",
                             "\"library\" is missing", "\"descripton\" is not allowed"})
        EXPECT_NE(bad.reason.what.find(part), std::string::npos)
            << part << " in " << bad.reason.what;

    const auto& undeclared = record(m, "undeclared");
    EXPECT_EQ(undeclared.reason.code, "plugin.registration_refused");
    EXPECT_NE(undeclared.reason.what.find("does not declare the capability 'reports'"),
              std::string::npos);

    // Nothing of a refused plugin stays registered.
    ASSERT_EQ(m.registry().commands.size(), 1u);
    EXPECT_EQ(m.registry().commands[0].pluginId, "good");
    EXPECT_EQ(m.registry().reports.size(), 1u);
    EXPECT_NE(std::find(m.log().begin(), m.log().end(), "good: registered"), m.log().end());
}

TEST(PluginManager, GoodPluginTablesReferenceDataCommandAndReport) {
    test::TempFolder dir;
    auto ws = test::freshWorkspace(dir);
    PluginManager m;
    m.loadFolder(std::string(KK_FIXTURE_PLUGIN_DIR) + "/good");
    ASSERT_TRUE(m.loaded("good").ok());

    auto loaded = m.loadReferenceData(*ws, "good", "notes", {{"date", "2025-06-01"}});
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    EXPECT_EQ(loaded.value().inserted, 1);  // N2 expired in 2020
    EXPECT_EQ(ws->schemaVersion("good"), 1);
    EXPECT_EQ(ws->log(1).front().label, "Load good reference data 'notes'");

    const Command* hello = m.findCommand("good", "hello");
    ASSERT_NE(hello, nullptr);
    auto out = hello->run({"Gent"}, *ws);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.value().text, "hello Gent, 1 notes");
    EXPECT_EQ(out.value().json["notes"], 1);
    auto refused = hello->run({}, *ws);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "good.usage");

    const ReportDef* notes = m.findReport("good", "notes");
    ASSERT_NE(notes, nullptr);
    NoProgress progress;
    auto report = notes->build(*ws, {}, progress);
    ASSERT_TRUE(report.ok());
    const std::string csv = dir.file("notes.csv");
    ASSERT_TRUE(report::writeReport(report.value(), csv, progress).ok());
    std::ifstream in(csv);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("first note"), std::string::npos) << text;

    auto missing = m.loadReferenceData(*ws, "good", "nope");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "plugin.no_reference_data");
    auto unknown = m.loaded("teleport");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "plugin.unknown");
}

TEST(PluginManager, UserDataFolderOverridesTheShippedDataFile) {
    test::TempFolder dir;
    test::TempFolder config;
    ::setenv("KK_CONFIG_DIR", config.path().c_str(), 1);
    std::filesystem::create_directories(config.path() / "plugin-data" / "good" / "data");
    std::ofstream(config.path() / "plugin-data" / "good" / "data" / "notes.csv")
        << "code,text,valid_from,valid_to,source\nU1,mine,2024-01-01,,my own edit\n"
        << "U2,mine too,2024-01-01,,my own edit\n";
    auto ws = test::freshWorkspace(dir);
    PluginManager m;
    m.loadFolder(std::string(KK_FIXTURE_PLUGIN_DIR) + "/good");
    auto loaded = m.loadReferenceData(*ws, "good", "notes");
    ::unsetenv("KK_CONFIG_DIR");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    EXPECT_EQ(loaded.value().inserted, 2);
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM good_note WHERE code LIKE 'U%'"), 2);
}

TEST(PluginManager, SecondCopyOfAnIdIsRefused) {
    PluginManager m;
    m.loadFolder(std::string(KK_FIXTURE_PLUGIN_DIR) + "/good");
    const auto& again = m.loadFolder(std::string(KK_FIXTURE_PLUGIN_DIR) + "/good");
    EXPECT_EQ(again.state, PluginState::Refused);
    EXPECT_EQ(again.reason.code, "plugin.duplicate");
    EXPECT_EQ(m.find("good")->state, PluginState::Loaded);
    EXPECT_EQ(m.registry().commands.size(), 1u);
}

TEST(PluginManager, SearchPathFromEnvironmentReplacesTheDefaults) {
    ::setenv("KK_PLUGIN_PATH", "/a/b:/c", 1);
    const auto paths = PluginManager::defaultSearchPaths();
    ::unsetenv("KK_PLUGIN_PATH");
    ASSERT_EQ(paths.size(), 2u);
    EXPECT_EQ(paths[0], "/a/b");
    EXPECT_EQ(paths[1], "/c");
    const auto defaults = PluginManager::defaultSearchPaths();
    EXPECT_TRUE(defaults.back().ends_with("/plugins"));
}

TEST(ApiVersion, SameMajorAndNoNewerMinor) {
    EXPECT_TRUE(checkApiVersion(kApiMajor, kApiMinor, "x").ok());
    EXPECT_TRUE(checkApiVersion(kApiMajor, 0, "x").ok());
    auto newer = checkApiVersion(kApiMajor, kApiMinor + 1, "p/plugin.json");
    ASSERT_FALSE(newer.ok());
    EXPECT_EQ(newer.error().code, "plugin.api_minor");
    EXPECT_EQ(newer.error().where, "p/plugin.json");
    auto older = checkApiVersion(kApiMajor - 1, 9, "x");
    ASSERT_FALSE(older.ok());
    EXPECT_EQ(older.error().code, "plugin.api_major");
}

TEST(Manifest, RefusesPathsOutsideThePluginFolder) {
    test::TempFolder dir;
    std::ofstream(dir.file("plugin.json")) << R"({"id": "escape", "name": "Escape",
        "version": "1.0.0", "api_version": "1.0", "capabilities": [], "library": "x.so",
        "description": "", "data_files": [{"path": "data/../../etc/passwd",
        "description": "", "source": ""}]})";
    auto schema = loadManifestSchema();
    ASSERT_TRUE(schema.ok()) << schema.error().message();
    auto m = readManifest(dir.path().string(), schema.value());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().code, "plugin.manifest_path");
}
