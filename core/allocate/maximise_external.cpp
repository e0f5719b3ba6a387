// The maximise_external strategy: the split with the most external money, as a max-flow.
//
// Network (capacities in cents, see docs/allocation.md for the full argument):
//
//   S ──(eligible cost − minimum own contribution)──▶ X
//   X ──▶ cumulation groups, as a tree (a group inside a wider group hangs below it) ──▶
//   F_f (budget / cap per project) ──▶ [F_f,p (cap per partner)] ──▶ [F_f,y or F_f,p,y
//   (cap per year)] ──(rate × cost, rounded down)──▶ I_i ──(cost)──▶ T
//
// Only external funds are in the network. A flow is a split; every path crosses each limit
// that applies to its cell exactly once, so the maximum flow is the maximum external money
// under all limits that form a tree. Three kinds of limits cross the tree and cannot be an
// edge: de minimis per partner (across funds), a cap per year of a fund that also has a cap
// per partner, and cumulation groups that overlap without nesting. For those the post-pass
// splits the limit over its member edges in proportion to the flow they carry, re-solves, and
// then moves unused split capacity to members that are full (a few rounds). After the flow, a
// greedy completion fills own/partner-contribution funds and any room left, in priority
// order. When a crossing limit had to be split the result is no longer provably optimal, so
// it is compared with waterfall and pro_rata and the best external total is returned (with a
// note); tests/allocate check it is never below either on 10,000 random problems.
#include <algorithm>
#include <numeric>

#include "core/allocate/flow_network.h"
#include "core/allocate/ledger.h"
#include "core/allocate/strategy.h"
#include "core/allocate/strategy_detail.h"
#include "core/base/apportion.h"

namespace kk::alloc {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr int kRebalanceRounds = 8;

/// A limit that crosses the tree: the sum of flows on `edges` must stay within `limit`.
struct Crossing {
    std::int64_t limit = 0;
    std::vector<std::size_t> edges;
    std::vector<std::int64_t> original;  ///< the members' capacities before any split
    bool split = false;
};

class FlowModel {
  public:
    explicit FlowModel(const PreparedProblem& p) : m_p(p) { build(); }

    /// Solves, splitting crossing limits until all hold. Returns whether any was split.
    bool solve() {
        m_net.solve(m_source, m_sink);
        bool splitAny = false;
        int rebalances = 0;
        while (true) {
            bool split = false;
            for (Crossing& c : m_crossings)
                if (!c.split && used(c) > c.limit) {
                    splitByFlow(c);
                    split = true;
                }
            if (split) {  // each crossing is split once, so this ends
                splitAny = true;
                m_net.solve(m_source, m_sink);
                continue;
            }
            if (!splitAny || rebalances >= kRebalanceRounds)
                break;
            bool changed = false;
            for (Crossing& c : m_crossings)
                if (c.split)
                    changed = rebalance(c) || changed;
            if (!changed)
                break;
            ++rebalances;
            m_net.solve(m_source, m_sink);
        }
        return splitAny;
    }

    std::vector<std::int64_t> cells() const {
        std::vector<std::int64_t> out(m_p.itemCount() * m_p.fundCount(), 0);
        for (std::size_t c = 0; c < out.size(); ++c)
            if (m_cellEdge[c] != kNone)
                out[c] = m_net.flow(m_cellEdge[c]);
        return out;
    }

  private:
    std::int64_t used(const Crossing& c) const {
        std::int64_t sum = 0;
        for (std::size_t e : c.edges)
            sum += m_net.flow(e);
        return sum;
    }

    void splitByFlow(Crossing& c) {
        std::vector<std::int64_t> weights;
        for (std::size_t e : c.edges)
            weights.push_back(m_net.flow(e));
        auto parts = apportion(Money::fromCents(c.limit), std::span<const std::int64_t>(weights));
        for (std::size_t k = 0; k < c.edges.size(); ++k) {
            const std::int64_t share = parts ? parts.value()[k].cents() : 0;
            // min with the current capacity: an edge in two crossings keeps both splits.
            m_net.setCapacity(c.edges[k], std::min(m_net.capacity(c.edges[k]), share));
        }
        c.split = true;
    }

