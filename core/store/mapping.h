// Private to core/store: how each entity maps to its table (columns, conversions, natural key).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/model/entities.h"
#include "core/store/changeset.h"

namespace kk::mapping {

// ---- value conversions -------------------------------------------------------------------
inline sql::Value toValue(const std::string& s) {
    return s;
}
inline sql::Value toValue(int v) {
    return static_cast<std::int64_t>(v);
}
inline sql::Value toValue(std::int64_t v) {
    return v;
}
inline sql::Value toValue(bool v) {
    return static_cast<std::int64_t>(v ? 1 : 0);
}
inline sql::Value toValue(Money m) {
    return m.cents();
}
inline sql::Value toValue(const Date& d) {
    return d.toString();
}
inline sql::Value toValue(const Rate& r) {
    return r.toString();
}
inline sql::Value toValue(const std::vector<std::uint8_t>& b) {
    if (b.empty())
        return std::monostate{};
    return b;
}
sql::Value toValue(const std::vector<std::string>& list);
template <class T>
sql::Value toValue(const Id<T>& id) {
    return id.value;
}
template <class E>
requires std::is_enum_v<E> sql::Value toValue(E e) {
    return std::string(toCode(e));
}
template <class T>
sql::Value toValue(const std::optional<T>& o) {
    if (!o)
        return std::monostate{};
    return toValue(*o);
}

std::string textOf(const sql::Value& v);
std::int64_t intOf(const sql::Value& v);
bool isNull(const sql::Value& v);

inline void fromValue(const sql::Value& v, std::string& out) {
    out = textOf(v);
}
inline void fromValue(const sql::Value& v, int& out) {
    out = static_cast<int>(intOf(v));
}
inline void fromValue(const sql::Value& v, std::int64_t& out) {
    out = intOf(v);
}
inline void fromValue(const sql::Value& v, bool& out) {
    out = intOf(v) != 0;
}
inline void fromValue(const sql::Value& v, Money& out) {
    out = Money::fromCents(intOf(v));
}
void fromValue(const sql::Value& v, Date& out);
void fromValue(const sql::Value& v, Rate& out);
void fromValue(const sql::Value& v, std::vector<std::string>& out);
void fromValue(const sql::Value& v, std::vector<std::uint8_t>& out);
template <class T>
void fromValue(const sql::Value& v, Id<T>& out) {
    out = Id<T>(intOf(v));
}
template <class E>
requires std::is_enum_v<E>
void fromValue(const sql::Value& v, E& out) {
    out = fromCode<E>(textOf(v)).value_or(E{});
}
template <class T>
void fromValue(const sql::Value& v, std::optional<T>& out) {
    if (isNull(v)) {
        out.reset();
        return;
    }
    T t{};
    fromValue(v, t);
    out = std::move(t);
}

// ---- fields ------------------------------------------------------------------------------
template <class E>
struct Field {
    std::string column;
    std::function<sql::Value(const E&)> get;
    std::function<void(E&, const sql::Value&)> set;
};

/// A field stored in a member.
template <class E, class M>
Field<E> field(std::string column, M E::*member) {
    return {std::move(column), [member](const E& e) { return toValue(e.*member); },
            [member](E& e, const sql::Value& v) { fromValue(v, e.*member); }};
}

/// A field reached through an accessor (nested members such as valid.from or bbc.account).
template <class E, class Access>
Field<E> nested(std::string column, Access access) {
    return {std::move(column), [access](const E& e) { return toValue(access(const_cast<E&>(e))); },
            [access](E& e, const sql::Value& v) { fromValue(v, access(e)); }};
}

template <class E>
struct Mapping {
    std::string table;
    std::string key;      ///< primary key column
    std::string natural;  ///< natural key column for findByCode (may be empty)
    std::vector<Field<E>> fields;
};

template <class E>
const Mapping<E>& mappingOf();

}  // namespace kk::mapping
