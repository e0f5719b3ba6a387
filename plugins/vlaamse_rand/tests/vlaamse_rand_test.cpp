// The vlaamse_rand plugin through its registered commands, no GUI: funds and figures from the
// data files (also a user's edited copy), a stadsvernieuwing project topped up by the Randfonds
// and allocated with both plugins loaded, the refusals (a Randfonds award that would fund a
// project fully, a municipality outside the instrument's area, the faciliteitengemeenten
// subsidy above 80 %, no cumulation disclosure...), and the jury's gebiedsgericht edge.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/allocate/strategy.h"
#include "core/plugin/workspace_problem.h"
#include "plugins/vlaamse_rand/tests/vr_fixture.h"

using namespace kk;
using kk::test::VlaamseRandTest;

namespace {

constexpr auto npos = std::string::npos;

std::size_t fundIndex(const alloc::Problem& p, const std::string& id) {
    for (std::size_t k = 0; k < p.funds.size(); ++k)
        if (p.funds[k].id == id)
            return k;
    ADD_FAILURE() << "no fund " << id;
    return 0;
}

Money fundTotal(const alloc::Allocation& a, const std::string& id) {
    for (std::size_t k = 0; k < a.fundIds.size(); ++k)
        if (a.fundIds[k] == id)
            return a.fundTotals[k];
    return Money();
}

}  // namespace

TEST_F(VlaamseRandTest, FundsAndFiguresComeFromTheDataFiles) {
    std::vector<std::string> ids;
    for (const auto& t : m_manager.registry().programmeTypes)
        if (t.pluginId == "vlaamse_rand")
            ids.push_back(t.item.id);
    EXPECT_EQ(ids,
              (std::vector<std::string>{"vlaamse_rand.randfonds", "vlaamse_rand.faciliteiten"}));
    const auto setup = ok("setup", {"--year", "2025"});
    const auto rand = Repository<Fund>(*m_ws).findByCode("VR-RANDFONDS-2025");
    ASSERT_TRUE(rand.has_value());
    EXPECT_EQ(rand->budget, Money::fromEuros(5'550'000));
    EXPECT_EQ(rand->priority, 90);
    EXPECT_NE(setup.text.find("budget € 5.550.000,00 from vlaamse_rand: data/parameters.csv "
                              "line 2"),
              npos)
        << setup.text;
    EXPECT_NE(setup.text.find("seed-003 L3747"), npos) << setup.text;
    const auto fac = Repository<Fund>(*m_ws).findByCode("VR-FACILITEITEN-2025");
    ASSERT_TRUE(fac.has_value());
    EXPECT_EQ(fac->maxRate, Rate::percent(80));
    EXPECT_NE(setup.text.find("VR-FACILITEITEN-2025: no yearly budget in the data"), npos);
    // No boundaries in this workspace: the class flags of the reference data decide.
    EXPECT_NE(setup.text.find("the municipality classes are used instead"), npos) << setup.text;
    const auto rand19 = ok("area", {"--instrument", "randfonds", "--date", "2025-06-01"});
    EXPECT_EQ(rand19.json["municipalities"].size(), 19u);
    EXPECT_NE(rand19.json["basis"].get<std::string>().find("municipality classes vlaamse_rand"),
              npos);
    const auto fac6 = ok("area", {"--instrument", "faciliteiten"});
    EXPECT_EQ(fac6.json["municipalities"],
              (nlohmann::json{"23098", "23099", "23100", "23101", "23102", "23103"}));
    EXPECT_NE(fac6.text.find("23102 Wemmel"), npos) << fac6.text;
}

