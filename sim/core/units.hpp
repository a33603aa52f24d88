#pragma once

// Units of money as values (a currency and a scale), how a planner reads amounts (亿元 with
// thousands separators, never an exponent), and the language results are shown in.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace regsim {

/// The language of results (sector, chain and indicator names, table headers); errors stay English.
enum class Language { en, zh };

/// `en` or `zh`; nullopt for anything else.
std::optional<Language> parse_language(std::string_view text);

/// The language asked for by the environment: REGSIM_LANG (en or zh), else a locale variable
/// (LC_ALL, LC_MESSAGES, LANG) starting with `zh`; English otherwise.
Language language_from_environment();

/// A unit of money: a currency and how many of its base unit one unit holds ("10k CNY" and
/// "万元" are both {CNY, 1e4}). Two spellings of one unit compare equal.
struct MoneyUnit {
  std::string currency;  ///< ISO 4217 code: CNY, USD, EUR, …
  double scale = 1.0;    ///< base units per unit: 1e4 for 万元

  friend bool operator==(const MoneyUnit& a, const MoneyUnit& b);
};

/// Reads a unit of money: 元, 万元, 亿元, yuan, RMB, CNY, "10k CNY", "100M CNY", "million USD",
/// "1e4 CNY", "thousand EUR", "bn USD", … ; nullopt when the text is not money ("persons", "t CO2").
std::optional<MoneyUnit> parse_money_unit(std::string_view text);

/// Whether two unit texts name one unit: equal texts, or two spellings of one unit of money
/// ("万元" and "10k CNY").
bool same_unit(std::string_view a, std::string_view b);

/// How `unit` is written: 亿元, 万元, 元 in Chinese, "100M CNY", "10k CNY", "CNY" in English;
/// "million USD" and the like for other currencies; "1e5 CNY" for a scale without a name.
std::string money_unit_name(const MoneyUnit& unit, Language language);

/// The units results of `currency` are shown in, smallest first: 元, 万元, 亿元 for CNY; the base
/// unit, thousand, million and billion for the rest.
std::vector<MoneyUnit> display_units(std::string_view currency);

/// The largest display unit in which `reference` (an amount in `table_unit`, such as GDP) is at
/// least 10: 亿元 for a city's GDP of 2,405 亿元, USD for a textbook table of 1,000 USD.
MoneyUnit readable_unit(const MoneyUnit& table_unit, double reference);

/// A number as a planner reads it: `significant` digits (all the integer digits when there are
/// more), at most four decimals and no trailing zeros, thousands separators, never an exponent;
/// values that round to zero are "0". `signed_change` adds "+" to positive values. "-" when not finite.
std::string format_amount(double value, int significant = 5, bool signed_change = false);

/// How amounts of one run are shown: in `shown`, a unit of the table's currency, or unchanged when
/// the table's unit is not money.
class MoneyDisplay {
 public:
  MoneyDisplay() = default;
  /// `table_unit` is the table's `units` text; `requested` a unit text (`--unit`, `display_unit:`)
  /// or empty (or `auto`) for the readable unit of `reference`. Throws InputError at `where` and
  /// `key` when the requested unit is not money or not the table's currency.
  MoneyDisplay(std::string_view table_unit, std::string_view requested, double reference, Language language,
               const SourceLocation& where = {}, const std::string& key = "--unit");

  /// The unit's name as headers show it: 亿元, "100M CNY", or the table's own text.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// An amount in the table's unit, shown in the display unit.
  [[nodiscard]] std::string amount(double value) const;
  /// A change in the table's unit, signed: "+12.5".
  [[nodiscard]] std::string change(double value) const;
  /// Whether `unit` (an indicator's unit text) is the table's money, so amount() applies.
  [[nodiscard]] bool is_money(std::string_view unit) const;
  /// The display unit of an indicator whose unit is `unit`: name() for money, `unit` otherwise.
  [[nodiscard]] std::string unit_of(std::string_view unit) const;
  /// Base units per display unit over base units per table unit: what amounts are divided by.
  [[nodiscard]] double divisor() const { return divisor_; }

 private:
  std::string table_text_;
  std::optional<MoneyUnit> table_;
  std::string name_;
  double divisor_ = 1.0;
};

}  // namespace regsim
