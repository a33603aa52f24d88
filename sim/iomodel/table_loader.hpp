#pragma once

#include "iomodel/io_table.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim {

/// Reads the sector list, the wide table and the satellites named by `spec`, checks them
/// (labels, numbers, signs, balance, `total` row/column) and returns the table in
/// non-competitive form, converting a competitive table (see competitive.hpp).
/// Throws InputError listing every problem found. The format is docs/table-format.md.
IoTable load_table(const TableSpec& spec);

}  // namespace regsim
