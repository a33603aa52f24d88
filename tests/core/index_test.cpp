#include "core/index.hpp"

#include <gtest/gtest.h>

#include <array>
#include <limits>
#include <string>
#include <vector>

#include "core/strong_id.hpp"
#include "core/text.hpp"

namespace regsim {
namespace {

enum class Colour { red, green, blue };
constexpr std::array<std::string_view, 3> colour_names{"red", "green", "blue"};

TEST(Index, SignedPositionsReachTheSameElementsAsUnsignedOnes) {
  std::vector<std::string> v{"a", "b", "c"};
  EXPECT_EQ(at(v, Index{2}), "c");
  EXPECT_EQ(at(v, std::size_t{0}), "a");
  at(v, 1) = "B";
  EXPECT_EQ(v[1], "B");
  EXPECT_EQ(vector_of<int>(3, 7), (std::vector<int>{7, 7, 7}));
  EXPECT_EQ(position_of(v, "c"), Index{2});
  EXPECT_EQ(position_of(v, "z"), std::nullopt);
}

TEST(Index, ConversionsKeepTheirValues) {
  EXPECT_EQ(to_index(std::size_t{42}), Index{42});
  EXPECT_EQ(to_size(Index{42}), std::size_t{42});
  EXPECT_EQ(narrow<int>(std::int64_t{-7}), -7);
  EXPECT_EQ(narrow<std::uint64_t>(std::int64_t{1} << 40), std::uint64_t{1} << 40);
  EXPECT_EQ(whole_part<int>(2.99), 2);
  EXPECT_EQ(whole_part<int>(-2.99), -2);  // toward zero, as a cast
  EXPECT_EQ(whole_part<long long>(9007199254740992.0), 9007199254740992LL);
  EXPECT_EQ(as_real(std::int64_t{1} << 53), 9007199254740992.0);
  EXPECT_EQ(byte_of('\xE6'), 0xE6);
}

TEST(Index, EnumsMeetTheirNameTables) {
  EXPECT_EQ(ordinal(Colour::blue), 2);
  EXPECT_EQ(enumerator<Colour>(1), Colour::green);
  EXPECT_EQ(name_in(colour_names, Colour::green), "green");
  EXPECT_EQ(enumerator_named<Colour>(colour_names, "blue"), Colour::blue);
  EXPECT_EQ(enumerator_named<Colour>(colour_names, "mauve"), std::nullopt);
}

template <class Vector, class Key>
concept indexable_by = requires(Vector v, Key k) { v[k]; };

TEST(IdVector, TakesItsOwnIdAndCountsInIndex) {
  IdVector<TargetId, double> targets;
  EXPECT_TRUE(targets.empty());
  EXPECT_EQ(targets.next_id(), TargetId(0));
  targets.push_back(0.5);
  targets.push_back(0.25);
  EXPECT_EQ(targets.size(), 2);
  EXPECT_EQ(targets[TargetId(1)], 0.25);
  std::vector<Index> seen;
  for (const TargetId t : targets.ids()) seen.push_back(t.index());
  EXPECT_EQ(seen, (std::vector<Index>{0, 1}));
  double sum = 0.0;
  for (const double v : targets) sum += v;
  EXPECT_EQ(sum, 0.75);
  // A ProductId cannot index it: IdVector<TargetId, …>::operator[] takes only a TargetId.
  static_assert(indexable_by<IdVector<TargetId, double>, TargetId>);
  static_assert(!indexable_by<IdVector<TargetId, double>, ProductId>);
  static_assert(!indexable_by<IdVector<TargetId, double>, int>);
  const IdVector<ProductId, bool> infinite(3, true);
  EXPECT_TRUE(infinite[ProductId(2)]);
}

TEST(Text, AsciiCaseAndClassesIgnoreTheLocaleAndKeepUtf8) {
  EXPECT_EQ(ascii_lowercase("GFCF 万元"), "gfcf 万元");
  EXPECT_EQ(ascii_uppercase("slq"), "SLQ");
  EXPECT_TRUE(is_ascii_alnum('z'));
  EXPECT_FALSE(is_ascii_alnum('-'));
  EXPECT_FALSE(is_ascii_digit('\xE4'));
}

}  // namespace
}  // namespace regsim
