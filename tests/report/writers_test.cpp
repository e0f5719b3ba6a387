// End-to-end tests of the writers: every format written, read back and checked.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/report/csv_writer.h"
#include "core/report/html_writer.h"
#include "core/report/painter.h"
#include "core/report/pdf_writer.h"
#include "core/report/writer.h"
#include "core/report/xlsx_writer.h"
#include "report_fixture.h"

namespace kk::report {
namespace {

namespace fs = std::filesystem;
using test::demoReport;
using test::outputDir;
using test::run;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A number as xlsx2csv prints it (libxlsxwriter stores 16 significant digits, e.g.
/// "99765.28999999999") rounded to whole cents: the reverse of the documented border.
std::int64_t centsOf(const std::string& text) {
    std::size_t used = 0;
    const double euros = std::stod(text, &used);
    EXPECT_EQ(used, text.size()) << text;
    return std::llround(euros * 100);
}

bool have(const std::string& tool) {
    std::string out;
    return run("command -v " + tool + " >/dev/null 2>&1", out) == 0;
}

/// Cancels after `after` progress steps.
class CancelAfter final : public Progress {
  public:
    explicit CancelAfter(int after) : m_after(after) {}
    void step(std::int64_t, std::int64_t, std::string_view) override { ++m_steps; }
    bool cancelled() const override { return m_steps >= m_after; }
    int steps() const { return m_steps; }

  private:
    int m_after;
    int m_steps = 0;
};

/// Splits CSV text (RFC 4180, as xlsx2csv writes it) into rows of fields.
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
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty())
        rows.back().push_back(field);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

TEST(CsvWriter, OneFilePerTableWithQuotingAndExactMoney) {
    const Report r = demoReport();
    const std::string path = outputDir() + "/portfolio.csv";
    CsvWriter writer;
    const auto names = writer.fileNames(r, path);
    // 2 tables + 2 charts + 1 map, in report order.
    ASSERT_EQ(names.size(), 5u);
    EXPECT_EQ(fs::path(names[0]).filename(), "portfolio-01-projecten-en-toekenningen.csv");
    EXPECT_EQ(fs::path(names[1]).filename(), "portfolio-02-financieringsmix-per-project.csv");
    EXPECT_EQ(fs::path(names[3]).filename(), "portfolio-04-randfonds-per-inwoner.csv");
    EXPECT_EQ(fs::path(names[4]).filename(), "portfolio-05-kostenposten-per-project.csv");
    for (const auto& n : names)
        fs::remove(n);
    NoProgress progress;
    ASSERT_TRUE(writer.write(r, path, progress));
    EXPECT_FALSE(fs::exists(path));  // several tables: only the numbered files

    const std::string projects = readFile(names[0]);
    std::istringstream lines(projects);
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header,
              "Project,Gemeente,Totale kost,Randfonds,Eigen inbreng,Subsidiegraad,Start,"
              "Oppervlakte (ha)\r");
    // Comma and quotes quoted, money plain, rate as a fraction, ISO dates.
    EXPECT_NE(projects.find("\"Groene as \"\"De Zenne\"\", fase 2\",Vilvoorde,1850000.00,"
                            "740000.00,1110000.00,0.4,2023-03-01,12.50\r\n"),
              std::string::npos);
    // An embedded newline stays inside one quoted field.
    EXPECT_NE(projects.find("\"Wijkgezondheidscentrum\nOverijse\",Overijse,980000.00"),
              std::string::npos);
    const auto rows = parseCsv(projects);
    ASSERT_EQ(rows.size(), 6u);  // header + 5 projects, no totals by default
    EXPECT_EQ(rows[5][4], "1872270.59");

