// `koppelkans-cli plugin vlaamse_rand ...` as a user runs it: the plugin is listed as loaded,
// a programme year, a call, applications (and the refusals), the jury, an award, `allocate`
// with the Randfonds as a candidate fund (the plugin's hook keeps it below 100 %), reports.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
constexpr auto npos = std::string::npos;

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

class VlaamseRandCli : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "kk-vr-cli-XXXXXX").string();
        m_dir = mkdtemp(pattern.data());
        // A config folder of its own: no edited data files or plugins of the user's.
        ::setenv("KK_CONFIG_DIR", (m_dir / "config").c_str(), 1);
        ::unsetenv("KK_PLUGIN_PATH");
    }
    void TearDown() override {
        ::unsetenv("KK_CONFIG_DIR");
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    std::string file(const std::string& name, const std::string& text = {}) {
        const std::string path = (m_dir / name).string();
        if (!text.empty())
            std::ofstream(path) << text;
        return path;
    }
    fs::path m_dir;
};

}  // namespace

TEST_F(VlaamseRandCli, ARandfondsCallFromTheCommandLine) {
    const std::string w = file("w.gpkg");
    ASSERT_EQ(cli("init " + w).exit, 0);
    auto r = cli("import " + w + " actors " +
                 file("actors.csv",
                      "code,name,kind,nis_code\n"
                      "VILV,Stad Vilvoorde,government,23088\n"
                      "HALL,Stad Halle,government,23027\n"));
    ASSERT_EQ(r.exit, 0) << r.out;
    r = cli("import " + w + " projects " +
            file("projects.csv",
                 "code,name,applicant_code,status\n"
                 "P-VILV,Kanaalzone Vilvoorde,VILV,application\n"
                 "P-HALL,Zennepark Halle,HALL,application\n"));
    ASSERT_EQ(r.exit, 0) << r.out;
    r = cli("import " + w + " cost_items " +
            file("costs.csv",
                 "code,project_code,category,year,amount\n"
                 "V1,P-VILV,works,2025,600000.00\n"
                 "V2,P-VILV,works,2026,300000.00\n"
                 "V3,P-VILV,study,2025,100000.00\n"));
    ASSERT_EQ(r.exit, 0) << r.out;

    r = cli("plugins");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("loaded   vlaamse_rand 1.0.0 (API 1.0)"), npos) << r.out;
    EXPECT_NE(r.out.find("plugin vlaamse_rand apply WORKSPACE --call C"), npos) << r.out;

    const std::string vr = "plugin vlaamse_rand ";
    r = cli(vr + "setup " + w + " --year 2025");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("fund VR-RANDFONDS-2025: budget € 5.550.000,00"), npos) << r.out;
    r = cli(vr + "area " + w + " --instrument faciliteiten");
    EXPECT_NE(r.out.find("Faciliteitengemeenten in de Vlaamse Rand (6 municipalities)"), npos)
        << r.out;
    ASSERT_EQ(cli(vr + "create-call " + w + " --instrument randfonds --code R25").exit, 0);

    r = cli(vr + "apply " + w +
            " --call R25 --project P-HALL --requested 1000 --total-cost 5000 --theme cultuur "
            "--supra-local 'regional' --other-subsidies none");
    EXPECT_NE(r.exit, 0);
    EXPECT_NE(r.out.find("municipality 23027 Halle is outside the area 'Vlaamse Rand'"), npos)
        << r.out;
    r = cli(vr + "apply " + w +
            " --call R25 --project P-VILV --requested 1000000 --municipalities '23088;23016' "
            "--theme mobiliteit --other-subsidies none");
    EXPECT_NE(r.exit, 0);
    EXPECT_NE(r.out.find("would fund project P-VILV fully"), npos) << r.out;
    r = cli(vr + "apply " + w +
            " --call R25 --project P-VILV --requested 600000 --municipalities '23088;23016' "
            "--theme mobiliteit --other-subsidies none --gebiedsgericht Noordrand");
    ASSERT_EQ(r.exit, 0) << r.out;
    ASSERT_EQ(cli(vr + "score " + w +
                  " --call R25 --project P-VILV bovenlokale_uitstraling=7 impuls_thema=7 "
                  "investering=7 gebiedsgericht_samenwerken=7")
                  .exit,
              0);
    r = cli(vr + "jury " + w + " --call R25");
    EXPECT_EQ(r.out, "application 1: ranked #1\n");

    // What-if before the award: the Randfonds as a candidate fund with its whole budget would
    // cover the project; the plugin's hook stops it a cent short.
    r = cli("allocate " + w + " --project P-VILV --funds VR-RANDFONDS-2025 --no-territory");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("external 999.999,99, own contribution 0,01"), npos) << r.out;

    r = cli(vr + "award " + w + " --call R25 --project P-VILV --amount 600000");
    ASSERT_EQ(r.exit, 0) << r.out;
    const std::string xlsx = file("vr.xlsx");
    ASSERT_EQ(cli(vr + "report " + w + " " + xlsx).exit, 0);
    EXPECT_GT(fs::file_size(xlsx), 4000u);
    ASSERT_EQ(cli(vr + "report " + w + " " + file("vr.csv")).exit, 0);
    std::ifstream themes(file("vr-02-aanvragen-en-toekenningen-per-thema.csv"));
    const std::string text((std::istreambuf_iterator<char>(themes)), {});
    EXPECT_NE(text.find("Mobiliteit,1,1,600000.00,600000.00"), npos) << text;
}
