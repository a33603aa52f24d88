#include "core/file.hpp"
#include "core/index.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <system_error>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace regsim {

PathKind path_kind(const std::filesystem::path& path, std::string* reason) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) return PathKind::none;
  if (error) {
    if (reason != nullptr) *reason = error.message();
    return PathKind::none;
  }
  if (std::filesystem::is_regular_file(status)) return PathKind::file;
  if (std::filesystem::is_directory(status)) return PathKind::folder;
  return PathKind::other;
}

namespace {

std::filesystem::path part_of(const std::filesystem::path& path) {
  std::filesystem::path temporary = path;
  temporary += ".part";
  return temporary;
}

/// Writes `text` to `path.part`; `created` gets the part once this call has made it (a path that
/// cannot be opened, such as a folder in the way, is not ours to remove).
void write_part(const std::filesystem::path& path, const std::string& text,
                std::vector<std::filesystem::path>& created) {
  if (path_kind(path) == PathKind::folder) {
    throw OutputError(fmt::format("cannot write \"{}\": it is a folder; name the file to write", path.string()));
  }
  std::ofstream out(part_of(path), std::ios::binary | std::ios::trunc);
  if (!out.is_open()) {
    throw OutputError(fmt::format("cannot write \"{}\": cannot create \"{}\"", path.string(), part_of(path).string()));
  }
  created.push_back(part_of(path));
  out << text;
  out.flush();
  if (!out) throw OutputError(fmt::format("cannot write \"{}\"", path.string()));
}

}  // namespace

void write_file(const std::filesystem::path& path, const std::string& text) { write_files({{path, text}}); }

void write_files(const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
  std::vector<std::unique_ptr<TemporaryFileGuard>> guards;
  std::vector<std::filesystem::path> created;
  std::error_code ignored;
  try {
    for (const auto& [path, text] : files) {
      guards.push_back(std::make_unique<TemporaryFileGuard>(part_of(path)));
      write_part(path, text, created);
    }
  } catch (const OutputError&) {
    for (const auto& part : created) std::filesystem::remove(part, ignored);
    throw;
  }
  // Every file is complete: only now does any of them replace what was there.
  for (const auto& [path, text] : files) {
    std::error_code error;
    std::filesystem::rename(part_of(path), path, error);
    if (error) {
      for (const auto& part : created) std::filesystem::remove(part, ignored);
      throw OutputError(fmt::format("cannot write \"{}\": {}", path.string(), error.message()));
    }
  }
}

namespace {

/// Text regsim can read is UTF-8 (or ASCII) with LF or CRLF line ends. Editors also save UTF-16,
/// UTF-32 and old Mac CR-only files; each is named, with what to do, instead of failing later
/// with a message about the first garbled character.
void refuse_unreadable_text(const std::string& text, const SourceLocation& where, const std::string& key,
                            const std::string& name) {
  const auto starts_with = [&](std::string_view bytes) { return std::string_view(text).starts_with(bytes); };
  const char* encoding = starts_with(std::string_view("\xFF\xFE\x00\x00", 4))   ? "UTF-32 (little-endian)"
                         : starts_with(std::string_view("\x00\x00\xFE\xFF", 4)) ? "UTF-32 (big-endian)"
                         : starts_with("\xFF\xFE")                                  ? "UTF-16 (little-endian)"
                         : starts_with("\xFE\xFF")                                  ? "UTF-16 (big-endian)"
                                                                                    : nullptr;
  // Without a byte-order mark, UTF-16 text shows as a zero byte beside every ASCII character: at
  // odd positions (little-endian) or even ones (big-endian). Other binary files (a run file, a
  // program) are left to the reader that knows them.
  if (encoding == nullptr && text.size() >= 16) {
    const std::size_t sample = std::min<std::size_t>(text.size(), 4096) / 2 * 2;
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < sample; i += 2) {
      even += text[i] == '\0' ? 1 : 0;
      odd += text[i + 1] == '\0' ? 1 : 0;
    }
    const std::size_t pairs = sample / 2;
    if (odd * 10 >= pairs * 9 && even * 10 <= pairs) encoding = "UTF-16 (little-endian, no byte-order mark)";
    if (even * 10 >= pairs * 9 && odd * 10 <= pairs) encoding = "UTF-16 (big-endian, no byte-order mark)";
  }
  if (encoding != nullptr) {
    throw InputError(where, key, fmt::format("{} is saved as {}: save it as UTF-8", name, encoding));
  }
  if (text.find('\r') != std::string::npos && text.find('\n') == std::string::npos) {
    throw InputError(where, key,
                     fmt::format("{} ends its lines with CR only (old Mac text): save it with LF or CRLF line ends",
                                 name));
  }
}

}  // namespace

