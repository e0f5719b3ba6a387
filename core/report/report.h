// The report model: a report is data (sections of tables, charts, maps and text) that every
// writer (CSV, XLSX, HTML, PDF) and the GUI preview turn into their own form.
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/money.h"
#include "core/base/rate.h"

namespace kk::report {

struct ReportLabels;

/// An exact decimal number (hectares, leverage ratios, indicator values): scaled / 10^places.
/// Totals of decimals are exact; conversion to double happens only when drawing or at the
/// XLSX border.
struct Decimal {
    std::int64_t scaled = 0;
    int places = 0;  ///< 0..9

    /// Rounds half away from zero to `places` decimals (for values that arrive as doubles,
    /// e.g. from Lua indicator rules).
    static Decimal fromDouble(double value, int places);
    double toDouble() const;
    /// Machine form with '.' and exactly `places` decimals: "12.50".
    std::string toString() const;
    /// The same value with more decimals (never fewer: no silent rounding).
    Decimal withPlaces(int morePlaces) const;
    bool operator==(const Decimal& o) const;
};

/// What a column holds; decides alignment, number format and how totals are formed.
enum class ColumnType { Text, Money, Rate, Integer, Decimal, Date };

enum class Align { Auto, Left, Center, Right };

/// One value in a table or chart. Empty (monostate) means "no value" (blank cell, chart gap).
/// The implicit constructors let rows be written as {"Gent", Money::fromEuros(5), 12}.
class Cell {
  public:
    using Value =
        std::variant<std::monostate, std::string, Money, Rate, std::int64_t, Decimal, Date>;
    Cell() = default;
    Cell(std::string text) : m_value(std::move(text)) {}    // NOLINT implicit by design
    Cell(const char* text) : m_value(std::string(text)) {}  // NOLINT
    Cell(Money m) : m_value(m) {}                           // NOLINT
    Cell(Rate r) : m_value(r) {}                            // NOLINT
    Cell(std::int64_t n) : m_value(n) {}                    // NOLINT
    Cell(int n) : m_value(static_cast<std::int64_t>(n)) {}  // NOLINT
    Cell(Decimal d) : m_value(d) {}                         // NOLINT
    Cell(Date d) : m_value(d) {}                            // NOLINT

    const Value& value() const { return m_value; }
    bool isEmpty() const { return m_value.index() == 0; }
    /// The ColumnType this value belongs to; nullopt for an empty cell.
    std::optional<ColumnType> type() const;
    /// Numeric approximation for drawing only (money in euros, rates as fractions).
    std::optional<double> toDouble() const;
    bool operator==(const Cell& o) const { return m_value == o.m_value; }

  private:
    Value m_value;
};

/// How the totals row fills a column.
enum class TotalKind {
    None,   ///< blank
    Sum,    ///< exact sum (money in cents, decimals at the widest scale)
    Ratio,  ///< exact Rate: total of column `ratioOf.first` / total of column `ratioOf.second`
};

struct Column {
    std::string header{};
    ColumnType type = ColumnType::Text;
    std::string unit{};         ///< shown after the header, e.g. "ha"; money and rates need none
    Align align = Align::Auto;  ///< Auto: numbers right, text left, dates center
    int decimals = 2;           ///< display decimals for Decimal columns
    bool grouping = true;       ///< thousands separators ("12.345"); off for years and codes
    TotalKind total = TotalKind::None;
    std::pair<int, int> ratioOf{-1, -1};  ///< for TotalKind::Ratio: numerator, denominator

    Align effectiveAlign() const;
    /// "Oppervlakte (ha)" — header with the unit in brackets when there is one.
    std::string headerWithUnit() const;
};

/// Title, unit and source shared by every block kind.
struct BlockInfo {
    std::string title;
    std::string unit;    ///< e.g. "euro", "ha"; shown next to the title
    std::string source;  ///< footnote: where the numbers come from
};

using Row = std::vector<Cell>;

struct TableBlock : BlockInfo {
    std::vector<Column> columns;
    std::vector<Row> rows;
    bool showTotals = false;
    std::string totalsLabel;  ///< empty: the report's label ("Totaal")

    /// Builder helpers; each returns *this so calls can be chained.
    TableBlock& addColumn(Column column);
    TableBlock& text(std::string header);
    TableBlock& money(std::string header, TotalKind total = TotalKind::Sum);
    TableBlock& rate(std::string header);
    /// A rate column whose total is the exact ratio of two money/number column totals.
    TableBlock& rateOf(std::string header, int numeratorColumn, int denominatorColumn);
    TableBlock& integer(std::string header, std::string unit = {},
                        TotalKind total = TotalKind::Sum);
    TableBlock& decimal(std::string header, int decimals, std::string unit = {},
                        TotalKind total = TotalKind::Sum);
    TableBlock& date(std::string header);
    /// An integer column shown without thousands separators and without a total (years).
    TableBlock& year(std::string header);
    TableBlock& addRow(Row row);
    TableBlock& addRow(std::initializer_list<Cell> cells) { return addRow(Row(cells)); }
    TableBlock& withTotals(std::string label = {});

