// Largest-remainder apportionment over 128-bit integer weights.
#include "core/base/apportion.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace kk {
namespace {

Result<std::vector<Money>> apportionWide(Money total, const std::vector<__int128>& weights) {
    if (weights.empty())
        return makeError("apportion.empty", "nothing to split the amount over", {},
                         "give at least one part");
    __int128 sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] < 0)
            return makeError("apportion.negative_weight", "a weight is negative",
                             "part " + std::to_string(i + 1), "weights must be zero or more");
        sum += weights[i];
        if (sum > (static_cast<__int128>(1) << 100))
            return makeError("apportion.overflow", "weights are too large to split exactly");
    }
    if (sum == 0)
        return makeError("apportion.zero_weights", "all weights are zero", {},
                         "give at least one part a positive weight");

    const bool negative = total.isNegative();
    const __int128 whole = negative ? -static_cast<__int128>(total.cents()) : total.cents();
    // whole < 2^63 and weight < 2^100 would overflow 2^127; scale down if needed is not exact, so
    // refuse instead: practical weights are far smaller.
    if (sum > (static_cast<__int128>(1) << 62))
        return makeError("apportion.overflow", "weights are too fine-grained to split exactly", {},
                         "use weights with fewer digits");

    struct Part {
        std::size_t index;
        __int128 floor;
        __int128 remainder;
        __int128 weight;
    };
    std::vector<Part> parts;
    parts.reserve(weights.size());
    __int128 assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const __int128 exact = whole * weights[i];
        parts.push_back({i, exact / sum, exact % sum, weights[i]});
        assigned += exact / sum;
    }
    __int128 left = whole - assigned;  // < number of parts
    std::vector<std::size_t> order(parts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (parts[a].remainder != parts[b].remainder)
            return parts[a].remainder > parts[b].remainder;
        if (parts[a].weight != parts[b].weight)
            return parts[a].weight > parts[b].weight;
        return a < b;
    });
    for (std::size_t k = 0; k < order.size() && left > 0; ++k) {
        if (parts[order[k]].weight == 0)
            continue;
        parts[order[k]].floor += 1;
        --left;
    }
    std::vector<Money> out;
    out.reserve(parts.size());
    for (const Part& p : parts) {
        const auto cents = static_cast<std::int64_t>(p.floor);
        out.push_back(Money::fromCents(negative ? -cents : cents));
    }
    return out;
}

}  // namespace

Result<std::vector<Money>> apportion(Money total, std::span<const std::int64_t> weights) {
    std::vector<__int128> wide(weights.begin(), weights.end());
    return apportionWide(total, wide);
}

Result<std::vector<Money>> apportion(Money total, std::span<const Rate> weights) {
    __int128 lcm = 1;
    for (const Rate& w : weights) {
        const __int128 d = w.den();
        __int128 a = lcm;
        __int128 b = d;
        while (b != 0) {
            const __int128 t = a % b;
            a = b;
            b = t;
        }
        lcm = lcm / a * d;
        if (lcm > (static_cast<__int128>(1) << 62))
            return makeError("apportion.overflow", "weights have too many different denominators",
                             {}, "use simpler fractions or percentages");
    }
    std::vector<__int128> wide;
    wide.reserve(weights.size());
    for (const Rate& w : weights)
        wide.push_back(static_cast<__int128>(w.num()) * (lcm / w.den()));
    return apportionWide(total, wide);
}

}  // namespace kk
