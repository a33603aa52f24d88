#pragma once

// Private to sim/scenario: assembling the document a scenario is read from.

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

/// The text of a scenario file; `requested_at` is the `extends` that names it (empty for the file
/// being run), where an unreadable file is reported.
std::string read_text(const std::filesystem::path& file, const SourceLocation& requested_at);

/// The scenario document at `file` with everything it `extends` merged in (events replaced by id,
/// `remove_events` applied) and `overrides` (`--set key.path=value`) applied in order. `inherited`
/// receives the files it extends, nearest first.
yaml::Node assemble_document(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                             std::vector<std::filesystem::path>& inherited);

}  // namespace regsim
