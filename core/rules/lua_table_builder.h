// Builds Lua tables straight from C++ data, for calls that hand a script a large structure
// (an allocation problem) without going through JSON first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct lua_State;

namespace kk::rules {

/// Pushes tables onto the stack of a running protected call (ScriptPackage::allocateWith).
/// open() starts a table; scalar fields and elements go into the innermost open table;
/// closeField / closeElement store the finished table in the one around it. Fields with no
/// value (nil in JSON) are simply not set. Keys are C strings, best string literals: Lua
/// caches the interned string per pointer. Errors (too deep, stack exhausted) throw and become
/// a Lua error of the call; memory stays under the sandbox's cap.
class LuaTableBuilder {
  public:
    explicit LuaTableBuilder(lua_State* L) : m_L(L) {}
    LuaTableBuilder(const LuaTableBuilder&) = delete;
    LuaTableBuilder& operator=(const LuaTableBuilder&) = delete;

    /// Starts a table with room for `arraySize` elements and `recordSize` named fields.
    void open(std::size_t arraySize, std::size_t recordSize);
    /// Ends the innermost table and stores it as field `key` / element `index` of its parent.
    void closeField(const char* key);
    void closeElement(std::int64_t index);
    /// Ends the outermost table and leaves it on the stack (the argument of the call).
    void closeRoot();

    void field(const char* key, std::int64_t value);
    void field(const char* key, int value) { field(key, static_cast<std::int64_t>(value)); }
    void field(const char* key, std::string_view value);
    void field(const char* key, const char* value) { field(key, std::string_view(value)); }
    void field(const char* key, const std::string& value) { field(key, std::string_view(value)); }
    void field(const char* key, bool value);
    /// Field with a key from data (not a literal), e.g. a partner id.
    void entry(std::string_view key, std::int64_t value);
    void element(std::int64_t index, std::int64_t value);
    void element(std::int64_t index, std::string_view value);

    /// field `key` = { values... } (an array of strings).
    void stringList(const char* key, const std::vector<std::string>& values);
    /// field `key` = { data[0], data[stride], data[2·stride], ... } (`count` integers).
    void integerList(const char* key, const std::int64_t* data, std::size_t count,
                     std::size_t stride = 1);

    /// How many tables are open.
    int depth() const { return m_depth; }

  private:
    void closeInto();
    lua_State* m_L;
    int m_depth = 0;
};

}  // namespace kk::rules
