// The core report set over the small demo workspace: every report in all four formats, XLSX
// amounts read back with xlsx2csv and compared to SQL to the cent, PDF page 1 rendered to PNG;
// and over the xl demo: progress and cancel, in-process and through SIGINT to the CLI.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/report/csv_writer.h"
#include "core/report/workspace_reports.h"
#include "core/report/writer.h"
#include "core/report/xlsx_writer.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

namespace kk::report {
namespace {

namespace fs = std::filesystem;

std::string outDir() {
    const fs::path dir = fs::path(KK_BINARY_DIR) / "test-output" / "reports";
    fs::create_directories(dir);
    return dir.string();
}

int shell(const std::string& command, std::string& out) {
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

bool have(const std::string& tool) {
    std::string out;
    return shell("command -v " + tool + " >/dev/null 2>&1", out) == 0;
}

std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty())
        rows.back().push_back(field);
    else
        rows.pop_back();
    return rows;
}

std::int64_t centsOf(const std::string& text) {
    std::size_t used = 0;
    const double euros = std::stod(text, &used);
    EXPECT_EQ(used, text.size()) << text;
    return std::llround(euros * 100);
}

/// Counts steps; cancels after `after` steps when after > 0.
class CountingProgress final : public Progress {
  public:
    explicit CountingProgress(int after = 0) : m_after(after) {}
    void step(std::int64_t, std::int64_t, std::string_view label) override {
        ++m_steps;
        m_labels.insert(std::string(label));
    }
    bool cancelled() const override { return m_after > 0 && m_steps >= m_after; }
    int steps() const { return m_steps; }
    const std::set<std::string>& labels() const { return m_labels; }

  private:
    int m_after;
    int m_steps = 0;
    std::set<std::string> m_labels;
};

std::int64_t sqlInt(Workspace& ws, const std::string& sql) {
    return ws.db().scalarInt(sql);
}

/// The sheet of the block titled `title` (XlsxWriter names sheets in report order).
std::string sheetOf(const Report& r, const std::string& title) {
    const auto names = XlsxWriter().sheetNames(r);
    std::size_t i = 1;  // 0 is the cover
    for (const auto& s : r.sections)
        for (const auto& b : s.blocks) {
            if (std::holds_alternative<TextBlock>(b))
                continue;
            if (infoOf(b).title == title)
                return names.at(i);
            ++i;
        }
    ADD_FAILURE() << "no block titled " << title;
    return {};
}

/// A data sheet read back: the header row and the rows below it (data, then totals).
struct Sheet {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::size_t column(const std::string& name) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name || header[i].rfind(name + " (", 0) == 0)
                return i;
        ADD_FAILURE() << "no column " << name;
        return 0;
    }
    /// The row whose first cell is `first` ("Totaal" for the totals row).
    const std::vector<std::string>& row(const std::string& first) const {
        for (const auto& r : rows)
            if (!r.empty() && r[0] == first)
                return r;
        ADD_FAILURE() << "no row " << first;
        static const std::vector<std::string> none(64);
        return none;
    }
};

/// Single-quoted for sh (sheet names hold apostrophes: "Programma's ...").
std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Sheet readSheet(const std::string& path, const std::string& sheet, const std::string& firstHeader) {
    std::string csv;
    EXPECT_EQ(shell("xlsx2csv --ignore-formats float -n " + quoted(sheet) + " " + quoted(path) +
                        " 2>/dev/null",
                    csv),
              0);
    const auto rows = parseCsv(csv);
    Sheet s;
    std::size_t i = 0;
    while (i < rows.size() && (rows[i].empty() || rows[i][0] != firstHeader))
        ++i;
    EXPECT_LT(i, rows.size()) << "header " << firstHeader << " in sheet " << sheet;
    if (i >= rows.size())
        return s;
    s.header = rows[i];
    for (++i; i < rows.size(); ++i)
        if (!rows[i].empty() && rows[i][0].rfind("Bron:", 0) != 0)
            s.rows.push_back(rows[i]);
    return s;
}