    /// Moves the capacity members leave unused to members that use all of theirs.
    bool rebalance(Crossing& c) {
        std::int64_t spare = c.limit;
        std::vector<std::int64_t> weights;
        bool anyFull = false;
        for (std::size_t k = 0; k < c.edges.size(); ++k) {
            const std::int64_t flow = m_net.flow(c.edges[k]);
            const bool full = flow == m_net.capacity(c.edges[k]) && flow < c.original[k] &&
                              m_shared[c.edges[k]] == 1;
            spare -= flow;
            weights.push_back(full ? flow + 1 : 0);
            anyFull = anyFull || full;
        }
        if (spare <= 0 || !anyFull)
            return false;
        auto parts = apportion(Money::fromCents(spare), std::span<const std::int64_t>(weights));
        if (!parts)
            return false;
        for (std::size_t k = 0; k < c.edges.size(); ++k) {
            if (m_shared[c.edges[k]] != 1)
                continue;  // raising it could break the other crossing it belongs to
            const std::int64_t flow = m_net.flow(c.edges[k]);
            m_net.setCapacity(c.edges[k], std::min(c.original[k], flow + parts.value()[k].cents()));
        }
        return true;
    }

  public:
    /// True when every crossing limit holds for the current flow.
    bool crossingsHold() const {
        return std::all_of(m_crossings.begin(), m_crossings.end(),
                           [&](const Crossing& c) { return used(c) <= c.limit; });
    }

  private:
    std::size_t edge(std::size_t from, std::size_t to, std::int64_t cap) {
        return m_net.addEdge(from, to, std::min(cap, m_infinity));
    }

