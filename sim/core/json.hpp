#pragma once

#include <string>
#include <string_view>

namespace regsim {

/// A JSON string literal for `text` (quotes, backslashes and control characters escaped; UTF-8
/// passes through).
std::string json_quote(std::string_view text);

/// A JSON number with the shortest exact round-trip digits; `null` when not finite (JSON has no NaN).
std::string json_number(double value);

}  // namespace regsim