class WorkspaceReports : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_path = outDir() + "/demo-small.gpkg";
        fs::remove(s_path);
        std::string out;
        ASSERT_EQ(shell(std::string(KK_CLI) + " demo '" + s_path + "' 2>&1", out), 0) << out;
        addCalendarAndIndicators();
    }

    /// The demo has no calls, tranches, claims or indicators yet: add a few with known values.
    static void addCalendarAndIndicators() {
        auto ws = Workspace::open(s_path).value();
        ChangeSet cs(*ws, "report test data");
        const auto programme =
            ws->db().scalarInt("SELECT id FROM kk_programme WHERE code = 'SV-2026'");
        cs.insert("kk_call", kk::Row()
                                 .set("programme_id", programme)
                                 .set("code", std::string("CALL-SV-2026"))
                                 .set("name", std::string("Oproep stadsvernieuwing 2026"))
                                 .set("opens", std::string("2026-02-01"))
                                 .set("closes", std::string("2026-04-30"))
                                 .set("budget", std::int64_t{750000000})
                                 .set("status", std::string("open")));
        std::vector<std::pair<std::int64_t, std::int64_t>> awards;
        {
            auto st = ws->db().prepare(
                "SELECT id, amount FROM kk_award WHERE status = 'granted' ORDER BY id LIMIT 3");
            while (st.step())
                awards.emplace_back(st.getInt(0), st.getInt(1));
        }
        for (const auto& [id, amount] : awards) {
            cs.insert("kk_payment_tranche", kk::Row()
                                                .set("award_id", id)
                                                .set("kind", std::string("advance"))
                                                .set("due", std::string("2026-03-01"))
                                                .set("amount", amount / 2)
                                                .set("paid_on", std::string("2026-03-05")));
            cs.insert("kk_payment_tranche", kk::Row()
                                                .set("award_id", id)
                                                .set("kind", std::string("balance"))
                                                .set("due", std::string("2029-06-30"))
                                                .set("amount", amount - amount / 2));
            cs.insert("kk_claim", kk::Row()
                                      .set("award_id", id)
                                      .set("period_from", std::string("2026-01-01"))
                                      .set("period_to", std::string("2026-12-31"))
                                      .set("amount", std::int64_t{1000000})
                                      .set("submitted_on", std::string("2027-02-15"))
                                      .set("status", std::string("submitted")));
        }
        const auto p1 = ws->db().scalarInt("SELECT id FROM kk_project WHERE code = 'P00001'");
        const auto co1 = ws->db().scalarInt("SELECT id FROM kk_coalition WHERE code = 'CO-1'");
        auto indicator = [&](const char* code, const char* name, const char* unit,
                             const char* direction) {
            return cs.insert("kk_indicator", kk::Row()
                                                 .set("code", std::string(code))
                                                 .set("name", std::string(name))
                                                 .set("unit", std::string(unit))
                                                 .set("type", std::string("output"))
                                                 .set("direction", std::string(direction))
                                                 .set("aggregation", std::string("last")));
        };
        auto target = [&](std::int64_t ind, const char* kind, std::int64_t subject, int year,
                          const char* baseline, const char* value) {
            cs.insert("kk_target", kk::Row()
                                       .set("indicator_id", ind)
                                       .set("subject_kind", std::string(kind))
                                       .set("subject_id", subject)
                                       .set("year", std::int64_t{year})
                                       .set("baseline", std::string(baseline))
                                       .set("value", std::string(value)));
        };
        auto measure = [&](std::int64_t ind, const char* kind, std::int64_t subject, int year,
                           const char* value) {
            cs.insert("kk_measurement", kk::Row()
                                            .set("indicator_id", ind)
                                            .set("subject_kind", std::string(kind))
                                            .set("subject_id", subject)
                                            .set("year", std::int64_t{year})
                                            .set("value", std::string(value)));
        };
        const auto green = indicator("IND-GROEN", "Extra groen", "m²", "increase");
        target(green, "project", p1, 2027, "100", "600");
        target(green, "project", p1, 2028, "100", "800");
        measure(green, "project", p1, 2026, "250.5");
        measure(green, "project", p1, 2027, "480");
        const auto co2 = indicator("IND-CO2", "CO2-uitstoot", "ton", "decrease");
        target(co2, "coalition", co1, 2028, "1000", "800");
        measure(co2, "coalition", co1, 2026, "950");
        ASSERT_TRUE(cs.commit());
    }

    static Report build(const std::string& name, WorkspaceReportOptions o = {}) {
        auto ws = Workspace::open(s_path, true).value();
        NoProgress progress;
        o.asOf = Date(2026, 6, 1);
        auto r = buildWorkspaceReport(*ws, name, o, progress);
        EXPECT_TRUE(r) << (r ? "" : r.error().message());
        return r ? r.value() : Report{};
    }

    /// Writes the report in all four formats; returns the XLSX path. Page 1 of the PDF is
    /// rendered to <name>-page-1.png (page 2 too, the first page with content).
    static std::string writeAll(const Report& r, const std::string& name) {
        const std::string base = outDir() + "/" + name;
        NoProgress progress;
        for (const char* ext : {".xlsx", ".pdf", ".html"}) {
            fs::remove(base + ext);
            const auto s = writeReport(r, base + ext, progress);
            EXPECT_TRUE(s) << name << ext << ": " << (s ? "" : s.error().message());
            EXPECT_GT(fs::file_size(base + ext), 1000u) << name << ext;
        }
        CsvWriter csv;
        const auto files = csv.fileNames(r, base + ".csv");
        EXPECT_TRUE(csv.write(r, base + ".csv", progress));
        EXPECT_FALSE(files.empty());
        for (const auto& f : files)
            EXPECT_TRUE(fs::exists(f)) << f;
        if (have("pdftoppm")) {
            std::string out;
            EXPECT_EQ(
                shell("pdftoppm -png -r 60 -f 1 -l 2 '" + base + ".pdf' '" + base + "-page' 2>&1",
                      out),
                0)
                << out;
            EXPECT_TRUE(fs::exists(base + "-page-1.png"));
        }
        return base + ".xlsx";
    }

    static std::string s_path;
};

