// Builders, exact totals and validation for the report model.
#include "core/report/report.h"

#include <algorithm>
#include <cmath>

#include "core/report/scale.h"

namespace kk::report {
namespace {

constexpr std::int64_t kPow10[] = {1,       10,        100,        1'000,       10'000,
                                   100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};

std::int64_t checkedAdd(std::int64_t a, std::int64_t b, const char* what) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        throw KkError(makeError("report.overflow", std::string("the total of ") + what +
                                                       " is too large to compute exactly"));
    return r;
}

const char* typeName(ColumnType t) {
    switch (t) {
        case ColumnType::Text:
            return "text";
        case ColumnType::Money:
            return "money";
        case ColumnType::Rate:
            return "rate";
        case ColumnType::Integer:
            return "integer";
        case ColumnType::Decimal:
            return "decimal";
        case ColumnType::Date:
            return "date";
    }
    return "?";
}

bool isChartValue(const Cell& c) {
    const auto t = c.type();
    return !t || *t == ColumnType::Money || *t == ColumnType::Integer || *t == ColumnType::Decimal;
}

}  // namespace

// --- Decimal -------------------------------------------------------------------------------

Decimal Decimal::fromDouble(double value, int places) {
    if (places < 0 || places > 9 || !std::isfinite(value))
        throw KkError(makeError("report.decimal", "cannot store this number as a decimal", {},
                                "use 0 to 9 decimals and a finite value"));
    const double scaled = std::round(value * static_cast<double>(kPow10[places]));
    if (std::fabs(scaled) > 9.0e18)
        throw KkError(makeError("report.decimal", "number too large for a report decimal"));
    return Decimal{static_cast<std::int64_t>(scaled), places};
}

double Decimal::toDouble() const {
    return static_cast<double>(scaled) / static_cast<double>(kPow10[places]);
}

std::string Decimal::toString() const {
    const bool negative = scaled < 0;
    // Work on the magnitude as unsigned so INT64_MIN does not overflow.
    const std::uint64_t mag =
        negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
    const auto unit = static_cast<std::uint64_t>(kPow10[places]);
    std::string out = negative ? "-" : "";
    out += std::to_string(mag / unit);
    if (places > 0) {
        std::string frac = std::to_string(mag % unit);
        out += '.' + std::string(static_cast<std::size_t>(places) - frac.size(), '0') + frac;
    }
    return out;
}

Decimal Decimal::withPlaces(int morePlaces) const {
    if (morePlaces <= places)
        return *this;
    std::int64_t r = 0;
    if (__builtin_mul_overflow(scaled, kPow10[morePlaces - places], &r))
        throw KkError(makeError("report.overflow", "decimal too large to rescale"));
    return Decimal{r, morePlaces};
}

bool Decimal::operator==(const Decimal& o) const {
    const int p = std::max(places, o.places);
    return withPlaces(p).scaled == o.withPlaces(p).scaled;
}

// --- Cell and Column -----------------------------------------------------------------------

std::optional<ColumnType> Cell::type() const {
    switch (m_value.index()) {
        case 1:
            return ColumnType::Text;
        case 2:
            return ColumnType::Money;
        case 3:
            return ColumnType::Rate;
        case 4:
            return ColumnType::Integer;
        case 5:
            return ColumnType::Decimal;
        case 6:
            return ColumnType::Date;
        default:
            return std::nullopt;
    }
}

std::optional<double> Cell::toDouble() const {
    // Display-only conversion: cents / 100 is the nearest double to the euro amount.
    if (const auto* m = std::get_if<Money>(&m_value))
        return static_cast<double>(m->cents()) / 100.0;
    if (const auto* r = std::get_if<Rate>(&m_value))
        return r->toDouble();
    if (const auto* n = std::get_if<std::int64_t>(&m_value))
        return static_cast<double>(*n);
    if (const auto* d = std::get_if<Decimal>(&m_value))
        return d->toDouble();
    return std::nullopt;
}

Align Column::effectiveAlign() const {
    if (align != Align::Auto)
        return align;
    switch (type) {
        case ColumnType::Text:
            return Align::Left;
        case ColumnType::Date:
            return Align::Center;
        default:
            return Align::Right;
    }
}

std::string Column::headerWithUnit() const {
    return unit.empty() ? header : header + " (" + unit + ")";
}

// --- TableBlock ----------------------------------------------------------------------------