    // The cost table has all its rows.
    EXPECT_EQ(parseCsv(readFile(names[4])).size(),
              static_cast<std::size_t>(test::kCostItemRows) + 1);
}

TEST(CsvWriter, ExcelDutchPresetUsesBomSemicolonAndDecimalComma) {
    Report r;
    r.title = "Eén tabel";
    TableBlock& t = r.addSection("S").addTable("Bedragen");
    t.text("Naam").money("Bedrag").withTotals();
    t.addRow({"a;b", Money::fromCents(123456)}).addRow({"c", Money::fromCents(1)});
    const std::string path = outputDir() + "/excel-nl.csv";
    NoProgress progress;
    ASSERT_TRUE(CsvWriter(CsvOptions::excelDutch()).write(r, path, progress));
    EXPECT_EQ(readFile(path),
              "\xEF\xBB\xBFNaam;Bedrag\r\n\"a;b\";1234,56\r\nc;0,01\r\n"
              "Totaal;1234,57\r\n");
}

TEST(XlsxWriter, SheetsAndNumbersReadBackToTheCent) {
    if (!have("xlsx2csv"))
        GTEST_SKIP() << "xlsx2csv is not installed";
    const Report r = demoReport();
    const std::string path = outputDir() + "/portfolio.xlsx";
    fs::remove(path);
    NoProgress progress;
    XlsxWriter writer;
    ASSERT_TRUE(writer.write(r, path, progress));
    const auto names = writer.sheetNames(r);
    EXPECT_EQ(names, (std::vector<std::string>{
                         "Rapport", "Projecten en toekenningen", "Financieringsmix per project",
                         "Budget en realisatie per jaar", "Randfonds per inwoner",
                         "Kostenposten per project", "Toelichting"}));

    // Sheet names as Excel sees them.
    std::string listing;
    ASSERT_EQ(run("xlsx2csv -a '" + path + "' 2>/dev/null", listing), 0);
    for (const auto& n : names)
        EXPECT_NE(listing.find(" - " + n + "\n"), std::string::npos) << n;

    std::string csv;
    ASSERT_EQ(run("xlsx2csv --ignore-formats float -n 'Projecten en toekenningen' '" + path +
                      "' 2>/dev/null",
                  csv),
              0);
    const auto rows = parseCsv(csv);
    const auto& table = std::get<TableBlock>(r.sections[0].blocks[0]);
    // Row 1 title, row 2 unit, row 3 header, then the data, then totals.
    ASSERT_GE(rows.size(), 3 + table.rows.size() + 1);
    EXPECT_EQ(rows[0][0], "Projecten en toekenningen");
    EXPECT_EQ(rows[2][2], "Totale kost");
    for (std::size_t i = 0; i < table.rows.size(); ++i)
        for (std::size_t c : {2u, 3u, 4u}) {
            EXPECT_EQ(centsOf(rows[3 + i][c]), std::get<Money>(table.rows[i][c].value()).cents())
                << "row " << i << " column " << c;
        }
    const Row totals = table.totals("Totaal");
    const auto& totalRow = rows[3 + table.rows.size()];
    EXPECT_EQ(totalRow[0], "Totaal");
    for (std::size_t c : {2u, 3u, 4u})
        EXPECT_EQ(centsOf(totalRow[c]), std::get<Money>(totals[c].value()).cents());

    // The long table: every amount equal to the model.
    ASSERT_EQ(run("xlsx2csv --ignore-formats float -n 'Kostenposten per project' '" + path +
                      "' 2>/dev/null",
                  csv),
              0);
    const auto costRows = parseCsv(csv);
    const auto& costs = std::get<TableBlock>(r.sections[3].blocks[1]);
    ASSERT_GE(costRows.size(), 3 + costs.rows.size() + 1);
    for (std::size_t i = 0; i < costs.rows.size(); ++i)
        EXPECT_EQ(centsOf(costRows[3 + i][3]), std::get<Money>(costs.rows[i][3].value()).cents());
    EXPECT_EQ(centsOf(costRows[3 + costs.rows.size()][3]),
              std::get<Money>(costs.totals("T")[3].value()).cents());
}

TEST(HtmlWriter, StandaloneEscapedWithInlineSvg) {
    Report r = demoReport();
    TableBlock& evil = r.sections[0].addTable("<script>alert('x')</script>");
    evil.text("Naam").money("Bedrag");
    evil.addRow({"<script>document.cookie</script> & \"co\"", Money::fromEuros(1)});
    const std::string path = outputDir() + "/portfolio.html";
    NoProgress progress;
    ASSERT_TRUE(HtmlWriter().write(r, path, progress));
    const std::string html = readFile(path);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;document.cookie&lt;/script&gt; &amp; &quot;co&quot;"),
              std::string::npos);
    EXPECT_NE(html.find("Groene as &quot;De Zenne&quot;, fase 2"), std::string::npos);
    EXPECT_NE(html.find("€ 9.625.752,24"), std::string::npos);  // totals row
    EXPECT_NE(html.find("data-value=\"9625752.24\""), std::string::npos);
    // Three figures, each an inline SVG with its own id prefix, no external resources.
    std::size_t svgs = 0;
    for (std::size_t at = html.find("<svg"); at != std::string::npos;
         at = html.find("<svg", at + 1))
        ++svgs;
    EXPECT_EQ(svgs, 3u);
    EXPECT_NE(html.find("id=\"f2-glyph"), std::string::npos);
    EXPECT_EQ(html.find("<?xml"), std::string::npos);
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
}