std::string WorkspaceReports::s_path;

TEST_F(WorkspaceReports, PortfolioAddsUpToTheWorkspaceToTheCent) {
    const Report r = build("portfolio");
    const std::string xlsx = writeAll(r, "portfolio");
    auto ws = Workspace::open(s_path, true).value();
    const auto cost = sqlInt(*ws, "SELECT SUM(amount) FROM kk_cost_item");
    const auto granted = sqlInt(*ws, "SELECT SUM(amount) FROM kk_award WHERE status='granted'");
    const auto expenses = sqlInt(*ws, "SELECT SUM(amount) FROM kk_expense");
    ASSERT_GT(granted, 0);
    // The map has a feature per municipality with geometry.
    const auto& map = std::get<MapBlock>(r.sections[1].blocks[0]);
    EXPECT_EQ(static_cast<std::int64_t>(map.features.size()),
              sqlInt(*ws,
                     "SELECT COUNT(*) FROM areas WHERE kind='municipality' AND geom IS "
                     "NOT NULL"));
    if (!have("xlsx2csv"))
        GTEST_SKIP() << "xlsx2csv is not installed";
    for (const char* what : {"gebied", "coalitie"}) {
        const std::string first = std::string(what) == "gebied" ? "Gebied" : "Coalitie";
        const Sheet s = readSheet(xlsx, sheetOf(r, std::string("Overzicht per ") + what), first);
        const auto& total = s.row("Totaal");
        EXPECT_EQ(centsOf(total[s.column("Totale kost")]), cost) << what;
        EXPECT_EQ(centsOf(total[s.column("Toegekend")]), granted) << what;
        EXPECT_EQ(centsOf(total[s.column("Uitgaven")]), expenses) << what;
        const Sheet f =
            readSheet(xlsx, sheetOf(r, std::string("Programma's en fondsen per ") + what), first);
        EXPECT_EQ(centsOf(f.row("Totaal")[f.column("Toegekend")]), granted) << what;
    }
    // Per coalition, each line equals its SQL sum.
    const Sheet s = readSheet(xlsx, sheetOf(r, "Overzicht per coalitie"), "Coalitie");
    auto st = ws->db().prepare(
        "SELECT co.code, SUM(c.amount) FROM kk_cost_item c JOIN kk_project p ON p.id ="
        " c.project_id JOIN kk_coalition co ON co.id = p.coalition_id GROUP BY co.code");
    int checked = 0;
    while (st.step()) {
        EXPECT_EQ(centsOf(s.row(st.getText(0))[s.column("Totale kost")]), st.getInt(1));
        ++checked;
    }
    EXPECT_GE(checked, 6);
}

