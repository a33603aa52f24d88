#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace regsim {

/// Writes `text` to `path` through `path.part`, renamed only when complete, so a failed write never
/// leaves a file that looks whole. Throws OutputError.
void write_file(const std::filesystem::path& path, const std::string& text);

/// Refuses (InputError at `option`) to write `output` when it is one of `inputs`: the same file
/// by identity (device and inode, so another name or a link for it counts), not only by name.
void refuse_to_overwrite_inputs(const std::filesystem::path& output, const std::vector<std::filesystem::path>& inputs,
                                const std::string& option);

}  // namespace regsim
