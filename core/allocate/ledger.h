// Bookkeeping of every limit while a strategy fills the allocation matrix.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/allocate/prepared.h"

namespace kk::alloc {

/// Tracks how much of each limit the cells placed so far use, and answers "how much more may
/// this fund pay on this item, and which limit stops it". Strategies only add money through
/// add(), so no limit can be overrun by construction; the invariant checker verifies the
/// result independently.
class LimitLedger {
  public:
    /// One limit that applies to a cell and how much of it is left.
    struct Room {
        std::int64_t cents = 0;
        Reason reason = Reason::None;
        std::size_t group = 0;  ///< index into PreparedProblem::groups for CumulationCeiling
    };

    explicit LimitLedger(const PreparedProblem& p);

    /// The most that may still be added to cell (item, fund) and the limit that binds first.
    /// Ties between limits are reported in Reason order (rate first, de minimis last).
    Room room(std::size_t item, std::size_t fund) const {
        const std::size_t c = m_p.cellIndex(item, fund);
        if (m_p.block[c] != Reason::None)
            return {0, m_p.block[c], 0};
        Room best{m_p.rateLimit[c] - m_cells[c], Reason::Rate, 0};
        auto consider = [&best](std::int64_t cents, Reason reason, std::size_t group = 0) {
            if (cents < best.cents)
                best = {cents, reason, group};
        };
        consider(m_p.amount[item] - m_itemUsed[item], Reason::CostCovered);
        consider(m_p.fundLimit[fund] - m_fundUsed[fund], m_p.fundLimitReason[fund]);
        consider(m_p.capPartner[fund] - m_partnerUsed[partnerSlot(item, fund)],
                 Reason::CapPerPartner);
        consider(m_p.capYear[fund] - m_yearUsed[yearSlot(item, fund)], Reason::CapPerYear);
        for (std::size_t g : m_p.fundGroups[fund])
            consider(m_p.groups[g].limit - m_groupUsed[g], Reason::CumulationCeiling, g);
        if (m_p.fundExternal[fund])
            consider(m_p.externalLimit - m_externalUsed, externalReason());
        if (m_p.funds[fund].stateAid)
            consider(m_p.deMinimisHeadroom[m_p.itemPartner[item]] -
                         m_deMinimisUsed[m_p.itemPartner[item]],
                     Reason::DeMinimis);
        if (best.cents < 0)
            best.cents = 0;
        return best;
    }

    /// Every limit on the cell with what is left of it, in Reason order (for the trace).
    /// Fills `out` (cleared first) so that callers can reuse one buffer for many cells.
    void rooms(std::size_t item, std::size_t fund, std::vector<Room>& out) const;

    /// Adds cents to a cell. The caller has checked room(); cents may be negative to undo.
    void add(std::size_t item, std::size_t fund, std::int64_t cents) {
        m_cells[m_p.cellIndex(item, fund)] += cents;
        m_itemUsed[item] += cents;
        m_fundUsed[fund] += cents;
        m_partnerUsed[partnerSlot(item, fund)] += cents;
        m_yearUsed[yearSlot(item, fund)] += cents;
        for (std::size_t g : m_p.fundGroups[fund])
            m_groupUsed[g] += cents;
        if (m_p.fundExternal[fund])
            m_externalUsed += cents;
        if (m_p.funds[fund].stateAid)
            m_deMinimisUsed[m_p.itemPartner[item]] += cents;
    }

    std::int64_t cell(std::size_t item, std::size_t fund) const {
        return m_cells[m_p.cellIndex(item, fund)];
    }
    const std::vector<std::int64_t>& cells() const { return m_cells; }
    std::vector<std::int64_t> takeCells() { return std::move(m_cells); }
    std::int64_t itemRemaining(std::size_t item) const {
        return m_p.amount[item] - m_itemUsed[item];
    }
    std::int64_t externalUsed() const { return m_externalUsed; }
    std::int64_t fundUsed(std::size_t fund) const { return m_fundUsed[fund]; }
    std::int64_t partnerUsed(std::size_t fund, std::size_t partner) const {
        return m_partnerUsed[fund * m_p.partners.size() + partner];
    }
    std::int64_t yearUsed(std::size_t fund, std::size_t year) const {
        return m_yearUsed[fund * m_p.years.size() + year];
    }
    std::int64_t groupUsed(std::size_t group) const { return m_groupUsed[group]; }
    std::int64_t deMinimisUsed(std::size_t partner) const { return m_deMinimisUsed[partner]; }

    Reason externalReason() const {
        return m_p.minOwnFromFlag ? Reason::MayNotFundFully : Reason::MinOwnContribution;
    }
    const PreparedProblem& problem() const { return m_p; }

  private:
    std::size_t partnerSlot(std::size_t item, std::size_t fund) const {
        return fund * m_p.partners.size() + m_p.itemPartner[item];
    }
    std::size_t yearSlot(std::size_t item, std::size_t fund) const {
        return fund * m_p.years.size() + m_p.itemYear[item];
    }

    const PreparedProblem& m_p;
    std::vector<std::int64_t> m_cells;
    std::vector<std::int64_t> m_itemUsed;
    std::vector<std::int64_t> m_fundUsed;
    std::vector<std::int64_t> m_partnerUsed;  ///< fund-major: fund * partners + partner
    std::vector<std::int64_t> m_yearUsed;     ///< fund-major: fund * years + year
    std::vector<std::int64_t> m_groupUsed;
    std::vector<std::int64_t> m_deMinimisUsed;
    std::int64_t m_externalUsed = 0;
};

}  // namespace kk::alloc