TEST_F(VlaamseRandTest, AnEditedCopyOfADataFileChangesTheFiguresWithoutRebuilding) {
    const std::string config = m_dir.file("config");
    const std::string folder = config + "/plugin-data/vlaamse_rand/data";
    std::filesystem::create_directories(folder);
    std::ifstream in(std::string(KK_BINARY_DIR) + "/plugins/vlaamse_rand/data/parameters.csv");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto at = text.find("budget_per_year,5550000");
    ASSERT_NE(at, npos);
    text.replace(at, 23, "budget_per_year,6000000");
    std::ofstream(folder + "/parameters.csv") << text;
    ::setenv("KK_CONFIG_DIR", config.c_str(), 1);
    plugin::PluginManager edited;
    edited.loadFolder(std::string(KK_BINARY_DIR) + "/plugins/vlaamse_rand");
    ::unsetenv("KK_CONFIG_DIR");
    ASSERT_TRUE(edited.loaded("vlaamse_rand").ok());
    auto ws = test::freshWorkspace(m_dir, "edited.gpkg");
    ASSERT_TRUE(edited.prepareWorkspace(*ws).ok());
    auto out = edited.findCommand("vlaamse_rand", "setup")->run({"--year", "2026"}, *ws);
    ASSERT_TRUE(out.ok()) << out.error().message();
    EXPECT_EQ(Repository<Fund>(*ws).findByCode("VR-RANDFONDS-2026")->budget,
              Money::fromEuros(6'000'000));
}

