// Cost-sharing key: exact rational shares, floors and caps, largest-remainder split.
#include "core/allocate/cost_sharing.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

#include <boost/multiprecision/cpp_int.hpp>

#include "core/base/apportion.h"

namespace kk::alloc {
namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

cpp_rational toRational(const Rate& r) {
    return cpp_rational(cpp_int(r.num()), cpp_int(r.den()));
}

/// "33,3333 %": four decimals, half up, exact.
std::string percentText(const cpp_rational& r) {
    const cpp_rational scaled = r * 1'000'000;
    cpp_int whole =
        boost::multiprecision::numerator(scaled) / boost::multiprecision::denominator(scaled);
    const cpp_rational frac = scaled - cpp_rational(whole);
    if (frac * 2 >= 1)
        whole += 1;
    std::string digits = whole.str();
    while (digits.size() < 5)
        digits.insert(digits.begin(), '0');
    std::string intPart = digits.substr(0, digits.size() - 4);
    std::string decPart = digits.substr(digits.size() - 4);
    while (!decPart.empty() && decPart.back() == '0')
        decPart.pop_back();
    return intPart + (decPart.empty() ? "" : "," + decPart) + " %";
}

std::string rationalText(const cpp_rational& r) {
    if (boost::multiprecision::denominator(r) == 1)
        return boost::multiprecision::numerator(r).str();
    return boost::multiprecision::numerator(r).str() + "/" +
           boost::multiprecision::denominator(r).str();
}

bool fitsInt64(const cpp_int& v) {
    return v <= cpp_int(std::numeric_limits<std::int64_t>::max()) &&
           v >= cpp_int(std::numeric_limits<std::int64_t>::min());
}

Error keyError(std::string what, std::string where, std::string hint) {
    return makeError("allocate.cost_sharing_key", std::move(what), std::move(where),
                     std::move(hint));
}

/// Shares clamp(λ·raw, lo, hi) adding up to exactly 1 (the fixed point of iterative capping).
Result<std::vector<cpp_rational>> clampToOne(const std::vector<cpp_rational>& raw,
                                             const std::vector<cpp_rational>& lo,
                                             const std::vector<cpp_rational>& hi) {
    const std::size_t n = raw.size();
    auto sumAt = [&](const cpp_rational& lambda) {
        cpp_rational s = 0;
        for (std::size_t i = 0; i < n; ++i)
            s += std::clamp(cpp_rational(lambda * raw[i]), lo[i], hi[i]);
        return s;
    };
    std::vector<cpp_rational> breaks{cpp_rational(0)};
    for (std::size_t i = 0; i < n; ++i)
        if (raw[i] > 0) {
            breaks.push_back(lo[i] / raw[i]);
            breaks.push_back(hi[i] / raw[i]);
        }
    std::sort(breaks.begin(), breaks.end());
    breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
    if (sumAt(breaks.back()) < 1)
        return keyError(
            "the partners' caps and maximum contributions cannot reach 100 % with "
            "this key",
            "partners[*].cap_share / max_contribution",
            "raise a cap, or give partners without a share a key value");
    std::size_t k = 0;
    while (sumAt(breaks[k]) < 1)
        ++k;
    cpp_rational lambda = breaks[k];
    if (k > 0 && sumAt(breaks[k]) != 1) {
        // Inside (breaks[k-1], breaks[k]) f is linear: solve for the λ where it equals 1.
        const cpp_rational a = breaks[k - 1];
        const cpp_rational b = breaks[k];
        cpp_rational fixedSum = 0;
        cpp_rational freeRaw = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (raw[i] == 0)
                fixedSum += lo[i];
            else if (lo[i] / raw[i] >= b)
                fixedSum += lo[i];
            else if (hi[i] / raw[i] <= a)
                fixedSum += hi[i];
            else
                freeRaw += raw[i];
        }
        lambda = (1 - fixedSum) / freeRaw;
    }
    std::vector<cpp_rational> out(n);
    for (std::size_t i = 0; i < n; ++i)
        out[i] = std::clamp(cpp_rational(lambda * raw[i]), lo[i], hi[i]);
    return out;
}