TEST_F(WorkspaceReports, PortfolioFiltersByAreaAndCoalition) {
    auto ws = Workspace::open(s_path, true).value();
    const Report byCoalition = build("portfolio", {.coalition = "CO-2"});
    const auto& overview = std::get<TableBlock>(byCoalition.sections[2].blocks[0]);
    ASSERT_EQ(overview.rows.size(), 1u);
    EXPECT_EQ(std::get<Money>(overview.totals("Totaal")[4].value()).cents(),
              sqlInt(*ws,
                     "SELECT SUM(c.amount) FROM kk_cost_item c JOIN kk_project p ON p.id ="
                     " c.project_id JOIN kk_coalition co ON co.id = p.coalition_id WHERE"
                     " co.code = 'CO-2'"));
    NoProgress progress;
    auto bad = buildPortfolioReport(*ws, {.area = "99999"}, progress);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "report.unknown_area");
    EXPECT_EQ(bad.error().where, "--area");
    EXPECT_NE(bad.error().hint.find("areas list"), std::string::npos);
}

TEST_F(WorkspaceReports, FundingMixPerProjectAndPartner) {
    const Report r = build("funding-mix");
    const std::string xlsx = writeAll(r, "funding-mix");
    auto ws = Workspace::open(s_path, true).value();
    const auto granted = sqlInt(*ws, "SELECT SUM(amount) FROM kk_award WHERE status='granted'");
    // The charts stack every fund of the 15 largest projects and the uncovered rest.
    const auto& chart = std::get<ChartBlock>(r.sections[0].blocks[2]);
    EXPECT_EQ(chart.kind, ChartKind::StackedBar);
    EXPECT_EQ(chart.categories.size(), 15u);
    EXPECT_EQ(chart.series.back().name, "Niet gedekt (eigen bijdrage)");
    if (!have("xlsx2csv"))
        GTEST_SKIP() << "xlsx2csv is not installed";
    const Sheet s =
        readSheet(xlsx, sheetOf(r, "Kost en toegekende financiering per project"), "Project");
    auto st = ws->db().prepare(
        "SELECT p.code, COALESCE((SELECT SUM(amount) FROM kk_cost_item WHERE project_id = p.id),"
        " 0), COALESCE((SELECT SUM(amount) FROM kk_award WHERE project_id = p.id AND status ="
        " 'granted'), 0) FROM kk_project p");
    int rows = 0;
    while (st.step()) {
        const auto& row = s.row(st.getText(0));
        EXPECT_EQ(centsOf(row[s.column("Totale kost")]), st.getInt(1)) << st.getText(0);
        EXPECT_EQ(centsOf(row[s.column("Toegekend")]), st.getInt(2)) << st.getText(0);
        ++rows;
    }
    EXPECT_EQ(rows, 60);
    EXPECT_EQ(centsOf(s.row("Totaal")[s.column("Toegekend")]), granted);
    // Per partner the shared awards add up to the awards exactly.
    const Sheet p = readSheet(xlsx, sheetOf(r, "Kost en financiering per partner"), "Partner");
    EXPECT_EQ(centsOf(p.row("Totaal")[p.column("Toegekend (aandeel)")]), granted);
    EXPECT_EQ(centsOf(p.row("Totaal")[p.column("Gedragen kost")]),
              sqlInt(*ws, "SELECT SUM(amount) FROM kk_cost_item"));
}

