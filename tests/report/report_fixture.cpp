// Builds the demo report the writer tests export: every block kind, Flemish programme figures.
#include "report_fixture.h"

#include <sys/wait.h>
#include <cstdio>
#include <filesystem>

namespace kk::report::test {
namespace {

Money euro(std::int64_t euros, std::int64_t cents = 0) {
    return Money::fromCents(euros * 100 + cents);
}

/// A square-ish municipality polygon in Lambert 72 metres.
Ring box(double x, double y, double w, double h) {
    return {{x, y}, {x + w, y}, {x + w, y + h}, {x + w * 0.6, y + h * 1.08}, {x, y + h}};
}

}  // namespace

Report demoReport() {
    Report r;
    r.title = "Portfolio Vlaamse Rand 2025";
    r.subtitle = "Projecten, financiering en voortgang in de 19 randgemeenten";
    r.author = "Programmacoördinator Vlaamse Rand";
    r.organisation = "Agentschap Binnenlands Bestuur";
    r.generatedAt = Date(2025, 11, 14);
    r.addParameter("Werkruimte", "vlaamse-rand.gpkg")
        .addParameter("Periode", "2021-01-01 – 2026-12-31")
        .addParameter("Gebied", "Vlaamse Rand (19 gemeenten)");

    Section& portfolio = r.addSection("Portfolio per project");
    TableBlock& projects =
        portfolio.addTable("Projecten en toekenningen", "Werkruimte, toekenningen per 14/11/2025");
    projects.text("Project")
        .text("Gemeente")
        .money("Totale kost")
        .money("Randfonds")
        .money("Eigen inbreng")
        .rateOf("Subsidiegraad", 3, 2)
        .date("Start")
        .decimal("Oppervlakte", 2, "ha");
    projects.unit = "euro";
    projects
        .addRow({"Groene as \"De Zenne\", fase 2", "Vilvoorde", euro(1'850'000), euro(740'000),
                 euro(1'110'000), Rate(2, 5), Date(2023, 3, 1), Decimal{1250, 2}})
        .addRow({"Schoolgebouw Wezembeek-Oppem", "Wezembeek-Oppem", euro(2'400'000, 50),
                 euro(960'000), euro(1'440'000, 50), Rate::percent(40), Date(2024, 9, 1),
                 Decimal{85, 2}})
        .addRow({"Fietsverbinding Zaventem–Kraainem", "Zaventem", euro(1'275'300, 75),
                 euro(637'650, 37), euro(637'650, 38), Rate(1, 2), Date(2022, 5, 15),
                 Decimal{420, 2}})
        .addRow({"Wijkgezondheidscentrum\nOverijse", "Overijse", euro(980'000), euro(392'000),
                 euro(588'000), Rate::percent(40), Date(2025, 1, 6), Cell{}})
        .addRow({"Cultuurhuis Dilbeek", "Dilbeek", euro(3'120'450, 99), euro(1'248'180, 40),
                 euro(1'872'270, 59), Rate(2, 5), Date(2021, 10, 1), Decimal{31, 2}})
        .withTotals();

    ChartBlock& mix = portfolio.addChart(ChartKind::StackedBar, "Financieringsmix per project",
                                         "Toekenningen en begrotingen in de werkruimte");
    mix.unit = "euro";
    mix.xAxisTitle = "Project";
    mix.yAxisTitle = "Bedrag";
    mix.categories = {"Groene as", "Schoolgebouw", "Fietsverbinding", "Gezondheidscentrum",
                      "Cultuurhuis"};
    mix.addSeries("Vlaamse Randfonds", {euro(740'000), euro(960'000), euro(637'650, 37),
                                        euro(392'000), euro(1'248'180, 40)})
        .addSeries("Stadsvernieuwing", {euro(500'000), Cell{}, Cell{}, Cell{}, euro(750'000)})
        .addSeries("Provincie Vlaams-Brabant",
                   {euro(150'000), euro(300'000), euro(400'000), euro(120'000), euro(250'000)})
        .addSeries("Eigen inbreng gemeente", {euro(460'000), euro(1'140'000, 50), euro(237'650, 38),
                                              euro(468'000), euro(872'270, 59)});

    Section& budget = r.addSection("Budget versus realisatie");
    ChartBlock& line = budget.addChart(ChartKind::Line, "Budget en realisatie per jaar",
                                       "Meerjarenplan en jaarrekeningen (BBC)");
    line.unit = "euro";
    line.xAxisTitle = "Jaar";
    line.yAxisTitle = "Bedrag";
    line.categories = {"2021", "2022", "2023", "2024", "2025", "2026"};
    line.addSeries("Budget", {euro(5'550'000), euro(5'550'000), euro(5'550'000), euro(5'550'000),
                              euro(5'550'000), euro(5'550'000)})
        .addSeries("Realisatie", {euro(3'912'410, 12), euro(4'870'002, 5), euro(5'301'877),
                                  euro(5'120'300, 40), euro(2'480'000), Cell{}});
    TextBlock& note = budget.addText("Leeswijzer", TextStyle::Note);
    note.add(
        "Het Vlaamse Randfonds beschikt over 5.550.000 euro per jaar. Realisatie 2025 loopt "
        "tot 14 november; 2026 is nog niet gerealiseerd en ontbreekt in de lijn.");

    Section& mapSection = r.addSection("Kaart");
    MapBlock& map = mapSection.addMap("Randfonds per inwoner", "Statbel bevolking 1/1/2025");
    map.valueTitle = "euro per inwoner";
    map.classification = Classification::Quantile;
    map.classCount = 4;
    map.addFeature("Vilvoorde", {box(155000, 178000, 6000, 5000)}, Decimal{1722, 2})
        .addFeature("Zaventem", {box(161000, 172000, 6000, 6000)}, Decimal{1912, 2})
        .addFeature("Kraainem", {box(158000, 168000, 3000, 4000)}, Decimal{512, 2})
        .addFeature("Wezembeek-Oppem", {box(161000, 166000, 3500, 4000)}, Decimal{6884, 2})
        .addFeature("Overijse", {box(160000, 156000, 8000, 7000), box(162500, 158000, 2000, 2000)},
                    Decimal{1585, 2})
        .addFeature("Dilbeek", {box(139000, 169000, 7000, 6000)}, Decimal{2997, 2})
        .addFeature("Sint-Genesius-Rode", {box(147000, 157000, 6000, 5500)}, Cell{});
    map.addOutline({{138000, 155000}, {170000, 155000}, {170000, 185000}, {138000, 185000}});
    map.addMarker("Cultuurhuis", {141000, 170200}).addMarker("Groene as", {160200, 178600});

    Section& notes = r.addSection("Toelichting");
    notes.addText("Methode")
        .add(
            "Bedragen zijn exact tot op de cent. Subsidiegraden zijn exacte breuken: het "
            "totaal is de verhouding van de totalen, geen gemiddelde van de percentages.")
        .add("Klassen op de kaart zijn kwantielen: elke klasse telt ongeveer evenveel gemeenten.");

    TableBlock& costs = notes.addTable("Kostenposten per project", "Kostenramingen");
    costs.text("Kostenpost").text("Categorie").year("Jaar").money("Bedrag");
    static const char* kCategories[] = {"Studie", "Werken", "Uitrusting", "Personeel"};
    for (int i = 0; i < kCostItemRows; ++i)
        costs.addRow({"Kostenpost " + std::to_string(i + 1), kCategories[i % 4], 2021 + i % 6,
                      Money::fromCents(1'000'00 + i * 12'345'67 % 9'876'543)});
    costs.withTotals();
    return r;
}

std::string outputDir() {
    const std::filesystem::path dir =
        std::filesystem::path(KK_BINARY_DIR) / "test-output" / "report";
    std::filesystem::create_directories(dir);
    return dir.string();
}

int run(const std::string& command, std::string& out) {
    out.clear();
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return -1;
    char buf[4096];
    std::size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
        out.append(buf, n);
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace kk::report::test
