// JSON encoding of row images (nlohmann/json stays inside this file).
#include "core/store/row_json.h"

#include <nlohmann/json.hpp>

namespace kk::rowjson {
namespace {

nlohmann::json valueToJson(const sql::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    if (const auto* b = std::get_if<std::vector<std::uint8_t>>(&v)) {
        static const char* kHex = "0123456789abcdef";
        std::string hex;
        hex.reserve(b->size() * 2);
        for (std::uint8_t byte : *b) {
            hex += kHex[byte >> 4];
            hex += kHex[byte & 15];
        }
        return nlohmann::json{{"$blob", hex}};
    }
    return nullptr;
}

sql::Value jsonToValue(const nlohmann::json& j) {
    if (j.is_null())
        return std::monostate{};
    if (j.is_number_integer())
        return j.get<std::int64_t>();
    if (j.is_number())
        return j.get<double>();
    if (j.is_string())
        return j.get<std::string>();
    if (j.is_object() && j.contains("$blob")) {
        const std::string hex = j["$blob"].get<std::string>();
        std::vector<std::uint8_t> out(hex.size() / 2);
        auto nib = [](char c) {
            return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10);
        };
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = static_cast<std::uint8_t>(nib(hex[2 * i]) << 4 | nib(hex[2 * i + 1]));
        return out;
    }
    return j.dump();
}

nlohmann::json rowToJson(const Row& row) {
    nlohmann::json j = nlohmann::json::object();
    for (std::size_t i = 0; i < row.columns.size(); ++i)
        j[row.columns[i]] = valueToJson(row.values[i]);
    return j;
}

Row jsonToRow(const nlohmann::json& j) {
    Row r;
    for (const auto& [k, v] : j.items())
        r.set(k, jsonToValue(v));
    return r;
}

}  // namespace

std::string encode(const Row& row) {
    return rowToJson(row).dump();
}
Row decode(const std::string& json) {
    return jsonToRow(nlohmann::json::parse(json));
}

std::string encodeMany(const std::vector<Row>& rows) {
    nlohmann::json a = nlohmann::json::array();
    for (const Row& r : rows)
        a.push_back(rowToJson(r));
    return a.dump();
}

std::vector<Row> decodeMany(const std::string& json) {
    std::vector<Row> out;
    for (const auto& j : nlohmann::json::parse(json))
        out.push_back(jsonToRow(j));
    return out;
}

}  // namespace kk::rowjson
