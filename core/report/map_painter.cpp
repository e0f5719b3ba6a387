// MapPainter: choropleth polygons, outlines, markers, legend, scale bar and north arrow on cairo.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/report/cairo_util.h"
#include "core/report/format.h"
#include "core/report/painter.h"
#include "core/report/scale.h"

namespace kk::report {
namespace {

using detail::drawText;
using detail::ellipsize;
using detail::setColour;
using detail::setFont;
using detail::setGrey;
using detail::textWidth;

struct Box {
    double minX = std::numeric_limits<double>::max();
    double minY = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = std::numeric_limits<double>::lowest();
    void add(const MapPoint& p) {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    bool valid() const { return minX <= maxX && minY <= maxY; }
};

/// Signed area and centroid of a ring (shoelace formula).
std::pair<double, MapPoint> areaCentroid(const Ring& ring) {
    double a = 0;
    double cx = 0;
    double cy = 0;
    for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const MapPoint& p = ring[i];
        const MapPoint& q = ring[(i + 1) % n];
        const double cross = p.x * q.y - q.x * p.y;
        a += cross;
        cx += (p.x + q.x) * cross;
        cy += (p.y + q.y) * cross;
    }
    a /= 2;
    if (std::fabs(a) < 1e-12)
        return {0, ring.front()};
    return {std::fabs(a), MapPoint{cx / (6 * a), cy / (6 * a)}};
}

/// Legend text for a class bound, in the kind and precision of the map's values.
std::string boundText(double v, ColumnType kind, int places, double largest) {
    switch (kind) {
        case ColumnType::Rate:
            return formatNumber(v * 100, 1) + " %";
        case ColumnType::Money:
            return "€ " + formatNumber(v, largest >= 1000 ? 0 : 2);
        case ColumnType::Integer:
            return formatNumber(v, 0);
        default:
            return formatNumber(v, places);
    }
}

/// Text with a halo in the opposite tone, readable on any class colour.
void haloText(cairo_t* cr, double x, double y, const std::string& text, bool onDark) {
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_text_path(cr, text.c_str());
    setGrey(cr, onDark ? 0.1 : 1.0);
    cairo_set_line_width(cr, 2);
    cairo_stroke_preserve(cr);
    setGrey(cr, onDark ? 1.0 : 0.1);
    cairo_fill(cr);
}

}  // namespace

void MapPainter::paint(cairo_t* cr, const MapBlock& map, double x, double y, double width,
                       double height) const {
    detail::SavedState saved(cr);
    cairo_rectangle(cr, x, y, width, height);
    cairo_clip(cr);
    const double fs = m_style.fontSize;
    const std::string& font = m_style.fontFamily;
    double top = y;
    if (m_style.drawTitle && !map.title.empty()) {
        setFont(cr, font, fs * 1.25, true);
        setGrey(cr, 0.1);
        drawText(cr, x, top + fs * 1.25, ellipsize(cr, map.title, width));
        top += fs * 2.2;
    }

    const ClassBreaks classes = classify(mapValues(map), map.classification, map.classCount);
    ColumnType kind = ColumnType::Decimal;
    int places = 0;
    bool anyMissing = false;
    for (const MapFeature& f : map.features) {
        if (f.value.isEmpty())
            anyMissing = true;
        else
            kind = *f.value.type();
        if (const auto* d = std::get_if<Decimal>(&f.value.value()))
            places = std::max(places, d->places);
    }
    const double largest = classes.count() > 0 ? std::fabs(classes.breaks.back()) : 0.0;

    // Legend on the right, map fitted into the rest.
    const double legendW = std::min(width * 0.32, fs * 18);
    const double pad = fs;
    const double mx = x + pad;
    const double my = top + pad;
    const double mw = width - legendW - 2 * pad;
    const double mh = y + height - top - 2 * pad - fs * 1.5;  // room for the scale bar
    Box box;
    for (const MapFeature& f : map.features)
        for (const Ring& r : f.rings)
            for (const MapPoint& p : r)
                box.add(p);
    for (const Ring& r : map.outlines)
        for (const MapPoint& p : r)
            box.add(p);
    for (const MapMarker& m : map.markers)
        box.add(m.at);
    if (!box.valid() || mw < fs * 4 || mh < fs * 4)
        return;
    const double bw = std::max(box.maxX - box.minX, 1e-9);
    const double bh = std::max(box.maxY - box.minY, 1e-9);
    const double s = std::min(mw / bw, mh / bh);  // one scale: a map must not be stretched
    const double ox = mx + (mw - bw * s) / 2;
    const double oy = my + (mh - bh * s) / 2;
    auto px = [&](const MapPoint& p) { return ox + (p.x - box.minX) * s; };
    auto py = [&](const MapPoint& p) { return oy + (box.maxY - p.y) * s; };
    auto ringPath = [&](const Ring& r) {
        cairo_move_to(cr, px(r[0]), py(r[0]));
        for (std::size_t i = 1; i < r.size(); ++i)
            cairo_line_to(cr, px(r[i]), py(r[i]));
        cairo_close_path(cr);
    };

    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const MapFeature& f : map.features) {
        for (const Ring& r : f.rings)
            ringPath(r);
        const auto v = f.value.toDouble();
        setColour(cr, v ? classColour(classes.classOf(*v), classes.count()) : noDataColour());
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.7);
        cairo_stroke(cr);
    }
    setGrey(cr, 0.15);
    cairo_set_line_width(cr, 1.4);
    for (const Ring& r : map.outlines) {
        ringPath(r);
        cairo_stroke(cr);
    }

    setFont(cr, font, fs * 0.85);
    if (map.labels) {
        for (const MapFeature& f : map.features) {
            const Ring* largest = nullptr;
            double best = -1;
            MapPoint centre;
            for (const Ring& r : f.rings) {
                const auto [a, c] = areaCentroid(r);
                if (a > best) {
                    best = a;
                    largest = &r;
                    centre = c;
                }
            }
            if (!largest)
                continue;
            Box rb;
            for (const MapPoint& p : *largest)
                rb.add(p);
            const double tw = textWidth(cr, f.label);
            if (tw > (rb.maxX - rb.minX) * s * 0.9 || fs > (rb.maxY - rb.minY) * s * 0.5)
                continue;  // a label wider than its polygon hides its neighbours
            const auto v = f.value.toDouble();
            const Colour fill =
                v ? classColour(classes.classOf(*v), classes.count()) : noDataColour();
            haloText(cr, px(centre) - tw / 2, py(centre) + fs * 0.3, f.label,
                     0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b < 0.45);
        }
    }
    for (const MapMarker& m : map.markers) {
        cairo_new_path(cr);  // drawText leaves a current point; arc would join it with a line
        cairo_arc(cr, px(m.at), py(m.at), fs * 0.35, 0, 2 * M_PI);
        setGrey(cr, 0.05);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        haloText(cr, px(m.at) + fs * 0.6, py(m.at) + fs * 0.3, m.label, false);
    }

    // Scale bar: a round length near a quarter of the map width.
    const double target = mw / 4 / s;
    const double p10 = std::pow(10.0, std::floor(std::log10(target)));
    double length = p10;
    for (double m : {1.0, 2.0, 5.0})
        if (m * p10 <= target)
            length = m * p10;
    const double sbY = y + height - fs * 0.8;
    setGrey(cr, 0.2);
    cairo_set_line_width(cr, 1.5);
    cairo_move_to(cr, mx, sbY - fs * 0.3);
    cairo_line_to(cr, mx, sbY);
    cairo_line_to(cr, mx + length * s, sbY);
    cairo_line_to(cr, mx + length * s, sbY - fs * 0.3);
    cairo_stroke(cr);
    drawText(
        cr, mx + length * s + fs * 0.4, sbY,
        length >= 1000 ? formatNumber(length / 1000, 0) + " km" : formatNumber(length, 0) + " m");
    // North arrow at the top right of the map.
    const double nx = mx + mw - fs;
    const double ny = my + fs * 0.5;
    cairo_move_to(cr, nx, ny);
    cairo_line_to(cr, nx - fs * 0.45, ny + fs * 1.3);
    cairo_line_to(cr, nx + fs * 0.45, ny + fs * 1.3);
    cairo_close_path(cr);
    cairo_fill(cr);
    drawText(cr, nx, ny + fs * 2.4, "N", Align::Center);

    // Legend.
    const double lx = x + width - legendW;
    double ly = my + fs;
    setFont(cr, font, fs, true);
    setGrey(cr, 0.1);
    const std::string heading = map.valueTitle.empty() ? map.unit : map.valueTitle;
    for (const std::string& line : detail::wrapText(cr, heading, legendW)) {
        drawText(cr, lx, ly, line);
        ly += fs * 1.3;
    }
    setFont(cr, font, fs * 0.9);
    ly += fs * 0.3;
    const double sw = fs * 1.2;
    for (int c = 0; c < classes.count(); ++c) {
        const double a = classes.breaks[static_cast<std::size_t>(c)];
        const double b = classes.breaks[static_cast<std::size_t>(c) + 1];
        setColour(cr, classColour(c, classes.count()));
        cairo_rectangle(cr, lx, ly - sw * 0.8, sw, sw * 0.9);
        cairo_fill(cr);
        setGrey(cr, 0.15);
        const std::string text =
            classes.count() == 1 && a == b
                ? boundText(a, kind, places, largest)
                : boundText(a, kind, places, largest) + " – " + boundText(b, kind, places, largest);
        drawText(cr, lx + sw + fs * 0.5, ly, ellipsize(cr, text, legendW - sw - fs * 0.5));
        ly += fs * 1.5;
    }
    if (anyMissing) {
        setColour(cr, noDataColour());
        cairo_rectangle(cr, lx, ly - sw * 0.8, sw, sw * 0.9);
        cairo_fill(cr);
        setGrey(cr, 0.15);
        drawText(cr, lx + sw + fs * 0.5, ly, m_style.noDataLabel);
        ly += fs * 1.5;
    }
    setGrey(cr, 0.4);
    setFont(cr, font, fs * 0.75, false, true);
    drawText(cr, lx, ly + fs * 0.4,
             map.classification == Classification::Quantile ? m_style.quantileLabel
                                                            : m_style.equalIntervalLabel);
}

}  // namespace kk::report
