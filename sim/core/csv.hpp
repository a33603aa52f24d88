#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace regsim {

/// One field of a CSV file with the place it came from.
struct CsvCell {
  std::string text;
  std::size_t line = 0;    ///< 1-based line of the field's first character
  std::size_t column = 0;  ///< 1-based byte column of the field's first character
};

/// A CSV file read whole: RFC 4180 quoting, `,` separator, LF or CRLF, optional UTF-8 BOM.
/// Blank lines are skipped. Every cell remembers its line and column for error messages.
struct CsvFile {
  std::string path;  ///< as shown in messages
  std::vector<std::vector<CsvCell>> rows;

  [[nodiscard]] SourceLocation location_of(const CsvCell& cell) const { return {path, cell.line, cell.column}; }
};

/// `text` as one CSV field: quoted (with quotes doubled) when it holds a comma, quote or line end.
std::string csv_field(std::string_view text);

/// Reads a CSV file. Throws InputError if the file cannot be opened or a quote is left open.
CsvFile read_csv(const std::filesystem::path& path);

/// Parses CSV text (for tests and in-memory data); `display_path` is used in messages.
CsvFile parse_csv(const std::string& text, const std::string& display_path);

}  // namespace regsim
