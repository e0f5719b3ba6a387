// Max-flow network: Boost push-relabel with paired reverse edges.
#include "core/allocate/flow_network.h"

#include <boost/graph/push_relabel_max_flow.hpp>

namespace kk::alloc {

std::size_t FlowNetwork::addNode() {
    return boost::add_vertex(m_g);
}

std::size_t FlowNetwork::addEdge(std::size_t from, std::size_t to, std::int64_t capacity) {
    const auto forward = boost::add_edge(from, to, m_g).first;
    const auto backward = boost::add_edge(to, from, m_g).first;
    m_g[forward].capacity = capacity;
    m_g[backward].capacity = 0;  // Boost wants the paired reverse edge at capacity zero
    m_g[forward].reverse = backward;
    m_g[backward].reverse = forward;
    m_edges.push_back(forward);
    return m_edges.size() - 1;
}

void FlowNetwork::setCapacity(std::size_t edge, std::int64_t capacity) {
    m_g[m_edges[edge]].capacity = capacity;
}

std::int64_t FlowNetwork::capacity(std::size_t edge) const {
    return m_g[m_edges[edge]].capacity;
}

std::int64_t FlowNetwork::solve(std::size_t source, std::size_t sink) {
    return boost::push_relabel_max_flow(m_g, source, sink, boost::get(&EdgeProps::capacity, m_g),
                                        boost::get(&EdgeProps::residual, m_g),
                                        boost::get(&EdgeProps::reverse, m_g),
                                        boost::get(boost::vertex_index, m_g));
}

std::int64_t FlowNetwork::flow(std::size_t edge) const {
    const EdgeProps& e = m_g[m_edges[edge]];
    return e.capacity - e.residual;
}

}  // namespace kk::alloc
