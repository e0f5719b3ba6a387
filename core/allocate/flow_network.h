// A small max-flow network over Boost.Graph (push-relabel), with capacities in cents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace kk::alloc {

/// Nodes and edges are numbered in the order they are added; capacities can be changed and
/// the flow solved again (each solve starts from zero flow).
class FlowNetwork {
  public:
    std::size_t addNode();
    std::size_t addEdge(std::size_t from, std::size_t to, std::int64_t capacity);
    void setCapacity(std::size_t edge, std::int64_t capacity);
    std::int64_t capacity(std::size_t edge) const;
    /// Maximum flow from source to sink; flows are whole cents.
    std::int64_t solve(std::size_t source, std::size_t sink);
    std::int64_t flow(std::size_t edge) const;
    std::size_t edgeCount() const { return m_edges.size(); }

  private:
    using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    struct EdgeProps {
        std::int64_t capacity = 0;
        std::int64_t residual = 0;
        Traits::edge_descriptor reverse;
    };
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                        boost::no_property, EdgeProps>;

    Graph m_g;
    std::vector<Traits::edge_descriptor> m_edges;
};

}  // namespace kk::alloc
