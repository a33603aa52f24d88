#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace regsim {

/// Parses a whole string as a finite double (leading/trailing blanks allowed); nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

/// Levenshtein distance between two strings (bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo, for "did you mean".
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

/// `; did you mean "x"?` when a close candidate exists, else an empty string.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

/// Joins strings with a separator.
std::string join(std::span<const std::string> items, std::string_view separator);

/// Splits on a separator, trimming blanks and dropping empty pieces.
std::vector<std::string> split_trimmed(std::string_view text, char separator);

/// Text from an input file as a message shows it: in double quotes, control characters and bytes
/// that are not UTF-8 escaped (`\n`, `\t`, `\x01`), and cut after `limit` characters with
/// `…` and the full length, so that no message echoes a whole file or a terminal escape.
std::string quoted_excerpt(std::string_view text, std::size_t limit = 80);

/// UTF-8 text as a YAML double-quoted scalar (`"`, `\\` and control characters escaped), which
/// reads back as the same text.
inline std::string yaml_quoted(std::string_view text) { return quoted_excerpt(text, text.size()); }

/// The columns `text` (UTF-8) takes on a terminal: East Asian wide characters (汉字, fullwidth
/// forms) take two, combining marks none, the rest one.
std::size_t display_width(std::string_view text);

/// A character's byte value, 0–255 (UTF-8 decoding, hashing, <cctype>).
constexpr unsigned char byte_of(char c) {
  return static_cast<unsigned char>(c);
}
/// ASCII letters and digits, whatever the locale.
constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// `text` with its ASCII letters in lower or upper case; other bytes (UTF-8) kept.
std::string ascii_lowercase(std::string_view text);
std::string ascii_uppercase(std::string_view text);

/// Removes leading and trailing blanks.
std::string_view trim(std::string_view text);

/// A rate as a signed percentage with two decimals: 0.0541 is "+5.41 %"; what rounds to zero is
/// "0.00 %" (never "-0.00 %"); "-" when not finite.
std::string format_percent(double rate);

/// A difference of two rates in percentage points: 0.0123 is "+1.23 pt"; "0.00 pt" for what rounds
/// to zero; "-" when not finite.
std::string format_points(double difference);

/// "1 indicator", "3 indicators": a count with its noun, plural unless the count is 1 (`plural`
/// when the noun does not take an "s").
std::string counted(std::size_t count, std::string_view noun, std::string_view plural = {});

/// Formats a number with up to 17 significant digits, the shortest that reads back the same.
std::string format_number(double value);

}  // namespace regsim