TEST_F(WorkspaceReports, BudgetVsRealisedPerYear) {
    const Report r = build("budget-vs-realised");
    const std::string xlsx = writeAll(r, "budget-vs-realised");
    const auto& chart = std::get<ChartBlock>(r.sections[0].blocks[2]);
    EXPECT_EQ(chart.kind, ChartKind::Line);
    EXPECT_EQ(chart.series.size(), 2u);
    if (!have("xlsx2csv"))
        GTEST_SKIP() << "xlsx2csv is not installed";
    auto ws = Workspace::open(s_path, true).value();
    const Sheet s = readSheet(xlsx, sheetOf(r, "Gepland en gerealiseerd per jaar"), "Jaar");
    for (int year = 2026; year <= 2028; ++year) {
        const auto& row = s.row(std::to_string(year));
        EXPECT_EQ(centsOf(row[s.column("Gepland")]),
                  sqlInt(*ws, "SELECT SUM(amount) FROM kk_cost_item WHERE year = " +
                                  std::to_string(year)));
        EXPECT_EQ(centsOf(row[s.column("Gerealiseerd")]),
                  sqlInt(*ws, "SELECT SUM(amount) FROM kk_expense WHERE date LIKE '" +
                                  std::to_string(year) + "-%'"));
    }
    EXPECT_EQ(centsOf(s.row("Totaal")[s.column("Gerealiseerd")]),
              sqlInt(*ws, "SELECT SUM(amount) FROM kk_expense"));
}

TEST_F(WorkspaceReports, AllocationWithExplanationPerCell) {
    auto ws = Workspace::open(s_path, true).value();
    const Report r = build("allocation");
    const std::string xlsx = writeAll(r, "allocation");
    const auto& table = std::get<TableBlock>(r.sections[0].blocks[1]);
    const std::string code = r.parameters[1].second;
    const auto cost = sqlInt(*ws,
                             "SELECT SUM(c.amount) FROM kk_cost_item c JOIN kk_project p"
                             " ON p.id = c.project_id WHERE p.code = '" +
                                 code + "'");
    const Row totals = table.totals("Totaal");
    EXPECT_EQ(std::get<Money>(totals[4].value()).cents(), cost);
    // Every row: fund cells + own contribution = cost, to the cent.
    for (const Row& row : table.rows) {
        std::int64_t sum = 0;
        for (std::size_t c = 5; c < row.size(); ++c)
            sum += std::get<Money>(row[c].value()).cents();
        EXPECT_EQ(sum, std::get<Money>(row[4].value()).cents());
    }
    // Every cell has its sentence.
    const auto& why = std::get<TableBlock>(r.sections[1].blocks[0]);
    EXPECT_EQ(why.rows.size(), table.rows.size() * (table.columns.size() - 6));
    for (const Row& row : why.rows)
        EXPECT_FALSE(std::get<std::string>(row[3].value()).empty());
    NoProgress progress;
    auto bad = buildAllocationReport(*ws, {.strategy = "greedy"}, progress);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().hint.find("maximise_external"), std::string::npos);
    if (!have("xlsx2csv"))
        GTEST_SKIP() << "xlsx2csv is not installed";
    const Sheet s = readSheet(xlsx, sheetOf(r, "Verdeling per kostenpost en fonds"), "Kostenpost");
    EXPECT_EQ(centsOf(s.row("Totaal")[s.column("Kost")]), cost);
}

