// Double-funding signals: overlapping perimeters funded from the same cumulation group.
#include <gtest/gtest.h>

#include "core/geo/double_funding.h"

namespace kk::geo {
namespace {

TEST(DoubleFunding, ReportsOverlapsWithASharedGroupAndTheirArea) {
    std::vector<FundedPerimeter> p{
        {"A", Geometry::rectangle(Envelope::of(0, 0, 100, 100)), {"public", "eu"}},
        // Overlaps A by 40 × 100 = 4,000 m², shares "public".
        {"B", Geometry::rectangle(Envelope::of(60, 0, 160, 100)), {"public"}},
        // Overlaps A by 2,500 m² but shares no group.
        {"C", Geometry::rectangle(Envelope::of(50, 50, 150, 150)), {"private"}},
        // Shares only an edge with A: no area, no signal.
        {"D", Geometry::rectangle(Envelope::of(-100, 0, 0, 100)), {"public"}},
        // Overlaps B by 20 × 100 = 2,000 m² with two shared groups, listed sorted.
        {"E", Geometry::rectangle(Envelope::of(140, 0, 240, 100)), {"public", "eu", "public"}},
        {"F", Geometry::rectangle(Envelope::of(150, 0, 151, 1)), {"eu"}},
    };
    p[1].cumulationGroups.push_back("eu");
    auto r = detectDoubleFunding(p);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_EQ(r->size(), 4u);
    EXPECT_EQ((*r)[0].firstKey, "A");
    EXPECT_EQ((*r)[0].secondKey, "B");
    EXPECT_NEAR((*r)[0].overlapM2, 4000.0, 1e-9);
    EXPECT_EQ((*r)[0].sharedGroups, (std::vector<std::string>{"eu", "public"}));
    EXPECT_EQ((*r)[1].firstKey, "B");
    EXPECT_EQ((*r)[1].secondKey, "E");
    EXPECT_NEAR((*r)[1].overlapM2, 2000.0, 1e-9);
    EXPECT_EQ((*r)[2].firstKey, "B");
    EXPECT_EQ((*r)[2].secondKey, "F");
    EXPECT_NEAR((*r)[2].overlapM2, 1.0, 1e-9);
    EXPECT_EQ((*r)[3].firstKey, "E");  // F lies inside E too, both "eu"
    EXPECT_EQ((*r)[3].secondKey, "F");
    EXPECT_EQ((*r)[3].sharedGroups, std::vector<std::string>{"eu"});
    DoubleFundingOptions big;
    big.minOverlapM2 = 2000.0;
    auto filtered = detectDoubleFunding(p, big).value();
    ASSERT_EQ(filtered.size(), 1u);
    EXPECT_EQ(filtered[0].secondKey, "B");
}

}  // namespace
}  // namespace kk::geo