namespace {

std::uintmax_t effective_limit(std::uintmax_t limit) {
  if (const char* text = std::getenv("REGSIM_MAX_INPUT_MB")) {
    if (const long megabytes = std::strtol(text, nullptr, 10); megabytes > 0) {
      return static_cast<std::uintmax_t>(megabytes) << 20;
    }
  }
  return limit;
}

/// The size of an input that is a regular file no larger than `limit`; InputError otherwise.
std::uintmax_t checked_input_size(const std::filesystem::path& path, std::uintmax_t limit, const std::string& what,
                                  const SourceLocation& where, const std::string& key, const std::string& name) {
  limit = effective_limit(limit);
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error) throw InputError(where, key, fmt::format("cannot open {} for reading: {}", name, error.message()));
  if (!std::filesystem::is_regular_file(status)) {
    const char* kind = std::filesystem::is_directory(status) ? "a folder"
                       : std::filesystem::is_fifo(status)    ? "a FIFO (named pipe)"
                       : std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status)
                           ? "a device"
                           : "not a regular file";
    throw InputError(where, key, fmt::format("expected a regular file as the {}, found {}", what, kind));
  }
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > limit) {
    throw InputError(where, key,
                     fmt::format("{} is {:.1f} MB; a {} may be at most {:.0f} MB (REGSIM_MAX_INPUT_MB raises it)", name,
                                 as_real(size) / 1e6, what, as_real(limit) / 1e6));
  }
  return error ? 0 : size;
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, std::uintmax_t limit, const std::string& what,
                            const SourceLocation& requested_at, const std::string& key) {
  const SourceLocation where = requested_at.file.empty() ? SourceLocation{path.string(), 0, 0} : requested_at;
  const std::string name = requested_at.file.empty() ? "the " + what : fmt::format("\"{}\"", path.string());
  const std::uintmax_t size = checked_input_size(path, limit, what, where, key, name);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(where, key, fmt::format("cannot open {} for reading: {}", name, std::strerror(errno)));
  std::string text(to_size(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.gcount() != static_cast<std::streamsize>(text.size())) {
    throw InputError(where, key, fmt::format("cannot read {}: it changed while it was read", name));
  }
  refuse_unreadable_text(text, where, key, name);
  return text;
}

InputFile::InputFile(const std::filesystem::path& path, std::uintmax_t limit, const std::string& what)
    : where_{path.string(), 0, 0}, name_("the " + what) {
  size_ = checked_input_size(path, limit, what, where_, "", name_);
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw InputError(where_, "", fmt::format("cannot open {} for reading: {}", name_, std::strerror(errno)));
  }
}

InputFile::~InputFile() {
  if (file_ != nullptr) std::fclose(file_);
}

std::size_t InputFile::read(char* out, std::size_t size) {
  const std::size_t got = std::fread(out, 1, size, file_);
  if (got < size && std::ferror(file_) != 0) {
    throw InputError(where_, "", fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
  }
  if (read_ == 0 && got > 0) {
    // A CR-only file shows no LF in its first piece; a piece is far longer than any header line.
    const std::string first(out, got);
    refuse_unreadable_text(first, where_, "", name_);
  }
  read_ += got;
  if (read_ > size_ || (got == 0 && read_ != size_)) {
    throw InputError(where_, "", fmt::format("cannot read {}: it changed while it was read", name_));
  }
  return got;
}

void refuse_to_overwrite_inputs(const std::filesystem::path& output, const std::vector<std::filesystem::path>& inputs,
                                const std::string& option) {
  std::error_code error;
  if (!std::filesystem::exists(output, error)) return;  // nothing there yet, so nothing to lose
  for (const auto& input : inputs) {
    if (input.empty() || !std::filesystem::equivalent(output, input, error)) continue;
    const std::string same = input == output ? "" : fmt::format(" the same file as \"{}\",", input.string());
    throw InputError(
        SourceLocation{}, option,
        fmt::format("\"{}\" is{} an input of this command; write the output to another file", output.string(), same));
  }
}

}  // namespace regsim
