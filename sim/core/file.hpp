#pragma once

#include <filesystem>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include "core/error.hpp"

namespace regsim {

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

/// Refuses (InputError at `option`) to write `output` when it is one of `inputs`: the same file
/// by identity (device and inode, so another name or a link for it counts), not only by name.
void refuse_to_overwrite_inputs(const std::filesystem::path& output, const std::vector<std::filesystem::path>& inputs,
                                const std::string& option);

}  // namespace regsim
