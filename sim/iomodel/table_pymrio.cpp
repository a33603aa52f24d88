#include "iomodel/table_pymrio.hpp"

#include <fmt/format.h>

#include <system_error>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/json.hpp"

namespace regsim {

namespace {

std::string number(double value) { return value == 0.0 ? std::string("0") : fmt::format("{:.17g}", value); }

// pymrio labels every industry by (region, sector); a one-region table has one region.
std::pair<std::string, std::string> labels(const Sector& s, const std::string& region) {
  return s.region.empty() ? std::pair{region, s.code} : std::pair{s.region, s.product};
}

std::string parameters(const std::vector<std::tuple<std::string, int, int>>& files, const std::string& system,
                       const std::string& name) {
  std::string text = "{\n    \"files\": {\n";
  for (std::size_t f = 0; f < files.size(); ++f) {
    const auto& [key, index_columns, header_rows] = files[f];
    text += fmt::format("        {}: {{\n            \"name\": {},\n            \"nr_index_col\": \"{}\",\n"
                        "            \"nr_header\": \"{}\"\n        }}{}\n",
                        json_quote(key), json_quote(key + ".txt"), index_columns, header_rows,
                        f + 1 < files.size() ? "," : "");
  }
  text += fmt::format("    }},\n    \"systemtype\": {}", json_quote(system));
  if (!name.empty()) text += fmt::format(",\n    \"name\": {}", json_quote(name));
  return text + "\n}\n";
}

/// A table with the industries as columns: two header rows (region, sector), one index column.
std::string by_industry(const IoTable& table, const std::string& region, const std::vector<std::string>& rows,
                        const std::string& index_name, const auto& value) {
  std::string text = "region";
  for (const Sector& s : table.sectors) text += "\t" + labels(s, region).first;
  text += "\nsector";
  for (const Sector& s : table.sectors) text += "\t" + labels(s, region).second;
  text += "\n" + index_name + std::string(static_cast<std::size_t>(table.size()), '\t') + "\n";  // as pandas writes it
  for (std::size_t r = 0; r < rows.size(); ++r) {
    text += rows[r];
    for (Eigen::Index j = 0; j < table.size(); ++j) text += "\t" + number(value(static_cast<Eigen::Index>(r), j));
    text += "\n";
  }
  return text;
}

}  // namespace

void write_pymrio_table(const IoTable& table, const std::filesystem::path& folder, const std::string& region) {
  const Eigen::Index n = table.size();
  std::string z = "region\t";
  for (const Sector& s : table.sectors) z += "\t" + labels(s, region).first;
  z += "\nsector\t";
  for (const Sector& s : table.sectors) z += "\t" + labels(s, region).second;
  z += "\nregion\tsector" + std::string(static_cast<std::size_t>(n), '\t') + "\n";
  std::string y = "region\t", x = "region\tsector\tindout\n", unit = "region\tsector\tunit\n";
  for (std::size_t k = 0; k < final_demand_count; ++k) y += "\t" + region;
  y += "\ncategory\t";
  for (const auto name : final_demand_names) y += fmt::format("\t{}", name);
  y += "\nregion\tsector" + std::string(final_demand_count, '\t') + "\n";
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto [r, s] = labels(table.sectors[static_cast<std::size_t>(i)], region);
    z += r + "\t" + s;
    y += r + "\t" + s;
    for (Eigen::Index j = 0; j < n; ++j) z += "\t" + number(table.local_flows(i, j));
    for (Eigen::Index k = 0; k < table.local_final_demand.cols(); ++k) y += "\t" + number(table.local_final_demand(i, k));
    z += "\n";
    y += "\n";
    x += fmt::format("{}\t{}\t{}\n", r, s, number(table.output(i)));
    unit += fmt::format("{}\t{}\t{}\n", r, s, table.units);
  }

  // Value added and imported inputs are pymrio's "factor inputs", an extension with F by industry.
  std::vector<std::string> factors(value_added_names.begin(), value_added_names.end());
  factors.emplace_back("imports");
  const std::string factor_f = by_industry(table, region, factors, "inputtype", [&](Eigen::Index r, Eigen::Index j) {
    return r < table.value_added.rows() ? table.value_added(r, j) : table.imported_inputs(j);
  });
  std::string factor_unit = "inputtype\tunit\n";
  for (const auto& f : factors) factor_unit += fmt::format("{}\t{}\n", f, table.units);

  std::vector<std::pair<std::filesystem::path, std::string>> files{
      {folder / "Z.txt", z},
      {folder / "Y.txt", y},
      {folder / "x.txt", x},
      {folder / "unit.txt", unit},
      {folder / "file_parameters.json",
       parameters({{"Z", 2, 2}, {"Y", 2, 2}, {"x", 2, 1}, {"unit", 2, 1}}, "IOSystem", "")},
      {folder / "factor_inputs" / "F.txt", factor_f},
      {folder / "factor_inputs" / "unit.txt", factor_unit},
      {folder / "factor_inputs" / "file_parameters.json",
       parameters({{"F", 1, 2}, {"unit", 1, 1}}, "Extension", "Factor Inputs")},
  };
  if (!table.satellites.empty()) {
    std::vector<std::string> names;
    std::string satellite_unit = "stressor\tunit\n";
    for (const Satellite& s : table.satellites) {
      names.push_back(s.name);
      satellite_unit += fmt::format("{}\t{}\n", s.name, s.unit);
    }
    files.emplace_back(folder / "satellites" / "F.txt",
                       by_industry(table, region, names, "stressor", [&](Eigen::Index r, Eigen::Index j) {
                         return table.satellites[static_cast<std::size_t>(r)].totals(j);
                       }));
    files.emplace_back(folder / "satellites" / "unit.txt", satellite_unit);
    files.emplace_back(folder / "satellites" / "file_parameters.json",
                       parameters({{"F", 1, 2}, {"unit", 1, 1}}, "Extension", "satellites"));
  }
  for (const auto& sub : {folder, folder / "factor_inputs", folder / "satellites"}) {
    std::error_code error;
    if (sub.filename() == "satellites" && table.satellites.empty()) continue;
    std::filesystem::create_directories(sub, error);
    if (error) throw OutputError(fmt::format("cannot create the folder \"{}\": {}", sub.string(), error.message()));
  }
  write_files(files);
}

}  // namespace regsim
