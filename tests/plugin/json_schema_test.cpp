// The JSON Schema subset used for plugin manifests.
#include <gtest/gtest.h>

#include "core/plugin/json_schema.h"

using kk::plugin::JsonSchema;
using nlohmann::json;

namespace {

JsonSchema compiled(const json& s) {
    auto r = JsonSchema::compile(s, "test.schema.json");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
    return r.value();
}

}  // namespace

TEST(JsonSchema, ChecksTypeRequiredPropertiesEnumPatternItems) {
    const auto schema = compiled(json::parse(R"({
        "type": "object", "required": ["id", "tags"], "additionalProperties": false,
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5},
            "n": {"type": "integer"},
            "tags": {"type": "array", "minItems": 1, "items": {"enum": ["a", "b"]}}
        }})"));
    EXPECT_TRUE(schema.validate(json::parse(R"({"id": "abc", "tags": ["a"], "n": 3})")).empty());

    const auto v = schema.validate(
        json::parse(R"({"id": "ABCDEFG", "tags": ["a", "c"], "n": 1.5, "extra": 1})"));
    ASSERT_EQ(v.size(), 5u);
    EXPECT_EQ(v[0].pointer, "/extra");
    EXPECT_EQ(v[1].pointer, "/id");
    EXPECT_NE(v[1].message.find("does not match the pattern ^[a-z]+$"), std::string::npos);
    EXPECT_EQ(v[2].pointer, "/id");
    EXPECT_NE(v[2].message.find("longer than 5"), std::string::npos);
    EXPECT_EQ(v[3].pointer, "/n");
    EXPECT_EQ(v[3].message, "must be integer, found number");
    EXPECT_EQ(v[4].pointer, "/tags/1");
    EXPECT_EQ(v[4].message, "\"c\" is not one of \"a\", \"b\"");

    const auto missing = schema.validate(json::parse(R"({"tags": []})"));
    ASSERT_EQ(missing.size(), 2u);
    EXPECT_EQ(missing[0].message, "the required property \"id\" is missing");
    EXPECT_EQ(missing[1].message, "needs at least 1 items");

    const auto wrongType = schema.validate(json::array());
    ASSERT_EQ(wrongType.size(), 1u);
    EXPECT_EQ(wrongType[0].pointer, "/");
    EXPECT_EQ(wrongType[0].message, "must be object, found array");
}

TEST(JsonSchema, RefusesKeywordsItDoesNotCheckAndBadPatterns) {
    auto unknown =
        JsonSchema::compile(json::parse(R"({"properties": {"a": {"oneOf": []}}})"), "s.json");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, "schema.unsupported");
    EXPECT_EQ(unknown.error().where, "s.json/properties/a");

    auto badPattern = JsonSchema::compile(json::parse(R"({"pattern": "([a-z"})"), "s.json");
    ASSERT_FALSE(badPattern.ok());
    EXPECT_EQ(badPattern.error().code, "schema.bad_pattern");
}

TEST(JsonSchema, TheShippedManifestSchemaCompiles) {
    auto s = JsonSchema::load(std::string(KK_SOURCE_DIR) + "/data/schemas/plugin.v1.schema.json");
    ASSERT_TRUE(s.ok()) << s.error().message();
    const auto ok = s.value().validate(json::parse(R"({"id": "regiodeal", "name": "Regiodeal",
        "version": "1.2.3", "api_version": "1.0", "capabilities": ["commands", "reports"],
        "library": "kk_regiodeal.so", "description": "x"})"));
    EXPECT_TRUE(ok.empty());
}
