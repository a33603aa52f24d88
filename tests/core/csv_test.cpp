#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace regsim {
namespace {

TEST(Csv, ReadsFieldsWithTheirLineAndColumn) {
  const CsvFile file = parse_csv("code,a,b\nx,1,22\n", "t.csv");
  ASSERT_EQ(file.rows.size(), 2u);
  ASSERT_EQ(file.rows[1].size(), 3u);
  EXPECT_EQ(file.rows[1][2].text, "22");
  EXPECT_EQ(file.rows[1][2].line, 2u);
  EXPECT_EQ(file.rows[1][2].column, 5u);
  EXPECT_EQ(file.location_of(file.rows[1][2]).file, "t.csv");
}

TEST(Csv, HandlesQuotesCommasAndDoubledQuotes) {
  const CsvFile file = parse_csv("code,name\n01,\"Agriculture, forestry\"\n02,\"say \"\"hi\"\"\"\n", "t.csv");
  ASSERT_EQ(file.rows.size(), 3u);
  EXPECT_EQ(file.rows[1][1].text, "Agriculture, forestry");
  EXPECT_EQ(file.rows[2][1].text, "say \"hi\"");
}

TEST(Csv, StripsBomAndCarriageReturnsAndSkipsBlankLines) {
  const CsvFile file = parse_csv("\xEF\xBB\xBF" "code,a\r\n\r\nx,1\r\n", "t.csv");
  ASSERT_EQ(file.rows.size(), 2u);
  EXPECT_EQ(file.rows[0][0].text, "code");
  EXPECT_EQ(file.rows[0][0].column, 1u);
  EXPECT_EQ(file.rows[1][1].text, "1");
  EXPECT_EQ(file.rows[1][1].line, 3u);
}

TEST(Csv, KeepsEmptyFields) {
  const CsvFile file = parse_csv("a,,c,\n", "t.csv");
  ASSERT_EQ(file.rows[0].size(), 4u);
  EXPECT_EQ(file.rows[0][1].text, "");
  EXPECT_EQ(file.rows[0][3].text, "");
}

TEST(Csv, UnclosedQuoteIsAnErrorAtTheQuote) {
  try {
    parse_csv("a,b\nx,\"open\n", "t.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "t.csv:2:3: quoted field is never closed");
  }
}

TEST(Csv, MissingFileIsAnInputError) {
  try {
    read_csv("no/such/file.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "no/such/file.csv: cannot open the table file for reading: No such file or directory");
  }
}

}  // namespace
}  // namespace regsim
