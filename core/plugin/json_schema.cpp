// JSON Schema subset validation (see json_schema.h for the keywords supported).
#include "core/plugin/json_schema.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>

namespace kk::plugin {
namespace {

const std::set<std::string>& knownKeywords() {
    // Annotations ($schema, $id, title, description, default, examples) are accepted and
    // ignored; everything else must be a keyword validate() implements.
    static const std::set<std::string> k{
        "$schema",  "$id",  "title",    "description", "default",
        "examples", "type", "required", "properties",  "additionalProperties",
        "items",    "enum", "pattern",  "minLength",   "maxLength",
        "minItems"};
    return k;
}

Status checkSchema(const nlohmann::json& s, const std::string& where, const std::string& at) {
    if (!s.is_object() && !s.is_boolean())
        return makeError("schema.bad", "a schema must be an object or a boolean", where + at,
                         "fix the schema file");
    if (s.is_boolean())
        return {};
    for (auto it = s.begin(); it != s.end(); ++it) {
        if (!knownKeywords().count(it.key()))
            return makeError("schema.unsupported",
                             "keyword '" + it.key() + "' is not supported by the manifest checker",
                             where + at,
                             "use only type, required, properties, additionalProperties, items, "
                             "enum, pattern, minLength, maxLength, minItems");
    }
    if (s.contains("pattern")) {
        try {
            std::regex re(s["pattern"].get<std::string>(), std::regex::ECMAScript);
        } catch (const std::exception& e) {
            return makeError("schema.bad_pattern",
                             "the pattern does not compile: " + std::string(e.what()),
                             where + at + "/pattern", "fix the regular expression");
        }
    }
    if (s.contains("properties")) {
        for (auto it = s["properties"].begin(); it != s["properties"].end(); ++it)
            if (auto st = checkSchema(it.value(), where, at + "/properties/" + it.key()); !st)
                return st;
    }
    if (s.contains("additionalProperties") && s["additionalProperties"].is_object())
        if (auto st = checkSchema(s["additionalProperties"], where, at + "/additionalProperties");
            !st)
            return st;
    if (s.contains("items"))
        if (auto st = checkSchema(s["items"], where, at + "/items"); !st)
            return st;
    return {};
}

bool hasType(const nlohmann::json& v, const std::string& type) {
    if (type == "object")
        return v.is_object();
    if (type == "array")
        return v.is_array();
    if (type == "string")
        return v.is_string();
    if (type == "integer")
        return v.is_number_integer();
    if (type == "number")
        return v.is_number();
    if (type == "boolean")
        return v.is_boolean();
    if (type == "null")
        return v.is_null();
    return false;
}

std::string escapePointer(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::size_t utf8Length(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void check(const nlohmann::json& s, const nlohmann::json& v, const std::string& at,
           std::vector<SchemaViolation>& out) {
    const std::string here = at.empty() ? "/" : at;
    if (s.is_boolean()) {
        if (!s.get<bool>())
            out.push_back({here, "no value is allowed here"});
        return;
    }
    if (s.contains("type")) {
        std::vector<std::string> types;
        if (s["type"].is_array())
            for (const auto& t : s["type"])
                types.push_back(t.get<std::string>());
        else
            types.push_back(s["type"].get<std::string>());
        if (std::none_of(types.begin(), types.end(),
                         [&](const std::string& t) { return hasType(v, t); })) {
            std::string list;
            for (const auto& t : types)
                list += (list.empty() ? "" : " or ") + t;
            out.push_back({here, "must be " + list + ", found " + std::string(v.type_name())});
            return;
        }
    }
    if (s.contains("enum")) {
        const auto& e = s["enum"];
        if (std::find(e.begin(), e.end(), v) == e.end()) {
            std::string list;
            for (const auto& x : e)
                list += (list.empty() ? "" : ", ") + x.dump();
            out.push_back({here, v.dump() + " is not one of " + list});
        }
    }
    if (v.is_string()) {
        const auto& text = v.get_ref<const std::string&>();
        if (s.contains("pattern")) {
            const std::regex re(s["pattern"].get<std::string>(), std::regex::ECMAScript);
            if (!std::regex_search(text, re))
                out.push_back({here, "\"" + text + "\" does not match the pattern " +
                                         s["pattern"].get<std::string>()});
        }
        if (s.contains("minLength") && utf8Length(text) < s["minLength"].get<std::size_t>())
            out.push_back({here, "is shorter than " + s["minLength"].dump() + " characters"});
        if (s.contains("maxLength") && utf8Length(text) > s["maxLength"].get<std::size_t>())
            out.push_back({here, "is longer than " + s["maxLength"].dump() + " characters"});
    }
    if (v.is_array()) {
        if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
            out.push_back({here, "needs at least " + s["minItems"].dump() + " items"});
        if (s.contains("items"))
            for (std::size_t i = 0; i < v.size(); ++i)
                check(s["items"], v[i], at + "/" + std::to_string(i), out);
    }
    if (v.is_object()) {
        if (s.contains("required"))
            for (const auto& r : s["required"]) {
                const auto name = r.get<std::string>();
                if (!v.contains(name))
                    out.push_back({here, "the required property \"" + name + "\" is missing"});
            }
        const nlohmann::json empty = nlohmann::json::object();
        const auto& props = s.contains("properties") ? s["properties"] : empty;
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string child = at + "/" + escapePointer(it.key());
            if (props.contains(it.key())) {
                check(props[it.key()], it.value(), child, out);
            } else if (s.contains("additionalProperties")) {
                const auto& ap = s["additionalProperties"];
                if (ap.is_boolean() && !ap.get<bool>())
                    out.push_back(
                        {child, "the property \"" + it.key() + "\" is not allowed (misspelt?)"});
                else if (ap.is_object())
                    check(ap, it.value(), child, out);
            }
        }
    }
}

}  // namespace

Result<JsonSchema> JsonSchema::compile(nlohmann::json schema, const std::string& where) {
    if (auto st = checkSchema(schema, where, ""); !st)
        return st.error();
    return JsonSchema(std::move(schema));
}

Result<JsonSchema> JsonSchema::load(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return makeError("schema.missing", "cannot read the schema file", path,
                         "reinstall Koppelkans or set KK_DATA_DIR to its data folder");
    try {
        return compile(nlohmann::json::parse(in), path);
    } catch (const nlohmann::json::parse_error& e) {
        return makeError("schema.bad_json", e.what(), path, "fix the JSON syntax");
    }
}

std::vector<SchemaViolation> JsonSchema::validate(const nlohmann::json& document) const {
    std::vector<SchemaViolation> out;
    check(m_schema, document, "", out);
    return out;
}

}  // namespace kk::plugin