TableBlock& TableBlock::addColumn(Column column) {
    columns.push_back(std::move(column));
    return *this;
}
TableBlock& TableBlock::text(std::string header) {
    return addColumn(Column{std::move(header), ColumnType::Text});
}
TableBlock& TableBlock::money(std::string header, TotalKind total) {
    Column c{std::move(header), ColumnType::Money};
    c.total = total;
    return addColumn(std::move(c));
}
TableBlock& TableBlock::rate(std::string header) {
    return addColumn(Column{std::move(header), ColumnType::Rate});
}
TableBlock& TableBlock::rateOf(std::string header, int numeratorColumn, int denominatorColumn) {
    Column c{std::move(header), ColumnType::Rate};
    c.total = TotalKind::Ratio;
    c.ratioOf = {numeratorColumn, denominatorColumn};
    return addColumn(std::move(c));
}
TableBlock& TableBlock::integer(std::string header, std::string unit, TotalKind total) {
    Column c{std::move(header), ColumnType::Integer, std::move(unit)};
    c.total = total;
    return addColumn(std::move(c));
}
TableBlock& TableBlock::decimal(std::string header, int decimals, std::string unit,
                                TotalKind total) {
    Column c{std::move(header), ColumnType::Decimal, std::move(unit)};
    c.decimals = decimals;
    c.total = total;
    return addColumn(std::move(c));
}
TableBlock& TableBlock::date(std::string header) {
    return addColumn(Column{std::move(header), ColumnType::Date});
}
TableBlock& TableBlock::year(std::string header) {
    Column c{std::move(header), ColumnType::Integer};
    c.grouping = false;
    c.align = Align::Center;
    return addColumn(std::move(c));
}
TableBlock& TableBlock::addRow(Row row) {
    rows.push_back(std::move(row));
    return *this;
}
TableBlock& TableBlock::withTotals(std::string label) {
    showTotals = true;
    totalsLabel = std::move(label);
    return *this;
}

Row TableBlock::totals(const std::string& label) const {
    Row out(columns.size());
    // Exact column sums; a column's sum stays empty when it has no values at all.
    std::vector<Cell> sums(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const ColumnType t = columns[c].type;
        std::int64_t acc = 0;
        Decimal dec{0, 0};
        bool any = false;
        for (const Row& row : rows) {
            if (c >= row.size() || row[c].isEmpty())
                continue;
            const auto& v = row[c].value();
            if (const auto* m = std::get_if<Money>(&v)) {
                acc = checkedAdd(acc, m->cents(), "a money column");
                any = true;
            } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
                acc = checkedAdd(acc, *n, "an integer column");
                any = true;
            } else if (const auto* d = std::get_if<Decimal>(&v)) {
                const int p = std::max(dec.places, d->places);
                dec = Decimal{checkedAdd(dec.withPlaces(p).scaled, d->withPlaces(p).scaled,
                                         "a decimal column"),
                              p};
                any = true;
            }
        }
        if (!any)
            continue;
        if (t == ColumnType::Money)
            sums[c] = Money::fromCents(acc);
        else if (t == ColumnType::Integer)
            sums[c] = acc;
        else if (t == ColumnType::Decimal)
            sums[c] = dec;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const Column& col = columns[c];
        if (col.total == TotalKind::Sum) {
            out[c] = sums[c];
        } else if (col.total == TotalKind::Ratio) {
            const auto [n, d] = col.ratioOf;
            if (n < 0 || d < 0 || static_cast<std::size_t>(n) >= sums.size() ||
                static_cast<std::size_t>(d) >= sums.size())
                continue;
            const auto& nv = sums[static_cast<std::size_t>(n)].value();
            const auto& dv = sums[static_cast<std::size_t>(d)].value();
            const auto* nm = std::get_if<Money>(&nv);
            const auto* dm = std::get_if<Money>(&dv);
            const auto* ni = std::get_if<std::int64_t>(&nv);
            const auto* di = std::get_if<std::int64_t>(&dv);
            if (nm && dm && !dm->isZero())
                out[c] = Rate::ofMoney(*nm, *dm);
            else if (ni && di && *di != 0)
                out[c] = Rate(*ni, *di);
        }
    }
    if (!columns.empty() && columns[0].type == ColumnType::Text)
        out[0] = label;
    return out;
}

