#include "core/units.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"
#include "core/text.hpp"

namespace regsim {
namespace {

TEST(MoneyUnit, SpellingsOfOneUnitMeanTheSame) {
  const MoneyUnit wan{"CNY", 1e4};
  for (const char* text : {"10k CNY", "万元", "10 thousand yuan", "1e4 CNY", "10000 RMB", " 10K cny "}) {
    const auto parsed = parse_money_unit(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, wan) << text;
  }
  EXPECT_EQ(*parse_money_unit("亿元"), (MoneyUnit{"CNY", 1e8}));
  EXPECT_EQ(*parse_money_unit("100M CNY"), (MoneyUnit{"CNY", 1e8}));
  EXPECT_EQ(*parse_money_unit("元"), (MoneyUnit{"CNY", 1.0}));
  EXPECT_EQ(*parse_money_unit("million USD"), (MoneyUnit{"USD", 1e6}));
  EXPECT_EQ(*parse_money_unit("USD"), (MoneyUnit{"USD", 1.0}));
  EXPECT_EQ(*parse_money_unit("bn EUR"), (MoneyUnit{"EUR", 1e9}));
  EXPECT_EQ(*parse_money_unit("万美元"), (MoneyUnit{"USD", 1e4}));
  EXPECT_NE(*parse_money_unit("万元"), *parse_money_unit("亿元"));
  EXPECT_NE(*parse_money_unit("万元"), *parse_money_unit("10k USD"));
  EXPECT_TRUE(same_unit("万元", "10k CNY"));
  EXPECT_TRUE(same_unit("persons", "persons"));
  EXPECT_FALSE(same_unit("persons", "people"));
  EXPECT_FALSE(same_unit("万元", "亿元"));
}

TEST(MoneyUnit, WhatIsNotMoneyIsNotReadAsMoney) {
  for (const char* text : {"persons", "t CO2", "", "1", "kWh", "ton", "10x CNY", "-1 CNY", "万人"}) {
    EXPECT_FALSE(parse_money_unit(text)) << text;
  }
}

TEST(MoneyUnit, NamesFollowTheLanguage) {
  EXPECT_EQ(money_unit_name({"CNY", 1e8}, Language::zh), "亿元");
  EXPECT_EQ(money_unit_name({"CNY", 1e4}, Language::zh), "万元");
  EXPECT_EQ(money_unit_name({"CNY", 1.0}, Language::zh), "元");
  EXPECT_EQ(money_unit_name({"CNY", 1e8}, Language::en), "100M CNY");
  EXPECT_EQ(money_unit_name({"CNY", 1e4}, Language::en), "10k CNY");
  EXPECT_EQ(money_unit_name({"USD", 1e6}, Language::zh), "million USD");
  EXPECT_EQ(money_unit_name({"USD", 5e5}, Language::en), "500000 USD");
}

TEST(MoneyUnit, TheReadableUnitIsTheLargestInWhichTheReferenceIsAtLeastTen) {
  // Jinzhong's GDP, 2.4e7 万元, is 2,405 亿元; a county's 50 亿 still reads in 亿元.
  EXPECT_EQ(readable_unit({"CNY", 1e4}, 2.4e7), (MoneyUnit{"CNY", 1e8}));
  EXPECT_EQ(readable_unit({"CNY", 1e4}, 5e5), (MoneyUnit{"CNY", 1e8}));
  EXPECT_EQ(readable_unit({"CNY", 1e4}, 9e4), (MoneyUnit{"CNY", 1e4}));
  EXPECT_EQ(readable_unit({"CNY", 1.0}, 50.0), (MoneyUnit{"CNY", 1.0}));
  // Miller & Blair's economy of 2,050 USD stays in USD; 20,000 USD reads in thousands; 2 billion
  // (2,000 million) in millions, since it is not 10 billion.
  EXPECT_EQ(readable_unit({"USD", 1.0}, 2050.0), (MoneyUnit{"USD", 1.0}));
  EXPECT_EQ(readable_unit({"USD", 1.0}, 20000.0), (MoneyUnit{"USD", 1e3}));
  EXPECT_EQ(readable_unit({"USD", 1e6}, 2e3), (MoneyUnit{"USD", 1e6}));
}

TEST(FormatAmount, SeparatorsSignificantDigitsAndNoExponent) {
  EXPECT_EQ(format_amount(2405.47), "2,405.5");
  EXPECT_EQ(format_amount(24054700.0), "24,054,700");
  EXPECT_EQ(format_amount(1110737.5), "1,110,738");
  EXPECT_EQ(format_amount(1110737.5, 8), "1,110,737.5");
  EXPECT_EQ(format_amount(39.402), "39.402");
  EXPECT_EQ(format_amount(910.80), "910.8");
  EXPECT_EQ(format_amount(3000.0), "3,000");
  EXPECT_EQ(format_amount(0.00123456), "0.0012");
  EXPECT_EQ(format_amount(-1234.5), "-1,234.5");
  EXPECT_EQ(format_amount(123.0, 5, true), "+123");
  EXPECT_EQ(format_amount(999999.6), "1,000,000");
  EXPECT_EQ(format_amount(1e300).find('e'), std::string::npos);
}

TEST(FormatAmount, WhatRoundsToZeroIsZero) {
  EXPECT_EQ(format_amount(-7.47e-14), "0");
  EXPECT_EQ(format_amount(-7.47e-14, 5, true), "0");
  EXPECT_EQ(format_amount(0.0), "0");
  EXPECT_EQ(format_amount(std::nan("")), "-");
  EXPECT_EQ(format_percent(-1e-16), "0.00 %");
  EXPECT_EQ(format_percent(0.0541), "+5.41 %");
  EXPECT_EQ(format_points(-0.0421), "-4.21 pt");
  EXPECT_EQ(format_points(-7.47e-14), "0.00 pt");
}

TEST(MoneyDisplay, ShowsAmountsInTheAskedUnit) {
  const MoneyDisplay auto_unit("10k CNY", "", 2.4e7, Language::zh);
  EXPECT_EQ(auto_unit.name(), "亿元");
  EXPECT_EQ(auto_unit.amount(24054700.0), "2,405.5");
  EXPECT_EQ(auto_unit.change(-12345.0), "-1.2345");
  EXPECT_TRUE(auto_unit.is_money("万元"));
  EXPECT_FALSE(auto_unit.is_money("persons"));
  EXPECT_EQ(auto_unit.unit_of("persons"), "persons");
  const MoneyDisplay wan("10k CNY", "万元", 2.4e7, Language::en);
  EXPECT_EQ(wan.name(), "10k CNY");
  EXPECT_EQ(wan.amount(24054700.0), "24,054,700");
  const MoneyDisplay yuan("10k CNY", "yuan", 2.4e7, Language::zh);
  EXPECT_EQ(yuan.amount(1.5), "15,000");
  // A table whose unit is not money is shown as it is.
  const MoneyDisplay units("widgets", "", 100.0, Language::en);
  EXPECT_EQ(units.name(), "widgets");
  EXPECT_EQ(units.amount(1234.5), "1,234.5");
}

TEST(MoneyDisplay, RefusesAnotherCurrencyOrWhatIsNotMoney) {
  const auto message = [](const char* table, const char* asked) {
    try {
      (void)MoneyDisplay(table, asked, 1.0, Language::en, SourceLocation{"s.yaml", 3, 15}, "display_unit");
    } catch (const InputError& e) {
      return format_diagnostic(e.diagnostics().front());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("USD", "亿元"),
            "s.yaml:3:15: display_unit: expected a unit of the table's currency USD (such as billion USD), found "
            "\"亿元\" (CNY)");
  EXPECT_EQ(message("10k CNY", "lots"),
            "s.yaml:3:15: display_unit: expected a unit of money (亿元, 万元, 元, yuan, \"10k CNY\", \"million USD\", "
            "auto), found \"lots\"");
  EXPECT_EQ(message("widgets", "亿元").substr(0, 60), "s.yaml:3:15: display_unit: the table's unit \"widgets\" is not");
}

TEST(Language, TheEnvironmentChoosesWhenNotAsked) {
  ::setenv("REGSIM_LANG", "zh", 1);
  EXPECT_EQ(language_from_environment(), Language::zh);
  ::setenv("REGSIM_LANG", "", 1);
  ::setenv("LC_ALL", "zh_CN.UTF-8", 1);
  EXPECT_EQ(language_from_environment(), Language::zh);
  ::setenv("LC_ALL", "C.UTF-8", 1);
  EXPECT_EQ(language_from_environment(), Language::en);
  ::unsetenv("LC_ALL");
  ::unsetenv("REGSIM_LANG");
  EXPECT_EQ(parse_language("fr"), std::nullopt);
}

TEST(DisplayWidth, ChineseTakesTwoColumns) {
  EXPECT_EQ(display_width("gdp"), 3U);
  EXPECT_EQ(display_width("地区生产总值"), 12U);
  EXPECT_EQ(display_width("（投入产出表）"), 14U);
  EXPECT_EQ(display_width("2,405.5 亿元"), 12U);
  EXPECT_EQ(display_width("…"), 1U);
}

}  // namespace
}  // namespace regsim
