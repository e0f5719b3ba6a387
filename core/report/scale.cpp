// Nice ticks, class breaks and palettes: the numeric decisions behind every chart and map.
#include "core/report/scale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kk::report {

Ticks niceTicks(double lo, double hi, int maxTicks) {
    Ticks t;
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (lo > hi)
        std::swap(lo, hi);
    if (hi - lo < 1e-12) {
        // A flat series still needs a visible axis around its value.
        const double pad = std::fabs(hi) > 0 ? std::fabs(hi) * 0.5 : 1.0;
        lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
        hi = hi + pad;
    }
    maxTicks = std::max(maxTicks, 2);
    const double raw = (hi - lo) / (maxTicks - 1);
    const double pow10 = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * pow10;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * pow10 >= raw * (1 - 1e-9)) {
            step = m * pow10;
            break;
        }
    t.step = step;
    t.min = std::floor(lo / step + 1e-9) * step;
    t.max = std::ceil(hi / step - 1e-9) * step;
    for (double v = t.min; v <= t.max + step * 1e-6; v += step)
        t.values.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    return t;
}

int ClassBreaks::classOf(double value) const {
    const int n = count();
    if (n == 0)
        return -1;
    for (int i = n - 1; i > 0; --i)
        if (value >= breaks[static_cast<std::size_t>(i)])
            return i;
    return 0;
}

ClassBreaks classify(std::vector<double> values, Classification method, int classes) {
    ClassBreaks out;
    if (values.empty())
        return out;
    std::sort(values.begin(), values.end());
    const double lo = values.front();
    const double hi = values.back();
    classes = std::clamp(classes, 1, 9);
    if (lo == hi) {
        out.breaks = {lo, hi};
        return out;
    }
    out.breaks.push_back(lo);
    const std::size_t n = values.size();
    for (int i = 1; i < classes; ++i) {
        double b = 0;
        if (method == Classification::Quantile)
            b = values[static_cast<std::size_t>(i) * n / static_cast<std::size_t>(classes)];
        else
            b = lo + (hi - lo) * i / classes;
        if (b > out.breaks.back() && b < hi)
            out.breaks.push_back(b);
    }
    out.breaks.push_back(hi);
    return out;
}

std::vector<double> mapValues(const MapBlock& map) {
    std::vector<double> values;
    for (const MapFeature& f : map.features)
        if (const auto v = f.value.toDouble())
            values.push_back(*v);
    return values;
}

std::string Colour::hex() const {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", rgb24());
    return buf;
}

unsigned Colour::rgb24() const {
    auto byte = [](double c) {
        return static_cast<unsigned>(std::lround(std::clamp(c, 0.0, 1.0) * 255.0));
    };
    return (byte(r) << 16) | (byte(g) << 8) | byte(b);
}

namespace {
Colour fromHex(unsigned rgb) {
    return Colour{((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0};
}
}  // namespace

Colour seriesColour(std::size_t index) {
    // Okabe & Ito (2008), reordered so neighbouring stacks contrast; black is replaced by grey
    // because black segments hide their value labels.
    static constexpr unsigned kOkabeIto[] = {0x0072b2, 0xe69f00, 0x009e73, 0x56b4e9,
                                             0xd55e00, 0xcc79a7, 0xf0e442, 0x7f7f7f};
    return fromHex(kOkabeIto[index % 8]);
}

Colour classColour(int index, int count) {
    // ColorBrewer YlGnBu, 9 classes. The lightest step is skipped so the lowest class does not
    // look like "no data" on white paper.
    static constexpr unsigned kYlGnBu[] = {0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4,
                                           0x1d91c0, 0x225ea8, 0x253494, 0x081d58};
    if (count <= 1)
        return fromHex(kYlGnBu[4]);
    const int i = std::clamp(index, 0, count - 1);
    const int at = 1 + static_cast<int>(std::lround(7.0 * i / (count - 1)));
    return fromHex(kYlGnBu[at]);
}

Colour noDataColour() {
    return fromHex(0xd9d9d9);
}

}  // namespace kk::report
