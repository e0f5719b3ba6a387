// Renders chart and map blocks to SVG text and PNG bytes through the same painters.
#include <cairo-svg.h>

#include <string_view>

#include "core/report/cairo_util.h"
#include "core/report/painter.h"

namespace kk::report {
namespace {

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

/// Gives every id and every reference to one a prefix (cairo names glyphs "glyph0-1" and clips
/// "clip1" in each document; inlined side by side they would resolve to the first SVG's).
std::string prefixIds(const std::string& svg, const std::string& prefix) {
    if (prefix.empty())
        return svg;
    std::string out;
    out.reserve(svg.size() + svg.size() / 16);
    static constexpr std::string_view kMarkers[] = {"id=\"", "href=\"#", "url(#"};
    std::size_t i = 0;
    while (i < svg.size()) {
        bool matched = false;
        for (std::string_view m : kMarkers)
            if (svg.compare(i, m.size(), m) == 0) {
                out.append(m);
                out.append(prefix);
                i += m.size();
                matched = true;
                break;
            }
        if (!matched)
            out += svg[i++];
    }
    return out;
}

}  // namespace

PaintStyle styleFor(const ReportLabels& labels) {
    PaintStyle style;
    style.noDataLabel = labels.noData;
    style.quantileLabel = labels.quantile;
    style.equalIntervalLabel = labels.equalInterval;
    return style;
}

bool paintBlock(cairo_t* cr, const Block& block, double x, double y, double width, double height,
                const PaintStyle& style) {
    if (const auto* c = std::get_if<ChartBlock>(&block)) {
        ChartPainter(style).paint(cr, *c, x, y, width, height);
        return true;
    }
    if (const auto* m = std::get_if<MapBlock>(&block)) {
        MapPainter(style).paint(cr, *m, x, y, width, height);
        return true;
    }
    return false;
}

std::string renderSvg(const Block& block, double width, double height, const std::string& idPrefix,
                      const PaintStyle& style) {
    if (!std::holds_alternative<ChartBlock>(block) && !std::holds_alternative<MapBlock>(block))
        return {};
    std::string svg;
    {
        detail::SurfacePtr surface(
            cairo_svg_surface_create_for_stream(appendToString, &svg, width, height));
        detail::CairoPtr cr(cairo_create(surface.get()));
        paintBlock(cr.get(), block, 0, 0, width, height, style);
        cr.reset();
        cairo_surface_finish(surface.get());
    }
    // Drop the XML declaration: it is not allowed inside an HTML document.
    if (svg.rfind("<?xml", 0) == 0) {
        const auto end = svg.find("?>");
        if (end != std::string::npos)
            svg.erase(0, svg.find('<', end));
    }
    return prefixIds(svg, idPrefix);
}

std::string renderPng(const Block& block, double width, double height, double scale,
                      const PaintStyle& style) {
    if (!std::holds_alternative<ChartBlock>(block) && !std::holds_alternative<MapBlock>(block))
        return {};
    const int pw = static_cast<int>(width * scale + 0.5);
    const int ph = static_cast<int>(height * scale + 0.5);
    detail::SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph));
    detail::CairoPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    paintBlock(cr.get(), block, 0, 0, width, height, style);
    cr.reset();
    std::string png;
    if (cairo_surface_write_to_png_stream(surface.get(), appendToString, &png) !=
        CAIRO_STATUS_SUCCESS)
        return {};
    return png;
}

}  // namespace kk::report
