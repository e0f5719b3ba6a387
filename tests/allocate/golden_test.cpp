// Golden cases: tests/data/allocation/<case>/input.json is allocated with every strategy named
// in expected.json, and every value in expected.json must be in the result (a subset match,
// so the hand-computed files list only what the case is about).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/allocate/json.h"
#include "core/allocate/strategy.h"

namespace kk::alloc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json readJson(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

/// Every key of `expected` is in `actual` with an equal value; arrays match element-wise
/// (an expected array of objects may be shorter only if it says "partial": never, so equal
/// length). Returns the first difference as a path, or empty.
std::string subsetDiff(const json& expected, const json& actual, const std::string& path) {
    if (expected.is_object()) {
        if (!actual.is_object())
            return path + ": expected an object";
        for (const auto& [k, v] : expected.items()) {
            if (!actual.contains(k))
                return path + "." + k + ": missing";
            if (std::string d = subsetDiff(v, actual.at(k), path + "." + k); !d.empty())
                return d;
        }
        return {};
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size())
            return path + ": expected " + std::to_string(expected.size()) + " elements, got " +
                   actual.dump();
        for (std::size_t k = 0; k < expected.size(); ++k)
            if (std::string d =
                    subsetDiff(expected[k], actual[k], path + "[" + std::to_string(k) + "]");
                !d.empty())
                return d;
        return {};
    }
    if (expected != actual)
        return path + ": expected " + expected.dump() + ", got " + actual.dump();
    return {};
}

/// The result reshaped for matching: cells keyed "item|fund", partners keyed by id.
json keyed(const json& allocation) {
    json out = allocation;
    json cells = json::object();
    for (const json& c : allocation["cells"])
        cells[c["item"].get<std::string>() + "|" + c["fund"].get<std::string>()] = c;
    out["cells"] = cells;
    json partners = json::object();
    for (const json& p : allocation["partners"])
        partners[p["id"].get<std::string>()] = p;
    out["partners"] = partners;
    json funds = json::object();
    for (const json& f : allocation["funds"])
        funds[f["id"].get<std::string>()] = f;
    out["funds"] = funds;
    json items = json::object();
    for (const json& i : allocation["items"])
        items[i["id"].get<std::string>()] = i;
    out["items"] = items;
    return out;
}

TEST(AllocationGolden, HandComputedCases) {
    const fs::path root = fs::path(KK_SOURCE_DIR) / "tests" / "data" / "allocation";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (!entry.is_directory())
            continue;
        const fs::path dir = entry.path();
        SCOPED_TRACE(dir.filename().string());
        auto problem = problemFromJson(readJson(dir / "input.json"));
        ASSERT_TRUE(problem.ok()) << problem.error().message();
        const json expected = readJson(dir / "expected.json");
        for (const auto& [name, want] : expected.at("strategies").items()) {
            auto strategy = makeStrategy(name);
            ASSERT_TRUE(strategy.ok()) << name;
            auto result = strategy.value()->allocate(problem.value());
            ASSERT_TRUE(result.ok()) << name << ": " << result.error().message();
            const std::string diff = subsetDiff(want, keyed(toJson(result.value())), name);
            EXPECT_TRUE(diff.empty()) << diff;
        }
        ++cases;
    }
    EXPECT_GE(cases, 5);
}

}  // namespace
}  // namespace kk::alloc