    /// The totals row, computed exactly from the cells (no floating point). Text columns are
    /// blank except the first column, which carries `label`. Throws KkError on overflow.
    Row totals(const std::string& label) const;
    /// Every row has as many cells as there are columns and each cell fits its column type.
    Status validate(const std::string& where) const;
};

enum class ChartKind {
    StackedBar,  ///< one bar per category, series stacked (funding mix per project/partner)
    Line,        ///< one line per series over the categories (budget vs realised per year)
};

struct Series {
    std::string name;
    std::vector<Cell> values;  ///< one per category: Money, Integer, Decimal or empty (gap)
};

struct ChartBlock : BlockInfo {
    ChartKind kind = ChartKind::StackedBar;
    std::vector<std::string> categories;
    std::vector<Series> series;
    std::string xAxisTitle;
    std::string yAxisTitle;
    bool valueLabels = true;  ///< segment values / point values drawn when they fit

    ChartBlock& addCategory(std::string category);
    ChartBlock& addSeries(std::string name, std::vector<Cell> values);
    /// Whether the values are money (decides axis formatting).
    bool isMoney() const;
    /// The data as a table: a category column and one column per series (totals shown for
    /// stacked bars). Headers missing from the model come from `labels`.
    TableBlock toTable(const ReportLabels& labels) const;
    Status validate(const std::string& where) const;
};

/// A point in projected coordinates (metres, e.g. Belgian Lambert 72), y pointing north.
struct MapPoint {
    double x = 0;
    double y = 0;
};
/// A closed ring; the last point need not repeat the first.
using Ring = std::vector<MapPoint>;

/// A polygon or multipolygon: all rings are filled with the even-odd rule, so holes and
/// separate parts need no further structure.
struct MapFeature {
    std::string label;
    std::vector<Ring> rings;
    Cell value;  ///< Money, Integer, Decimal or Rate; empty = no data (drawn grey)
};

struct MapMarker {
    std::string label;
    MapPoint at;
};

/// How choropleth class breaks are chosen (see classify()).
enum class Classification {
    Quantile,       ///< each class holds about the same number of features
    EqualInterval,  ///< classes of equal width between the minimum and maximum
};

struct MapBlock : BlockInfo {
    std::vector<MapFeature> features;
    std::vector<Ring> outlines;      ///< optional outline layer (e.g. the programme area)
    std::vector<MapMarker> markers;  ///< optional point layer (e.g. project locations)
    Classification classification = Classification::Quantile;
    int classCount = 5;      ///< 2..9
    std::string valueTitle;  ///< legend heading, e.g. "Subsidie per inwoner"
    bool labels = true;      ///< feature labels drawn where they fit

    MapBlock& addFeature(std::string label, std::vector<Ring> rings, Cell value);
    MapBlock& addOutline(Ring ring);
    MapBlock& addMarker(std::string label, MapPoint at);
    /// Label, value and class number (1-based, see classify()) per feature.
    TableBlock toTable(const ReportLabels& labels) const;
    Status validate(const std::string& where) const;
};

enum class TextStyle { Body, Note };

struct TextBlock : BlockInfo {
    std::vector<std::string> paragraphs;
    TextStyle style = TextStyle::Body;
    TextBlock& add(std::string paragraph);
};

using Block = std::variant<TableBlock, ChartBlock, MapBlock, TextBlock>;

/// The common title/unit/source of any block.
const BlockInfo& infoOf(const Block& block);

/// A chapter. References returned by the add* helpers stay valid while more blocks are added
/// (blocks live in a deque).
struct Section {
    std::string title;
    std::deque<Block> blocks;

    TableBlock& addTable(std::string title, std::string source = {});
    ChartBlock& addChart(ChartKind kind, std::string title, std::string source = {});
    MapBlock& addMap(std::string title, std::string source = {});
    TextBlock& addText(std::string title = {}, TextStyle style = TextStyle::Body);
};

/// The fixed words writers print. Dutch by default; the UI may pass translated labels.
struct ReportLabels {
    std::string language = "nl";  ///< BCP 47 tag for the HTML lang attribute and PDF metadata
    std::string data = "Gegevens";
    std::string contents = "Inhoud";
    std::string total = "Totaal";
    std::string source = "Bron";
    std::string generated = "Gemaakt op";
    std::string author = "Auteur";
    std::string organisation = "Organisatie";
    std::string continued = "vervolg";
    std::string noData = "geen gegevens";
    std::string notes = "Toelichting";
    std::string cover = "Rapport";
    std::string category = "Categorie";
    std::string label = "Naam";
    std::string value = "Waarde";
    std::string mapClass = "Klasse";
    std::string quantile = "kwantielen";
    std::string equalInterval = "gelijke intervallen";
};

struct Report {
    std::string title;
    std::string subtitle;
    std::string author;
    std::string organisation;
    Date generatedAt = Date::today();
    /// Shown on the cover in this order, e.g. {"Werkruimte", "demo.gpkg"}, {"Periode", ...}.
    std::vector<std::pair<std::string, std::string>> parameters;
    std::deque<Section> sections;
    ReportLabels labels;

    Report& addParameter(std::string name, std::string value);
    Section& addSection(std::string title);
    /// Checks every block; the error names the section, block, row and column.
    Status validate() const;
    /// Number of blocks in all sections (writers use it for progress).
    std::int64_t blockCount() const;
};

}  // namespace kk::report
