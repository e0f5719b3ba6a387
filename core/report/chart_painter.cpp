// ChartPainter: stacked bars and lines with axes, ticks, value labels and a legend on cairo.
#include <algorithm>
#include <cmath>

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

/// Short value labels: "1,25 mln", "12.345", "3,5"; money prefixed with "€ ".
std::string compactValue(double v, bool money) {
    const std::string prefix = money ? "€ " : "";
    const double a = std::fabs(v);
    if (a >= 1e6)
        return prefix + formatNumber(v / 1e6, a >= 1e8 ? 0 : 2) + " mln";
    if (a >= 100 || std::fabs(v - std::round(v)) < 1e-9)
        return prefix + formatNumber(v, 0);
    return prefix + formatNumber(v, 2);
}

double luminance(const Colour& c) {
    return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

/// Lays out (and when `draw`, draws) legend entries in rows at the bottom of the box.
double legend(cairo_t* cr, const ChartBlock& chart, double x, double y, double width, double fs,
              bool draw) {
    const double swatch = fs;
    const double gap = fs * 1.5;
    const double rowH = fs * 1.6;
    double cx = x;
    double cy = y;
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const std::string name = ellipsize(cr, chart.series[i].name, width - swatch - 4);
        const double w = swatch + 4 + textWidth(cr, name);
        if (cx > x && cx + w > x + width) {
            cx = x;
            cy += rowH;
        }
        if (draw) {
            setColour(cr, seriesColour(i));
            if (chart.kind == ChartKind::Line) {
                cairo_set_line_width(cr, 2);
                cairo_move_to(cr, cx, cy + swatch / 2);
                cairo_line_to(cr, cx + swatch, cy + swatch / 2);
                cairo_stroke(cr);
            } else {
                cairo_rectangle(cr, cx, cy, swatch, swatch);
                cairo_fill(cr);
            }
            setGrey(cr, 0.15);
            drawText(cr, cx + swatch + 4, cy + swatch * 0.85, name);
        }
        cx += w + gap;
    }
    return cy + rowH - y;
}

}  // namespace

