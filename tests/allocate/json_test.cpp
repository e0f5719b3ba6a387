// JSON round trips of problems and allocations, and JSON errors that name the path.
#include <gtest/gtest.h>

#include "core/allocate/json.h"
#include "core/allocate/strategy.h"
#include "tests/allocate/random_problem.h"

namespace kk::alloc {
namespace {

TEST(AllocationJson, ProblemsAndAllocationsRoundTrip) {
    testing::RandomProblems gen(99);
    const auto strategy = makeMaximiseExternalStrategy();
    int compared = 0;
    for (int k = 0; k < 200; ++k) {
        const Problem p = gen.next();
        const nlohmann::json j = toJson(p);
        auto back = problemFromJson(j);
        ASSERT_TRUE(back.ok()) << back.error().message();
        EXPECT_EQ(toJson(back.value()).dump(), j.dump());
        auto a = strategy->allocate(p);
        auto b = strategy->allocate(back.value());
        ASSERT_EQ(a.ok(), b.ok());
        if (!a.ok())
            continue;
        const nlohmann::json aj = toJson(a.value());
        EXPECT_EQ(aj.dump(), toJson(b.value()).dump());
        auto read = allocationFromJson(aj);
        ASSERT_TRUE(read.ok()) << read.error().message();
        EXPECT_EQ(toJson(read.value()).dump(), aj.dump());
        ++compared;
    }
    EXPECT_GT(compared, 150);
}

TEST(AllocationJson, ErrorsNameThePathAndTheExpectedForm) {
    auto amount = parseProblem(R"({"partners":[{"id":"a"}],
        "cost_items":[{"id":"c","category":"x","partner":"a","amount":12.5}]})");
    ASSERT_FALSE(amount.ok());
    EXPECT_EQ(amount.error().where, "problem.cost_items[0].amount");
    EXPECT_NE(amount.error().hint.find("\"1234.56\""), std::string::npos);

    auto kind = parseProblem(R"({"funds":[{"id":"f","max_rate":"50%","type":"grant"}]})");
    ASSERT_FALSE(kind.ok());
    EXPECT_EQ(kind.error().where, "problem.funds[0].type");
    EXPECT_NE(kind.error().hint.find("subsidy"), std::string::npos);

    auto missing = parseProblem(R"({"funds":[{"id":"f"}]})");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().where, "problem.funds[0].max_rate");

    auto broken = parseProblem("{not json");
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, "allocate.json");
}

}  // namespace
}  // namespace kk::alloc
