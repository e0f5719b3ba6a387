// Workspace files: GeoPackage identity, reference data, open errors, schema upgrade + backup.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/store/changeset.h"
#include "store_fixture.h"

using namespace kk;

TEST(Workspace, IsAGeoPackageWithReferenceData) {
    test::TempDir dir;
    auto ws = test::newWorkspace(dir);
    EXPECT_EQ(ws->db().scalarInt("PRAGMA application_id"), 0x47504B47);
    EXPECT_EQ(ws->db().scalarInt("PRAGMA user_version"), 10300);
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM gpkg_contents WHERE table_name='areas'"), 1);
    EXPECT_EQ(ws->db().scalarInt("PRAGMA foreign_keys"), 1);
    // 300 municipalities valid on 2024-12-31 and 285 on 2025-01-01 (the 2025 mergers).
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM kk_municipality WHERE valid_from <= "
                                 "'2024-12-31' AND (valid_to IS NULL OR valid_to >= '2024-12-31')"),
              300);
    EXPECT_EQ(ws->db().scalarInt("SELECT count(*) FROM kk_municipality WHERE valid_from <= "
                                 "'2025-01-01' AND (valid_to IS NULL OR valid_to >= '2025-01-01')"),
              285);
    EXPECT_EQ(ws->schemaVersion(), Workspace::currentSchemaVersion());
}