/// Integer weights for kk::apportion: exact when a common denominator fits, else 10^12 parts.
std::vector<std::int64_t> integerWeights(const std::vector<cpp_rational>& shares, bool& exact) {
    cpp_int lcm = 1;
    for (const cpp_rational& s : shares) {
        const cpp_int d = boost::multiprecision::denominator(s);
        lcm = lcm / boost::multiprecision::gcd(lcm, d) * d;
    }
    std::vector<std::int64_t> out;
    exact = lcm <= (cpp_int(1) << 62);
    if (exact) {
        for (const cpp_rational& s : shares)
            out.push_back(static_cast<std::int64_t>(boost::multiprecision::numerator(s) *
                                                    (lcm / boost::multiprecision::denominator(s))));
        return out;
    }
    const cpp_int scale = cpp_int(1'000'000'000'000LL);
    std::vector<cpp_rational> rem;
    std::int64_t given = 0;
    for (const cpp_rational& s : shares) {
        const cpp_rational q = s * scale;
        const cpp_int fl =
            boost::multiprecision::numerator(q) / boost::multiprecision::denominator(q);
        out.push_back(static_cast<std::int64_t>(fl));
        rem.push_back(q - cpp_rational(fl));
        given += out.back();
    }
    std::vector<std::size_t> order(shares.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rem[a] != rem[b])
            return rem[a] > rem[b];
        return shares[a] > shares[b];
    });
    for (std::size_t k = 0; given < 1'000'000'000'000LL && k < order.size(); ++k, ++given)
        out[order[k]] += 1;
    return out;
}

}  // namespace

