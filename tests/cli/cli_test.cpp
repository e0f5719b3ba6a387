// koppelkans-cli as a user runs it: init, demo, all-or-nothing imports, a SIGKILL in the middle
// of a large import, export/import round trips.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../store/store_fixture.h"

namespace {

struct Run {
    int exit = -1;
    std::string out;
};

Run cli(const std::string& args) {
    Run r;
    const std::string cmd = std::string(KK_CLI) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    while (p && fgets(buf, sizeof buf, p))
        r.out += buf;
    const int status = p ? pclose(p) : -1;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// A fingerprint of the user tables: row count and a checksum of every cost item and project.
/// Row counts and sums that change with any import; `withAudit` adds the audit log's length.
std::string fingerprint(const std::string& path, bool withAudit = true) {
    auto ws = kk::Workspace::open(path, true).value();
    std::string fp;
    for (const char* q : {"SELECT count(*) FROM kk_cost_item", "SELECT count(*) FROM kk_project",
                          "SELECT count(*) FROM kk_actor", "SELECT count(*) FROM kk_award",
                          "SELECT coalesce(sum(amount), 0) FROM kk_cost_item"})
        fp += std::to_string(ws->db().scalarInt(q)) + "/";
    if (withAudit)
        fp += std::to_string(ws->db().scalarInt("SELECT count(*) FROM kk_audit"));
    return fp;
}

}  // namespace

TEST(Cli, InitCreatesAGeoPackageThatSqliteAndOgrAccept) {
    kk::test::TempDir dir;
    const auto w = dir.file("w.gpkg");
    auto r = cli("init " + w);
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("328 municipality records"), std::string::npos) << r.out;
    if (std::system("which sqlite3 >/dev/null 2>&1") == 0) {
        FILE* p = popen(("sqlite3 " + w + " 'PRAGMA integrity_check'").c_str(), "r");
        char buf[64] = {0};
        fgets(buf, sizeof buf, p);
        pclose(p);
        EXPECT_EQ(std::string(buf), "ok\n");
    }
    if (std::system("which ogrinfo >/dev/null 2>&1") == 0) {
        FILE* p = popen(("ogrinfo -ro -q " + w + " 2>&1").c_str(), "r");
        std::string out;
        char buf[512];
        while (fgets(buf, sizeof buf, p))
            out += buf;
        EXPECT_EQ(WEXITSTATUS(pclose(p)), 0) << out;
        EXPECT_NE(out.find("areas (Multi Polygon)"), std::string::npos) << out;
    }
}