TEST(PdfWriter, CoverContentsFooterAndPagePng) {
    if (!have("pdftotext") || !have("pdftoppm"))
        GTEST_SKIP() << "poppler-utils are not installed";
    const Report r = demoReport();
    const std::string path = outputDir() + "/portfolio.pdf";
    fs::remove(path);
    NoProgress progress;
    ASSERT_TRUE(PdfWriter().write(r, path, progress));

    std::string text;
    ASSERT_EQ(run("pdftotext '" + path + "' - 2>/dev/null", text), 0);
    std::vector<std::string> pages;
    std::stringstream all(text);
    for (std::string page; std::getline(all, page, '\f');)
        pages.push_back(page);
    if (!pages.empty() && pages.back().find_first_not_of(" \n") == std::string::npos)
        pages.pop_back();
    const std::size_t n = pages.size();
    ASSERT_GE(n, 5u);
    EXPECT_NE(pages[0].find("Portfolio Vlaamse Rand 2025"), std::string::npos);
    EXPECT_NE(pages[0].find("Inhoud"), std::string::npos);
    for (const char* entry :
         {"1. Portfolio per project", "2. Budget versus realisatie", "3. Kaart", "4. Toelichting",
          "Financieringsmix per project", "Kostenposten per project"})
        EXPECT_NE(pages[0].find(entry), std::string::npos) << entry;
    for (std::size_t p = 0; p < n; ++p)
        EXPECT_NE(pages[p].find(std::to_string(p + 1) + " / " + std::to_string(n)),
                  std::string::npos)
            << "footer of page " << p + 1;
    EXPECT_NE(pages[0].find("Gemaakt op 14/11/2025"), std::string::npos);
    // The TOC's page number for section 2 points at the page that starts with it.
    std::smatch m;
    std::string layout;
    ASSERT_EQ(run("pdftotext -layout -f 1 -l 1 '" + path + "' - 2>/dev/null", layout), 0);
    ASSERT_TRUE(
        std::regex_search(layout, m, std::regex(R"(2\. Budget versus realisatie[ .]*(\d+))")));
    const int budgetPage = std::stoi(m[1]);
    ASSERT_LE(static_cast<std::size_t>(budgetPage), n);
    EXPECT_NE(pages[static_cast<std::size_t>(budgetPage) - 1].find("Budget en realisatie per jaar"),
              std::string::npos);

    // The long table spans pages and repeats its header with "(vervolg)".
    int withHeader = 0;
    int continued = 0;
    for (const auto& page : pages) {
        if (page.find("Kostenpost ") != std::string::npos &&
            page.find("Categorie") != std::string::npos && page.find("Bedrag") != std::string::npos)
            ++withHeader;
        if (page.find("Kostenposten per project (vervolg)") != std::string::npos)
            ++continued;
    }
    EXPECT_GE(withHeader, 2);
    EXPECT_GE(continued, 1);
    EXPECT_NE(text.find("Kostenpost 120"), std::string::npos);

    // Page 1 as PNG for people to look at.
    const std::string png = outputDir() + "/portfolio-page1";
    fs::remove(png + "-1.png");
    fs::remove(png + "-01.png");
    std::string out;
    ASSERT_EQ(run("pdftoppm -png -r 60 -f 1 -l 1 '" + path + "' '" + png + "'", out), 0);
    const std::string file = fs::exists(png + "-1.png") ? png + "-1.png" : png + "-01.png";
    ASSERT_TRUE(fs::exists(file));
    EXPECT_GT(fs::file_size(file), 5000u);
}

