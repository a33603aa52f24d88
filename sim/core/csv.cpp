#include "core/csv.hpp"
#include "core/index.hpp"

#include "core/file.hpp"

#include <cstring>


namespace regsim {

struct CsvReader::Source {
  explicit Source(const std::filesystem::path& path) : file(path, csv_size_limit, "table file") {}
  InputFile file;
};

namespace {
constexpr std::size_t piece_size = std::size_t{1} << 20;
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
}  // namespace

CsvReader::CsvReader(const std::filesystem::path& path, char separator)
    : source_(std::make_unique<Source>(path)), path_(path.string()), separator_(separator) {
  fill();
  if (std::string_view(buffer_).substr(0, end_).starts_with(byte_order_mark)) pos_ = line_start_ = 3;
}

CsvReader::CsvReader(std::string text, std::string display_path)
    : path_(std::move(display_path)), buffer_(std::move(text)), end_(buffer_.size()), at_end_(true) {
  if (std::string_view(buffer_).starts_with(byte_order_mark)) pos_ = line_start_ = 3;
}

CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

bool CsvReader::fill() {
  if (at_end_ || source_ == nullptr) return false;
  // Keep what is not consumed yet at the front, then append one piece.
  buffer_.erase(0, pos_);
  consumed_ += pos_;
  end_ -= pos_;
  pos_ = 0;
  // A small file takes a piece of its own size (plus one byte, which finds the end): the buffer is
  // zero-filled when it grows, and a megabyte of it for a sectors list was most of the pages a
  // small run touched.
  const std::uintmax_t read_so_far = consumed_ + end_;
  const std::uintmax_t left = source_->file.size() > read_so_far ? source_->file.size() - read_so_far : 0;
  const std::size_t piece = left < piece_size ? narrow<std::size_t>(left) + 1 : piece_size;
  buffer_.resize(end_ + piece);
  const std::size_t got = source_->file.read(buffer_.data() + end_, piece);
  end_ += got;
  buffer_.resize(end_);
  if (got == 0) at_end_ = true;
  return got > 0;
}

// One state machine for every row: quoted fields may hold commas, doubled quotes and line ends;
// a run of ordinary characters is copied at once, which is what makes gigabyte tables quick.
bool CsvReader::next(CsvRow& row) {
  return next_plain(row) || next_general(row);
}

// Most rows are a line without quotes: its fields are views of the buffer, found with memchr. False
// (nothing consumed) at a line the general path must read, or at the end of the input.
bool CsvReader::next_plain(CsvRow& row) {
  for (;;) {
    const char* begin = buffer_.data() + pos_;
    const void* newline = std::memchr(begin, '\n', end_ - pos_);
    if (newline == nullptr) {
      if (at_end_ || source_ == nullptr || !fill()) break;  // the last line, or a line longer than the piece
      continue;
    }
    const auto* line_end = static_cast<const char*>(newline);
    const char* content_end = line_end > begin && line_end[-1] == '\r' ? line_end - 1 : line_end;
    if (std::memchr(begin, '"', to_size(line_end - begin)) != nullptr ||
        std::memchr(begin, '\r', to_size(content_end - begin)) != nullptr) {
      break;  // quotes or stray carriage returns: the general path below
    }
    const std::size_t column_base = consumed_ + pos_ - line_start_ + 1;
    const std::size_t line = line_;
    pos_ += to_size(line_end - begin) + 1;
    ++line_;
    line_start_ = consumed_ + pos_;
    if (content_end == begin) continue;  // a blank line
    row.fields.clear();
    row.lines.clear();
    row.columns.clear();
    const char* field = begin;
    for (;;) {
      const auto* comma = static_cast<const char*>(std::memchr(field, separator_, to_size(content_end - field)));
      const char* stop = comma == nullptr ? content_end : comma;
      row.fields.emplace_back(field, to_size(stop - field));
      row.columns.push_back(column_base + to_size(field - begin));
      if (comma == nullptr) break;
      field = comma + 1;
    }
    row.lines.assign(row.fields.size(), line);
    return true;
  }
  return false;
}

// The general path: quoted fields, doubled quotes, line ends inside quotes, carriage returns.
bool CsvReader::next_general(CsvRow& row) {
  const auto is_special = [this](char c) { return c == separator_ || c == '\n' || c == '\r' || c == '"'; };
  for (;;) {
    row.fields.clear();
    row.lines.clear();
    row.columns.clear();
    text_.clear();
    starts_.clear();
    bool content = false;
    bool in_quotes = false;
    std::size_t quote_line = 0, quote_column = 0;
    const auto column_here = [&] { return consumed_ + pos_ - line_start_ + 1; };
    const auto start_field = [&] {
      starts_.push_back(text_.size());
      row.lines.push_back(line_);
      row.columns.push_back(column_here());
    };
    start_field();
    bool row_done = false;
    while (!row_done) {
      if (pos_ == end_ && !fill()) {
        if (in_quotes) throw InputError(SourceLocation{path_, quote_line, quote_column}, "", "quoted field is never closed");
        if (!content) return false;
        break;
      }
      if (in_quotes) {
        in_quotes = read_quoted();
        continue;
      }
      std::size_t stop = pos_;
      while (stop < end_ && !is_special(buffer_[stop])) ++stop;
      if (stop > pos_) {
        text_.append(buffer_, pos_, stop - pos_);
        content = true;
        pos_ = stop;
        if (pos_ == end_) continue;
      }
      if (buffer_[pos_] == separator_) {
        content = true;
        ++pos_;
        start_field();
        continue;
      }
      switch (buffer_[pos_]) {
        case '\r':
          ++pos_;
          break;
        case '\n':
          ++pos_;
          ++line_;
          line_start_ = consumed_ + pos_;
          row_done = true;
          break;
        default:  // '"'
          in_quotes = true;
          content = true;
          quote_line = line_;
          quote_column = column_here();
          ++pos_;
      }
    }
    if (!content) continue;  // a blank line
    fields_of_text(row);
    return true;
  }
}

// Inside quotes: text up to the next quote or line end (kept); a doubled quote is one quote, a single
// one closes the field. False once it is closed.
bool CsvReader::read_quoted() {
  std::size_t stop = pos_;
  while (stop < end_ && buffer_[stop] != '"' && buffer_[stop] != '\n') ++stop;
  text_.append(buffer_, pos_, stop - pos_);
  pos_ = stop;
  if (pos_ == end_) return true;
  if (buffer_[pos_] == '\n') {
    text_ += '\n';
    ++pos_;
    ++line_;
    line_start_ = consumed_ + pos_;
    return true;
  }
  ++pos_;
  if (pos_ == end_) fill();
  if (pos_ < end_ && buffer_[pos_] == '"') {
    text_ += '"';
    ++pos_;
    return true;
  }
  return false;
}

// The row's fields as views of text_, which holds them one after another from starts_.
void CsvReader::fields_of_text(CsvRow& row) const {
  row.fields.resize(starts_.size());
  for (std::size_t i = 0; i < starts_.size(); ++i) {
    const std::size_t stop = i + 1 < starts_.size() ? starts_[i + 1] : text_.size();
    row.fields[i] = std::string_view(text_).substr(starts_[i], stop - starts_[i]);
  }
}

namespace {

CsvFile collect(CsvReader& reader) {
  CsvFile file;
  file.path = reader.path();
  CsvRow row;
  while (reader.next(row)) {
    std::vector<CsvCell> cells(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) cells[i] = {std::string(row.fields[i]), row.lines[i], row.columns[i]};
    file.rows.push_back(std::move(cells));
  }
  return file;
}

}  // namespace

CsvFile read_csv(const std::filesystem::path& path) {
  CsvReader reader(path);
  return collect(reader);
}

CsvFile parse_csv(const std::string& text, const std::string& display_path) {
  CsvReader reader(text, display_path);
  return collect(reader);
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