TEST_F(WorkspaceReports, IndicatorProgressIsExact) {
    const Report r = build("indicator-progress");
    writeAll(r, "indicator-progress");
    const auto& t = std::get<TableBlock>(r.sections[0].blocks[1]);
    ASSERT_EQ(t.rows.size(), 3u);
    // IND-CO2 (decrease) 1000 -> 800, measured 950: a quarter of the way.
    EXPECT_EQ(std::get<Rate>(t.rows[0][9].value()), Rate(1, 4));
    EXPECT_EQ(std::get<std::string>(t.rows[0][10].value()), "nog niet bereikt");
    // IND-GROEN 100 -> 600 in 2027, measured 480: 380/500 = 76 %.
    EXPECT_EQ(std::get<Rate>(t.rows[1][9].value()), Rate(19, 25));
    EXPECT_EQ(std::get<std::int64_t>(t.rows[1][8].value()), 2027);
    // ... and 100 -> 800 in 2028 with the same latest measurement: 380/700.
    EXPECT_EQ(std::get<Rate>(t.rows[2][9].value()), Rate(19, 35));
    EXPECT_EQ(std::get<Decimal>(t.rows[1][7].value()), (Decimal{4800, 1}));
    EXPECT_EQ(std::count_if(r.sections[0].blocks.begin(), r.sections[0].blocks.end(),
                            [](const Block& b) { return std::holds_alternative<ChartBlock>(b); }),
              2);
}

TEST_F(WorkspaceReports, SubsidyCalendarListsEveryDuty) {
    const Report r = build("subsidy-calendar");
    writeAll(r, "subsidy-calendar");
    auto ws = Workspace::open(s_path, true).value();
    const auto& t = std::get<TableBlock>(r.sections[0].blocks[1]);
    const auto expected =
        2 * sqlInt(*ws, "SELECT COUNT(*) FROM kk_call") +
        sqlInt(*ws, "SELECT COUNT(*) FROM kk_payment_tranche") +
        sqlInt(*ws, "SELECT COUNT(*) FROM kk_claim") +
        sqlInt(*ws, "SELECT COUNT(DISTINCT project_id) FROM kk_award WHERE status='granted'") +
        sqlInt(*ws, "SELECT COUNT(*) FROM kk_coalition WHERE agreement_to IS NOT NULL");
    EXPECT_EQ(static_cast<std::int64_t>(t.rows.size()), expected);
    for (std::size_t i = 1; i < t.rows.size(); ++i)
        EXPECT_LE(std::get<Date>(t.rows[i - 1][0].value()), std::get<Date>(t.rows[i][0].value()));
    EXPECT_EQ(std::get<Date>(t.rows[0][0].value()), Date(2026, 2, 1));
    // Paid and expected tranches, seen on 2026-06-01.
    int paid = 0, expectedTranches = 0;
    for (const Row& row : t.rows) {
        const auto& status = std::get<std::string>(row[6].value());
        paid += status == "betaald op 2026-03-05";
        expectedTranches += status == "verwacht";
    }
    EXPECT_EQ(paid, 3);
    EXPECT_EQ(expectedTranches, 3);
    // --from/--to keep only that window.
    const Report window =
        build("subsidy-calendar", {.from = Date(2026, 1, 1), .to = Date(2026, 12, 31)});
    // 2 call dates, 3 advances, 3 claims (period ends 2026-12-31) and the agreements ending.
    EXPECT_EQ(
        static_cast<std::int64_t>(std::get<TableBlock>(window.sections[0].blocks[1]).rows.size()),
        2 + 3 + 3 +
            sqlInt(*ws, "SELECT COUNT(*) FROM kk_coalition WHERE agreement_to LIKE '2026-%'"));
}