TEST_F(VlaamseRandTest, RandfondsTopsUpAStadsvernieuwingProjectButNeverFundsItFully) {
    stadsvernieuwingProjectAppliesToTheRandfonds();
    // 400.000 granted by stadsvernieuwing + 600.000 would be the whole cost: refused.
    const Error full = refused("award", {"--call", "R25", "--project", "P-VILV"});
    EXPECT_EQ(full.code, "vlaamse_rand.funds_fully");
    EXPECT_NE(full.what.find("an award of € 600.000,00 from the Vlaamse Randfonds would fund "
                             "project P-VILV fully: with the € 400.000,00 already granted it "
                             "reaches the whole cost of € 1.000.000,00"),
              npos)
        << full.what;
    EXPECT_NE(full.where.find("call R25, application 1 (P-VILV)"), npos) << full.where;
    EXPECT_NE(full.where.find("data/parameters.csv line 4"), npos) << full.where;
    EXPECT_EQ(full.hint,
              "award at most € 599.999,99 so that the partners or other funds keep "
              "a share");
    ok("award", {"--call", "R25", "--project", "P-VILV", "--amount", "599999.99"});
    EXPECT_TRUE(m_manager.validate(*m_ws).empty());

    // Allocation with both plugins loaded: the Randfonds hook marks its fund.
    const auto project = Repository<Project>(*m_ws).findByCode("P-VILV")->id;
    auto problem = m_manager.allocationProblem(*m_ws, project);
    ASSERT_TRUE(problem.ok()) << problem.error().message();
    ASSERT_EQ(problem.value().funds.size(), 2u);
    EXPECT_TRUE(
        problem.value().funds[fundIndex(problem.value(), "VR-RANDFONDS-2025")].mayNotFundFully);
    EXPECT_FALSE(problem.value()
                     .funds[fundIndex(problem.value(), "SV-PROJECT_SUBSIDIE-2025")]
                     .mayNotFundFully);
    const Money cost = Money::fromEuros(1'000'000);
    for (const auto& name : alloc::builtinStrategyNames()) {
        auto strategy = alloc::makeStrategy(name);
        ASSERT_TRUE(strategy.ok());
        auto a = strategy.value()->allocate(problem.value());
        ASSERT_TRUE(a.ok()) << name << ": " << a.error().message();
        const Money rand = fundTotal(a.value(), "VR-RANDFONDS-2025");
        const Money sv = fundTotal(a.value(), "SV-PROJECT_SUBSIDIE-2025");
        EXPECT_EQ(a.value().totalCost, cost) << name;
        EXPECT_EQ(sv + rand + a.value().residualTotal, cost) << name;  // to the cent
        EXPECT_EQ(a.value().externalTotal, Money::fromCents(99'999'999)) << name;
        EXPECT_EQ(a.value().residualTotal, Money::fromCents(1)) << name;
        EXPECT_LT(Rate::ofMoney(rand, cost), Rate::one()) << name;
        if (name == "waterfall") {
            EXPECT_EQ(sv, Money::fromEuros(400'000));
            EXPECT_EQ(rand, Money::fromCents(59'999'999));
        }
    }

    // What if the Randfonds could give more than the gap (a larger award or a candidate
    // fund)? Without the plugin's hook it would close the gap; with it, the partners keep a
    // cent and the trace says why.
    auto raw = plugin::workspaceProblem(*m_ws, project);
    ASSERT_TRUE(raw.ok());
    raw.value().funds[fundIndex(raw.value(), "VR-RANDFONDS-2025")].budget =
        Money::fromEuros(2'000'000);
    auto waterfall = alloc::makeStrategy("waterfall").value();
    auto unhooked = waterfall->allocate(raw.value());
    ASSERT_TRUE(unhooked.ok());
    EXPECT_EQ(unhooked.value().residualTotal, Money());
    auto hooked = problem.value();
    hooked.funds[fundIndex(hooked, "VR-RANDFONDS-2025")].budget = Money::fromEuros(2'000'000);
    auto capped = waterfall->allocate(hooked);
    ASSERT_TRUE(capped.ok());
    EXPECT_EQ(fundTotal(capped.value(), "VR-RANDFONDS-2025"), Money::fromCents(59'999'999));
    EXPECT_EQ(capped.value().residualTotal, Money::fromCents(1));
    bool bound = false;
    for (const auto& t : capped.value().trace)
        bound = bound || t.reason == alloc::Reason::MayNotFundFully;
    EXPECT_TRUE(bound);
}

TEST_F(VlaamseRandTest, RefusalsSayWhatWhereAndWhatToDo) {
    ok("setup", {"--year", "2025"});
    ok("create-call", {"--instrument", "randfonds", "--code", "R25"});
    const std::vector<std::string> base = {
        "--call",  "R25",   "--requested",       "100000", "--total-cost", "300000",
        "--theme", "wonen", "--other-subsidies", "none"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };

    // A municipality outside the Randfonds area (Halle borders the Rand, is not in it).
    const Error halle = refused("apply", with({"--project", "P-HALL", "--supra-local", "x"}));
    EXPECT_EQ(halle.code, "vlaamse_rand.outside_area");
    EXPECT_EQ(halle.what,
              "municipality 23027 Halle is outside the area 'Vlaamse Rand' of the "
              "Vlaamse Randfonds on 2025-01-01");
    EXPECT_NE(halle.where.find("municipality classes vlaamse_rand of "
                               "data/reference/municipality_classes.csv"),
              npos)
        << halle.where;
    EXPECT_NE(halle.hint.find("koppelkans-cli areas rule-add"), npos) << halle.hint;
    const Error mixed =
        refused("apply", with({"--project", "P-DILB", "--municipalities", "23016;23027;44021"}));
    EXPECT_NE(mixed.what.find("municipalities 23027 Halle, 44021 Gent are outside"), npos)
        << mixed.what;

    // Supra-local reach: one municipality and no justification.
    const Error local = refused("apply", with({"--project", "P-DILB"}));
    EXPECT_EQ(local.code, "vlaamse_rand.not_supra_local");
    EXPECT_NE(local.hint.find("name at least 2 municipalities"), npos) << local.hint;
    // A theme outside the seven.
    auto badTheme = with({"--project", "P-DILB", "--supra-local", "regionale fietsas"});
    badTheme[7] = "sport";
    const Error theme = refused("apply", badTheme);
    EXPECT_EQ(theme.code, "vlaamse_rand.theme");
    EXPECT_EQ(theme.hint,
              "use one of: vergroening, onderwijs, wonen, cultuur, welzijn, "
              "mobiliteit, economische_ontwikkeling");
    // The cumulation disclosure: missing, or not readable.
    const Error noDisclosure =
        refused("apply", {"--call", "R25", "--project", "P-DILB", "--requested", "1000",
                          "--total-cost", "5000", "--theme", "wonen", "--supra-local", "x"});
    EXPECT_EQ(noDisclosure.code, "vlaamse_rand.no_cumulation_disclosure");
    EXPECT_NE(noDisclosure.hint.find("--other-subsidies none"), npos);
    auto unreadable = with({"--project", "P-DILB", "--supra-local", "x"});
    unreadable[9] = "Provincie 25000";
    EXPECT_EQ(refused("apply", unreadable).code, "vlaamse_rand.disclosure");
    // Requesting the whole cost from the Randfonds.
    auto whole = with({"--project", "P-ZAV", "--municipalities", "23094;23047"});
    whole[3] = "300000";
    const Error fully = refused("apply", whole);
    EXPECT_EQ(fully.code, "vlaamse_rand.funds_fully");
    EXPECT_EQ(fully.hint,
              "request at most € 299.999,99 and let other funds or the partners "
              "carry the rest");
    ok("apply", with({"--project", "P-ZAV", "--municipalities", "23094;23047"}));

    // The faciliteitengemeenten subsidy: no budget in the data, at most 80 %, own area.
    const Error noBudget =
        refused("create-call", {"--instrument", "faciliteiten", "--code", "F25"});
    EXPECT_EQ(noBudget.code, "vlaamse_rand.call_budget_required");
    ok("create-call", {"--instrument", "faciliteiten", "--code", "F25", "--budget", "150000"});
    addCosts("P-WEMM", {{"W1", "works", 2025, 100000}});
    const Error above = refused("apply", {"--call", "F25", "--project", "P-WEMM", "--requested",
                                          "80000.01", "--other-subsidies", "none"});
    EXPECT_EQ(above.code, "vlaamse_rand.above_max_rate");
    EXPECT_NE(above.what.find("of the project cost € 100.000,00, above the maximum of " +
                              Rate::percent(80).formatPercent()),
              npos)
        << above.what;
    EXPECT_EQ(above.hint, "request at most € 80.000,00");
    EXPECT_NE(above.where.find("data/parameters.csv line 11"), npos) << above.where;
    const Error dilbeek =
        refused("apply", {"--call", "F25", "--project", "P-DILB", "--requested", "1000",
                          "--total-cost", "5000", "--other-subsidies", "none"});
    EXPECT_EQ(dilbeek.code, "vlaamse_rand.outside_area");
    EXPECT_NE(dilbeek.what.find("outside the area 'Faciliteitengemeenten in de Vlaamse Rand'"),
              npos)
        << dilbeek.what;
    ok("apply", {"--call", "F25", "--project", "P-WEMM", "--requested", "80000",
                 "--other-subsidies", "none"});
    ok("score", {"--call", "F25", "--project", "P-WEMM", "kwaliteit=7", "lokale_noden=7",
                 "gebiedsgericht_samenwerken=5"});
    ok("jury", {"--call", "F25"});

    // A provincial grant the disclosure does not mention is reported by the check.
    {
        ChangeSet cs(*m_ws, "province");
        Fund f;
        f.code = "PROV-VB-2025";
        f.name = "Provincie Vlaams-Brabant";
        f.budget = Money::fromEuros(100000);
        const auto fund = Repository<Fund>(*m_ws).insert(cs, f);
        Award a;
        a.projectId = Repository<Project>(*m_ws).findByCode("P-WEMM")->id;
        a.fundId = FundId(fund);
        a.amount = Money::fromEuros(10000);
        a.status = AwardStatus::Granted;
        Repository<Award>(*m_ws).insert(cs, a);
        ASSERT_TRUE(cs.commit().ok());
    }
    ok("award", {"--call", "F25", "--project", "P-WEMM"});
    const auto findings = m_manager.validate(*m_ws);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].severity, Severity::Warning);
    EXPECT_NE(findings[0].message.find("project P-WEMM has € 10.000,00 from fund PROV-VB-2025 "
                                       "that its Vlaamse Rand application"),
              npos)
        << findings[0].message;

    // Allocation: the faciliteitengemeenten fund stops at 80 % of the cost.
    auto problem =
        m_manager.allocationProblem(*m_ws, Repository<Project>(*m_ws).findByCode("P-WEMM")->id);
    ASSERT_TRUE(problem.ok()) << problem.error().message();
    auto a = alloc::makeStrategy("waterfall").value()->allocate(problem.value());
    ASSERT_TRUE(a.ok()) << a.error().message();
    EXPECT_EQ(fundTotal(a.value(), "VR-FACILITEITEN-2025"), Money::fromEuros(80000));
    EXPECT_EQ(fundTotal(a.value(), "PROV-VB-2025"), Money::fromEuros(10000));
    EXPECT_EQ(a.value().residualTotal, Money::fromEuros(10000));
}

