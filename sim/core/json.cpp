#include "core/json.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace regsim {

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte_of(c) < 0x20) {
          out += fmt::format("\\u{:04x}", unsigned{byte_of(c)});
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string json_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : "null"; }

}  // namespace regsim
