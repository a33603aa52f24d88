#pragma once

#include <filesystem>

#include "iomodel/io_table.hpp"

namespace regsim {

/// Writes `table` as a folder in pymrio's text format (what `IOSystem.save_all` writes and
/// `pymrio.load_all` reads; docs/table-format.md gives the mapping): `Z.txt`, `Y.txt`, `x.txt` and
/// `unit.txt` with their `file_parameters.json`, and the extensions `factor_inputs/` (value added by
/// component, and imported inputs as the row "imports") and, with satellites, `satellites/`. Rows
/// and columns are labelled (region, sector); a one-region table's region is `region`. Numbers are
/// written with 17 significant digits, so pymrio reads back the same doubles. All files are
/// written, or none. Throws OutputError.
void write_pymrio_table(const IoTable& table, const std::filesystem::path& folder, const std::string& region = "region");

}  // namespace regsim
