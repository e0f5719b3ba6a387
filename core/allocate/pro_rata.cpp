// The pro-rata strategy: each cost split in proportion to the funds' rates.
//
// Rounds, until a round adds nothing:
// 1. Offer: for every item with an unfunded rest R, each eligible fund with room h_f > 0 (its
//    rate and every limit seen from this one cell) wants h_f. If the wishes fit in R, every
//    fund gets its wish (Σ rates ≤ 100 %: each fund pays its rate). Otherwise R is split over
//    them in proportion to their rates (kk::apportion), each part capped at h_f.
// 2. Limits: every set limit (fund budget/cap per project, cap per partner, cap per year,
//    cumulation group, external money vs minimum own contribution, de minimis per partner),
//    in that order, that the round's offers would overrun scales the offers of its cells down
//    to what is left, in proportion to the offers (kk::apportion). Scaling only lowers offers,
//    so a set checked earlier stays within its limit.
// 3. The offers are booked. What a scaled fund could not pay is offered to the other funds in
//    the next round (redistribution); a reached limit has no room left, so it takes no more.
#include <numeric>

#include "core/allocate/ledger.h"
#include "core/allocate/strategy.h"
#include "core/allocate/strategy_detail.h"
#include "core/base/apportion.h"

namespace kk::alloc {
namespace {

constexpr int kMaxRounds = 10'000;

/// Scales the offers of `cells` down to `room` when they add up to more.
Status limitSet(std::vector<std::int64_t>& offer, const std::vector<std::size_t>& cells,
                std::int64_t room) {
    std::int64_t sum = 0;
    for (std::size_t c : cells)
        sum += offer[c];
    if (sum <= room)
        return {};
    std::vector<std::int64_t> weights;
    weights.reserve(cells.size());
    for (std::size_t c : cells)
        weights.push_back(offer[c]);
    auto parts = apportion(Money::fromCents(std::max<std::int64_t>(room, 0)),
                           std::span<const std::int64_t>(weights));
    if (!parts)
        return parts.error();
    for (std::size_t k = 0; k < cells.size(); ++k)
        offer[cells[k]] = parts.value()[k].cents();
    return {};
}

class SetIndex {
  public:
    explicit SetIndex(const PreparedProblem& p) {
        const std::size_t m = p.fundCount();
        const std::size_t np = p.partners.size();
        const std::size_t ny = p.years.size();
        m_fund.resize(m);
        m_partner.resize(m * np);
        m_year.resize(m * ny);
        m_group.resize(p.groups.size());
        m_deMinimis.resize(np);
        for (std::size_t i = 0; i < p.itemCount(); ++i)
            for (std::size_t f = 0; f < m; ++f) {
                const std::size_t c = p.cellIndex(i, f);
                if (p.block[c] != Reason::None || p.rateLimit[c] == 0)
                    continue;
                m_fund[f].push_back(c);
                m_partner[f * np + p.itemPartner[i]].push_back(c);
                m_year[f * ny + p.itemYear[i]].push_back(c);
                for (std::size_t g : p.fundGroups[f])
                    m_group[g].push_back(c);
                if (p.fundExternal[f])
                    m_external.push_back(c);
                if (p.funds[f].stateAid)
                    m_deMinimis[p.itemPartner[i]].push_back(c);
            }
    }

    Status apply(const PreparedProblem& p, const LimitLedger& l,
                 std::vector<std::int64_t>& offer) const {
        const std::size_t np = p.partners.size();
        const std::size_t ny = p.years.size();
        for (std::size_t f = 0; f < p.fundCount(); ++f) {
            if (Status s = limitSet(offer, m_fund[f], p.fundLimit[f] - l.fundUsed(f)); !s)
                return s;
            for (std::size_t pi = 0; pi < np; ++pi)
                if (Status s = limitSet(offer, m_partner[f * np + pi],
                                        p.capPartner[f] - l.partnerUsed(f, pi));
                    !s)
                    return s;
            for (std::size_t y = 0; y < ny; ++y)
                if (Status s = limitSet(offer, m_year[f * ny + y], p.capYear[f] - l.yearUsed(f, y));
                    !s)
                    return s;
        }
        for (std::size_t g = 0; g < p.groups.size(); ++g)
            if (Status s = limitSet(offer, m_group[g], p.groups[g].limit - l.groupUsed(g)); !s)
                return s;
        if (Status s = limitSet(offer, m_external, p.externalLimit - l.externalUsed()); !s)
            return s;
        for (std::size_t pi = 0; pi < np; ++pi)
            if (Status s =
                    limitSet(offer, m_deMinimis[pi], p.deMinimisHeadroom[pi] - l.deMinimisUsed(pi));
                !s)
                return s;
        return {};
    }

  private:
    std::vector<std::vector<std::size_t>> m_fund, m_partner, m_year, m_group, m_deMinimis;
    std::vector<std::size_t> m_external;
};

}  // namespace

Result<std::vector<std::int64_t>> proRataCells(const PreparedProblem& p) {
    const std::size_t n = p.itemCount();
    const std::size_t m = p.fundCount();
    LimitLedger ledger(p);
    const SetIndex sets(p);
    std::vector<std::int64_t> offer(n * m, 0);
    std::vector<std::size_t> candidates;
    std::vector<std::int64_t> room(m, 0);
    std::vector<Rate> rates;
    for (int round = 0; round < kMaxRounds; ++round) {
        std::fill(offer.begin(), offer.end(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t rest = ledger.itemRemaining(i);
            if (rest <= 0)
                continue;
            candidates.clear();
            rates.clear();
            std::int64_t wished = 0;
            for (std::size_t f = 0; f < m; ++f) {
                room[f] = ledger.room(i, f).cents;
                if (room[f] > 0) {
                    candidates.push_back(f);
                    rates.push_back(p.funds[f].maxRate);
                    wished += room[f];
                }
            }
            if (candidates.empty())
                continue;
            if (wished <= rest) {
                for (std::size_t f : candidates)
                    offer[p.cellIndex(i, f)] = room[f];
                continue;
            }
            auto parts = apportion(Money::fromCents(rest), std::span<const Rate>(rates));
            if (!parts)
                return parts.error();
            for (std::size_t k = 0; k < candidates.size(); ++k)
                offer[p.cellIndex(i, candidates[k])] =
                    std::min(room[candidates[k]], parts.value()[k].cents());
        }
        if (Status s = sets.apply(p, ledger, offer); !s)
            return s.error();
        std::int64_t booked = 0;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t f = 0; f < m; ++f)
                if (const std::int64_t v = offer[p.cellIndex(i, f)]; v > 0) {
                    ledger.add(i, f, v);
                    booked += v;
                }
        if (booked == 0)
            break;
    }
    return ledger.takeCells();
}

std::int64_t externalTotal(const PreparedProblem& p, const std::vector<std::int64_t>& cells) {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < p.itemCount(); ++i)
        for (std::size_t f = 0; f < p.fundCount(); ++f)
            if (p.fundExternal[f])
                total += cells[p.cellIndex(i, f)];
    return total;
}

namespace {

class ProRataStrategy final : public AllocationStrategy {
  public:
    std::string name() const override { return "pro_rata"; }
    Result<Allocation> allocate(const Problem& problem) const override {
        auto p = prepare(problem);
        if (!p)
            return p.error();
        auto cells = proRataCells(p.value());
        if (!cells)
            return cells.error();
        return finishAllocation(p.value(), name(), std::move(cells).value());
    }
};

}  // namespace

std::unique_ptr<AllocationStrategy> makeProRataStrategy() {
    return std::make_unique<ProRataStrategy>();
}

}  // namespace kk::alloc
