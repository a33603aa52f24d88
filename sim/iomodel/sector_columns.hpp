#pragma once

// Private to sim/iomodel: CSV files of one row per sector (`code,<column>,…`): satellite accounts
// and imported final demand by product.

#include <Eigen/Core>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"

namespace regsim {

/// A per-sector file read: its column names (with where each was written) and n × k values in the
/// table's sector order.
struct SectorColumns {
  std::filesystem::path path;
  std::vector<std::string> names;
  std::vector<SourceLocation> name_where;
  std::vector<SourceLocation> row_where;  ///< per sector (table order): where its row starts
  Eigen::MatrixXd values;
};

/// Reads `path`, reporting every problem at its cell: a header that does not start with `code`,
/// empty or repeated column names (`noun` names them: "account", "category"), unknown or repeated
/// sector codes, rows of the wrong length, cells that are not numbers, sectors without a row.
SectorColumns read_sector_columns(const std::filesystem::path& path, const std::vector<Sector>& sectors,
                                  const char* noun, Diagnostics& diagnostics);

}  // namespace regsim