    void build() {
        const std::size_t m = m_p.fundCount();
        const std::size_t np = m_p.partners.size();
        const std::size_t ny = m_p.years.size();
        m_infinity = std::max<std::int64_t>(m_p.eligibleCost, 1);
        m_source = m_net.addNode();
        m_sink = m_net.addNode();
        const std::size_t root = m_net.addNode();
        edge(m_source, root, m_p.externalLimit);

        const std::vector<std::size_t> fundParent = buildGroups(root);
        std::vector<std::size_t> fundNode(m, kNone);
        std::vector<std::size_t> fundEdge(m, kNone);
        for (std::size_t f = 0; f < m; ++f)
            if (m_p.fundExternal[f]) {
                fundNode[f] = m_net.addNode();
                fundEdge[f] = edge(fundParent[f], fundNode[f], m_p.fundLimit[f]);
            }
        for (std::size_t g : m_crossingGroups) {
            Crossing c{m_p.groups[g].limit, {}, {}, false};
            for (std::size_t f : m_p.groups[g].funds)
                if (fundEdge[f] != kNone)
                    c.edges.push_back(fundEdge[f]);
            m_crossings.push_back(std::move(c));
        }

        // Per (fund, partner) and (fund, year) nodes, created when a cell needs them.
        std::vector<std::size_t> fpNode(m * np, kNone), fpEdge(m * np, kNone);
        std::vector<std::size_t> fyNode(m * np * ny, kNone), fyEdge(m * np * ny, kNone);
        std::vector<std::size_t> itemNode(m_p.itemCount(), kNone);
        m_cellEdge.assign(m_p.itemCount() * m, kNone);
        for (std::size_t i = 0; i < m_p.itemCount(); ++i) {
            const std::size_t pi = m_p.itemPartner[i];
            const std::size_t y = m_p.itemYear[i];
            for (std::size_t f = 0; f < m; ++f) {
                const std::size_t c = m_p.cellIndex(i, f);
                if (fundNode[f] == kNone || m_p.rateLimit[c] <= 0)
                    continue;
                const bool partnerLevel = m_p.capPartner[f] < PreparedProblem::kUnlimited ||
                                          (m_p.funds[f].stateAid && m_p.deMinimis);
                const bool yearLevel = m_p.capYear[f] < PreparedProblem::kUnlimited;
                std::size_t from = fundNode[f];
                if (partnerLevel) {
                    const std::size_t k = f * np + pi;
                    if (fpNode[k] == kNone) {
                        fpNode[k] = m_net.addNode();
                        fpEdge[k] = edge(from, fpNode[k], m_p.capPartner[f]);
                    }
                    from = fpNode[k];
                }
                if (yearLevel) {
                    const std::size_t k = (f * np + (partnerLevel ? pi : 0)) * ny + y;
                    if (fyNode[k] == kNone) {
                        fyNode[k] = m_net.addNode();
                        // With a partner level the year cap also crosses the tree: each
                        // (partner, year) edge is bounded by it, their sum is a crossing.
                        fyEdge[k] = edge(from, fyNode[k], m_p.capYear[f]);
                    }
                    from = fyNode[k];
                }
                if (itemNode[i] == kNone) {
                    itemNode[i] = m_net.addNode();
                    edge(itemNode[i], m_sink, m_p.amount[i]);
                }
                m_cellEdge[c] = edge(from, itemNode[i], m_p.rateLimit[c]);
            }
        }

        for (std::size_t f = 0; f < m; ++f) {
            const bool partnerLevel = m_p.capPartner[f] < PreparedProblem::kUnlimited ||
                                      (m_p.funds[f].stateAid && m_p.deMinimis);
            if (fundNode[f] == kNone || !partnerLevel ||
                m_p.capYear[f] >= PreparedProblem::kUnlimited)
                continue;
            for (std::size_t y = 0; y < ny; ++y) {
                Crossing c{m_p.capYear[f], {}, {}, false};
                for (std::size_t pi = 0; pi < np; ++pi)
                    if (fyEdge[(f * np + pi) * ny + y] != kNone)
                        c.edges.push_back(fyEdge[(f * np + pi) * ny + y]);
                if (c.edges.size() > 1)
                    m_crossings.push_back(std::move(c));
            }
        }
        if (m_p.deMinimis)
            for (std::size_t pi = 0; pi < np; ++pi) {
                Crossing c{m_p.deMinimisHeadroom[pi], {}, {}, false};
                for (std::size_t f = 0; f < m; ++f)
                    if (m_p.funds[f].stateAid && fpEdge[f * np + pi] != kNone)
                        c.edges.push_back(fpEdge[f * np + pi]);
                if (c.edges.size() == 1)  // one member: the limit is simply its capacity
                    m_net.setCapacity(c.edges[0], std::min(m_net.capacity(c.edges[0]),
                                                           std::min(c.limit, m_infinity)));
                else if (!c.edges.empty())
                    m_crossings.push_back(std::move(c));
            }
        m_shared.assign(m_net.edgeCount(), 0);
        for (Crossing& c : m_crossings)
            for (std::size_t e : c.edges) {
                c.original.push_back(m_net.capacity(e));
                ++m_shared[e];
            }
    }

    /// Places the cumulation groups as a tree under `root`; returns each fund's parent node.
    /// Groups are taken in order; one that overlaps an earlier group without nesting in it
    /// (or around it) becomes a crossing limit instead.
    std::vector<std::size_t> buildGroups(std::size_t root) {
        const std::size_t m = m_p.fundCount();
        std::vector<std::vector<bool>> member;
        std::vector<std::size_t> tree;                     // accepted group indexes
        auto subset = [&](std::size_t a, std::size_t b) {  // members(a) ⊆ members(b)
            for (std::size_t f = 0; f < m; ++f)
                if (member[a][f] && !member[b][f])
                    return false;
            return true;
        };
        auto disjoint = [&](std::size_t a, std::size_t b) {
            for (std::size_t f = 0; f < m; ++f)
                if (member[a][f] && member[b][f])
                    return false;
            return true;
        };
        for (const GroupLimit& g : m_p.groups) {
            std::vector<bool> row(m, false);
            for (std::size_t f : g.funds)
                row[f] = m_p.fundExternal[f];
            member.push_back(std::move(row));
        }
        for (std::size_t g = 0; g < m_p.groups.size(); ++g) {
            if (std::none_of(member[g].begin(), member[g].end(), [](bool b) { return b; }))
                continue;
            const bool laminar = std::all_of(tree.begin(), tree.end(), [&](std::size_t h) {
                return disjoint(g, h) || subset(g, h) || subset(h, g);
            });
            (laminar ? tree : m_crossingGroups).push_back(g);
        }
        auto size = [&](std::size_t g) {
            return std::count(member[g].begin(), member[g].end(), true);
        };
        // Wider groups first; equal sets keep their order and chain below each other.
        std::stable_sort(tree.begin(), tree.end(),
                         [&](std::size_t a, std::size_t b) { return size(a) > size(b); });
        std::vector<std::size_t> node(m_p.groups.size(), kNone);
        for (std::size_t k = 0; k < tree.size(); ++k) {
            std::size_t parent = root;
            for (std::size_t j = 0; j < k; ++j)
                if (subset(tree[k], tree[j]))
                    parent = node[tree[j]];
            node[tree[k]] = m_net.addNode();
            edge(parent, node[tree[k]], m_p.groups[tree[k]].limit);
        }
        std::vector<std::size_t> parentOfFund(m, root);
        for (std::size_t f = 0; f < m; ++f)
            for (std::size_t g : tree)
                if (member[g][f])
                    parentOfFund[f] = node[g];  // the last (narrowest) containing group
        return parentOfFund;
    }

