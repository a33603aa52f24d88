#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
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

/// One row of a CSV file as CsvReader streams it: the fields' text (unquoted) and where each began.
/// The views stay valid until the reader's next call.
struct CsvRow {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> lines;    ///< 1-based line of each field's first character
  std::vector<std::size_t> columns;  ///< 1-based byte column of each field's first character

  [[nodiscard]] std::size_t size() const { return fields.size(); }
};

/// Reads a CSV file row by row in pieces, holding one row at a time, so a table of gigabytes costs
/// its numbers, not its text. The dialect is CsvFile's.
class CsvReader {
 public:
  /// Opens a file (InputError if it is not a readable regular file within the CSV size limit).
  /// `separator` is ',' for CSV, '\t' for tab-separated files (pymrio's text format).
  explicit CsvReader(const std::filesystem::path& path, char separator = ',');
  /// Reads CSV text held in memory; `display_path` names it in messages.
  CsvReader(std::string text, std::string display_path);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

  /// The next row with content into `row` (blank lines are skipped); false at the end. Throws
  /// InputError at an opening quote that is never closed.
  bool next(CsvRow& row);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] SourceLocation location_of(const CsvRow& row, std::size_t field) const {
    return {path_, row.lines[field], row.columns[field]};
  }

 private:
  bool fill();  // more input at the end of the buffer; false at the end of the file
  bool next_plain(CsvRow& row);
  bool next_general(CsvRow& row);
  bool read_quoted();
  void fields_of_text(CsvRow& row) const;

  struct Source;
  std::unique_ptr<Source> source_;
  std::string path_;
  char separator_ = ',';
  std::string buffer_;      // input not yet consumed is buffer_[pos_, end_)
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool at_end_ = false;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;  // offset in the file of the current line's first byte
  std::size_t consumed_ = 0;    // offset in the file of buffer_[0]
  std::string text_;            // the current row's unquoted field text
  std::vector<std::size_t> starts_;
};

/// `text` as one CSV field: quoted (with quotes doubled) when it holds a comma, quote or line end.
std::string csv_field(std::string_view text);

/// Reads a CSV file. Throws InputError if the file cannot be opened or a quote is left open.
CsvFile read_csv(const std::filesystem::path& path);

/// Parses CSV text (for tests and in-memory data); `display_path` is used in messages.
CsvFile parse_csv(const std::string& text, const std::string& display_path);

}  // namespace regsim