TEST_F(VlaamseRandTest, GebiedsgerichtSamenwerkenGivesAnEdgeInTheJury) {
    ok("setup", {"--year", "2025"});
    ok("create-call", {"--instrument", "randfonds", "--code", "R25", "--budget", "500000"});
    ok("apply",
       {"--call", "R25", "--project", "P-DILB", "--requested", "300000", "--total-cost", "500000",
        "--municipalities", "23016;23002", "--theme", "vergroening", "--other-subsidies", "none"});
    ok("apply",
       {"--call", "R25", "--project", "P-ZAV", "--requested", "300000", "--total-cost", "500000",
        "--municipalities", "23094;23047", "--theme", "wonen", "--other-subsidies", "none",
        "--gebiedsgericht", "intergemeentelijke samenwerking Noordrand"});
    ok("apply", {"--call", "R25", "--project", "P-VILV", "--requested", "200000", "--total-cost",
                 "400000", "--theme", "mobiliteit", "--supra-local", "regionale fietssnelweg",
                 "--other-subsidies", "none"});
    // Dilbeek scores higher with the jury (0.83), Zaventem 0.80 + 5 % for area-based work.
    ok("score", {"--call", "R25", "--project", "P-DILB", "bovenlokale_uitstraling=8",
                 "impuls_thema=9", "investering=8", "gebiedsgericht_samenwerken=8"});
    ok("score", {"--call", "R25", "--project", "P-ZAV", "bovenlokale_uitstraling=8",
                 "impuls_thema=8", "investering=8", "gebiedsgericht_samenwerken=8"});
    EXPECT_EQ(refused("score", {"--call", "R25", "--project", "P-VILV", "investering=11"}).code,
              "score.range");
    const Error incomplete = refused("jury", {"--call", "R25"});
    EXPECT_EQ(incomplete.code, "score.incomplete");
    ok("score", {"--call", "R25", "--project", "P-VILV", "bovenlokale_uitstraling=3",
                 "impuls_thema=3", "investering=3", "gebiedsgericht_samenwerken=3"});
    const auto jury = ok("jury", {"--call", "R25"});
    EXPECT_EQ(jury.text,
              "application 2: ranked #1\napplication 1: ranked #2\n"
              "application 3: not_selected\n");

    const plugin::Scorer* scorer = nullptr;
    for (const auto& s : m_manager.registry().scorers)
        if (s.pluginId == "vlaamse_rand")
            scorer = &s.item;
    ASSERT_NE(scorer, nullptr);
    const auto call = Repository<Call>(*m_ws).findByCode("R25")->id;
    auto zav = scorer->score(*m_ws, call, Repository<Project>(*m_ws).findByCode("P-ZAV")->id);
    ASSERT_TRUE(zav.ok()) << zav.error().message();
    EXPECT_EQ(zav.value().total, Rate(17, 20));
    ASSERT_EQ(zav.value().notes.size(), 1u);
    EXPECT_NE(zav.value().notes[0].find("gebiedsgericht samenwerken: +5"), npos);
    auto dilb = scorer->score(*m_ws, call, Repository<Project>(*m_ws).findByCode("P-DILB")->id);
    EXPECT_EQ(dilb.value().total, Rate(83, 100));

    // Awards within the call budget; the one below the pass mark cannot be awarded.
    ok("award", {"--call", "R25", "--project", "P-ZAV"});
    const Error budget = refused("award", {"--call", "R25", "--project", "P-DILB"});
    EXPECT_EQ(budget.code, "award.budget");
    EXPECT_NE(budget.what.find("€ 200.000,00 left"), npos) << budget.what;
    ok("award", {"--call", "R25", "--project", "P-DILB", "--amount", "200000"});
    EXPECT_EQ(refused("award", {"--call", "R25", "--project", "P-VILV"}).code, "award.not_ranked");
    EXPECT_TRUE(m_manager.validate(*m_ws).empty());
}