void ChartPainter::paint(cairo_t* cr, const ChartBlock& chart, double x, double y, double width,
                         double height) const {
    detail::SavedState saved(cr);
    cairo_rectangle(cr, x, y, width, height);
    cairo_clip(cr);
    const double fs = m_style.fontSize;
    const std::string& font = m_style.fontFamily;
    const bool money = chart.isMoney();
    const std::size_t nCat = chart.categories.size();

    double top = y + fs * 0.5;
    if (m_style.drawTitle && !chart.title.empty()) {
        setFont(cr, font, fs * 1.25, true);
        setGrey(cr, 0.1);
        drawText(cr, x, top + fs * 1.25, ellipsize(cr, chart.title, width));
        top += fs * 2.2;
    }
    setFont(cr, font, fs);
    const double legendH = chart.series.size() > 1 || chart.kind == ChartKind::Line
                               ? legend(cr, chart, x, 0, width, fs, false)
                               : 0.0;
    double bottom = y + height - legendH - (legendH > 0 ? fs * 0.5 : 0);
    if (!chart.xAxisTitle.empty())
        bottom -= fs * 1.6;
    const double catLabelH = fs * 1.8;

    // Value range: stacked bars add positives up and negatives down per category.
    double lo = 0;
    double hi = 0;
    for (std::size_t c = 0; c < nCat; ++c) {
        double pos = 0;
        double neg = 0;
        for (const Series& s : chart.series) {
            const auto v = c < s.values.size() ? s.values[c].toDouble() : std::nullopt;
            if (!v)
                continue;
            if (chart.kind == ChartKind::StackedBar)
                (*v >= 0 ? pos : neg) += *v;
            else {
                hi = std::max(hi, *v);
                lo = std::min(lo, *v);
            }
        }
        hi = std::max(hi, pos);
        lo = std::min(lo, neg);
    }
    const double plotTop = top + fs * 1.5;  // room for totals above the bars
    const double plotBottom = bottom - catLabelH;
    const int maxTicks = std::max(2, static_cast<int>((plotBottom - plotTop) / (fs * 3.5)));
    const Ticks ticks = niceTicks(lo, hi, maxTicks);

    double tickW = 0;
    for (double t : ticks.values)
        tickW = std::max(tickW, textWidth(cr, formatAxisValue(t, ticks.step, money)));
    double left = x + tickW + fs * 0.6;
    if (!chart.yAxisTitle.empty())
        left += fs * 1.6;
    const double right = x + width - fs * 0.5;
    if (right - left < fs * 4 || plotBottom - plotTop < fs * 4)
        return;  // too small to say anything readable
    auto yOf = [&](double v) {
        return plotBottom - (v - ticks.min) / (ticks.max - ticks.min) * (plotBottom - plotTop);
    };

    // Gridlines and tick labels.
    cairo_set_line_width(cr, 0.5);
    for (double t : ticks.values) {
        const double ty = yOf(t);
        setGrey(cr, t == 0 ? 0.35 : 0.85);
        cairo_move_to(cr, left, ty);
        cairo_line_to(cr, right, ty);
        cairo_stroke(cr);
        setGrey(cr, 0.3);
        drawText(cr, left - fs * 0.4, ty + fs * 0.35, formatAxisValue(t, ticks.step, money),
                 Align::Right);
    }
    if (!chart.yAxisTitle.empty()) {
        detail::SavedState rot(cr);
        cairo_translate(cr, x + fs, (plotTop + plotBottom) / 2);
        cairo_rotate(cr, -M_PI / 2);
        setGrey(cr, 0.2);
        drawText(cr, 0, 0, ellipsize(cr, chart.yAxisTitle, plotBottom - plotTop), Align::Center);
    }

    // Categories along the x axis.
    const double band = (right - left) / static_cast<double>(std::max<std::size_t>(nCat, 1));
    setGrey(cr, 0.2);
    for (std::size_t c = 0; c < nCat; ++c)
        drawText(cr, left + band * (c + 0.5), plotBottom + fs * 1.3,
                 ellipsize(cr, chart.categories[c], band - 2), Align::Center);
    if (!chart.xAxisTitle.empty())
        drawText(cr, (left + right) / 2, bottom + fs * 1.2,
                 ellipsize(cr, chart.xAxisTitle, right - left), Align::Center);

    setFont(cr, font, fs * 0.85);
    if (chart.kind == ChartKind::StackedBar) {
        const double barW = band * 0.62;
        for (std::size_t c = 0; c < nCat; ++c) {
            const double bx = left + band * c + (band - barW) / 2;
            double pos = 0;
            double neg = 0;
            for (std::size_t s = 0; s < chart.series.size(); ++s) {
                const auto v = chart.series[s].values[c].toDouble();
                if (!v || *v == 0)
                    continue;
                double& base = *v >= 0 ? pos : neg;
                const double y0 = yOf(base);
                const double y1 = yOf(base + *v);
                base += *v;
                const Colour colour = seriesColour(s);
                setColour(cr, colour);
                cairo_rectangle(cr, bx, std::min(y0, y1), barW, std::fabs(y1 - y0));
                cairo_fill_preserve(cr);
                cairo_set_source_rgb(cr, 1, 1, 1);
                cairo_set_line_width(cr, 0.6);
                cairo_stroke(cr);
                const std::string label = compactValue(*v, money);
                if (chart.valueLabels && std::fabs(y1 - y0) > fs * 1.2 &&
                    textWidth(cr, label) < barW - 2) {
                    setGrey(cr, luminance(colour) < 0.5 ? 1.0 : 0.1);
                    drawText(cr, bx + barW / 2, (y0 + y1) / 2 + fs * 0.3, label, Align::Center);
                }
            }
            const double total = pos + neg;
            const std::string label = compactValue(total, money);
            if (chart.valueLabels && (pos != 0 || neg != 0) && textWidth(cr, label) < band) {
                setGrey(cr, 0.1);
                drawText(cr, bx + barW / 2, yOf(pos) - fs * 0.4, label, Align::Center);
            }
        }
    } else {
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const Colour colour = seriesColour(s);
            setColour(cr, colour);
            cairo_set_line_width(cr, 1.8);
            bool pen = false;
            std::optional<std::pair<double, double>> last;
            double lastValue = 0;
            for (std::size_t c = 0; c < nCat; ++c) {
                const auto v = chart.series[s].values[c].toDouble();
                if (!v) {
                    pen = false;  // a missing value breaks the line instead of faking zero
                    continue;
                }
                const double px = left + band * (c + 0.5);
                const double py = yOf(*v);
                pen ? cairo_line_to(cr, px, py) : cairo_move_to(cr, px, py);
                pen = true;
                last = {px, py};
                lastValue = *v;
            }
            cairo_stroke(cr);
            for (std::size_t c = 0; c < nCat; ++c) {
                const auto v = chart.series[s].values[c].toDouble();
                if (!v)
                    continue;
                cairo_new_path(cr);
                cairo_arc(cr, left + band * (c + 0.5), yOf(*v), fs * 0.3, 0, 2 * M_PI);
                cairo_fill(cr);
            }
            if (chart.valueLabels && last) {
                // Label the latest value only: per-point labels of several lines collide.
                setGrey(cr, 0.1);
                drawText(cr, last->first, last->second - fs * 0.7, compactValue(lastValue, money),
                         Align::Center);
                setColour(cr, colour);
            }
        }
    }
    setFont(cr, font, fs);
    if (legendH > 0)
        legend(cr, chart, x, y + height - legendH, width, fs, true);
}

}  // namespace kk::report
