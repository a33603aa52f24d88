#pragma once

// What `regsim build-table` does, as plain data (read from YAML by sim/scenario/recipe.cpp).

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "iomodel/io_table.hpp"
#include "iomodel/table_spec.hpp"
#include "regional/location_quotients.hpp"

namespace regsim {

/// Carve a new sector out of an existing one (docs/regionalization.md, "Splitting a sector").
struct SectorSplit {
  std::string from;  ///< the sector split (a code of the aggregated table)
  Sector sector;     ///< the new sector
  double share = 0.0;  ///< its share of `from`'s output, in (0, 1)
  /// Its own input recipe where known: inputs per unit of its output, by seller code; the rest of
  /// its column follows `from`'s proportions.
  std::vector<std::pair<std::string, double>> inputs;
  SourceLocation where;
  std::string path;  ///< key path for messages, e.g. `splits[0]`
};

/// A regional total for a set of sectors (codes and `group:` terms), measured as value added,
/// output, or a satellite account of the national table such as employment.
struct RegionalTotal {
  std::vector<std::string> sectors;
  std::string measure = "value_added";  ///< `value_added`, `output` or a satellite account's name
  double value = 0.0;
  SourceLocation where;
  SourceLocation measure_where;
  std::string path;
};

/// A regional final-use total for one category (local and imported goods), as an amount in the
/// table's unit or as a share of regional GDP.
struct FinalUseTotal {
  double value = 0.0;
  bool share_of_gdp = false;
};

struct RegionalRecipe {
  std::filesystem::path file;
  std::string name;
  std::string region;                ///< the region's name, for messages and the summary
  TableSpec source;                  ///< the national (or provincial) table, as a scenario's economy block
  std::filesystem::path sectors;     ///< the regional sector list, with a `source` column
  SourceLocation sectors_where;
  std::vector<SectorSplit> splits;
  std::vector<RegionalTotal> totals;  ///< applied in order (docs/regionalization.md)
  /// household, government, gfcf, inventory (exports are what is left of output).
  std::array<std::optional<FinalUseTotal>, 4> final_use;
  SourceLocation final_use_where;
  LqMethod method = LqMethod::flq;
  double delta = 0.3;
  std::vector<std::pair<std::string, double>> satellite_totals;  ///< scale each account to this regional total
  SourceLocation satellites_where;
  std::string units;
  int base_year = 0;
};

}  // namespace regsim