TEST_F(WorkspaceReports, CliWritesEveryFormatAndExplainsMistakes) {
    std::string out;
    for (const char* ext : {"xlsx", "pdf", "csv", "html"}) {
        const std::string file = outDir() + "/cli-budget." + ext;
        fs::remove(file);
        EXPECT_EQ(shell(std::string(KK_CLI) + " report budget-vs-realised '" + s_path +
                            "' --format " + ext + " --out '" + file + "' 2>&1",
                        out),
                  0)
            << out;
        EXPECT_NE(out.find("wrote"), std::string::npos) << out;
    }
    EXPECT_EQ(
        shell(std::string(KK_CLI) + " report nonsense '" + s_path + "' --out /tmp/x.pdf 2>&1", out),
        2);
    EXPECT_NE(out.find("subsidy-calendar"), std::string::npos) << out;
    EXPECT_EQ(shell(std::string(KK_CLI) + " report allocation '" + s_path +
                        "' --project NOPE --out /tmp/x.pdf 2>&1",
                    out),
              1);
    EXPECT_NE(out.find("--project"), std::string::npos) << out;
    EXPECT_EQ(shell(std::string(KK_CLI) + " report --list 2>&1", out), 0);
    EXPECT_NE(out.find("indicator-progress"), std::string::npos);
}

// --- The xl workspace: progress and cancel --------------------------------------------------

class XlReports : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_path = outDir() + "/demo-xl.gpkg";
        fs::remove(s_path);
        std::string out;
        ASSERT_EQ(shell(std::string(KK_CLI) + " demo '" + s_path + "' --scale xl 2>&1", out), 0)
            << out;
    }
    static std::string s_path;
};

std::string XlReports::s_path;

TEST_F(XlReports, BuildingShowsProgressAndCancels) {
    auto ws = Workspace::open(s_path, true).value();
    CountingProgress counting;
    auto r = buildFundingMixReport(*ws, {}, counting);
    ASSERT_TRUE(r) << r.error().message();
    EXPECT_EQ(std::get<TableBlock>(r.value().sections[0].blocks[0]).rows.size(), 20000u);
    EXPECT_GE(counting.steps(), 100);
    EXPECT_TRUE(counting.labels().count("funding-mix: projecten"));

    CountingProgress cancelling(20);
    auto cancelled = buildFundingMixReport(*ws, {}, cancelling);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, "cancelled");
    EXPECT_EQ(cancelling.steps(), 20);

    // Writing the 20,000-row report is cancelled too, and leaves no file behind.
    const std::string pdf = outDir() + "/xl-funding-mix.pdf";
    fs::remove(pdf);
    CountingProgress writeCancel(50);
    auto s = writeReport(r.value(), pdf, writeCancel);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, "cancelled");
    EXPECT_FALSE(fs::exists(pdf));
    for (const auto& e : fs::directory_iterator(outDir()))
        EXPECT_EQ(e.path().filename().string().find("xl-funding-mix.pdf.part"), std::string::npos);
}

TEST_F(XlReports, CliStopsOnSigintWithoutAFile) {
    const std::string pdf = outDir() + "/xl-portfolio-cancelled.pdf";
    fs::remove(pdf);
    int errPipe[2];
    ASSERT_EQ(pipe(errPipe), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        dup2(errPipe[1], 2);
        close(errPipe[0]);
        execl(KK_CLI, KK_CLI, "report", "funding-mix", s_path.c_str(), "--out", pdf.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(errPipe[1]);
    // Wait for the first progress line, then interrupt as a user would with Ctrl+C.
    std::string err;
    char buf[512];
    bool interrupted = false;
    ssize_t n = 0;
    while ((n = read(errPipe[0], buf, sizeof buf)) > 0) {
        err.append(buf, static_cast<std::size_t>(n));
        if (!interrupted && err.find("report: funding-mix: projecten") != std::string::npos) {
            kill(pid, SIGINT);
            interrupted = true;
        }
    }
    close(errPipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(interrupted) << err;
    ASSERT_TRUE(WIFEXITED(status)) << err;
    EXPECT_EQ(WEXITSTATUS(status), 1) << err;
    EXPECT_NE(err.find("cancelled"), std::string::npos) << err;
    EXPECT_FALSE(fs::exists(pdf));
}

}  // namespace
}  // namespace kk::report
