#include "iomodel/table_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include <fstream>
#include <system_error>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"

namespace regsim {

namespace {

std::string number(double value) {
  if (value == 0.0) return "0";  // also turns −0 into 0
  return fmt::format("{:.10g}", value);
}

}  // namespace

void write_table(const IoTable& table, const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw OutputError(fmt::format("cannot create the folder \"{}\": {}", folder.string(), error.message()));
  const Eigen::Index n = table.size();

  const bool regions = table.multiregional();
  std::string sectors = regions ? "code,name,name_zh,groups,region,product\n" : "code,name,name_zh,groups\n";
  for (const Sector& s : table.sectors) {
    sectors += fmt::format("{},{},{},{}", csv_field(s.code), csv_field(s.name), csv_field(s.name_zh),
                           csv_field(join(s.groups, ";")));
    sectors += regions ? fmt::format(",{},{}\n", csv_field(s.region), csv_field(s.product)) : std::string("\n");
  }

  std::string wide = "code";
  for (const Sector& s : table.sectors) wide += "," + csv_field(s.code);
  for (const auto label : written_final_demand_labels) wide += fmt::format(",{}", label);
  wide += ",total\n";
  const Eigen::VectorXd final_use = table.local_final_demand.rowwise().sum();
  for (Eigen::Index i = 0; i < n; ++i) {
    wide += csv_field(at(table.sectors, i).code);
    for (Eigen::Index j = 0; j < n; ++j) wide += "," + number(table.local_flows(i, j));
    for (Eigen::Index k = 0; k < table.local_final_demand.cols(); ++k) wide += "," + number(table.local_final_demand(i, k));
    wide += "," + number(table.output(i)) + "\n";
  }
  wide += "imports";
  for (Eigen::Index j = 0; j < n; ++j) wide += "," + number(table.imported_inputs(j));
  for (Eigen::Index k = 0; k < table.imported_final_demand.size(); ++k) wide += "," + number(table.imported_final_demand(k));
  wide += ",\n";
  for (std::size_t c = 0; c < value_added_count; ++c) {
    wide += std::string(written_value_added_labels[c]);
    for (Eigen::Index j = 0; j < n; ++j) wide += "," + number(table.value_added(to_index(c), j));
    wide += std::string(final_demand_count, ',') + ",\n";
  }
  wide += "total";
  for (Eigen::Index j = 0; j < n; ++j) wide += "," + number(table.output(j));
  wide += std::string(final_demand_count, ',') + ",\n";

  std::string satellites;
  if (!table.satellites.empty()) {
    satellites = "code";
    for (const Satellite& s : table.satellites) satellites += "," + csv_field(s.name);
    satellites += "\n";
    for (Eigen::Index i = 0; i < n; ++i) {
      satellites += csv_field(at(table.sectors, i).code);
      for (const Satellite& s : table.satellites) satellites += "," + number(s.totals(i));
      satellites += "\n";
    }
  }
  std::vector<std::pair<std::filesystem::path, std::string>> files{{folder / "sectors.csv", sectors},
                                                                   {folder / "table.csv", wide}};
  if (!satellites.empty()) files.emplace_back(folder / "satellites.csv", satellites);
  if (table.imported_final_demand_by_product.size() > 0) {
    std::string imports = "code";
    for (const auto name : final_demand_names) imports += fmt::format(",{}", name);
    imports += "\n";
    for (Eigen::Index i = 0; i < n; ++i) {
      imports += csv_field(at(table.sectors, i).code);
      for (Eigen::Index k = 0; k < table.imported_final_demand_by_product.cols(); ++k)
        imports += "," + number(table.imported_final_demand_by_product(i, k));
      imports += "\n";
    }
    files.emplace_back(folder / "final_imports.csv", imports);
  }
  write_files(files);  // all or nothing
}

namespace {

/// A name as a YAML key: plain when it is a word (`co2`, `employment`), quoted otherwise.
std::string yaml_key(const std::string& name) {
  const bool plain = !name.empty() && name.front() != '-' && std::all_of(name.begin(), name.end(), [](char c) {
    return is_ascii_alnum(c) || c == '_' || c == '-';
  });
  return plain ? name : yaml_quoted(name);
}

}  // namespace

std::string economy_block_for_written_table(const IoTable& table) {
  std::string block = "  table: table.csv\n  sectors: sectors.csv\n";
  if (!table.satellites.empty()) {
    block += "  satellites: satellites.csv\n  satellite_units: {";
    for (std::size_t s = 0; s < table.satellites.size(); ++s) {
      block += fmt::format("{}{}: {}", s > 0 ? ", " : "", yaml_key(table.satellites[s].name),
                           yaml_quoted(table.satellites[s].unit));
    }
    block += "}\n";
  }
  if (table.imported_final_demand_by_product.size() > 0) block += "  final_imports: final_imports.csv\n";
  block += fmt::format("  units: {}\n  base_year: {}\n  imports: non-competitive\n", yaml_quoted(table.units),
                       table.base_year);
  block += "  final_demand: {";
  for (std::size_t k = 0; k < final_demand_count; ++k) {
    block += fmt::format("{}{}: {}", k > 0 ? ", " : "", final_demand_names[k], written_final_demand_labels[k]);
  }
  block += "}\n  value_added: {";
  for (std::size_t c = 0; c < value_added_count; ++c) {
    block += fmt::format("{}{}: {}", c > 0 ? ", " : "", value_added_names[c], written_value_added_labels[c]);
  }
  return block + "}\n";
}

}  // namespace regsim