Status TableBlock::validate(const std::string& where) const {
    if (columns.empty())
        return makeError("report.table", "the table has no columns", where,
                         "add columns with text(), money(), ... before adding rows");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::string rowWhere = where + ", row " + std::to_string(r + 1);
        if (rows[r].size() != columns.size())
            return makeError("report.table",
                             "the row has " + std::to_string(rows[r].size()) +
                                 " cells but the table has " + std::to_string(columns.size()) +
                                 " columns",
                             rowWhere, "give every row one cell per column (use {} for blank)");
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto t = rows[r][c].type();
            if (t && *t != columns[c].type)
                return makeError("report.table",
                                 std::string("a ") + typeName(*t) + " value in a " +
                                     typeName(columns[c].type) + " column",
                                 rowWhere + ", column '" + columns[c].header + "'",
                                 "put values of the column's type in it, or change the type");
        }
    }
    for (const Column& col : columns) {
        if (col.total != TotalKind::Ratio)
            continue;
        const auto [n, d] = col.ratioOf;
        if (n < 0 || d < 0 || static_cast<std::size_t>(n) >= columns.size() ||
            static_cast<std::size_t>(d) >= columns.size())
            return makeError("report.table", "the ratio total refers to a missing column",
                             where + ", column '" + col.header + "'",
                             "pass the 0-based indexes of two existing columns to rateOf()");
    }
    return {};
}

// --- ChartBlock ----------------------------------------------------------------------------

ChartBlock& ChartBlock::addCategory(std::string category) {
    categories.push_back(std::move(category));
    return *this;
}
ChartBlock& ChartBlock::addSeries(std::string name, std::vector<Cell> values) {
    series.push_back(Series{std::move(name), std::move(values)});
    return *this;
}

bool ChartBlock::isMoney() const {
    for (const Series& s : series)
        for (const Cell& v : s.values)
            if (!v.isEmpty())
                return v.type() == ColumnType::Money;
    return false;
}

TableBlock ChartBlock::toTable(const ReportLabels& labels) const {
    TableBlock t;
    static_cast<BlockInfo&>(t) = static_cast<const BlockInfo&>(*this);
    t.text(xAxisTitle.empty() ? labels.category : xAxisTitle);
    for (const Series& s : series) {
        ColumnType type = ColumnType::Integer;
        int decimals = 0;
        for (const Cell& v : s.values)
            if (!v.isEmpty()) {
                type = *v.type();
                if (const auto* d = std::get_if<Decimal>(&v.value()))
                    decimals = std::max(decimals, d->places);
            }
        Column c{s.name, type};
        c.decimals = decimals;
        c.total = TotalKind::Sum;
        t.addColumn(std::move(c));
    }
    for (std::size_t i = 0; i < categories.size(); ++i) {
        Row row{categories[i]};
        for (const Series& s : series)
            row.push_back(i < s.values.size() ? s.values[i] : Cell{});
        t.addRow(std::move(row));
    }
    t.showTotals = kind == ChartKind::StackedBar;
    return t;
}

Status ChartBlock::validate(const std::string& where) const {
    if (categories.empty() || series.empty())
        return makeError("report.chart", "the chart has no categories or no series", where,
                         "add categories and at least one series");
    std::optional<ColumnType> seen;
    for (const Series& s : series) {
        if (s.values.size() != categories.size())
            return makeError("report.chart",
                             "the series has " + std::to_string(s.values.size()) + " values for " +
                                 std::to_string(categories.size()) + " categories",
                             where + ", series '" + s.name + "'",
                             "give one value per category (an empty Cell for a gap)");
        for (const Cell& v : s.values) {
            if (!isChartValue(v))
                return makeError("report.chart", "a chart value must be money or a number",
                                 where + ", series '" + s.name + "'",
                                 "use Money, an integer or a Decimal");
            if (v.isEmpty())
                continue;
            if (seen && (*seen == ColumnType::Money) != (*v.type() == ColumnType::Money))
                return makeError("report.chart", "the chart mixes money and plain numbers",
                                 where + ", series '" + s.name + "'",
                                 "draw money and counts in separate charts");
            seen = v.type();
        }
    }
    return {};
}

// --- MapBlock ------------------------------------------------------------------------------

MapBlock& MapBlock::addFeature(std::string label, std::vector<Ring> rings, Cell value) {
    features.push_back(MapFeature{std::move(label), std::move(rings), std::move(value)});
    return *this;
}
MapBlock& MapBlock::addOutline(Ring ring) {
    outlines.push_back(std::move(ring));
    return *this;
}
MapBlock& MapBlock::addMarker(std::string label, MapPoint at) {
    markers.push_back(MapMarker{std::move(label), at});
    return *this;
}

