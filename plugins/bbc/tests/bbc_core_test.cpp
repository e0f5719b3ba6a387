// Code lists, import, golden schemas, preflight, export and the XBRL refusal.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "core/base/csv.h"
#include "plugins/bbc/src/bbc_plugin.h"
#include "plugins/bbc/src/coding.h"
#include "plugins/bbc/src/preflight.h"
#include "plugins/bbc/src/reports.h"
#include "plugins/bbc/src/schemas.h"
#include "plugins/bbc/src/xbrl.h"
#include "plugins/bbc/tests/bbc_fixture.h"

namespace kk::bbc::test {
namespace {

/// The files a report writer made for `path`: the file itself, or (CSV with several tables)
/// "<stem>-NN-<slug>.csv" beside it.
std::vector<std::string> writtenFiles(const std::string& path) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    if (fs::exists(path) && fs::file_size(path) > 0)
        out.push_back(path);
    const fs::path p(path);
    for (const auto& e : fs::directory_iterator(p.parent_path()))
        if (e.path().filename().string().rfind(p.stem().string() + "-", 0) == 0 &&
            e.path().extension() == p.extension())
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

Money eur(std::int64_t e) {
    return Money::fromEuros(e);
}

TEST(BbcCodeLists, LoadsAppendicesAndLooksUpByPrefix) {
    auto lists = readCodeLists(sourceDir() + "/data/bbc");
    ASSERT_TRUE(lists.ok()) << lists.error().message();
    EXPECT_EQ(lists->accounts.rows().size(), 369u);
    EXPECT_EQ(lists->accounts.expandedCount(), 557u);  // docs/reference-data.md
    EXPECT_EQ(lists->policyFields.size(), 144u);
    EXPECT_EQ(lists->version, "BBC2020");
    // A local extension resolves by longest prefix: 6143007 -> 613/6 (I.A.1).
    auto fit = lists->accounts.find("6143007", 'U');
    ASSERT_EQ(fit.kind, AccountFit::Kind::Ok);
    EXPECT_EQ(fit.row->code, "613/6");
    EXPECT_EQ(fit.row->rubric, "I.A.1");
    // 221 is Investeringen I.B.1.a when bought and II.B.1.a when sold (bbc-spec §1.5).
    EXPECT_EQ(lists->accounts.find("221", 'U').row->rubric, "I.B.1.a");
    EXPECT_EQ(lists->accounts.find("221", 'O').row->rubric, "II.B.1.a");
    EXPECT_EQ(lists->accounts.find("7405", 'U').kind, AccountFit::Kind::WrongSide);
    EXPECT_EQ(lists->accounts.find("9999", 'U').kind, AccountFit::Kind::Unknown);
    EXPECT_EQ(lists->accounts.find("090", 'U').row->section, Section::BudgettairResultaat);
    EXPECT_TRUE(lists->knownPolicyField("0350"));
    EXPECT_TRUE(lists->knownPolicyField("0701-00"));  // beleidsitem of 0701
    EXPECT_FALSE(lists->knownPolicyField("0531"));
}

TEST(BbcCodeLists, RefusesAMissingFolderWithItsPath) {
    auto lists = readCodeLists("/nonexistent/bbc");
    ASSERT_FALSE(lists.ok());
    EXPECT_NE(lists.error().message().find("accounts_bbc2020.csv"), std::string::npos);
}

TEST_F(BbcWorkspace, CodeListsAreStoredWithVersionAndSource) {
    EXPECT_EQ(count("SELECT count(*) FROM bbc_account WHERE version = 'BBC2020'"), 369);
    EXPECT_EQ(count("SELECT count(*) FROM bbc_policy_field"), 144);
    EXPECT_EQ(count("SELECT count(*) FROM bbc_account WHERE source = ''"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM bbc_external_code_info i JOIN kk_external_code c ON "
                    "c.id = i.code_id WHERE c.code = 'ABB-LEKP-2021' AND "
                    "i.expected_account = '7405/9' AND i.expected_sector_code = '300'"),
              1);
    // Loading again replaces the version instead of duplicating it.
    run("load-codes", {});
    EXPECT_EQ(count("SELECT count(*) FROM bbc_account"), 369);
}

TEST_F(GoldenPlan, ImportsTreeAndRegistrations) {
    EXPECT_EQ(count("SELECT count(*) FROM bbc_registration"), 26);
    EXPECT_EQ(count("SELECT count(*) FROM kk_action"), 3);
    EXPECT_EQ(count("SELECT sum(amount) FROM bbc_registration WHERE kind = 'budget'"),
              418000000);  // 4,180,000.00 euro, the sum of the 24 budget rows
    EXPECT_EQ(count("SELECT count(*) FROM bbc_misplaced_code WHERE code = 'WVG200/2'"), 1);
}

TEST_F(GoldenPlan, M2MatchesTheHandComputedGoldenCase) {
    auto plan = findPlan(*m_ws, kKbo, "2024-2026");
    ASSERT_TRUE(plan.ok());
    auto lists = workspaceCodeLists(*m_ws);
    ASSERT_TRUE(lists.ok());
    RegistrationFilter f;
    f.kind = RegKind::Budget;
    const auto regs = loadRegistrations(*m_ws, {*plan}, f);
    const M2 m2 = computeM2(place(regs, lists->accounts), 2024, 2026);
    ASSERT_EQ(m2.years.size(), 3u);
    EXPECT_EQ(m2.unplaced, 0);
    std::ifstream in(goldenDir() + "/expected_m2.csv");
    CsvReader csv(in, "expected_m2.csv");
    std::vector<std::string> row;
    csv.next(row);
    int lines = 0;
    while (csv.next(row)) {
        for (int i = 0; i < 3; ++i) {
            const M2Year& y = m2.years[i];
            const std::map<std::string, Money> got{{"I.a", y.flows.o[0]},
                                                   {"I.b", y.flows.u[0]},
                                                   {"I", y.I},
                                                   {"II.a", y.flows.o[1]},
                                                   {"II.b", y.flows.u[1]},
                                                   {"II", y.II},
                                                   {"III", y.III},
                                                   {"IV.a", y.flows.o[2]},
                                                   {"IV.b", y.flows.u[2]},
                                                   {"IV", y.IV},
                                                   {"V", y.V},
                                                   {"VI", y.VI},
                                                   {"VII", y.VII},
                                                   {"VIII", y.VIII},
                                                   {"IX", y.IX},
                                                   {"AFM.II.a", y.afmRepayments},
                                                   {"AFM.II.b", y.afmRecoveries},
                                                   {"AFM.II", y.afmNet},
                                                   {"AFM.III", y.afm}};
            ASSERT_TRUE(got.count(row[0])) << row[0];
            EXPECT_EQ(got.at(row[0]), Money::parse(row[1 + i]).value()) << row[0] << " " << y.year;
        }
        ++lines;
    }
    EXPECT_EQ(lines, 19);
    EXPECT_EQ(m2.years[1].IX, eur(-255000));  // BBR < 0 in 2025
    EXPECT_EQ(m2.years[2].afm, eur(-25000));  // AFM < 0 in the last year
    EXPECT_FALSE(m2.years[1].viRegistered);   // VI 2025 = VII 2024
}

TEST_F(GoldenPlan, M1T2AndM3ReconcileWithM2AndTheRegistrations) {
    auto plan = findPlan(*m_ws, kKbo, "2024-2026").value();
    auto lists = workspaceCodeLists(*m_ws).value();
    RegistrationFilter f;
    f.kind = RegKind::Budget;
    const auto regs = loadRegistrations(*m_ws, {plan}, f);
    const auto placed = place(regs, lists.accounts);
    const M2 m2 = computeM2(placed, 2024, 2026);
    const M1 m1 = computeM1(placed, {{plan.id, loadTree(*m_ws, plan)}});
    ASSERT_EQ(m1.priorityGoals.size(), 1u);  // BD 1 only: BD 2 has no prioritaire AP/actie
    EXPECT_EQ(m1.priorityGoals[0].code, "1");
    EXPECT_EQ(m1.priorityGoals[0].byYear.at(2024).u[1], eur(300000));
    EXPECT_EQ(m1.nonPriority.byYear.at(2024).u[0], eur(250000));
    EXPECT_EQ(m1.withoutGoal.byYear.at(2024).o[2], eur(205000));
    const auto t2 = computeT2(placed);
    const auto m3 = computeM3(placed);
    for (const auto& y : m2.years) {
        const Flows total = m1.total(y.year);
        for (int s = 0; s < 3; ++s) {
            EXPECT_EQ(total.u[s], y.flows.u[s]) << y.year << " section " << s;
            EXPECT_EQ(total.o[s], y.flows.o[s]) << y.year << " section " << s;
            Money t2u, t2o;
            for (const auto& [key, byYear] : t2)
                if (static_cast<int>(key.section) == s && byYear.count(y.year))
                    (key.side == 'U' ? t2u : t2o) += byYear.at(y.year);
            EXPECT_EQ(t2u, y.flows.u[s]);
            EXPECT_EQ(t2o, y.flows.o[s]);
            EXPECT_EQ(m3.at("GEMEENTE").at(y.year).flows.u[s], y.flows.u[s]);
        }
    }
    // Registrations = E/I/F flows + 093 + 090 (nothing lost, nothing counted twice).
    Money regsTotal, schemaTotal;
    for (const auto& r : regs)
        regsTotal += r.amount;
    for (const auto& y : m2.years) {
        for (int s = 0; s < 3; ++s)
            schemaTotal += y.flows.u[s] + y.flows.o[s];
        schemaTotal += y.VIII + (y.viRegistered ? y.VI : Money{});
    }
    EXPECT_EQ(regsTotal, schemaTotal);
    const M3Lines& l = m3.at("GEMEENTE").at(2024);
    EXPECT_EQ(l.loansU, eur(30000));
    EXPECT_EQ(l.loansO, eur(200000));
    EXPECT_EQ(l.grantedO, eur(5000));
    EXPECT_EQ(l.otherFinO(), Money{});
    EXPECT_EQ(t2.at({Section::Exploitatie, 'O', "II.A.3.b"}).at(2024), eur(50000));
}

TEST_F(GoldenPlan, PreflightFindsEachPlantedProblemWithItsPlace) {
    auto plan = findPlan(*m_ws, kKbo, "2024-2026").value();
    const auto findings = preflight(*m_ws, plan, workspaceCodeLists(*m_ws).value());
    std::map<std::string, std::vector<PreflightFinding>> byRule;
    for (const auto& f : findings)
        byRule[f.rule].push_back(f);
    ASSERT_EQ(byRule["bbr_negative"].size(), 1u);
    EXPECT_NE(byRule["bbr_negative"][0].where.find("2025"), std::string::npos);
    EXPECT_NE(byRule["bbr_negative"][0].message.find("255.000,00"), std::string::npos)
        << byRule["bbr_negative"][0].message;
    ASSERT_EQ(byRule["afm_negative"].size(), 1u);
    EXPECT_NE(byRule["afm_negative"][0].where.find("2026"), std::string::npos);
    ASSERT_EQ(byRule["code_not_on_action"].size(), 1u);
    EXPECT_NE(byRule["code_not_on_action"][0].where.find("beleidsdoelstelling 2"),
              std::string::npos);
    ASSERT_EQ(byRule["text_short"].size(), 1u);
    EXPECT_NE(byRule["text_short"][0].where.find("actie 2.1.1"), std::string::npos);
    EXPECT_EQ(byRule["unknown_account"].size(), 0u);
    EXPECT_EQ(byRule["expected_booking"].size(), 0u);  // LEKP booked on 7405/0350/300
    EXPECT_EQ(byRule["evaluation_missing"].size(), 0u);
}

TEST_F(BbcWorkspace, PreflightFlagsUnknownCodesWrongSideLongTextsAndUncomputableAfm) {
    const auto dir = m_dir / "bad";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "policy.csv")
        << "niveau,code,bovenliggende,korte omschrijving,lange omschrijving\n"
        << "BD,9,,Doel,\nAP,9.1,9,Plan,\nactie,9.1.1,9.1,Actie," << std::string(4001, 'x') << "\n";
    std::ofstream(dir / "regs.csv")
        << "boekjaar,algemene rekening,U/O,beleidsveld,ESC,actie,bedrag\n"
        << "2020,7405,U,0350,300,9.1.1,10\n"  // wrong side
        << "2020,9999,U,0350,,9.1.1,10\n"     // unknown account
        << "2020,613,U,0531,999,,10\n";       // unknown BV, ESC
    run("import-policy",
        {(dir / "policy.csv").string(), "--government", kKbo, "--period", "2020-2025"});
    run("import", {(dir / "regs.csv").string(), "--government", kKbo, "--period", "2020-2025"});
    auto plan = findPlan(*m_ws, kKbo, "2020-2025").value();
    std::map<std::string, int> rules;
    for (const auto& f : preflight(*m_ws, plan, workspaceCodeLists(*m_ws).value()))
        ++rules[f.rule];
    EXPECT_EQ(rules["account_side"], 1);
    EXPECT_EQ(rules["unknown_account"], 1);
    EXPECT_EQ(rules["unknown_policy_field"], 1);
    EXPECT_EQ(rules["unknown_sector_code"], 1);
    EXPECT_EQ(rules["text_long"], 1);
    EXPECT_EQ(rules["afm_not_computable"], 1);  // no registrations for 2025
    EXPECT_EQ(rules["afm_negative"], 0);
}

TEST_F(BbcWorkspace, ImportIsAllOrNothingAndNamesRowAndColumn) {
    run("import-policy",
        {goldenDir() + "/policy.csv", "--government", kKbo, "--period", "2024-2026"});
    const auto bad = m_dir / "bad.csv";
    std::ofstream(bad) << "boekjaar;algemene rekening;U/O;beleidsveld;actie;bedrag\n"
                       << "2024;613;U;0350;1.1.1;100,00\n"
                       << "2024;613;X;0350;1.1.1;100,00\n"
                       << "2024;613;U;0350;7.7.7;100,00\n"
                       << "2024;613;U;0350;1.1.1;12,3456\n"
                       << "20x4;61;U;35;;1\n";
    auto out = runCommand(pluginFolder(), "import",
                          {bad.string(), "--government", kKbo, "--period", "2024-2026"}, *m_ws);
    ASSERT_FALSE(out.ok());
    const std::string msg = out.error().message();
    EXPECT_NE(msg.find("line 3, column U/O"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 4, column actie: actie '7.7.7'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 5, column bedrag"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 6, column boekjaar"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 6, column algemene rekening"), std::string::npos) << msg;
    EXPECT_NE(msg.find("nothing was imported"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM bbc_registration"), 0);

    auto layout = m_dir / "layout.csv";
    std::ofstream(layout) << "rekening,U/O\n613,U\n";
    auto l = runCommand(pluginFolder(), "import",
                        {layout.string(), "--government", kKbo, "--period", "2024-2026"}, *m_ws);
    ASSERT_FALSE(l.ok());
    EXPECT_NE(l.error().message().find("docs/bbc.md"), std::string::npos);
}

TEST_F(GoldenPlan, ReimportNeedsReplaceAndWideLayoutWorks) {
    auto again = runCommand(
        pluginFolder(), "import",
        {goldenDir() + "/registrations.csv", "--government", kKbo, "--period", "2024-2026"}, *m_ws);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().hint.find("--replace"), std::string::npos);
    // The Fox-style layout: a key with U/O and ESC, years as columns, euro amounts.
    const auto wide = m_dir / "fox.csv";
    std::ofstream(wide) << "Code;Actie;Beleidsitem code;Algemene rekening;Economische sectorcode;"
                           "Investeringsenveloppe;Eerste omschrijving;2024;2025;2026\n"
                        << "BP-1/1.1.1/0350-00/6143007/GEMEENTE/CBS/300/IE-GEEN/U;1.1.1;0350-00;"
                           "6143007;300;IE-GEEN;Studie;€ 1.210,00;€ 26,000.00;\n";
    run("import", {wide.string(), "--government", kKbo, "--period", "2024-2026", "--replace"});
    EXPECT_EQ(count("SELECT count(*) FROM bbc_registration"), 2 + 2);  // 2 realisation kept
    EXPECT_EQ(count("SELECT sum(amount) FROM bbc_registration WHERE kind = 'budget'"), 2721000);
    EXPECT_EQ(count("SELECT count(*) FROM bbc_registration WHERE direction = 'U' AND entity = "
                    "'GEMEENTE' AND sector_code = '300' AND investment_project = ''"),
              2);
}

TEST_F(GoldenPlan, SubsidisedPartAndRollUp) {
    plugin::Options o{{"government", kKbo}, {"period", "2024-2026"}, {"scope", "subsidised"}};
    auto scope = loadScope(*m_ws, o).value();
    RegistrationFilter f = scope.filter;
    f.kind = RegKind::Budget;
    const auto regs = loadRegistrations(*m_ws, scope.plans, f);
    const M2 m2 = computeM2(place(regs, scope.lists.accounts), 2024, 2026);
    EXPECT_EQ(m2.years[0].flows.o[0], eur(50000));
    EXPECT_EQ(m2.years[0].flows.u[0], eur(80000));
    EXPECT_EQ(m2.years[2].flows.u[0], eur(60000));
    EXPECT_EQ(m2.years[0].flows.u[1], Money{});  // 1.1.2 has no external code

    // A second government with the same plan: the roll-up doubles every line.
    addGovernment("0202239951", "Gemeente Tweede");
    run("import-policy",
        {goldenDir() + "/policy.csv", "--government", "0202239951", "--period", "2024-2026"});
    run("import", {goldenDir() + "/registrations.csv", "--government", "0202239951", "--period",
                   "2024-2026"});
    plugin::Options all{{"government", "all"}, {"period", "2024-2026"}};
    auto sc = loadScope(*m_ws, all).value();
    ASSERT_EQ(sc.plans.size(), 2u);
    RegistrationFilter b;
    b.kind = RegKind::Budget;
    const M2 rolled =
        computeM2(place(loadRegistrations(*m_ws, sc.plans, b), sc.lists.accounts), 2024, 2026);
    EXPECT_EQ(rolled.years[1].IX, eur(-510000));
    EXPECT_EQ(rolled.years[2].afm, eur(-50000));
}

TEST_F(GoldenPlan, ExportSumsMatchTheRegistrations) {
    const auto csv = (m_dir / "export.csv").string();
    auto out = runCommand(
        pluginFolder(), "export",
        {"--government", kKbo, "--period", "2024-2026", "--year", "2024", "--out", csv}, *m_ws);
    ASSERT_TRUE(out.ok()) << out.error().message();
    std::ifstream in(csv);
    CsvReader reader(in, "export.csv");
    std::vector<std::string> row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row, exportColumns());
    Money total;
    int rows = 0;
    while (reader.next(row)) {
        total += Money::parse(row[12]).value();
        ++rows;
    }
    EXPECT_EQ(rows, 13);  // 11 budget + 2 realisation rows of 2024, all distinct keys
    EXPECT_EQ(total.cents(),
              count("SELECT sum(amount) FROM bbc_registration WHERE fiscal_year = 2024"));
    const auto xlsx = (m_dir / "export.xlsx").string();
    ASSERT_TRUE(runCommand(pluginFolder(), "export",
                           {"--government", kKbo, "--period", "2024-2026", "--out", xlsx}, *m_ws)
                    .ok());
    EXPECT_GT(std::filesystem::file_size(xlsx), 1000u);
    auto bad = runCommand(
        pluginFolder(), "export",
        {"--government", kKbo, "--period", "2024-2026", "--out", (m_dir / "x.pdf").string()},
        *m_ws);
    ASSERT_FALSE(bad.ok());
}

TEST_F(GoldenPlan, EveryReportWritesXlsxAndCsv) {
    for (const std::string schema : {"M1", "M2", "M3", "T2", "J1", "J3", "dossier", "preflight"}) {
        for (const std::string ext : {".xlsx", ".csv"}) {
            const auto file = (m_dir / (schema + ext)).string();
            auto out = runCommand(pluginFolder(), "report",
                                  {schema, "--government", kKbo, "--period", "2024-2026", "--year",
                                   "2024", "--out", file},
                                  *m_ws);
            ASSERT_TRUE(out.ok()) << schema << ext << ": " << out.error().message();
            EXPECT_FALSE(writtenFiles(file).empty()) << file;
        }
    }
    const auto m2csv = writtenFiles((m_dir / "M2.csv").string());
    ASSERT_FALSE(m2csv.empty());
    std::ifstream in(m2csv.front());
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_NE(s.str().find("-255000.00"), std::string::npos) << s.str().substr(0, 2000);
    auto unknown = runCommand(
        pluginFolder(), "report",
        {"M9", "--government", kKbo, "--period", "2024-2026", "--out", (m_dir / "x.csv").string()},
        *m_ws);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().hint.find("M1, M2, M3, T2, J1 or J3"), std::string::npos);
}

TEST_F(GoldenPlan, DossierShowsPlannedAgainstRealisedForTheCode) {
    plugin::Options o{{"government", kKbo}, {"period", "2024-2026"}, {"code", "ABB-LEKP-2022"}};
    auto r = buildDossierReport(*m_ws, o);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r->sections.size(), 1u);
    const auto& blocks = r->sections[0].blocks;
    const auto& acts = std::get<report::TableBlock>(blocks[1]);
    ASSERT_EQ(acts.rows.size(), 1u);
    EXPECT_EQ(acts.rows[0][5], report::Cell("1.1.1"));
    EXPECT_EQ(acts.rows[0][2], report::Cell("Klimaatneutrale gemeente"));
    const auto& sub = std::get<report::TableBlock>(blocks[3]);
    const auto totals = sub.totals("Totaal");
    EXPECT_EQ(totals[1], report::Cell(eur(100000)));
    EXPECT_EQ(totals[2], report::Cell(eur(45000)));
    EXPECT_EQ(totals[3], report::Cell(eur(55000)));
}

TEST(BbcXbrl, SaysTheTaxonomyIsNotPublic) {
    auto writer = makeDrWriter();
    std::ostringstream xml;
    auto st = writer->writeInstance({}, xml);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "bbc.xbrl_not_available");
    EXPECT_NE(st.error().what.find("not available: the official BBC-DR taxonomy is not public"),
              std::string::npos);
    EXPECT_TRUE(xml.str().empty());  // nothing invented
}

TEST(BbcCoding, LuaDefaultsAndTheirTests) {
    auto coding = DefaultCoding::load(pluginFolder() + "/scripts");
    ASSERT_TRUE(coding.ok()) << coding.error().message();
    int passed = 0;
    for (const auto& t : (*coding)->runTests()) {
        EXPECT_EQ(t.status, rules::TestOutcome::Status::Pass) << t.name << ": " << t.message;
        ++passed;
    }
    EXPECT_EQ(passed, 6);
    auto fc = (*coding)->forFund("F1", "LEKP", "Vlaamse overheid", "subsidy", false);
    ASSERT_TRUE(fc.ok());
    ASSERT_TRUE(fc->has_value());
    EXPECT_EQ((*fc)->account, "7405");
    EXPECT_EQ((*fc)->sectorCode, "300");
    auto own = (*coding)->forFund("F2", "Eigen middelen", "Gemeente", "own_contribution", false);
    ASSERT_TRUE(own.ok());
    EXPECT_FALSE(own->has_value());
    EXPECT_EQ((*coding)->accountForCategory("works").value(), std::optional<std::string>("228"));
}

}  // namespace
}  // namespace kk::bbc::test
