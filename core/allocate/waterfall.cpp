// The waterfall strategy: funds in priority order, each up to all its limits.
#include "core/allocate/ledger.h"
#include "core/allocate/strategy.h"
#include "core/allocate/strategy_detail.h"

namespace kk::alloc {

void fillInOrder(const PreparedProblem& p, LimitLedger& ledger,
                 const std::vector<std::size_t>& funds) {
    for (std::size_t f : funds)
        for (std::size_t i = 0; i < p.itemCount(); ++i) {
            const LimitLedger::Room room = ledger.room(i, f);
            if (room.cents > 0)
                ledger.add(i, f, room.cents);
        }
}

std::vector<std::int64_t> waterfallCells(const PreparedProblem& p) {
    LimitLedger ledger(p);
    fillInOrder(p, ledger, p.priorityOrder);
    return ledger.takeCells();
}

namespace {

class WaterfallStrategy final : public AllocationStrategy {
  public:
    std::string name() const override { return "waterfall"; }
    Result<Allocation> allocate(const Problem& problem) const override {
        auto p = prepare(problem);
        if (!p)
            return p.error();
        return finishAllocation(p.value(), name(), waterfallCells(p.value()));
    }
};

}  // namespace

std::unique_ptr<AllocationStrategy> makeWaterfallStrategy() {
    return std::make_unique<WaterfallStrategy>();
}

}  // namespace kk::alloc
