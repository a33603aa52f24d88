#include "core/units.hpp"
#include "core/index.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "core/text.hpp"

namespace regsim {

std::optional<Language> parse_language(std::string_view text) {
  if (text == "en") return Language::en;
  if (text == "zh") return Language::zh;
  return std::nullopt;
}

Language language_from_environment() {
  if (const char* asked = std::getenv("REGSIM_LANG"); asked != nullptr && *asked != '\0') {
    return parse_language(asked).value_or(Language::en);
  }
  // The first locale variable that is set decides, as in POSIX.
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    return std::string_view(value).starts_with("zh") ? Language::zh : Language::en;
  }
  return Language::en;
}

bool operator==(const MoneyUnit& a, const MoneyUnit& b) {
  return a.currency == b.currency && std::abs(a.scale - b.scale) <= 1e-12 * std::max(a.scale, b.scale);
}

namespace {

std::string lowercase(std::string_view text) {
  return ascii_lowercase(text);
}

/// Chinese units: a multiplier prefix and a currency word (元, 美元, 欧元).
std::optional<MoneyUnit> parse_chinese(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> currencies{
      {{"人民币元", "CNY"}, {"美元", "USD"}, {"欧元", "EUR"}, {"元", "CNY"}}};
  static constexpr std::array<std::pair<std::string_view, double>, 6> prefixes{
      {{"万亿", 1e12}, {"百万", 1e6}, {"千万", 1e7}, {"千", 1e3}, {"万", 1e4}, {"亿", 1e8}}};
  for (const auto& [word, code] : currencies) {
    if (!text.ends_with(word)) continue;
    const std::string_view prefix = text.substr(0, text.size() - word.size());
    if (prefix.empty()) return MoneyUnit{std::string(code), 1.0};
    for (const auto& [name, scale] : prefixes) {
      if (prefix == name) return MoneyUnit{std::string(code), scale};
    }
    return std::nullopt;
  }
  return std::nullopt;
}

/// "10k", "100m", "1e4", "thousand", "bn": a multiplier word; nullopt when it is not one.
std::optional<double> parse_multiplier(const std::string& word) {
  static constexpr std::array<std::pair<std::string_view, double>, 10> words{
      {{"k", 1e3}, {"thousand", 1e3}, {"m", 1e6}, {"mn", 1e6}, {"mio", 1e6}, {"million", 1e6}, {"b", 1e9},
       {"bn", 1e9}, {"billion", 1e9}, {"trillion", 1e12}}};
  for (const auto& [name, scale] : words) {
    if (word == name) return scale;
  }
  // A number, optionally followed by a multiplier letter: 10k, 100m, 1e4, 10000.
  std::size_t digits = 0;
  while (digits < word.size() &&
         (is_ascii_digit(word[digits]) || word[digits] == '.' || (digits > 0 && word[digits] == 'e'))) {
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  const auto number = parse_number(word.substr(0, digits));
  if (!number || *number <= 0.0) return std::nullopt;
  if (digits == word.size()) return *number;
  const auto suffix = parse_multiplier(word.substr(digits));
  if (!suffix) return std::nullopt;
  return *number * *suffix;
}

std::optional<std::string> parse_currency(std::string_view original) {
  const std::string word = lowercase(original);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> names{
      {{"cny", "CNY"}, {"rmb", "CNY"}, {"yuan", "CNY"}, {"usd", "USD"}, {"dollars", "USD"}, {"eur", "EUR"},
       {"euro", "EUR"}, {"euros", "EUR"}}};
  for (const auto& [name, code] : names) {
    if (word == name) return std::string(code);
  }
  // Any other ISO 4217 code, written as one: three capital letters.
  if (original.size() == 3 &&
      std::all_of(original.begin(), original.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return std::string(original);
  }
  return std::nullopt;
}

}  // namespace

std::optional<MoneyUnit> parse_money_unit(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto chinese = parse_chinese(text)) return chinese;
  std::vector<std::string> words;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  auto currency = parse_currency(words.back());
  if (!currency) return std::nullopt;
  double scale = 1.0;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto factor = parse_multiplier(lowercase(words[i]));
    if (!factor) return std::nullopt;
    scale *= *factor;
  }
  return MoneyUnit{std::move(*currency), scale};
}

bool same_unit(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const auto money = parse_money_unit(a);
  return money && money == parse_money_unit(b);
}

