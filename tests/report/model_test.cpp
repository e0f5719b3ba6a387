// Tests of the report model: exact totals, validation, formatting, ticks, classes, names.
#include <gtest/gtest.h>

#include "core/report/csv_writer.h"
#include "core/report/format.h"
#include "core/report/report.h"
#include "core/report/scale.h"
#include "core/report/xlsx_writer.h"
#include "report_fixture.h"

namespace kk::report {
namespace {

TEST(ReportModel, MoneyTotalsAreExactToTheCent) {
    TableBlock t;
    t.text("Post").money("Bedrag").integer("Aantal").decimal("Oppervlakte", 3, "ha");
    t.addRow({"a", Money::fromCents(123456), 2, Decimal{1500, 3}})
        .addRow({"b", Money::fromCents(1), 3, Decimal{25, 2}})
        .addRow({"c", Money::fromCents(9999999), Cell{}, Decimal{1, 0}});
    const Row totals = t.totals("Totaal");
    EXPECT_EQ(std::get<std::string>(totals[0].value()), "Totaal");
    EXPECT_EQ(std::get<Money>(totals[1].value()), Money::fromCents(10123456));  // € 101.234,56
    EXPECT_EQ(std::get<std::int64_t>(totals[2].value()), 5);
    const Decimal area = std::get<Decimal>(totals[3].value());
    EXPECT_EQ(area.places, 3);
    EXPECT_EQ(area.scaled, 2750);  // 1.500 + 0.25 + 1 = 2.750 ha
}

TEST(ReportModel, RatioTotalIsTheRatioOfTotalsNotAnAverage) {
    TableBlock t;
    t.text("Project").money("Kost").money("Subsidie").rateOf("Graad", 2, 1);
    t.addRow({"a", Money::fromEuros(100), Money::fromEuros(80), Rate::percent(80)})
        .addRow({"b", Money::fromEuros(300), Money::fromEuros(60), Rate::percent(20)});
    const Row totals = t.totals("Totaal");
    EXPECT_EQ(std::get<Rate>(totals[3].value()), Rate(7, 20));  // 140/400, not (80+20)/2
}

TEST(ReportModel, FixtureTotalsMatchHandSums) {
    const Report r = test::demoReport();
    const auto& projects = std::get<TableBlock>(r.sections[0].blocks[0]);
    const Row totals = projects.totals("Totaal");
    // 1.850.000 + 2.400.000,50 + 1.275.300,75 + 980.000 + 3.120.450,99
    EXPECT_EQ(std::get<Money>(totals[2].value()).toString(), "9625752.24");
    EXPECT_EQ(std::get<Money>(totals[3].value()).toString(), "3977830.77");
    EXPECT_EQ(std::get<Money>(totals[4].value()).toString(), "5647921.47");
    EXPECT_EQ(std::get<Rate>(totals[5].value()),
              Rate::ofMoney(Money::fromCents(397783077), Money::fromCents(962575224)));
    EXPECT_TRUE(totals[6].isEmpty());  // dates have no total
}

TEST(ReportModel, ValidationNamesSectionBlockRowAndColumn) {
    Report r;
    r.title = "T";
    TableBlock& t = r.addSection("Financiering").addTable("Toekenningen");
    t.text("Project").money("Bedrag");
    t.addRow({"a", Money::fromEuros(1)}).addRow({"b", "veel"});
    const Status st = r.validate();
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "report.table");
    EXPECT_NE(st.error().where.find("section 1 'Financiering'"), std::string::npos);
    EXPECT_NE(st.error().where.find("row 2"), std::string::npos);
    EXPECT_NE(st.error().where.find("column 'Bedrag'"), std::string::npos);
    EXPECT_FALSE(st.error().hint.empty());

