// Readable sentences for the trace: one per cell and one paragraph per partner.
#include "core/allocate/allocation.h"

namespace kk::alloc {
namespace {

std::string fundLabel(const Allocation& a, std::size_t f) {
    return "'" + (a.fundNames[f].empty() ? a.fundIds[f] : a.fundNames[f]) + "'";
}

std::string reasonSentence(const Allocation& a, std::size_t i, std::size_t f, const CellTrace& t) {
    const CostItem& item = a.items[i];
    const std::string fund = fundLabel(a, f);
    const std::string limit = t.limit.format();
    switch (t.reason) {
        case Reason::ItemNotEligible:
            return "nothing: cost item '" + item.id + "' is not eligible";
        case Reason::CategoryNotEligible:
            return "nothing: " + fund + " does not pay category '" + item.category + "'";
        case Reason::TagNotEligible:
            return "nothing: " + fund + " pays only costs with one of its eligibility tags";
        case Reason::Rate:
            return fund + " pays its maximum rate of " + a.fundRates[f].formatPercent() + " of " +
                   item.amount.format() + " (" + t.rateLimit.format() + ")";
        case Reason::PriorityExhausted:
            return "funds earlier in priority order already cover the rest of the cost of " +
                   item.amount.format();
        case Reason::CostCovered:
            return "other funds already cover the rest of the cost of " + item.amount.format();
        case Reason::FundBudget:
            return "the remaining budget of " + fund + " (" + limit + ") is used up";
        case Reason::CapPerProject:
            return "the maximum of " + limit + " per project of " + fund + " is reached";
        case Reason::CapPerPartner:
            return "the maximum of " + limit + " per partner of " + fund + " is reached for '" +
                   item.partnerId + "'";
        case Reason::CapPerYear:
            return "the maximum of " + limit + " per year of " + fund + " is reached for " +
                   std::to_string(item.year);
        case Reason::CumulationCeiling:
            return "cumulation group '" +
                   (t.group >= 0 ? a.groupNames[static_cast<std::size_t>(t.group)] : "?") +
                   "' has reached its ceiling of " + limit;
        case Reason::MinOwnContribution:
            return "external money has reached " + limit +
                   "; more would push the partners' own contribution below its minimum";
        case Reason::MayNotFundFully:
            return "a fund that may not fund the project fully takes part, so the partners "
                   "keep at least € 0,01 and external money stops at " +
                   limit;
        case Reason::DeMinimis:
            return "partner '" + item.partnerId + "' has reached its de minimis headroom of " +
                   limit;
        case Reason::StrategyChoice:
            return "no limit is reached (the rate allows " + t.rateLimit.format() +
                   "); this is the split strategy '" + a.strategy + "' chose";
        case Reason::None:
            break;
    }
    return "no explanation";
}

}  // namespace

std::string cellText(const Allocation& a, std::size_t item, std::size_t fund) {
    const CellTrace& t = a.cellTrace(item, fund);
    std::string out = a.cell(item, fund).format() + ": " + reasonSentence(a, item, fund, t);
    if (t.alsoTight != 0) {
        std::string also;
        for (int r = 0; r <= static_cast<int>(Reason::StrategyChoice); ++r)
            if (t.alsoTight & (1u << r)) {
                also += also.empty() ? "" : ", ";
                also += reasonName(static_cast<Reason>(r));
            }
        out += " (also reached: " + also + ")";
    }
    return out;
}

std::string partnerText(const PartnerResult& p) {
    std::string out = "Partner '" + p.partnerId + "'";
    if (!p.name.empty())
        out += " (" + p.name + ")";
    out += ": share " + p.share.formatPercent();
    if (!p.rawShare.empty())
        out += " (key gives " + p.rawShare + ")";
    if (!p.adjustment.empty())
        out += ", " + p.adjustment;
    if (!p.shareExact)
        out += ", rounded to 10^-12";
    out += ".";
    for (const CriterionShare& c : p.criteria)
        out += " " + c.criterionId + ": " + c.value + " of " + c.total + " = " + c.share +
               " × weight " + c.weight.formatPercent() + " = " + c.contribution + ".";
    out += " Pays " + p.residualPart.format() + " of the residual own contribution";
    if (!p.internalFunds.isZero())
        out += " and " + p.internalFunds.format() + " through its own funds";
    out += "; bears costs of " + p.cost.format() + " and receives " + p.externalReceived.format() +
           " external funding on them.";
    if (!p.deMinimisGranted.isZero() || !p.deMinimisPrior.isZero())
        out += " De minimis: " + p.deMinimisPrior.format() + " before, " +
               p.deMinimisGranted.format() + " in this allocation.";
    return out;
}

}  // namespace kk::alloc
