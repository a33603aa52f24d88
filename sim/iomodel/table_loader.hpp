#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim {

/// Reads the sector list, the wide table and the satellites named by `spec`, checks them
/// (labels, numbers, signs, balance, `total` row/column) and returns the table in
/// non-competitive form, converting a competitive table (see competitive.hpp).
/// Throws InputError listing every problem found. The format is docs/table-format.md.
IoTable load_table(const TableSpec& spec);

/// Reads a sector list (`code,name,name_zh,groups`, docs/table-format.md), adding problems to
/// `diagnostics`. With `extra_column`, that column is required too and its cells are returned in
/// `extra`, one per sector (the regional recipe's `source`).
std::vector<Sector> read_sector_list(const std::filesystem::path& path, Diagnostics& diagnostics,
                                     const std::string& extra_column = {}, std::vector<std::string>* extra = nullptr);

}  // namespace regsim
