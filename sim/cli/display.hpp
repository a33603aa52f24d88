#pragma once

// Private to sim/cli: how results are shown to a person. One rule for every command: money in the
// unit asked for (--unit, the scenario's display_unit:, else the readable one), thousands
// separators and no exponents, percentages and points alike, and names and headers in the
// language asked for (--lang, REGSIM_LANG, the locale).

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/units.hpp"
#include "output/run_file.hpp"

namespace regsim::cli {

/// `--lang` and `--unit` as given; unset means "from the environment" and "from the scenario".
struct DisplayOptions {
  std::optional<Language> language;
  std::string unit;
};

class Display {
 public:
  /// Results of a table in `table_units` whose GDP is `reference` (which picks the readable unit);
  /// `scenario_unit` is the scenario's display_unit: (at `where`), used when --unit is not given.
  Display(const DisplayOptions& options, std::string_view table_units, double reference,
          std::string_view scenario_unit = {}, const SourceLocation& where = {});
  /// For a run: its table's units, base-year GDP and display unit.
  static Display for_run(const DisplayOptions& options, const RunSummary& run);

  [[nodiscard]] Language language() const { return language_; }
  [[nodiscard]] bool chinese() const { return language_ == Language::zh; }
  [[nodiscard]] const MoneyDisplay& money() const { return money_; }

  /// A header or phrase of the results in the display language (English when no translation).
  [[nodiscard]] std::string text(std::string_view english) const;
  /// `english`, a format string, translated and then filled with `args`.
  template <class... Args>
  [[nodiscard]] std::string say(std::string_view english, const Args&... args) const {
    return fmt::format(fmt::runtime(text(english)), args...);
  }
  /// `value` of unit `unit`: money in the display unit, anything else with separators.
  [[nodiscard]] std::string value(double value, std::string_view unit) const;
  /// A signed change of unit `unit`.
  [[nodiscard]] std::string change(double value, std::string_view unit) const;
  /// The unit as headers show it (亿元 for the table's money).
  [[nodiscard]] std::string unit(std::string_view unit) const;
  /// `label (unit)` for a column header.
  [[nodiscard]] std::string with_unit(std::string_view label, std::string_view unit) const;

  /// The indicator's label in the display language.
  [[nodiscard]] std::string indicator(const RunSummary& run, Index i) const;
  /// The chain's label in the display language.
  [[nodiscard]] std::string chain(const RunSummary::ChainLine& chain) const;
  /// A sector as the results name it: its code, or its Chinese name in Chinese.
  [[nodiscard]] std::string sector(const std::string& code, const std::string& name_zh) const;
  /// "yes"/"NO" in the display language.
  [[nodiscard]] std::string met(bool met) const;
  /// "met"/"NOT met" after a value in a cell ("+17.70 % met").
  [[nodiscard]] std::string met_after_value(bool met) const;

 private:
  Language language_ = Language::en;
  MoneyDisplay money_;
};

}  // namespace regsim::cli
