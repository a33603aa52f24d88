#pragma once

#include <filesystem>

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>
#include "core/error.hpp"

namespace regsim {

/// What is at a path, asked without exceptions: std::filesystem's plain is_regular_file throws
/// for a name too long or a folder without permission, which for a user's path is an answer.
enum class PathKind { none, file, folder, other };
/// What is at `path`; when the system refuses to say for another reason than "no such file",
/// `reason` (when given) receives its words ("File name too long").
PathKind path_kind(const std::filesystem::path& path, std::string* reason = nullptr);

/// Writes `text` to `path` through `path.part`, renamed only when complete, so a failed write never
/// leaves a file that looks whole. Throws OutputError.
void write_file(const std::filesystem::path& path, const std::string& text);

/// Writes several files all or nothing: each to `path.part` first, and only when every one is
/// complete are they renamed into place, so a full disk never leaves a mixed set of new and old
/// files. Throws OutputError.
void write_files(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

/// The largest input files read, in bytes: scenarios and recipes (YAML) and tables (CSV). The
/// environment variable REGSIM_MAX_INPUT_MB, when set to a positive number, replaces both.
inline constexpr std::uintmax_t yaml_size_limit = std::uintmax_t{64} << 20;
inline constexpr std::uintmax_t csv_size_limit = std::uintmax_t{8} << 30;

/// The whole text of an input file. InputError at `requested_at` (or at the file) when it is not a
/// regular file (a folder, a FIFO, a device), is larger than `limit` bytes, or cannot be read; the
/// message names `what` (such as "scenario file") and, from the system, why.
std::string read_input_file(const std::filesystem::path& path, std::uintmax_t limit, const std::string& what,
                            const SourceLocation& requested_at = {}, const std::string& key = "");

/// An input file opened for reading in pieces (a table too large to hold as text): the same checks
/// as read_input_file, the encoding checks on the first piece read.
class InputFile {
 public:
  InputFile(const std::filesystem::path& path, std::uintmax_t limit, const std::string& what);
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  /// Reads up to `size` bytes into `out`; 0 at the end. Throws InputError when the file cannot be
  /// read, turns out not to be text regsim reads, or changes size while it is read.
  std::size_t read(char* out, std::size_t size);
  [[nodiscard]] std::uintmax_t size() const { return size_; }

 private:
  std::FILE* file_ = nullptr;
  std::uintmax_t size_ = 0;
  std::uintmax_t read_ = 0;
  SourceLocation where_;
  std::string name_;
};

/// Refuses (InputError at `option`) to write `output` when it is one of `inputs`: the same file
/// by identity (device and inode, so another name or a link for it counts), not only by name.
void refuse_to_overwrite_inputs(const std::filesystem::path& output, const std::vector<std::filesystem::path>& inputs,
                                const std::string& option);

}  // namespace regsim