TEST(Workspace, RefusesToOverwriteAndExplainsOpenFailures) {
    test::TempDir dir;
    { auto ws = test::newWorkspace(dir); }
    auto again = Workspace::create(dir.file("w.gpkg"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "workspace.exists");

    auto missing = Workspace::open(dir.file("nope.gpkg"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "workspace.missing");
    EXPECT_FALSE(missing.error().hint.empty());

    std::ofstream(dir.file("garbage.gpkg")) << "this is not a database at all, just text";
    auto garbage = Workspace::open(dir.file("garbage.gpkg"));
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message().find("garbage.gpkg"), std::string::npos);
}

TEST(Workspace, UpgradesOlderSchemaAfterBackup) {
    test::TempDir dir;
    {
        auto ws = test::newWorkspace(dir);
        // Pretend the file was written by an older build at schema version 1.
        ws->db().exec("UPDATE kk_meta SET value = '1' WHERE key = 'schema_version:core'");
        ws->db().exec("DROP TABLE kk_audit_change");  // a table that migration 2 creates
        ws->db().exec("DROP TABLE kk_audit");
    }
    // Migration 2 recreates tables that still exist, so this upgrade must fail cleanly: the
    // backup is there and the file still opens as version 1 would.
    auto ws = Workspace::open(dir.file("w.gpkg"));
    ASSERT_FALSE(ws);
    EXPECT_EQ(ws.error().code, "workspace.migration");
    EXPECT_TRUE(std::filesystem::exists(dir.file("w.gpkg.v1.backup")));
}

TEST(Workspace, TooNewSchemaIsRefused) {
    test::TempDir dir;
    {
        auto ws = test::newWorkspace(dir);
        ws->db().exec("UPDATE kk_meta SET value = '999' WHERE key = 'schema_version:core'");
    }
    auto ws = Workspace::open(dir.file("w.gpkg"));
    ASSERT_FALSE(ws);
    EXPECT_EQ(ws.error().code, "workspace.too_new");
}

TEST(Workspace, PluginNamespacesMigrateIndependently) {
    test::TempDir dir;
    auto ws = test::newWorkspace(dir);
    std::vector<Migration> m{
        {1, "0001_x.sql", "CREATE TABLE demo_plugin_x (id INTEGER PRIMARY KEY);"},
        {2, "0002_y.sql", "ALTER TABLE demo_plugin_x ADD COLUMN y TEXT;"}};
    ASSERT_TRUE(ws->applyMigrations("demo_plugin", m));
    EXPECT_EQ(ws->schemaVersion("demo_plugin"), 2);
    EXPECT_EQ(ws->schemaVersion("core"), Workspace::currentSchemaVersion());
    std::vector<Migration> bad{{3, "0003_bad.sql", "ALTER TABLE nope ADD COLUMN z TEXT;"}};
    auto r = ws->applyMigrations("demo_plugin", bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(ws->schemaVersion("demo_plugin"), 2);
}

TEST(Workspace, UpgradeFromVersionTwoAddsTheMapViewsAndKeepsData) {
    test::TempDir dir;
    {
        auto ws = test::newWorkspace(dir);
        ChangeSet cs(*ws, "actor");
        cs.insert("kk_actor", Row()
                                  .set("code", std::string("A"))
                                  .set("name", std::string("Actor"))
                                  .set("kind", std::string("company")));
        ASSERT_TRUE(cs.commit());
        // What a version-2 workspace looked like: no map views.
        ws->db().exec(
            "DROP VIEW projects_map; DROP VIEW municipalities_map;"
            "DELETE FROM gpkg_geometry_columns WHERE table_name LIKE '%_map';"
            "DELETE FROM gpkg_contents WHERE table_name LIKE '%_map';"
            "DROP TABLE kk_coalition_key_criterion; DROP TABLE kk_coalition_key_input;"
            "DROP TABLE kk_coalition_key_limit; DROP TABLE kk_project_field;"
            "UPDATE kk_meta SET value = '2' WHERE key = 'schema_version:core'");
    }
    auto ws = Workspace::open(dir.file("w.gpkg"));
    ASSERT_TRUE(ws) << ws.error().message();
    EXPECT_EQ(ws.value()->schemaVersion(), Workspace::currentSchemaVersion());
    EXPECT_TRUE(ws.value()->db().tableExists("projects_map"));
    EXPECT_EQ(ws.value()->db().scalarInt("SELECT count(*) FROM kk_actor"), 1);
    EXPECT_EQ(ws.value()->lastBackup(), dir.file("w.gpkg.v2.backup"));
    // The backup is the old workspace, untouched.
    auto old = Workspace::open(dir.file("w.gpkg.v2.backup"), true);
    ASSERT_FALSE(old);  // read-only open of an old schema asks for an upgrade
    EXPECT_EQ(old.error().code, "workspace.needs_upgrade");
}

TEST(Workspace, UpgradeFromVersionThreeAddsTheCoalitionKeyTables) {
    test::TempDir dir;
    {
        auto ws = test::newWorkspace(dir);
        EXPECT_EQ(ws->schemaVersion(), Workspace::currentSchemaVersion());
        // What a version-3 workspace looked like: fixed shares only.
        ws->db().exec(
            "DROP TABLE kk_coalition_key_criterion; DROP TABLE kk_coalition_key_input;"
            "DROP TABLE kk_coalition_key_limit; DROP TABLE kk_project_field;"
            "UPDATE kk_meta SET value = '3' WHERE key = 'schema_version:core'");
    }
    auto ws = Workspace::open(dir.file("w.gpkg"));
    ASSERT_TRUE(ws) << ws.error().message();
    EXPECT_EQ(ws.value()->schemaVersion(), Workspace::currentSchemaVersion());
    for (const char* table :
         {"kk_coalition_key_criterion", "kk_coalition_key_input", "kk_coalition_key_limit"})
        EXPECT_TRUE(ws.value()->db().tableExists(table)) << table;
    EXPECT_EQ(ws.value()->lastBackup(), dir.file("w.gpkg.v3.backup"));
}

TEST(Workspace, UpgradeFromVersionFourPutsTheAmountInTheCostItemIndex) {
    test::TempDir dir;
    auto indexColumns = [](Workspace& ws) {
        std::string cols;
        auto st = ws.db().prepare("SELECT name FROM pragma_index_info('kk_cost_item_project')");
        while (st.step())
            cols += st.getText(0) + ";";
        return cols;
    };
    {
        auto ws = test::newWorkspace(dir);
        EXPECT_EQ(indexColumns(*ws), "project_id;amount;");
        // What a version-4 workspace had: the plain project index.
        ws->db().exec(
            "DROP INDEX kk_cost_item_project;"
            "CREATE INDEX kk_cost_item_project ON kk_cost_item(project_id);"
            "DROP TABLE kk_project_field;"
            "UPDATE kk_meta SET value = '4' WHERE key = 'schema_version:core'");
        EXPECT_EQ(indexColumns(*ws), "project_id;");
    }
    auto ws = Workspace::open(dir.file("w.gpkg"));
    ASSERT_TRUE(ws) << ws.error().message();
    EXPECT_EQ(ws.value()->schemaVersion(), Workspace::currentSchemaVersion());
    EXPECT_EQ(indexColumns(*ws.value()), "project_id;amount;");
    EXPECT_EQ(ws.value()->lastBackup(), dir.file("w.gpkg.v4.backup"));
}

TEST(Workspace, UpgradeFromVersionFiveAddsTheProjectFormsAndKeepsTheProgrammeLinks) {
    test::TempDir dir;
    {
        auto ws = test::newWorkspace(dir);
        ChangeSet cs(*ws, "seed");
        const auto programme =
            cs.insert("kk_programme", Row()
                                          .set("code", std::string("SV-2026"))
                                          .set("name", std::string("Stadsvernieuwing 2026"))
                                          .set("plugin_id", std::string("stadsvernieuwing"))
                                          .set("valid_from", std::string("2026-01-01")));
        const auto project = cs.insert("kk_project", Row()
                                                         .set("code", std::string("P1"))
                                                         .set("name", std::string("Project"))
                                                         .set("status", std::string("idea")));
        cs.insert("kk_project_programme",
                  Row().set("project_id", project).set("programme_id", programme));
        ASSERT_TRUE(cs.commit());
        // What a version-5 workspace had: no programme forms.
        ws->db().exec(
            "DROP TABLE kk_project_field;"
            "UPDATE kk_meta SET value = '5' WHERE key = 'schema_version:core'");
    }
    auto ws = Workspace::open(dir.file("w.gpkg"));
    ASSERT_TRUE(ws) << ws.error().message();
    Workspace& w = *ws.value();
    EXPECT_EQ(w.schemaVersion(), 6);
    EXPECT_EQ(w.lastBackup(), dir.file("w.gpkg.v5.backup"));
    EXPECT_EQ(w.db().scalarInt("SELECT count(*) FROM kk_project_programme"), 1);
    EXPECT_EQ(w.columnsOf("kk_project_field"),
              (std::vector<std::string>{"id", "project_id", "programme_id", "programme_type",
                                        "field", "value"}));
    // The new table takes part in the change sets at once, and its link is enforced.
    ChangeSet cs(w, "form");
    auto formRow = [](std::int64_t programme) {
        return Row()
            .set("project_id", std::int64_t{1})
            .set("programme_id", programme)
            .set("programme_type", std::string("stadsvernieuwing.conceptsubsidie"))
            .set("field", std::string("requested"))
            .set("value", std::string("7500000"));
    };
    cs.insert("kk_project_field", formRow(1));
    EXPECT_THROW(cs.insert("kk_project_field", formRow(2)), KkError);  // not in programme 2
    ASSERT_TRUE(cs.commit());
    EXPECT_EQ(w.db().scalarInt("SELECT count(*) FROM kk_project_field"), 1);
    ASSERT_TRUE(w.undo());
    EXPECT_EQ(w.db().scalarInt("SELECT count(*) FROM kk_project_field"), 0);
}
