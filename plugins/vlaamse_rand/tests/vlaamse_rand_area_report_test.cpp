// The vlaamse_rand plugin's area on real (generated) boundaries through core/geo, and the
// programme report per theme and municipality written as XLSX and CSV.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/geo/gpkg_blob.h"
#include "core/geo/grid_map.h"
#include "plugins/vlaamse_rand/tests/vr_fixture.h"

using namespace kk;
using kk::test::VlaamseRandTest;

namespace {

constexpr auto npos = std::string::npos;

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

TEST_F(VlaamseRandTest, TheAreaFollowsTheBoundariesWhenTheWorkspaceHasThem) {
    // Generated boundaries for the 2025 municipalities (real NIS codes) and a Brussels block.
    std::vector<std::string> keys;
    auto st = m_ws->db().prepare(
        "SELECT nis_code FROM kk_municipality WHERE valid_from <= '2025-01-01' AND (valid_to IS "
        "NULL OR valid_to >= '2025-01-01') ORDER BY nis_code");
    while (st.step())
        keys.push_back(st.getText(0));
    geo::GridMapOptions opt;
    opt.rows = 14;
    opt.cols = 22;
    opt.municipalityCount = keys.size();
    opt.keys = keys;
    opt.seed = 11;
    const auto map = geo::generateGridMap(opt).value();
    {
        ChangeSet cs(*m_ws, "Generated boundaries");
        for (const auto& f : map.municipalities)
            cs.insert("areas", Row()
                                   .set("geom", geo::toGpkgBlob(f.geometry))
                                   .set("kind", std::string("municipality"))
                                   .set("code", f.key)
                                   .set("name", f.name)
                                   .set("valid_from", std::string("2025-01-01")));
        cs.insert("areas", Row()
                               .set("geom", geo::toGpkgBlob(map.brussels.geometry))
                               .set("kind", std::string("region"))
                               .set("code", std::string("BHG"))
                               .set("name", std::string("Brussels"))
                               .set("valid_from", std::string("1989-01-01")));
        ASSERT_TRUE(cs.commit().ok());
    }
    // The cells bordering Brussels, from the grid's own bookkeeping.
    std::set<std::string> bordering;
    const int r0 = (opt.rows - map.options.brusselsRows) / 2;
    const int c0 = (opt.cols - map.options.brusselsCols) / 2;
    for (int r = r0; r < r0 + map.options.brusselsRows; ++r)
        for (int c = c0; c < c0 + map.options.brusselsCols; ++c)
            for (auto [dr, dc] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}})
                if (const int m = map.municipalityAt(r + dr, c + dc); m >= 0)
                    bordering.insert(map.municipalities[static_cast<std::size_t>(m)].key);

    const auto setup = ok("setup", {"--year", "2025"});
    EXPECT_NE(setup.text.find("area vlaamse_rand (randfonds): default rule stored"), npos)
        << setup.text;
    const auto area = ok("area", {"--instrument", "randfonds", "--date", "2025-06-01"});
    EXPECT_NE(area.json["basis"].get<std::string>().find("stored in the workspace"), npos);
    const auto members = area.json["municipalities"].get<std::vector<std::string>>();
    for (const auto& k : bordering)
        EXPECT_TRUE(std::binary_search(members.begin(), members.end(), k)) << k;
    for (const char* k : {"23098", "23099", "23100", "23101", "23102", "23103"})
        EXPECT_TRUE(std::binary_search(members.begin(), members.end(), k)) << k;
    // Setting up again keeps the stored rule.
    EXPECT_NE(ok("setup", {"--year", "2026"}).text.find("a rule is already stored"), npos);

    // On these boundaries a municipality bordering Brussels belongs, though the class flags
    // (the real 19) do not list it; one far away is refused, with the rule as the basis.
    auto cls = m_ws->db().prepare(
        "SELECT 1 FROM kk_municipality_class WHERE class = 'vlaamse_rand' AND nis_code = ?");
    auto inClass = [&](const std::string& nis) {
        cls.bind(1, nis);
        const bool found = cls.step();
        cls.reset();
        return found;
    };
    const auto newcomer = std::find_if(bordering.begin(), bordering.end(),
                                       [&](const std::string& k) { return !inClass(k); });
    ASSERT_NE(newcomer, bordering.end());
    const auto far = std::find_if(keys.begin(), keys.end(), [&](const std::string& k) {
        return !std::binary_search(members.begin(), members.end(), k);
    });
    ASSERT_NE(far, keys.end());
    ok("create-call", {"--instrument", "randfonds", "--code", "R25"});
    ok("apply", {"--call", "R25", "--project", "P-DILB", "--requested", "1000", "--total-cost",
                 "5000", "--municipalities", *newcomer, "--supra-local", "regionaal park",
                 "--theme", "vergroening", "--other-subsidies", "none"});
    const Error outside =
        refused("apply", {"--call", "R25", "--project", "P-ZAV", "--requested", "1000",
                          "--total-cost", "5000", "--municipalities", *far, "--supra-local",
                          "regionaal park", "--theme", "vergroening", "--other-subsidies", "none"});
    EXPECT_EQ(outside.code, "vlaamse_rand.outside_area");
    EXPECT_NE(outside.where.find("area rule 'vlaamse_rand' for instrument 'randfonds' stored in "
                                 "the workspace"),
              npos)
        << outside.where;
}