    const PreparedProblem& m_p;
    FlowNetwork m_net;
    std::size_t m_source = 0;
    std::size_t m_sink = 0;
    std::int64_t m_infinity = 1;
    std::vector<std::size_t> m_cellEdge;
    std::vector<std::size_t> m_crossingGroups;
    std::vector<Crossing> m_crossings;
    std::vector<int> m_shared;  ///< per edge: in how many crossings it is a member
};

class MaximiseExternalStrategy final : public AllocationStrategy {
  public:
    std::string name() const override { return "maximise_external"; }

    Result<Allocation> allocate(const Problem& problem) const override {
        auto prepared = prepare(problem);
        if (!prepared)
            return prepared.error();
        const PreparedProblem& p = prepared.value();
        FlowModel model(p);
        const bool approximated = model.solve();
        std::vector<std::int64_t> flow = model.cells();
        if (!model.crossingsHold())  // cannot happen by construction; never book it
            flow.assign(flow.size(), 0);

        LimitLedger ledger(p);
        for (std::size_t c = 0; c < flow.size(); ++c)
            if (flow[c] > 0)
                ledger.add(c / p.fundCount(), c % p.fundCount(), flow[c]);
        // Greedy completion: own and partner contributions, and any room the flow left.
        fillInOrder(p, ledger, p.priorityOrder);
        std::vector<std::int64_t> cells = ledger.takeCells();

        std::vector<std::string> notes;
        if (approximated) {
            notes.push_back(
                "a de minimis ceiling, a cap per year next to a cap per partner, or overlapping "
                "cumulation groups had to be split over funds; the split was compared with "
                "waterfall and pro_rata");
            std::int64_t best = externalTotal(p, cells);
            std::vector<std::int64_t> other = waterfallCells(p);
            if (externalTotal(p, other) > best) {
                best = externalTotal(p, other);
                cells = std::move(other);
                notes.push_back("waterfall's split had more external money and is used");
            }
            if (auto pro = proRataCells(p); pro && externalTotal(p, pro.value()) > best) {
                cells = std::move(pro).value();
                notes.push_back("pro_rata's split had more external money and is used");
            }
        }
        return finishAllocation(p, name(), std::move(cells), std::move(notes));
    }
};

}  // namespace

std::unique_ptr<AllocationStrategy> makeMaximiseExternalStrategy() {
    return std::make_unique<MaximiseExternalStrategy>();
}

std::vector<std::string> builtinStrategyNames() {
    return {"waterfall", "pro_rata", "maximise_external"};
}

Result<std::unique_ptr<AllocationStrategy>> makeStrategy(std::string_view name) {
    if (name == "waterfall")
        return makeWaterfallStrategy();
    if (name == "pro_rata")
        return makeProRataStrategy();
    if (name == "maximise_external")
        return makeMaximiseExternalStrategy();
    return makeError("allocate.unknown_strategy", "unknown strategy '" + std::string(name) + "'",
                     "strategy", "use waterfall, pro_rata or maximise_external");
}

}  // namespace kk::alloc
