// Strongly typed row ids, so a ProjectId can never be passed where a FundId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace kk {

/// The id of one stored entity of kind Tag. 0 means "not stored yet".
template <class Tag>
struct Id {
    std::int64_t value = 0;

    constexpr Id() = default;
    constexpr explicit Id(std::int64_t v) : value(v) {}
    constexpr bool valid() const { return value > 0; }
    constexpr auto operator<=>(const Id&) const = default;
};

}  // namespace kk

template <class Tag>
struct std::hash<kk::Id<Tag>> {
    std::size_t operator()(const kk::Id<Tag>& id) const noexcept {
        return std::hash<std::int64_t>{}(id.value);
    }
};