TEST(PdfWriter, ChartAndMapPagesRenderAsPng) {
    if (!have("pdftoppm"))
        GTEST_SKIP() << "poppler-utils are not installed";
    const std::string path = outputDir() + "/portfolio.pdf";
    NoProgress progress;
    ASSERT_TRUE(PdfWriter().write(demoReport(), path, progress));
    std::string out;
    ASSERT_EQ(
        run("pdftoppm -png -r 60 -f 2 -l 4 '" + path + "' '" + outputDir() + "/portfolio-page'",
            out),
        0);
}

TEST(Painters, PngAndSvgOfTheSameChart) {
    const Report r = demoReport();
    const Block& chart = r.sections[0].blocks[1];
    const std::string png = renderPng(chart, 480, 260);
    ASSERT_GT(png.size(), 2000u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    std::ofstream(outputDir() + "/funding-mix.png", std::ios::binary) << png;
    const std::string mapPng = renderPng(r.sections[2].blocks[0], 480, 340);
    std::ofstream(outputDir() + "/map.png", std::ios::binary) << mapPng;
    EXPECT_GT(mapPng.size(), 2000u);
    const std::string svg = renderSvg(chart, 480, 260, "x-");
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_TRUE(renderSvg(r.sections[0].blocks[0], 10, 10).empty());  // tables are not drawn
}

class Cancellation : public ::testing::TestWithParam<std::string> {};

TEST_P(Cancellation, LeavesNoFileBehind) {
    const fs::path dir = fs::path(outputDir()) / ("cancel-" + GetParam());
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / ("report." + GetParam())).string();
    CancelAfter progress(2);
    const Status st = writeReport(demoReport(), path, progress);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "cancelled");
    EXPECT_EQ(st.error().where, path);
    EXPECT_TRUE(fs::is_empty(dir)) << "left behind: " << fs::directory_iterator(dir)->path();
}

INSTANTIATE_TEST_SUITE_P(AllFormats, Cancellation, ::testing::Values("csv", "xlsx", "html", "pdf"));

TEST(Writers, ProgressCountsUpAndErrorsAreUserFacing) {
    int calls = 0;
    std::int64_t last = -1;
    std::int64_t total = 0;
    CallbackProgress progress([&](std::int64_t done, std::int64_t t, std::string_view) {
        ++calls;
        EXPECT_GE(done, last);
        last = done;
        total = t;
    });
    ASSERT_TRUE(writeReport(demoReport(), outputDir() + "/progress.pdf", progress));
    EXPECT_GT(calls, 5);
    EXPECT_EQ(last, total);

    NoProgress none;
    const Status unknown = writeReport(demoReport(), outputDir() + "/report.docx", none);
    EXPECT_EQ(unknown.error().code, "report.format");
    EXPECT_FALSE(unknown.error().hint.empty());
    const Status folder = writeReport(demoReport(), "/nonexistent-kk-folder/r.pdf", none);
    EXPECT_EQ(folder.error().code, "report.folder");
    EXPECT_EQ(folder.error().where, "/nonexistent-kk-folder");

    Report bad = demoReport();
    std::get<TableBlock>(bad.sections[0].blocks[0]).rows[1][2] = "veel";
    const Status invalid = writeReport(bad, outputDir() + "/bad.xlsx", none);
    EXPECT_EQ(invalid.error().code, "report.table");
    EXPECT_FALSE(fs::exists(outputDir() + "/bad.xlsx"));
}

}  // namespace
}  // namespace kk::report
