#pragma once

#include <filesystem>
#include <string>
#include <vector>

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

/// A table read from pymrio's text format, with what had to be assumed to make it a regsim table.
struct PymrioImport {
  IoTable table;
  std::vector<std::string> notes;  ///< one line each, for the user to read (a residual put into surplus, …)
};

/// Reads a folder in pymrio's text format (`IOSystem.save_all`, the default `txt` format): Z and Y
/// (tab-separated, labelled by region and sector as its `file_parameters.json` says), the
/// extension `factor_inputs` for value added and imports, every other extension's F as satellite
/// accounts (docs/table-format.md has the mapping). Final-demand categories and factor inputs are
/// matched by name (EXIOBASE's and pymrio's test system's names among them); output is Z's and Y's
/// row sums, as pymrio's calc_x does. Where the factor inputs do not close a column (pymrio's
/// test system, an EXIOBASE without all its rows), the residual x − Z − m − V goes into operating
/// surplus and a note says by how much. `base_year` is required since pymrio's files carry none.
/// Throws InputError naming the file and the label that could not be read.
PymrioImport read_pymrio_table(const std::filesystem::path& folder, int base_year);

}  // namespace regsim
