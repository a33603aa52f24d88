#pragma once

#include <filesystem>

#include "iomodel/io_table.hpp"

namespace regsim {

/// Whether `path` names a table stored as HDF5 (`.h5`, `.hdf5` or `.nc`) rather than CSV.
bool is_hdf5_table(const std::filesystem::path& path);

/// Writes `table` as one netCDF-4-compatible HDF5 file (docs/table-format.md, "Tables in HDF5"):
/// Z, Y, V, imports, output and satellites over labelled dimensions (`sector`, `buyer`,
/// `final_demand`, `value_added`, `account`), units and base year as attributes, through a
/// temporary file renamed when complete. Numbers are stored as they are (no rounding), so a table
/// read back is the same table. Throws OutputError.
void write_hdf5_table(const IoTable& table, const std::filesystem::path& path);

/// Reads a table write_hdf5_table wrote, with the checks a CSV table gets: labels (canonical
/// categories and components, unique codes), finite numbers, signs, positive output and rows
/// balancing columns within `balance_tolerance`. Z is read in blocks of rows, so reading costs the
/// table's own memory. Throws InputError listing the problems.
IoTable read_hdf5_table(const std::filesystem::path& path, double balance_tolerance);

}  // namespace regsim
