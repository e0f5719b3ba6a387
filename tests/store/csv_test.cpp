// CSV reader: quoting, separators, BOM, line numbers.
#include "core/base/csv.h"

#include <gtest/gtest.h>

#include <sstream>

TEST(Csv, ReadsQuotedFieldsAndTracksLines) {
    std::istringstream in(
        "\xEF\xBB\xBF"
        "a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"multi\nline\",z\r\n\n3,,\n");
    kk::CsvReader csv(in, "t.csv");
    std::vector<std::string> r;
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r[1], "x, y");
    EXPECT_EQ(r[2], "he said \"hi\"");
    EXPECT_EQ(csv.line(), 2);
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r[1], "multi\nline");
    EXPECT_EQ(csv.line(), 3);
    ASSERT_TRUE(csv.next(r));
    EXPECT_EQ(r, (std::vector<std::string>{"3", "", ""}));
    EXPECT_EQ(csv.line(), 6);
    EXPECT_FALSE(csv.next(r));
}

TEST(Csv, DetectsSemicolonsAndRefusesUnterminatedQuotes) {
    std::istringstream in("a;b\n\"1,5\";2\n");
    kk::CsvReader csv(in, "nl.csv");
    std::vector<std::string> r;
    csv.next(r);
    EXPECT_EQ(csv.separator(), ';');
    csv.next(r);
    EXPECT_EQ(r[0], "1,5");
    std::istringstream bad("a,b\n\"open,2\n");
    kk::CsvReader csv2(bad, "bad.csv");
    csv2.next(r);
    EXPECT_THROW(csv2.next(r), kk::KkError);
}

TEST(Csv, WriterQuotesOnlyWhenNeeded) {
    EXPECT_EQ(kk::csvQuote("plain"), "plain");
    EXPECT_EQ(kk::csvQuote("a,b"), "\"a,b\"");
    EXPECT_EQ(kk::csvQuote("say \"x\""), "\"say \"\"x\"\"\"");
}
