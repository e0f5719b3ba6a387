// Axis ticks, choropleth class breaks and colour-blind-safe palettes shared by all painters.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/report/report.h"

namespace kk::report {

/// Evenly spaced "nice" ticks (steps of 1, 2, 2.5 or 5 × 10^k) covering [lo, hi].
struct Ticks {
    double min = 0;
    double max = 1;
    double step = 1;
    std::vector<double> values;
};
Ticks niceTicks(double lo, double hi, int maxTicks = 6);

/// Class breaks for a choropleth: breaks[0] is the minimum, breaks.back() the maximum, and
/// class i (0-based) holds values in [breaks[i], breaks[i+1]) — the last class is closed.
///
/// Quantile: break i is the value at sorted index floor(i·N/n); duplicate breaks (many equal
/// values) are merged, so there may be fewer classes than asked. EqualInterval: n classes of
/// width (max − min)/n. When all values are equal there is a single class.
struct ClassBreaks {
    std::vector<double> breaks;
    int count() const { return breaks.size() < 2 ? 0 : static_cast<int>(breaks.size()) - 1; }
    /// 0-based class of a value, -1 when there are no classes.
    int classOf(double value) const;
};
ClassBreaks classify(std::vector<double> values, Classification method, int classes);

/// Map values as doubles (features without a value are skipped).
std::vector<double> mapValues(const MapBlock& map);

/// An sRGB colour with components in [0, 1].
struct Colour {
    double r = 0;
    double g = 0;
    double b = 0;
    std::string hex() const;  ///< "#0072b2"
    unsigned rgb24() const;   ///< 0x0072b2
};

/// Categorical colours for series (Okabe–Ito, safe for the common colour-vision deficiencies);
/// cycles after 8.
Colour seriesColour(std::size_t index);
/// Sequential colours for choropleth class `index` of `count` (ColorBrewer YlGnBu ramp,
/// colour-blind safe and printable in grey scale): light = low, dark = high.
Colour classColour(int index, int count);
/// Fill for features without a value.
Colour noDataColour();

}  // namespace kk::report