Result<KeyApplication> applyCostSharingKey(const std::vector<Partner>& partners,
                                           const CostSharingKey& key, Money residual) {
    if (partners.empty())
        return keyError("there are no partners to share the own contribution", "partners",
                        "add the coalition's partners");
    if (key.criteria.empty())
        return keyError("the cost-sharing key has no criteria", "cost_sharing_key.criteria",
                        "add at least one criterion, e.g. a fixed share");
    cpp_rational weightSum = 0;
    std::set<std::string> ids;
    for (std::size_t k = 0; k < key.criteria.size(); ++k) {
        const KeyCriterion& c = key.criteria[k];
        const std::string where =
            "cost_sharing_key.criteria[" + std::to_string(k) + "] '" + c.id + "'";
        if (c.id.empty() || !ids.insert(c.id).second)
            return keyError("criterion id is empty or used twice", where,
                            "give every criterion its own id");
        if (c.weight.isNegative())
            return keyError("criterion weight is negative", where + ".weight",
                            "give weights of zero or more");
        weightSum += toRational(c.weight);
    }
    if (weightSum != 1)
        return keyError(
            "criterion weights add up to " + percentText(weightSum) + " instead of 100 %",
            "cost_sharing_key.criteria[*].weight", "make the weights add up to 100 %");

    const std::size_t n = partners.size();
    KeyApplication out;
    out.partners.resize(n);
    std::vector<cpp_rational> raw(n, cpp_rational(0));
    for (const KeyCriterion& c : key.criteria) {
        std::vector<cpp_rational> x(n);
        cpp_rational total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto it = partners[i].keyInputs.find(c.id);
            const std::string where =
                "partners[" + std::to_string(i) + "] '" + partners[i].id + "'.key_inputs." + c.id;
            if (it == partners[i].keyInputs.end())
                return keyError("partner has no value for criterion '" + c.id + "'", where,
                                "give every partner a value (0 is allowed)");
            if (it->second.isNegative())
                return keyError("criterion value is negative", where, "give zero or more");
            x[i] = toRational(it->second);
            if (c.kind == CriterionKind::InverseFiscalCapacity) {
                if (x[i] == 0)
                    return keyError("fiscal capacity is zero, so its inverse is undefined", where,
                                    "give the fiscal capacity per inhabitant (more than zero)");
                x[i] = 1 / x[i];
            }
            total += x[i];
        }
        if (total == 0)
            return keyError("every partner has 0 for criterion '" + c.id + "'",
                            "cost_sharing_key.criteria '" + c.id + "'",
                            "give the values or remove the criterion");
        const cpp_rational w = toRational(c.weight);
        for (std::size_t i = 0; i < n; ++i) {
            const cpp_rational share = x[i] / total;
            raw[i] += w * share;
            CriterionShare cs;
            cs.criterionId = c.id;
            cs.kind = c.kind;
            cs.value = partners[i].keyInputs.at(c.id).toString();
            cs.total = rationalText(total);
            cs.share = percentText(share);
            cs.weight = c.weight;
            cs.contribution = percentText(w * share);
            out.partners[i].criteria.push_back(std::move(cs));
        }
    }

    std::vector<cpp_rational> lo(n, cpp_rational(0));
    std::vector<cpp_rational> hi(n, cpp_rational(1));
    cpp_rational loSum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (partners[i].floorShare)
            lo[i] = toRational(*partners[i].floorShare);
        if (partners[i].capShare)
            hi[i] = toRational(*partners[i].capShare);
        if (partners[i].maxContribution && residual.cents() > 0)
            hi[i] = std::min(hi[i], cpp_rational(cpp_int(partners[i].maxContribution->cents()),
                                                 cpp_int(residual.cents())));
        if (hi[i] < lo[i])
            return keyError("partner '" + partners[i].id + "' must pay at least its floor share " +
                                percentText(lo[i]) + " but can pay at most " + percentText(hi[i]),
                            "partners[" + std::to_string(i) + "]",
                            "lower the floor or raise the maximum contribution");
        loSum += lo[i];
    }
    if (loSum > 1)
        return keyError("the partners' floor shares add up to " + percentText(loSum),
                        "partners[*].floor_share", "make the floors add up to 100 % or less");
    auto shares = clampToOne(raw, lo, hi);
    if (!shares)
        return shares.error();

    bool exact = true;
    const std::vector<std::int64_t> weights = integerWeights(*shares, exact);
    std::int64_t weightTotal = 0;
    for (std::int64_t w : weights)
        weightTotal += w;
    auto parts = apportion(residual, std::span<const std::int64_t>(weights));
    if (!parts)
        return parts.error();
    for (std::size_t i = 0; i < n; ++i) {
        PartnerResult& p = out.partners[i];
        p.partnerId = partners[i].id;
        p.name = partners[i].name;
        p.rawShare = percentText(raw[i]);
        const cpp_rational& s = (*shares)[i];
        if (exact && fitsInt64(boost::multiprecision::numerator(s)) &&
            fitsInt64(boost::multiprecision::denominator(s)))
            p.share = Rate(static_cast<std::int64_t>(boost::multiprecision::numerator(s)),
                           static_cast<std::int64_t>(boost::multiprecision::denominator(s)));
        else
            p.share = Rate(weights[i], weightTotal);
        p.shareExact = exact;
        if (s != raw[i]) {
            if (partners[i].floorShare && s == lo[i])
                p.adjustment = "raised to its floor share of " + percentText(lo[i]);
            else if (s == hi[i] && partners[i].capShare &&
                     hi[i] == toRational(*partners[i].capShare))
                p.adjustment = "capped at its cap share of " + percentText(hi[i]);
            else if (s == hi[i])
                p.adjustment = "capped by its maximum contribution of " +
                               partners[i].maxContribution->format();
            else
                p.adjustment = "rescaled from " + percentText(raw[i]) +
                               " because other partners are at their floor or cap";
        }
        p.residualPart = (*parts)[i];
    }
    return out;
}

}  // namespace kk::alloc
