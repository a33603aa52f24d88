#include "core/csv.hpp"

#include "core/file.hpp"

#include <fstream>
#include <sstream>

namespace regsim {

CsvFile read_csv(const std::filesystem::path& path) {
  return parse_csv(read_input_file(path, csv_size_limit, "table file"), path.string());
}

namespace {

/// One pass over the text: cells keep the line and column of their first character; quoted fields
/// may hold commas, doubled quotes and newlines; blank lines are skipped.
class CsvParser {
 public:
  CsvParser(const std::string& text, const std::string& display_path) : text_(text) {
    file_.path = display_path;
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    line_start_ = pos_;
    cell_ = CsvCell{"", line_, pos_ - line_start_ + 1};
  }

  CsvFile parse() && {
    for (; pos_ < text_.size(); ++pos_) {
      if (in_quotes_) {
        quoted(text_[pos_]);
      } else {
        plain(text_[pos_]);
      }
    }
    if (in_quotes_) {
      throw InputError(SourceLocation{file_.path, quote_line_, quote_column_}, "", "quoted field is never closed");
    }
    if (cell_.line == 0) {
      cell_.line = line_;
      cell_.column = pos_ - line_start_ + 1;
    }
    finish_row();
    return std::move(file_);
  }

 private:
  void quoted(char c) {
    if (c == '"') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        cell_.text += '"';
        ++pos_;
      } else {
        in_quotes_ = false;
      }
      return;
    }
    if (c == '\n') new_line();
    cell_.text += c;
  }

  void plain(char c) {
    if (cell_.text.empty() && cell_.line == 0) {
      cell_.line = line_;
      cell_.column = pos_ - line_start_ + 1;
    }
    switch (c) {
      case '"':
        in_quotes_ = true;
        row_has_content_ = true;
        quote_line_ = line_;
        quote_column_ = pos_ - line_start_ + 1;
        break;
      case ',':
        row_has_content_ = true;
        finish_cell();
        break;
      case '\r':
        break;
      case '\n':
        finish_row();
        new_line();
        break;
      default:
        row_has_content_ = true;
        cell_.text += c;
    }
  }

  void new_line() {
    ++line_;
    line_start_ = pos_ + 1;
  }
  void finish_cell() {
    row_.push_back(std::move(cell_));
    cell_ = CsvCell{};
  }
  void finish_row() {
    finish_cell();
    if (row_has_content_) file_.rows.push_back(std::move(row_));
    row_.clear();
    row_has_content_ = false;
  }

  const std::string& text_;
  CsvFile file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::vector<CsvCell> row_;
  CsvCell cell_;
  bool row_has_content_ = false;
  bool in_quotes_ = false;
  std::size_t quote_line_ = 0;
  std::size_t quote_column_ = 0;
};

}  // namespace

CsvFile parse_csv(const std::string& text, const std::string& display_path) {
  return CsvParser(text, display_path).parse();
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
