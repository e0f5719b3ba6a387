// Chart and map painters: the one drawing code path for the GUI preview, PDF, SVG and PNG.
#pragma once

#include <string>
#include <utility>

#include "core/report/report.h"

// cairo's own declaration (identical typedef): keeps cairo.h out of this public header.
typedef struct _cairo cairo_t;  // NOLINT(modernize-use-using)

namespace kk::report {

/// Look shared by painters. Sizes are in user units: points on PDF, pixels on an image surface
/// (the GUI may cairo_scale() for HiDPI and pass the logical size).
struct PaintStyle {
    std::string fontFamily = "DejaVu Sans";
    double fontSize = 8;
    bool drawTitle = false;  ///< writers draw block titles themselves; the GUI may want it here
    std::string noDataLabel = "geen gegevens";  ///< map legend entry for features without value
    std::string quantileLabel = "kwantielen";   ///< map legend note on the classification
    std::string equalIntervalLabel = "gelijke intervallen";
};

/// Draws a ChartBlock (stacked bars or lines) with axes, nice ticks, gridlines, value labels
/// and a legend into the rectangle (x, y, width, height). Leaves the cairo state as it was.
class ChartPainter {
  public:
    explicit ChartPainter(PaintStyle style = {}) : m_style(std::move(style)) {}
    void paint(cairo_t* cr, const ChartBlock& chart, double x, double y, double width,
               double height) const;

  private:
    PaintStyle m_style;
};

/// Draws a MapBlock: choropleth (classes from classify()), outline and marker layers, feature
/// labels, a legend with the class ranges, a scale bar and a north arrow. Projected coordinates
/// are fitted to the rectangle with one scale for x and y (no distortion), north up.
class MapPainter {
  public:
    explicit MapPainter(PaintStyle style = {}) : m_style(std::move(style)) {}
    void paint(cairo_t* cr, const MapBlock& map, double x, double y, double width,
               double height) const;

  private:
    PaintStyle m_style;
};

/// The style with the report's (possibly translated) legend words.
PaintStyle styleFor(const ReportLabels& labels);

/// Draws a chart or map block; returns false (and draws nothing) for tables and text.
bool paintBlock(cairo_t* cr, const Block& block, double x, double y, double width, double height,
                const PaintStyle& style = {});

/// The block as an SVG document (cairo SVG surface, the same painters), without the XML
/// declaration so it can be inlined in HTML. Every id is prefixed with `idPrefix` so several
/// inline SVGs in one page do not share glyph or clip ids. Empty for tables and text.
std::string renderSvg(const Block& block, double width, double height,
                      const std::string& idPrefix = {}, const PaintStyle& style = {});

/// The block as PNG bytes on a white background, `scale` pixels per unit.
std::string renderPng(const Block& block, double width, double height, double scale = 2.0,
                      const PaintStyle& style = {});

}  // namespace kk::report
