#pragma once

#include <Eigen/Core>
#include <string>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "iomodel/table_spec.hpp"
#include "test_paths.hpp"

namespace regsim::testing {

/// The Miller & Blair example economy shipped in scenarios/examples.
inline TableSpec miller_blair_spec() {
  TableSpec spec;
  spec.table = source_path("scenarios/examples/data/miller-blair-table.csv");
  spec.sectors = source_path("scenarios/examples/data/miller-blair-sectors.csv");
  spec.satellites = source_path("scenarios/examples/data/miller-blair-satellites.csv");
  spec.satellite_units = {{"employment", "persons"}};
  spec.units = "USD";
  spec.base_year = 2023;
  spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::household)] = {"HH"};
  spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::exports)] = {"EXP"};
  spec.value_added_rows[static_cast<std::size_t>(ValueAdded::compensation)] = {"COMP"};
  spec.value_added_rows[static_cast<std::size_t>(ValueAdded::surplus)] = {"OS"};
  return spec;
}

/// A two-sector spec (sectors a, b; columns HH, EXP; rows COMP, OS) over a file in tests/data/tables.
inline TableSpec small_spec(const std::string& table_file, const std::string& sectors_file = "sectors2.csv") {
  TableSpec spec = miller_blair_spec();
  spec.table = source_path("tests/data/tables/" + table_file);
  spec.sectors = source_path("tests/data/tables/" + sectors_file);
  spec.satellites.clear();
  spec.satellite_units.clear();
  return spec;
}

/// The two-sector competitive table (columns HH, GFCF, EXP and imports in IMP).
inline TableSpec competitive_spec(const std::string& table_file) {
  TableSpec spec = small_spec(table_file);
  spec.imports = ImportForm::competitive;
  spec.import_columns = {"IMP"};
  spec.final_demand_columns[static_cast<std::size_t>(FinalDemand::gfcf)] = {"GFCF"};
  return spec;
}

/// Reads a labelled numeric CSV (first row and column are labels) into a matrix.
inline Eigen::MatrixXd read_matrix(const std::string& relative, Eigen::Index first_column = 1) {
  const CsvFile file = read_csv(source_path(relative));
  const auto rows = static_cast<Eigen::Index>(file.rows.size() - 1);
  const auto cols = static_cast<Eigen::Index>(file.rows[0].size()) - first_column;
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < cols; ++c) {
      m(r, c) = *parse_number(file.rows[static_cast<std::size_t>(r + 1)][static_cast<std::size_t>(c + first_column)].text);
    }
  }
  return m;
}

}  // namespace regsim::testing
