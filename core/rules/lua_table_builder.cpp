// LuaTableBuilder: thin calls into the Lua C API, one per value.
#include "core/rules/lua_table_builder.h"

#include <limits>

#include "core/rules/lua_detail.h"

namespace kk::rules {

namespace {

constexpr int kMaxDepth = 64;

int sizeHint(std::size_t n) {
    return n > static_cast<std::size_t>(std::numeric_limits<int>::max())
               ? std::numeric_limits<int>::max()
               : static_cast<int>(n);
}

}  // namespace

void LuaTableBuilder::open(std::size_t arraySize, std::size_t recordSize) {
    if (m_depth >= kMaxDepth)
        throw detail::ScriptFault("table passed to the script is nested too deeply");
    if (!lua_checkstack(m_L, 4))
        throw detail::ScriptFault("Lua stack exhausted");
    lua_createtable(m_L, sizeHint(arraySize), sizeHint(recordSize));
    ++m_depth;
}

void LuaTableBuilder::closeInto() {
    if (m_depth < 2)
        throw std::logic_error("LuaTableBuilder: close without an enclosing table");
    --m_depth;
}

void LuaTableBuilder::closeField(const char* key) {
    closeInto();
    lua_setfield(m_L, -2, key);
}

void LuaTableBuilder::closeElement(std::int64_t index) {
    closeInto();
    lua_rawseti(m_L, -2, index);
}

void LuaTableBuilder::closeRoot() {
    if (m_depth != 1)
        throw std::logic_error("LuaTableBuilder: tables left open");
    m_depth = 0;
}

void LuaTableBuilder::field(const char* key, std::int64_t value) {
    lua_pushinteger(m_L, value);
    lua_setfield(m_L, -2, key);
}

void LuaTableBuilder::field(const char* key, std::string_view value) {
    lua_pushlstring(m_L, value.data(), value.size());
    lua_setfield(m_L, -2, key);
}

void LuaTableBuilder::field(const char* key, bool value) {
    lua_pushboolean(m_L, value ? 1 : 0);
    lua_setfield(m_L, -2, key);
}

void LuaTableBuilder::entry(std::string_view key, std::int64_t value) {
    lua_pushlstring(m_L, key.data(), key.size());
    lua_pushinteger(m_L, value);
    lua_rawset(m_L, -3);
}

void LuaTableBuilder::element(std::int64_t index, std::int64_t value) {
    lua_pushinteger(m_L, value);
    lua_rawseti(m_L, -2, index);
}

void LuaTableBuilder::element(std::int64_t index, std::string_view value) {
    lua_pushlstring(m_L, value.data(), value.size());
    lua_rawseti(m_L, -2, index);
}

void LuaTableBuilder::stringList(const char* key, const std::vector<std::string>& values) {
    open(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i)
        element(static_cast<std::int64_t>(i + 1), std::string_view(values[i]));
    closeField(key);
}

void LuaTableBuilder::integerList(const char* key, const std::int64_t* data, std::size_t count,
                                  std::size_t stride) {
    open(count, 0);
    for (std::size_t i = 0; i < count; ++i)
        element(static_cast<std::int64_t>(i + 1), data[i * stride]);
    closeField(key);
}

}  // namespace kk::rules
