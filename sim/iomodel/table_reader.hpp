#pragma once

// Private to sim/iomodel: reading table.csv (table_reader.cpp) and the helpers the loader's readers
// share.

#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/table_spec.hpp"

namespace regsim::table_files {

inline constexpr std::string_view imports_label = "imports";
inline constexpr std::string_view total_label = "total";

/// `"text"`, for messages.
std::string in_quotes(std::string_view s);
/// Where the economy block wrote `key` (unknown: an empty location).
SourceLocation key_location(const TableSpec& spec, const std::string& key);
/// |a − b| ≤ tolerance · max(|a|, |b|).
bool relatively_equal(double a, double b, double tolerance);

/// table.csv's cells by role, in the table's own (competitive or non-competitive) form.
struct ParsedTable {
  Eigen::MatrixXd flows;
  Eigen::MatrixXd final_demand;
  Eigen::VectorXd import_column;  ///< competitive: Σ of import columns (≤ 0)
  Eigen::RowVectorXd imported_inputs;
  Eigen::RowVectorXd imported_final_demand;
  Eigen::MatrixXd value_added;
  std::vector<SourceLocation> sector_row_location;
};

/// Reads table.csv against the sectors and the economy block's labels. Problems that make cells
/// unreadable go to `diagnostics`; given totals that disagree with the cells go to `consistency`,
/// reported with the balance checks once every cell could be read.
ParsedTable read_table(const TableSpec& spec, const std::vector<Sector>& sectors, Diagnostics& diagnostics,
                       Diagnostics& consistency);

}  // namespace regsim::table_files
