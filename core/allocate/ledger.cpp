// Limit bookkeeping: set-up and the full list of limits on one cell.
#include "core/allocate/ledger.h"

namespace kk::alloc {

LimitLedger::LimitLedger(const PreparedProblem& p)
    : m_p(p),
      m_cells(p.itemCount() * p.fundCount(), 0),
      m_itemUsed(p.itemCount(), 0),
      m_fundUsed(p.fundCount(), 0),
      m_partnerUsed(p.fundCount() * p.partners.size(), 0),
      m_yearUsed(p.fundCount() * p.years.size(), 0),
      m_groupUsed(p.groups.size(), 0),
      m_deMinimisUsed(p.partners.size(), 0) {}

void LimitLedger::rooms(std::size_t item, std::size_t fund, std::vector<Room>& out) const {
    out.clear();
    const std::size_t c = m_p.cellIndex(item, fund);
    if (m_p.block[c] != Reason::None) {
        out.push_back({0, m_p.block[c], 0});
        return;
    }
    out.push_back({m_p.rateLimit[c] - m_cells[c], Reason::Rate, 0});
    if (m_p.fundLimit[fund] < PreparedProblem::kUnlimited)
        out.push_back({m_p.fundLimit[fund] - m_fundUsed[fund], m_p.fundLimitReason[fund], 0});
    if (m_p.capPartner[fund] < PreparedProblem::kUnlimited)
        out.push_back({m_p.capPartner[fund] - m_partnerUsed[partnerSlot(item, fund)],
                       Reason::CapPerPartner, 0});
    if (m_p.capYear[fund] < PreparedProblem::kUnlimited)
        out.push_back(
            {m_p.capYear[fund] - m_yearUsed[yearSlot(item, fund)], Reason::CapPerYear, 0});
    out.push_back({m_p.amount[item] - m_itemUsed[item], Reason::CostCovered, 0});
    for (std::size_t g : m_p.fundGroups[fund])
        out.push_back({m_p.groups[g].limit - m_groupUsed[g], Reason::CumulationCeiling, g});
    if (m_p.fundExternal[fund])
        out.push_back({m_p.externalLimit - m_externalUsed, externalReason(), 0});
    if (m_p.funds[fund].stateAid && m_p.deMinimis)
        out.push_back(
            {m_p.deMinimisHeadroom[m_p.itemPartner[item]] - m_deMinimisUsed[m_p.itemPartner[item]],
             Reason::DeMinimis, 0});
}

}  // namespace kk::alloc