TEST_F(VlaamseRandTest, ProgrammeReportPerThemeAndMunicipalityAsXlsxAndCsv) {
    stadsvernieuwingProjectAppliesToTheRandfonds();
    ok("award", {"--call", "R25", "--project", "P-VILV", "--amount", "599999.99"});

    const std::string folder = m_dir.file("csv");
    std::filesystem::create_directories(folder);
    EXPECT_EQ(ok("report", {folder + "/vr.csv"}).text, "wrote " + folder + "/vr.csv");
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(folder))
        files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(
        files,
        (std::vector<std::string>{
            "vr-01-budget-en-toekenningen-per-instrument-en.csv",
            "vr-02-aanvragen-en-toekenningen-per-thema.csv", "vr-03-toegekend-per-gemeente.csv",
            "vr-04-toegekend-per-thema-en-gemeente.csv", "vr-05-toegekende-subsidies.csv",
            "vr-06-elders-gevraagde-subsidies-cumulatieverk.csv"}));
    auto csv = [&](int k) { return readFile(folder + "/" + files[static_cast<std::size_t>(k)]); };
    EXPECT_NE(csv(0).find("randfonds,2025,5550000.00,599999.99,4950000.01"), npos) << csv(0);
    const std::string themes = csv(1);
    EXPECT_NE(themes.find("Mobiliteit,1,1,600000.00,599999.99"), npos) << themes;
    EXPECT_NE(themes.find("Vergroening,0,0,0.00,0.00"), npos) << themes;
    EXPECT_NE(themes.find("Economische ontwikkeling,0,0,0.00,0.00"), npos) << themes;
    // 599.999,99 over Vilvoorde and Dilbeek: the odd cent goes to the first (kk::apportion).
    const std::string municipalities = csv(2);
    EXPECT_NE(municipalities.find("23016,Dilbeek,1,299999.99"), npos) << municipalities;
    EXPECT_NE(municipalities.find("23088,Vilvoorde,1,300000.00"), npos) << municipalities;
    EXPECT_NE(csv(3).find("Mobiliteit,23088,Vilvoorde,300000.00"), npos) << csv(3);
    const std::string awards = csv(4);
    EXPECT_NE(awards.find("R25,randfonds,P-VILV Project Stad Vilvoorde,Mobiliteit,23088;23016,"
                          "ja,ja,1,1000000.00,600000.00,599999.99,0.6\r\n"),
              npos)
        << awards;
    EXPECT_NE(csv(5).find("P-VILV,randfonds,SV-PROJECT_SUBSIDIE-2025: 400000.00,600000.00,"
                          "400000.00,"),
              npos)
        << csv(5);

    const std::string xlsx = m_dir.file("vr.xlsx");
    ok("report", {xlsx});
    const std::string sheets = m_dir.file("sheets.csv");
    ASSERT_EQ(std::system(("xlsx2csv -a '" + xlsx + "' > '" + sheets + "' 2>&1").c_str()), 0);
    const std::string text = readFile(sheets);
    EXPECT_NE(text.find("Vlaamse Rand — programmarapport"), npos) << text;
    EXPECT_NE(text.find("Toegekend per gemeente"), npos) << text;
    EXPECT_NE(text.find("Mobiliteit"), npos);
    EXPECT_NE(text.find("Vilvoorde"), npos);
    EXPECT_NE(text.find("599999.99"), npos) << text;
    EXPECT_NE(text.find("299999.99"), npos) << text;
    EXPECT_NE(text.find("SV-PROJECT_SUBSIDIE-2025: 400000.00"), npos) << text;

    // The same report through the host's report registry (as the workbench and
    // `koppelkans-cli report` find plugin reports).
    const plugin::ReportDef* def = m_manager.findReport("vlaamse_rand", "programme");
    ASSERT_NE(def, nullptr);
    NoProgress progress;
    auto r = def->build(*m_ws, {}, progress);
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_TRUE(r.value().validate().ok());
}
