#pragma once

// Private to sim/scenario: the `economy:` block, shared by scenarios and table recipes.

#include <filesystem>
#include <string>

#include "iomodel/table_spec.hpp"
#include "scenario/yaml_reader.hpp"

namespace regsim {

/// A file named at `node`, resolved against the folder of the YAML file that names it; reported
/// (and empty) when there is no such file.
std::filesystem::path resolve_file(yaml::Reader& reader, const yaml::Node& node, const std::string& path);

/// The `economy:` block (docs/table-format.md) as a TableSpec.
TableSpec read_economy(yaml::Reader& reader, const yaml::Node& node);

}  // namespace regsim
