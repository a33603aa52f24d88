#include "core/csv.hpp"

#include <fstream>
#include <sstream>

namespace regsim {

CsvFile read_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(SourceLocation{path.string(), 0, 0}, "", "cannot open file for reading");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_csv(buffer.str(), path.string());
}

CsvFile parse_csv(const std::string& text, const std::string& display_path) {
  CsvFile file;
  file.path = display_path;

  std::size_t pos = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;

  std::size_t line = 1;
  std::size_t line_start = pos;
  std::vector<CsvCell> row;
  CsvCell cell{"", line, pos - line_start + 1};
  bool row_has_content = false;
  bool in_quotes = false;
  std::size_t quote_line = 0;
  std::size_t quote_column = 0;

  auto finish_cell = [&] {
    row.push_back(std::move(cell));
    cell = CsvCell{};
  };
  auto finish_row = [&] {
    finish_cell();
    if (row_has_content) file.rows.push_back(std::move(row));
    row.clear();
    row_has_content = false;
  };

  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (in_quotes) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          cell.text += '"';
          ++pos;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') {
          ++line;
          line_start = pos + 1;
        }
        cell.text += c;
      }
      continue;
    }
    if (cell.text.empty() && cell.line == 0) {
      cell.line = line;
      cell.column = pos - line_start + 1;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        row_has_content = true;
        quote_line = line;
        quote_column = pos - line_start + 1;
        break;
      case ',':
        row_has_content = true;
        finish_cell();
        break;
      case '\r':
        break;
      case '\n':
        finish_row();
        ++line;
        line_start = pos + 1;
        break;
      default:
        row_has_content = true;
        cell.text += c;
    }
  }
  if (in_quotes) {
    throw InputError(SourceLocation{display_path, quote_line, quote_column}, "", "quoted field is never closed");
  }
  if (cell.line == 0) {
    cell.line = line;
    cell.column = pos - line_start + 1;
  }
  finish_row();
  return file;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace regsim
