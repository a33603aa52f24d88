#include "core/text.hpp"
#include "core/json.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace regsim {
namespace {

TEST(Text, ParsesWholeNumbersOnly) {
  EXPECT_EQ(parse_number("12.5"), 12.5);
  EXPECT_EQ(parse_number(" -3e2 "), -300.0);
  EXPECT_EQ(parse_number("+4"), 4.0);
  EXPECT_FALSE(parse_number("12abc"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("n/a"));
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("inf"));
  EXPECT_FALSE(parse_number("1,000"));
}

TEST(Text, SuggestsCloseCandidatesOnly) {
  const std::vector<std::string> keys{"table", "sectors", "satellites", "households"};
  EXPECT_EQ(did_you_mean("tabel", keys), "; did you mean \"table\"?");
  EXPECT_EQ(did_you_mean("satelites", keys), "; did you mean \"satellites\"?");
  EXPECT_EQ(did_you_mean("zzzzzz", keys), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Text, SplitsAndTrims) {
  EXPECT_EQ(split_trimmed(" a ; b;;c ", ';'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_trimmed("", ';').empty());
  const std::vector<std::string> items{"x", "y"};
  EXPECT_EQ(join(items, ", "), "x, y");
}

TEST(Text, FormatsNumbersShortestRoundTrip) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(1247.5247524752476), "1247.5247524752476");
  EXPECT_EQ(format_number(1000.0), "1000");
}

TEST(Json, QuotesAndEscapes) {
  EXPECT_EQ(json_quote("plain"), "\"plain\"");
  EXPECT_EQ(json_quote("a \"b\" \\ c\n\t"), "\"a \\\"b\\\" \\\\ c\\n\\t\"");
  EXPECT_EQ(json_quote(std::string("\x01", 1)), "\"\\u0001\"");
  EXPECT_EQ(json_quote("晋中"), "\"晋中\"");  // UTF-8 passes through
}

TEST(Json, NumbersRoundTripAndNaNIsNull) {
  EXPECT_EQ(json_number(0.1), "0.1");
  EXPECT_EQ(json_number(-2.5e-12), "-2.5e-12");
  EXPECT_EQ(json_number(std::nan("")), "null");
  EXPECT_EQ(json_number(HUGE_VAL), "null");
}

}  // namespace
}  // namespace regsim

namespace regsim {
namespace {

TEST(QuotedExcerpt, EscapesControlCharactersAndBytesThatAreNotUtf8) {
  EXPECT_EQ(quoted_excerpt("monthly"), "\"monthly\"");
  EXPECT_EQ(quoted_excerpt("万元 晋中"), "\"万元 晋中\"");
  EXPECT_EQ(quoted_excerpt("a\nb\tc\x01\x1b[31m"), "\"a\\nb\\tc\\x01\\x1b[31m\"");
  EXPECT_EQ(quoted_excerpt("\xff\xfe"), "\"\\xff\\xfe\"");
  EXPECT_EQ(quoted_excerpt("say \"hi\""), "\"say \\\"hi\\\"\"");
}

TEST(QuotedExcerpt, CutsLongTextAndSaysHowLongItWas) {
  const std::string long_text(3000, 'a');
  const std::string shown = quoted_excerpt(long_text);
  EXPECT_EQ(shown, "\"" + std::string(80, 'a') + "\"… (3000 bytes)");
  // Characters, not bytes: 80 Chinese characters fit, the 81st does not.
  std::string chinese;
  for (int i = 0; i < 81; ++i) chinese += "晋";
  EXPECT_TRUE(quoted_excerpt(chinese).ends_with("\"… (243 bytes)"));
  EXPECT_EQ(quoted_excerpt(std::string(80, 'b')), "\"" + std::string(80, 'b') + "\"");
}

}  // namespace
}  // namespace regsim