// A file that is clean except for its keys is written as it is read; the tables' UNIQUE
// constraints catch the duplicates, the change set is rolled back and every duplicate is named.
TEST(Cli, DuplicateKeysCaughtWhileWritingAreAllNamed) {
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    const std::string before = fingerprint(w);
    const std::string beforeData = fingerprint(w, false);
    const auto csv = dir.file("dups.csv");
    std::ofstream out(csv);
    out << "code,project_code,category,year,amount\n";
    for (int i = 0; i < 30; ++i)
        out << "NEW" << i << ",P00001,works,2026,10.00\n";
    out << "P00001-C2,P00001,works,2026,1.00\n"  // row 32: exists in the workspace
        << "NEW3,P00001,works,2027,2.00\n";      // row 33: twice in the file
    out.close();
    auto r = cli("import " + w + " cost_items " + csv);
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_NE(r.out.find("row 32, column code: duplicate key 'P00001-C2': it already exists"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("row 33, column code: duplicate key 'NEW3' in this file"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(fingerprint(w), before);
    // The dry run names the same rows without writing anything.
    r = cli("import " + w + " cost_items " + csv + " --dry-run");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.out.find("row 32, column code"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("row 33, column code"), std::string::npos) << r.out;

    // Composite keys (project + fund) the same way.
    const auto awards = dir.file("awards.csv");
    std::ofstream(awards) << "project_code,fund_code,decided_on,amount,rate,status\n"
                          << "P00002,VRF,2025-11-15,10.00,1/2,granted\n"
                          << "P00001,VRF,2025-11-15,10.00,1/2,granted\n";
    r = cli("import " + w + " awards " + awards);
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_NE(r.out.find("row 3, column project_code+fund_code: duplicate key: this combination "
                         "already exists"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(fingerprint(w), before);

    // And without the bad rows the same file goes in whole, as one undoable step.
    const auto good = dir.file("good.csv");
    std::ofstream(good) << "code,project_code,category,year,amount\n"
                        << "NEW1,P00001,works,2026,10.00\nNEW2,P00002,staff,2027,5.50\n";
    r = cli("import " + w + " cost_items " + good);
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(cli("log " + w).out.find("Import 2 cost_items from"), std::string::npos);
    ASSERT_EQ(cli("undo " + w).exit, 0);
    // The data is back; the audit keeps the import and its undo.
    EXPECT_EQ(fingerprint(w, false), beforeData);
}

TEST(Cli, BadRowsAreNamedAndNothingIsImported) {
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    const std::string before = fingerprint(w);
    const auto csv = dir.file("bad.csv");
    std::ofstream(csv) << "code,project_code,category,year,partner_code,amount\n"
                       << "N1,P00001,staff,2026,GEM-11002,100.00\n"
                       << "N2,P00001,staff,2026-02-30,,12\n"
                       << "N3,P00001,staff,2026,,12,5\n"
                       << "N4,P00001,staff,2026,,veel\n"
                       << "N5,P00404,staff,2026,,1\n"
                       << "N1,P00001,works,2027,,3\n";
    auto r = cli("import " + w + " cost_items " + csv);
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_NE(r.out.find("bad.csv, row 3, column year"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("row 5, column amount: 'veel' is not an amount"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("row 6, column project_code: no project with code 'P00404'"),
              std::string::npos);
    EXPECT_NE(r.out.find("row 7, column code: duplicate key 'N1'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nothing was imported"), std::string::npos);
    EXPECT_EQ(fingerprint(w), before);

    const auto actors = dir.file("actors.csv");
    std::ofstream(actors) << "code,name,kind,kbo,nis_code\n"
                          << "K1,Gemeente K,government,0207.451.226,\n"
                          << "K2,Vzw,association,,46999\n"
                          << "K3,Bedrijf,pirate,,\n";
    r = cli("import " + w + " actors " + actors);
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.out.find("row 2, column kbo: KBO number '0207.451.226' has check digits 26 but 27"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("row 3, column nis_code: unknown NIS code 46999"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("row 4, column kind: 'pirate' is not a known kind"), std::string::npos);
    EXPECT_EQ(fingerprint(w), before);

    // A dry run of a good file writes nothing either.
    std::ofstream(csv)
        << "code,project_code,category,year,amount\nOK1,P00001,works,2026,\"1.250,50\"\n";
    r = cli("import " + w + " cost_items " + csv + " --dry-run");
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_EQ(fingerprint(w), before);
    r = cli("import " + w + " cost_items " + csv);
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(fingerprint(w), before);
    r = cli("undo " + w);
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_EQ(fingerprint(w).substr(0, 10), before.substr(0, 10));
}

TEST(Cli, SigkillDuringALargeImportLeavesTheWorkspaceAsBefore) {
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    const std::string before = fingerprint(w);
    const auto csv = dir.file("big.csv");
    {
        std::ofstream out(csv);
        out << "code,project_code,category,year,amount\n";
        for (int i = 0; i < 400000; ++i)
            out << "BIG" << i << ",P000" << (10 + i % 50) << ",works," << 2026 + i % 3 << ","
                << (i % 9000) + 1 << ".25\n";
    }
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        execl(KK_CLI, KK_CLI, "import", w.c_str(), "cost_items", csv.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Kill it once the import is writing (the WAL grows) or after a deadline.
    const auto wal = w + "-wal";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    bool writing = false;
    while (std::chrono::steady_clock::now() < deadline) {
        std::error_code ec;
        if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 4'000'000) {
            writing = true;
            break;
        }
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid)
            FAIL() << "the import finished before it was killed";
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_TRUE(writing) << "the import never started writing";
    auto r = cli("check " + w);
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("integrity: ok"), std::string::npos);
    EXPECT_EQ(fingerprint(w), before);
}

TEST(Cli, ExportToADashWritesTheRowsToStandardOutput) {
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    const auto f = dir.file("projects.csv");
    ASSERT_EQ(cli("export " + w + " projects " + f).exit, 0);
    std::ifstream in(f);
    const std::string file((std::istreambuf_iterator<char>(in)), {});
    auto r = cli("export " + w + " projects -");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_EQ(r.out, file);  // the same CSV, and nothing else on standard output
    EXPECT_FALSE(std::filesystem::exists("-"));
    r = cli("export " + w + " projects - --format xlsx");
    EXPECT_EQ(r.exit, 2);
    EXPECT_NE(r.out.find("standard output"), std::string::npos) << r.out;
}

TEST(Cli, ExportThenImportReproducesTheTables) {
    kk::test::TempDir dir;
    const auto src = dir.file("d.gpkg");
    const auto dst = dir.file("e.gpkg");
    ASSERT_EQ(cli("demo " + src).exit, 0);
    ASSERT_EQ(cli("init " + dst).exit, 0);
    for (const char* entity : {"actors", "programmes", "funds", "coalitions", "coalition_members",
                               "projects", "cost_items", "expenses", "awards"}) {
        const auto f = dir.file(std::string(entity) + ".csv");
        ASSERT_EQ(cli(std::string("export ") + src + " " + entity + " " + f).exit, 0) << entity;
        auto r = cli(std::string("import ") + dst + " " + entity + " " + f);
        ASSERT_EQ(r.exit, 0) << entity << ": " << r.out;
        const auto f2 = dir.file(std::string(entity) + "2.csv");
        ASSERT_EQ(cli(std::string("export ") + dst + " " + entity + " " + f2).exit, 0);
        std::ifstream a(f), b(f2);
        std::string sa((std::istreambuf_iterator<char>(a)), {}),
            sb((std::istreambuf_iterator<char>(b)), {});
        EXPECT_EQ(sa, sb) << entity;
    }
    auto r = cli("--json info " + dst);
    EXPECT_NE(r.out.find("\"cost items\": 360"), std::string::npos) << r.out;
}

TEST(Cli, UsageAndUnknownThingsAreClear) {
    EXPECT_EQ(cli("").exit, 2);
    EXPECT_EQ(cli("frobnicate").exit, 2);
    auto r = cli("info /nonexistent/w.gpkg");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.out.find("no workspace at this path"), std::string::npos);
    r = cli("--version");
    EXPECT_EQ(r.exit, 0);
    EXPECT_NE(r.out.find("koppelkans-cli"), std::string::npos);
}

TEST(Cli, XlsxExportImportRoundTripAndBadCells) {
    kk::test::TempDir dir;
    const auto src = dir.file("d.gpkg");
    const auto dst = dir.file("e.gpkg");
    ASSERT_EQ(cli("demo " + src).exit, 0);
    ASSERT_EQ(cli("init " + dst).exit, 0);
    for (const char* entity : {"actors", "programmes", "coalitions", "projects", "cost_items"}) {
        const auto x = dir.file(std::string(entity) + ".xlsx");
        ASSERT_EQ(cli(std::string("export ") + src + " " + entity + " " + x).exit, 0);
        auto r = cli(std::string("import ") + dst + " " + entity + " " + x);
        ASSERT_EQ(r.exit, 0) << entity << ": " << r.out;
        const auto a = dir.file(std::string(entity) + "-a.csv");
        const auto b = dir.file(std::string(entity) + "-b.csv");
        cli(std::string("export ") + src + " " + entity + " " + a);
        cli(std::string("export ") + dst + " " + entity + " " + b);
        std::ifstream fa(a), fb(b);
        std::string sa((std::istreambuf_iterator<char>(fa)), {}),
            sb((std::istreambuf_iterator<char>(fb)), {});
        EXPECT_EQ(sa, sb) << entity;
    }
    // An amount with three decimals is refused, not rounded, and nothing is written.
    const auto csv = dir.file("bad.csv");
    std::ofstream(csv) << "code,project_code,category,year,amount\nZ1,P00001,works,2026,12.3456\n";
    const std::string before = fingerprint(dst);
    auto r = cli("import " + dst + " cost_items " + csv);
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.out.find("row 2, column amount"), std::string::npos) << r.out;
    EXPECT_EQ(fingerprint(dst), before);
}

TEST(Cli, AreasImportRefusesUnknownMunicipalitiesAndExportsLayers) {
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    const auto geojson = dir.file("m.geojson");
    std::ofstream(geojson)
        << R"({"type":"FeatureCollection","features":[)"
        << R"({"type":"Feature","properties":{"nis":"44021","naam":"Gent"},"geometry":{"type":"Polygon","coordinates":[[[3.70,51.03],[3.75,51.03],[3.75,51.06],[3.70,51.06],[3.70,51.03]]]}},)"
        << R"({"type":"Feature","properties":{"nis":"99999","naam":"Nergens"},"geometry":{"type":"Polygon","coordinates":[[[3.80,51.03],[3.85,51.03],[3.85,51.06],[3.80,51.06],[3.80,51.03]]]}}]})";
    const auto areasBefore =
        kk::Workspace::open(w, true).value()->db().scalarInt("SELECT count(*) FROM areas");
    auto r = cli("areas import " + w + " " + geojson + " --key nis --name naam");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.out.find("99999"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("m.geojson"), std::string::npos) << r.out;
    EXPECT_EQ(kk::Workspace::open(w, true).value()->db().scalarInt("SELECT count(*) FROM areas"),
              areasBefore);

    const auto out = dir.file("projects.gpkg");
    r = cli("areas export " + w + " " + out + " --layer projects");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("exported 60 projects"), std::string::npos);
    r = cli("--json areas double-funding " + w);
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("overlap_m2"), std::string::npos) << r.out;
}

TEST(Cli, DemoWorkspaceOpensInOgrWithReadableMapLayers) {
    if (std::system("which ogrinfo >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "ogrinfo not installed";
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    FILE* p =
        popen(("ogrinfo -ro -so " + w + " projects_map municipalities_map 2>&1").c_str(), "r");
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p))
        out += buf;
    EXPECT_EQ(WEXITSTATUS(pclose(p)), 0) << out;
    EXPECT_NE(out.find("Layer name: projects_map"), std::string::npos) << out;
    EXPECT_NE(out.find("Feature Count: 60"), std::string::npos) << out;
    EXPECT_NE(out.find("Feature Count: 24"), std::string::npos) << out;
    EXPECT_NE(out.find("granted_eur:"), std::string::npos) << out;
    EXPECT_NE(out.find("Belgian Lambert 72"), std::string::npos) << out;
}

TEST(Cli, AreaRulesAnswerMembershipBothWays) {
    kk::test::TempDir dir;
    const auto w = dir.file("d.gpkg");
    ASSERT_EQ(cli("demo " + w).exit, 0);
    const auto rule = dir.file("rand.json");
    std::ofstream(rule) << R"({"area": "vlaamse_rand", "instrument": "randfonds", "version": 1,
        "valid_from": "2025-01-01", "rule": {"type": "adjacency", "border_areas": ["BHG"]}})";
    auto r = cli("areas rule-add " + w + " " + rule);
    ASSERT_EQ(r.exit, 0) << r.out;
    r = cli("--json areas members " + w + " vlaamse_rand --instrument randfonds --date 2026-03-01");
    ASSERT_EQ(r.exit, 0) << r.out;
    // The first NIS code in the JSON list must report the area back.
    const auto q = r.out.find('"');
    ASSERT_NE(q, std::string::npos) << r.out;
    const std::string nis = r.out.substr(q + 1, 5);
    r = cli("areas member-of " + w + " " + nis + " --instrument randfonds --date 2026-03-01");
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("vlaamse_rand"), std::string::npos) << r.out;
    // A second version that overlaps the first is refused.
    r = cli("areas rule-add " + w + " " + rule);
    EXPECT_EQ(r.exit, 1) << r.out;
}