    t.rows.back() = Row{"b"};
    EXPECT_NE(r.validate().error().what.find("1 cells"), std::string::npos);
}

TEST(ReportModel, ChartValidationRejectsMixedMoneyAndCounts) {
    ChartBlock c;
    c.categories = {"2024", "2025"};
    c.addSeries("a", {Money::fromEuros(1), Money::fromEuros(2)}).addSeries("b", {1, 2});
    EXPECT_FALSE(c.validate("chart"));
    c.series[1].values = {Money::fromEuros(1)};
    EXPECT_NE(c.validate("chart").error().what.find("1 values for 2"), std::string::npos);
}

TEST(ReportModel, MapValidationNeedsRingsAndClassCount) {
    MapBlock m;
    m.addFeature("x", {{{0, 0}, {1, 0}}}, 1);
    EXPECT_EQ(m.validate("map").error().what, "a ring has fewer than 3 points");
    m.features[0].rings[0].push_back({1, 1});
    EXPECT_TRUE(m.validate("map"));
    m.classCount = 12;
    EXPECT_FALSE(m.validate("map"));
}

TEST(ReportFormat, DisplayAndMachineForms) {
    Column money{"m", ColumnType::Money};
    EXPECT_EQ(formatDisplay(Money::fromCents(123456), money), "€ 1.234,56");
    EXPECT_EQ(formatMachine(Money::fromCents(-123456)), "-1234.56");
    EXPECT_EQ(formatMachine(Money::fromCents(5), ','), "0,05");
    EXPECT_EQ(formatMachine(Rate(1, 3)), "0.333333");
    EXPECT_EQ(formatMachine(Rate::percent(80)), "0.8");
    EXPECT_EQ(formatMachine(Rate::one()), "1");
    EXPECT_EQ(formatDisplay(std::int64_t{1234567}, Column{}), "1.234.567");
    Column year{"Jaar", ColumnType::Integer};
    year.grouping = false;
    EXPECT_EQ(formatDisplay(2025, year), "2025");
    Column ha{"ha", ColumnType::Decimal};
    ha.decimals = 2;
    EXPECT_EQ(formatDisplay(Decimal{12345, 1}, ha), "1.234,50");
    EXPECT_EQ(formatDisplay(Date(2025, 3, 7), Column{}), "07/03/2025");
    EXPECT_EQ(formatMachine(Date(2025, 3, 7)), "2025-03-07");
    EXPECT_EQ(formatAxisValue(2500000, 500000, true), "€ 2,5 mln");
    EXPECT_EQ(formatAxisValue(250000, 50000, false), "250.000");
    EXPECT_EQ(formatAxisValue(0, 1000000, true), "€ 0");
    EXPECT_EQ(formatAxisValue(0.5, 0.25, false), "0,50");  // same decimals on every tick
    EXPECT_EQ(Decimal::fromDouble(-0.125, 2).toString(), "-0.13");
}

TEST(ReportScale, NiceTicksUseRoundSteps) {
    const Ticks t = niceTicks(0, 5'550'000, 8);
    EXPECT_DOUBLE_EQ(t.step, 1'000'000);
    EXPECT_DOUBLE_EQ(t.min, 0);
    EXPECT_DOUBLE_EQ(t.max, 6'000'000);
    EXPECT_EQ(t.values.size(), 7u);
    EXPECT_EQ(niceTicks(0, 5'550'000, 6).step, 2'000'000);  // never more than 6 ticks
    const Ticks n = niceTicks(-120, 380, 6);
    EXPECT_DOUBLE_EQ(n.step, 100);
    EXPECT_DOUBLE_EQ(n.min, -200);
    EXPECT_DOUBLE_EQ(n.max, 400);
    const Ticks flat = niceTicks(7, 7, 5);
    EXPECT_LT(flat.min, 7);
    EXPECT_GT(flat.max, 7);
}

TEST(ReportScale, QuantileAndEqualIntervalClasses) {
    const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
    const ClassBreaks eq = classify(v, Classification::EqualInterval, 4);
    ASSERT_EQ(eq.count(), 4);
    EXPECT_DOUBLE_EQ(eq.breaks[1], 25.75);
    EXPECT_EQ(eq.classOf(9), 0);  // an outlier squeezes the rest into class 1
    EXPECT_EQ(eq.classOf(100), 3);
    const ClassBreaks q = classify(v, Classification::Quantile, 5);
    ASSERT_EQ(q.count(), 5);
    EXPECT_EQ(q.classOf(1), 0);
    EXPECT_EQ(q.classOf(3), 1);
    EXPECT_EQ(q.classOf(9), 4);
    EXPECT_EQ(q.classOf(100), 4);
    // Many equal values merge duplicate quantile breaks.
    const ClassBreaks dup = classify({1, 1, 1, 1, 1, 1, 1, 1, 2, 3}, Classification::Quantile, 5);
    EXPECT_LT(dup.count(), 5);
    EXPECT_EQ(classify({4, 4}, Classification::Quantile, 5).count(), 1);
}

TEST(ReportScale, PalettesAreDistinctAndOrdered) {
    EXPECT_EQ(seriesColour(0).hex(), "#0072b2");
    EXPECT_NE(seriesColour(1).hex(), seriesColour(2).hex());
    EXPECT_EQ(seriesColour(8).hex(), seriesColour(0).hex());
    // Darker for higher classes.
    auto lum = [](Colour c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; };
    for (int i = 1; i < 5; ++i)
        EXPECT_LT(lum(classColour(i, 5)), lum(classColour(i - 1, 5)));
}

TEST(ReportNames, CsvFieldQuoting) {
    EXPECT_EQ(csvField("plain", ','), "plain");
    EXPECT_EQ(csvField("a,b", ','), "\"a,b\"");
    EXPECT_EQ(csvField("a;b", ','), "a;b");
    EXPECT_EQ(csvField("a;b", ';'), "\"a;b\"");
    EXPECT_EQ(csvField("zeg \"ja\"", ','), "\"zeg \"\"ja\"\"\"");
    EXPECT_EQ(csvField("regel1\nregel2", ','), "\"regel1\nregel2\"");
    EXPECT_EQ(csvField("a\rb", ','), "\"a\rb\"");
}

TEST(ReportNames, Slugs) {
    EXPECT_EQ(slugify("Financieringsmix per project (€)"), "financieringsmix-per-project");
    EXPECT_EQ(slugify("Coëfficiënt & Überblick"), "coefficient-uberblick");
    EXPECT_EQ(slugify("***"), "tabel");
    EXPECT_LE(slugify(std::string(100, 'a')).size(), 40u);
}

TEST(ReportNames, SheetNamesAreSanitisedShortAndUnique) {
    std::vector<std::string> taken{"Rapport"};
    EXPECT_EQ(sanitiseSheetName("Budget [2025]: realisatie/plan?", taken, "T"),
              "Budget 2025 realisatieplan");
    EXPECT_EQ(sanitiseSheetName("'rapport'", taken, "T"), "rapport (2)");
    const std::string longName(40, 'x');
    const std::string first = sanitiseSheetName(longName, taken, "T");
    EXPECT_EQ(first.size(), 31u);
    taken.push_back(first);
    const std::string second = sanitiseSheetName(longName, taken, "T");
    EXPECT_EQ(second.size(), 31u);
    EXPECT_EQ(second.substr(27), " (2)");
    EXPECT_EQ(sanitiseSheetName("[]", taken, "Tabel 3"), "Tabel 3");
    // 31 characters, not bytes: accented names are not cut in the middle of a character.
    const std::string accents =
        sanitiseSheetName(std::string(20, 'a') + "éééééééééééééééé", {}, "T");
    EXPECT_EQ(accents, std::string(20, 'a') + "ééééééééééé");
}

}  // namespace
}  // namespace kk::report