std::string money_unit_name(const MoneyUnit& unit, Language language) {
  const auto is = [&](double scale) { return unit == MoneyUnit{unit.currency, scale}; };
  if (unit.currency == "CNY" && language == Language::zh) {
    static constexpr std::array<std::pair<double, std::string_view>, 6> names{
        {{1.0, "元"}, {1e3, "千元"}, {1e4, "万元"}, {1e6, "百万元"}, {1e8, "亿元"}, {1e12, "万亿元"}}};
    for (const auto& [scale, name] : names) {
      if (is(scale)) return std::string(name);
    }
  }
  static constexpr std::array<std::pair<double, std::string_view>, 7> prefixes{
      {{1.0, ""}, {1e3, "thousand "}, {1e4, "10k "}, {1e6, "million "}, {1e8, "100M "}, {1e9, "billion "},
       {1e12, "trillion "}}};
  for (const auto& [scale, prefix] : prefixes) {
    if (is(scale)) return fmt::format("{}{}", prefix, unit.currency);
  }
  return fmt::format("{:g} {}", unit.scale, unit.currency);
}

std::vector<MoneyUnit> display_units(std::string_view currency) {
  const std::string code(currency);
  if (code == "CNY") return {{code, 1.0}, {code, 1e4}, {code, 1e8}};
  return {{code, 1.0}, {code, 1e3}, {code, 1e6}, {code, 1e9}};
}

MoneyUnit readable_unit(const MoneyUnit& table_unit, double reference) {
  const double base = std::abs(reference) * table_unit.scale;
  const std::vector<MoneyUnit> units = display_units(table_unit.currency);
  MoneyUnit chosen = units.front();
  for (const MoneyUnit& unit : units) {
    if (base >= 10.0 * unit.scale) chosen = unit;
  }
  return chosen;
}

std::string format_amount(double value, int significant, bool signed_change) {
  if (!std::isfinite(value)) return "-";
  constexpr int max_decimals = 4;
  const double magnitude = std::abs(value);
  const int integer_digits = magnitude >= 1.0 ? whole_part<int>(std::floor(std::log10(magnitude))) + 1 : 1;
  const int decimals = std::clamp(significant - integer_digits, 0, max_decimals);
  std::string digits = fmt::format("{:.{}f}", magnitude, decimals);
  if (digits.find_first_not_of("0.") == std::string::npos) return "0";
  // Trailing zeros after the point say nothing: 3,000 rather than 3,000.0.
  if (digits.find('.') != std::string::npos) {
    digits.erase(digits.find_last_not_of('0') + 1);
    if (digits.back() == '.') digits.pop_back();
  }
  std::string shown = value < 0.0 ? "-" : signed_change ? "+" : "";
  // Thousands separators in the integer part.
  const std::size_t point = std::min(digits.find('.'), digits.size());
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) shown += ',';
    shown += digits[i];
  }
  shown.append(digits, point, std::string::npos);
  return shown;
}

MoneyDisplay::MoneyDisplay(std::string_view table_unit, std::string_view requested, double reference,
                           Language language, const SourceLocation& where, const std::string& key)
    : table_text_(table_unit), table_(parse_money_unit(table_unit)), name_(table_unit) {
  requested = trim(requested);
  if (requested.empty() || requested == "auto") {
    if (table_) {
      const MoneyUnit shown = readable_unit(*table_, reference);
      name_ = money_unit_name(shown, language);
      divisor_ = shown.scale / table_->scale;
    }
    return;
  }
  const auto asked = parse_money_unit(requested);
  if (!asked) {
    throw InputError(where, key,
                     fmt::format("expected a unit of money (亿元, 万元, 元, yuan, \"10k CNY\", \"million USD\", auto), "
                                 "found {}",
                                 quoted_excerpt(requested)));
  }
  if (!table_) {
    throw InputError(where, key,
                     fmt::format("the table's unit {} is not a unit of money regsim knows, so its amounts cannot be "
                                 "shown in {}; write the table's units as \"10k CNY\", 万元 or \"million USD\"",
                                 quoted_excerpt(table_unit), quoted_excerpt(requested)));
  }
  if (asked->currency != table_->currency) {
    throw InputError(where, key,
                     fmt::format("expected a unit of the table's currency {} (such as {}), found {} ({})",
                                 table_->currency, money_unit_name(display_units(table_->currency).back(), language),
                                 quoted_excerpt(requested), asked->currency));
  }
  name_ = money_unit_name(*asked, language);
  divisor_ = asked->scale / table_->scale;
}

std::string MoneyDisplay::amount(double value) const { return format_amount(value / divisor_); }

std::string MoneyDisplay::change(double value) const { return format_amount(value / divisor_, 5, true); }

bool MoneyDisplay::is_money(std::string_view unit) const {
  if (!table_) return unit == table_text_;
  const auto parsed = parse_money_unit(unit);
  return parsed && *parsed == *table_;
}

std::string MoneyDisplay::unit_of(std::string_view unit) const { return is_money(unit) ? name_ : std::string(unit); }

}  // namespace regsim