TableBlock MapBlock::toTable(const ReportLabels& labels) const {
    TableBlock t;
    static_cast<BlockInfo&>(t) = static_cast<const BlockInfo&>(*this);
    ColumnType valueType = ColumnType::Decimal;
    int decimals = 0;
    for (const MapFeature& f : features)
        if (!f.value.isEmpty()) {
            valueType = *f.value.type();
            if (const auto* d = std::get_if<Decimal>(&f.value.value()))
                decimals = std::max(decimals, d->places);
        }
    t.text(labels.label);
    Column value{valueTitle.empty() ? labels.value : valueTitle, valueType};
    value.decimals = decimals;
    t.addColumn(std::move(value));
    t.integer(labels.mapClass, {}, TotalKind::None);
    const ClassBreaks classes = classify(mapValues(*this), classification, classCount);
    for (const MapFeature& f : features) {
        const auto v = f.value.toDouble();
        t.addRow({f.label, f.value, v ? Cell(classes.classOf(*v) + 1) : Cell()});
    }
    return t;
}

Status MapBlock::validate(const std::string& where) const {
    if (features.empty())
        return makeError("report.map", "the map has no features", where,
                         "add polygons with addFeature()");
    if (classCount < 2 || classCount > 9)
        return makeError("report.map",
                         "the map asks for " + std::to_string(classCount) + " classes", where,
                         "use 2 to 9 classes");
    for (const MapFeature& f : features) {
        const auto t = f.value.type();
        if (t && (*t == ColumnType::Text || *t == ColumnType::Date))
            return makeError("report.map", "a map value must be a number, money or a rate",
                             where + ", feature '" + f.label + "'", "");
        for (const Ring& ring : f.rings) {
            if (ring.size() < 3)
                return makeError("report.map", "a ring has fewer than 3 points",
                                 where + ", feature '" + f.label + "'",
                                 "pass closed polygons with at least 3 points");
            for (const MapPoint& p : ring)
                if (!std::isfinite(p.x) || !std::isfinite(p.y))
                    return makeError("report.map", "a coordinate is not a finite number",
                                     where + ", feature '" + f.label + "'", "");
        }
    }
    return {};
}

// --- TextBlock, Section, Report ------------------------------------------------------------

TextBlock& TextBlock::add(std::string paragraph) {
    paragraphs.push_back(std::move(paragraph));
    return *this;
}

const BlockInfo& infoOf(const Block& block) {
    return std::visit([](const auto& b) -> const BlockInfo& { return b; }, block);
}

TableBlock& Section::addTable(std::string title, std::string source) {
    TableBlock t;
    t.title = std::move(title);
    t.source = std::move(source);
    return std::get<TableBlock>(blocks.emplace_back(std::move(t)));
}
ChartBlock& Section::addChart(ChartKind kind, std::string title, std::string source) {
    ChartBlock c;
    c.kind = kind;
    c.title = std::move(title);
    c.source = std::move(source);
    return std::get<ChartBlock>(blocks.emplace_back(std::move(c)));
}
MapBlock& Section::addMap(std::string title, std::string source) {
    MapBlock m;
    m.title = std::move(title);
    m.source = std::move(source);
    return std::get<MapBlock>(blocks.emplace_back(std::move(m)));
}
TextBlock& Section::addText(std::string title, TextStyle style) {
    TextBlock t;
    t.title = std::move(title);
    t.style = style;
    return std::get<TextBlock>(blocks.emplace_back(std::move(t)));
}

Report& Report::addParameter(std::string name, std::string value) {
    parameters.emplace_back(std::move(name), std::move(value));
    return *this;
}
Section& Report::addSection(std::string title) {
    sections.push_back(Section{std::move(title), {}});
    return sections.back();
}

Status Report::validate() const {
    if (title.empty())
        return makeError("report.title", "the report has no title", "report", "set Report::title");
    for (std::size_t s = 0; s < sections.size(); ++s) {
        const Section& sec = sections[s];
        for (std::size_t b = 0; b < sec.blocks.size(); ++b) {
            const std::string where = "section " + std::to_string(s + 1) + " '" + sec.title +
                                      "', block " + std::to_string(b + 1) + " '" +
                                      infoOf(sec.blocks[b]).title + "'";
            const Status st = std::visit(
                [&](const auto& blk) -> Status {
                    using T = std::decay_t<decltype(blk)>;
                    if constexpr (std::is_same_v<T, TextBlock>)
                        return {};
                    else
                        return blk.validate(where);
                },
                sec.blocks[b]);
            if (!st)
                return st;
        }
    }
    return {};
}

std::int64_t Report::blockCount() const {
    std::int64_t n = 0;
    for (const Section& s : sections)
        n += static_cast<std::int64_t>(s.blocks.size());
    return n;
}

}  // namespace kk::report
