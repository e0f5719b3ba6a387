// STR bulk loading: sort by x into vertical slices, each slice by y, pack runs into nodes.
#include "core/geo/spatial_index.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kk::geo {
namespace {

double centreX(const Envelope& e) {
    return (e.minX + e.maxX) / 2.0;
}
double centreY(const Envelope& e) {
    return (e.minY + e.maxY) / 2.0;
}

/// Orders `ids` STR-style: slices of similar x, each sorted by y.
template <class BoxOf>
void strOrder(std::vector<std::uint32_t>& ids, std::size_t capacity, BoxOf boxOf) {
    const std::size_t n = ids.size();
    const auto leafCount = static_cast<std::size_t>(std::ceil(double(n) / double(capacity)));
    const auto sliceCount = static_cast<std::size_t>(std::ceil(std::sqrt(double(leafCount))));
    const std::size_t sliceSize = std::max<std::size_t>(1, sliceCount * capacity);
    std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
        return centreX(boxOf(a)) < centreX(boxOf(b));
    });
    for (std::size_t start = 0; start < n; start += sliceSize) {
        const auto end = ids.begin() + static_cast<std::ptrdiff_t>(std::min(n, start + sliceSize));
        std::sort(ids.begin() + static_cast<std::ptrdiff_t>(start), end,
                  [&](std::uint32_t a, std::uint32_t b) {
                      return centreY(boxOf(a)) < centreY(boxOf(b));
                  });
    }
}

}  // namespace

void EnvelopeIndex::build(const std::vector<Envelope>& envelopes) {
    m_nodes.clear();
    m_items.clear();
    m_itemBoxes.clear();
    m_itemCount = envelopes.size();
    std::vector<std::uint32_t> ids;
    for (std::size_t i = 0; i < envelopes.size(); ++i) {
        if (!envelopes[i].isNull())
            ids.push_back(static_cast<std::uint32_t>(i));
    }
    if (ids.empty())
        return;
    strOrder(ids, kNodeCapacity, [&](std::uint32_t i) -> const Envelope& { return envelopes[i]; });
    m_items = ids;
    for (auto id : ids)
        m_itemBoxes.push_back(envelopes[id]);

    // Leaves over runs of items.
    std::vector<std::uint32_t> level;
    for (std::size_t start = 0; start < m_items.size(); start += kNodeCapacity) {
        Node node;
        node.first = static_cast<std::uint32_t>(start);
        node.count = static_cast<std::uint32_t>(std::min(kNodeCapacity, m_items.size() - start));
        for (std::uint32_t k = 0; k < node.count; ++k)
            node.box.expandToInclude(m_itemBoxes[start + k]);
        level.push_back(static_cast<std::uint32_t>(m_nodes.size()));
        m_nodes.push_back(node);
    }
    // Parents until one root remains; children of a parent are contiguous in m_nodes.
    while (level.size() > 1) {
        strOrder(level, kNodeCapacity,
                 [&](std::uint32_t i) -> const Envelope& { return m_nodes[i].box; });
        // Re-append the ordered level so every parent's children are contiguous.
        std::vector<std::uint32_t> contiguous;
        const auto base = static_cast<std::uint32_t>(m_nodes.size());
        for (auto id : level)
            m_nodes.push_back(m_nodes[id]);
        for (std::uint32_t k = 0; k < level.size(); ++k)
            contiguous.push_back(base + k);
        std::vector<std::uint32_t> next;
        for (std::size_t start = 0; start < contiguous.size(); start += kNodeCapacity) {
            Node parent;
            parent.leaf = false;
            parent.first = contiguous[start];
            parent.count =
                static_cast<std::uint32_t>(std::min(kNodeCapacity, contiguous.size() - start));
            for (std::uint32_t k = 0; k < parent.count; ++k)
                parent.box.expandToInclude(m_nodes[parent.first + k].box);
            next.push_back(static_cast<std::uint32_t>(m_nodes.size()));
            m_nodes.push_back(parent);
        }
        level = std::move(next);
    }
}

std::vector<std::size_t> EnvelopeIndex::query(const Envelope& box) const {
    std::vector<std::size_t> out;
    query(box, out);
    return out;
}

void EnvelopeIndex::query(const Envelope& box, std::vector<std::size_t>& out) const {
    out.clear();
    if (m_nodes.empty() || box.isNull())
        return;
    std::uint32_t stack[256];  // depth × (capacity − 1) + 1, ample for 16^8 leaves
    std::size_t top = 0;
    stack[top++] = static_cast<std::uint32_t>(m_nodes.size() - 1);
    while (top > 0) {
        const Node& node = m_nodes[stack[--top]];
        if (!node.box.intersects(box))
            continue;
        if (node.leaf) {
            for (std::uint32_t k = 0; k < node.count; ++k) {
                if (m_itemBoxes[node.first + k].intersects(box))
                    out.push_back(m_items[node.first + k]);
            }
        } else {
            for (std::uint32_t k = 0; k < node.count; ++k)
                stack[top++] = node.first + k;
        }
    }
    std::sort(out.begin(), out.end());
}

}  // namespace kk::geo
