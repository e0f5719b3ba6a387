// A static R-tree over envelopes (Sort-Tile-Recursive packing) for candidate searches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/geo/geometry.h"

namespace kk::geo {

/// Bulk-loaded once, queried many times. Items are the positions of the envelopes given to
/// build(); queries return every item whose envelope intersects the query box (closed boxes:
/// touching counts), in ascending item order. Not thread-safe for concurrent build(); queries
/// on a built index may run from several threads.
class EnvelopeIndex {
  public:
    EnvelopeIndex() = default;
    explicit EnvelopeIndex(const std::vector<Envelope>& envelopes) { build(envelopes); }

    void build(const std::vector<Envelope>& envelopes);
    std::vector<std::size_t> query(const Envelope& box) const;
    /// Appends to `out` (cleared first) to avoid allocations in hot loops.
    void query(const Envelope& box, std::vector<std::size_t>& out) const;
    std::size_t size() const { return m_itemCount; }

  private:
    static constexpr std::size_t kNodeCapacity = 16;
    struct Node {
        Envelope box;
        std::uint32_t first = 0;  ///< first child node, or first entry in m_items for a leaf
        std::uint32_t count = 0;
        bool leaf = true;
    };
    std::vector<Node> m_nodes;           // the root is the last node
    std::vector<std::uint32_t> m_items;  // item ids in leaf order
    std::vector<Envelope> m_itemBoxes;   // in leaf order
    std::size_t m_itemCount = 0;
};

}  // namespace kk::geo
