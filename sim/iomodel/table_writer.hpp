#pragma once

#include <filesystem>
#include <string>

#include "iomodel/io_table.hpp"

namespace regsim {

/// The column and row labels a written table uses, and the `economy:` block that reads it back.
inline constexpr std::array<std::string_view, final_demand_count> written_final_demand_labels{"HH", "GOV", "GFCF", "INV",
                                                                                              "EXP"};
inline constexpr std::array<std::string_view, value_added_count> written_value_added_labels{"COMP", "TAX", "DEP", "OS"};

/// Writes `table` in non-competitive form as `sectors.csv`, `table.csv` and (with satellites)
/// `satellites.csv` in `folder` (docs/table-format.md), numbers with 10 significant digits, so
/// the same table always gives the same bytes. Each file is written to a temporary name and
/// renamed, so a failure leaves no half-written file. Throws OutputError.
void write_table(const IoTable& table, const std::filesystem::path& folder);

/// The `economy:` keys (YAML flow maps) that read back what write_table wrote.
std::string economy_block_for_written_table(const IoTable& table);

}  // namespace regsim
