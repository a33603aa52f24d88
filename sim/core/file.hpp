#pragma once

#include <filesystem>
#include <string>

namespace regsim {

/// Writes `text` to `path` through `path.part`, renamed only when complete, so a failed write never
/// leaves a file that looks whole. Throws OutputError.
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace regsim
