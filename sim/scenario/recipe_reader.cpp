#include "scenario/recipe_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/file.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_reader.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

namespace {

using yaml::join_path;
using yaml::Node;

std::optional<double> positive(yaml::Reader& reader, const Node& node, const std::string& path) {
  const auto value = reader.number(node, path);
  if (value && *value <= 0.0) {
    reader.error(node, path, fmt::format("expected a positive number, found {}", *value));
    return std::nullopt;
  }
  return value;
}

void read_region(yaml::Reader& reader, const Node& node, RegionalRecipe& recipe) {
  const std::string path = "region";
  if (!reader.expect_map(node, path, {"name", "units", "base_year", "sectors"})) return;
  if (const Node name = reader.child(node, "name", path, false); name.IsDefined()) {
    if (auto value = reader.string(name, "region.name")) recipe.region = *value;
  }
  if (auto units = reader.string(reader.child(node, "units", path, true), "region.units")) recipe.units = *units;
  if (const Node year = reader.child(node, "base_year", path, true); year.IsDefined()) {
    if (auto value = read_base_year(reader, year, "region.base_year")) recipe.base_year = *value;
  }
  const Node sectors = reader.child(node, "sectors", path, true);
  recipe.sectors = resolve_file(reader, sectors, "region.sectors");
  if (sectors.IsDefined()) recipe.sectors_where = reader.where(sectors);
}

std::vector<SectorSplit> read_splits(yaml::Reader& reader, const Node& node) {
  std::vector<SectorSplit> splits;
  reader.each_item(node, "splits", {"from", "code", "name", "name_zh", "groups", "share", "inputs"},
                   "expected a list of splits", [&](const Node& item, const std::string& path) {
                     SectorSplit split;
                     split.where = reader.where(item);
                     split.path = path;
                     if (auto from = reader.string(reader.child(item, "from", path, true), join_path(path, "from")))
                       split.from = *from;
                     if (auto code = reader.string(reader.child(item, "code", path, true), join_path(path, "code")))
                       split.sector.code = *code;
                     if (auto name = reader.string(reader.child(item, "name", path, true), join_path(path, "name")))
                       split.sector.name = *name;
                     if (const Node zh = reader.child(item, "name_zh", path, false); zh.IsDefined()) {
                       if (auto value = reader.string(zh, join_path(path, "name_zh"))) split.sector.name_zh = *value;
                     }
                     if (const Node groups = reader.child(item, "groups", path, false); groups.IsDefined()) {
                       if (auto value = reader.string_list(groups, join_path(path, "groups")))
                         split.sector.groups = *value;
                     }
                     if (const Node share = reader.child(item, "share", path, true); share.IsDefined()) {
                       if (auto value = reader.number(share, join_path(path, "share"))) {
                         if (*value <= 0.0 || *value >= 1.0) {
                           reader.error(share, join_path(path, "share"),
                                        fmt::format("expected a share between 0 and 1 (exclusive), found {}", *value));
                         } else {
                           split.share = *value;
                         }
                       }
                     }
                     if (const Node inputs = reader.child(item, "inputs", path, false); inputs.IsDefined()) {
                       const std::string inputs_path = join_path(path, "inputs");
                       if (reader.expect_map(inputs, inputs_path, {})) {
                         for (auto it = inputs.begin(); it != inputs.end(); ++it) {
                           const std::string code = it->first.Scalar();
                           const std::string input_path = join_path(inputs_path, code);
                           if (auto value = reader.number(it->second, input_path)) {
                             if (*value < 0.0) {
                               reader.error(it->second, input_path,
                                            fmt::format("expected an input per unit of output ≥ 0, found {}", *value));
                             } else {
                               split.inputs.emplace_back(code, *value);
                             }
                           }
                         }
                       }
                     }
                     splits.push_back(std::move(split));
                   });
  return splits;
}

std::vector<RegionalTotal> read_totals(yaml::Reader& reader, const Node& node) {
  std::vector<RegionalTotal> totals;
  reader.each_item(
      node, "totals", {"sectors", "value", "measure"}, "expected a list of {sectors, value, measure} totals",
      [&](const Node& item, const std::string& path) {
        RegionalTotal total;
        total.where = reader.where(item);
        total.measure_where = total.where;
        total.path = path;
        if (auto sectors = reader.string_list(reader.child(item, "sectors", path, true), join_path(path, "sectors"))) {
          total.sectors = *sectors;
        }
        if (auto value = positive(reader, reader.child(item, "value", path, true), join_path(path, "value")))
          total.value = *value;
        // Checked against the national table's accounts when the table is built.
        if (const Node measure = reader.child(item, "measure", path, false); measure.IsDefined()) {
          if (auto name = reader.string(measure, join_path(path, "measure"))) total.measure = *name;
          total.measure_where = reader.where(measure);
        }
        totals.push_back(std::move(total));
      });
  return totals;
}

void read_final_use(yaml::Reader& reader, const Node& node, RegionalRecipe& recipe) {
  const std::string path = "final_use";
  recipe.final_use_where = reader.where(node);
  if (!reader.expect_map(node, path, {"household", "government", "gfcf", "inventory"})) return;
  for (std::size_t k = 0; k < 4; ++k) {
    const std::string key{final_demand_names[k]};
    const Node value = reader.child(node, key, path, false);
    if (!value.IsDefined()) continue;
    const std::string key_path = join_path(path, key);
    if (value.IsMap()) {
      if (!reader.expect_map(value, key_path, {"share_of_gdp"})) continue;
      if (auto share =
              reader.number(reader.child(value, "share_of_gdp", key_path, true), join_path(key_path, "share_of_gdp"))) {
        recipe.final_use[k] = FinalUseTotal{*share, true};
      }
    } else if (auto amount = reader.number(value, key_path)) {
      recipe.final_use[k] = FinalUseTotal{*amount, false};
    }
  }
}

void read_method(yaml::Reader& reader, const Node& node, RegionalRecipe& recipe) {
  const std::string path = "regionalization";
  if (!reader.expect_map(node, path, {"method", "delta"})) return;
  if (const Node method = reader.child(node, "method", path, false); method.IsDefined()) {
    const std::vector<std::string> names(lq_method_names.begin(), lq_method_names.end());
    if (auto value = reader.choice(method, "regionalization.method", names)) {
      recipe.method = enumerator<LqMethod>(std::find(names.begin(), names.end(), *value) - names.begin());
    }
  }
  if (const Node delta = reader.child(node, "delta", path, false); delta.IsDefined()) {
    if (auto value = reader.number(delta, "regionalization.delta")) {
      if (*value < 0.0 || *value >= 1.0) {
        reader.error(delta, "regionalization.delta", fmt::format("expected δ in [0, 1), found {}", *value));
      } else {
        recipe.delta = *value;
      }
    }
  }
}

}  // namespace

RegionalRecipe load_recipe(const std::filesystem::path& file) {
  const std::string display = file.string();
  const Node root = yaml::parse(read_input_file(file, yaml_size_limit, "recipe file"), display);
  Diagnostics diagnostics;
  yaml::Reader reader(display, diagnostics);
  RegionalRecipe recipe;
  recipe.file = file;
  if (!reader.expect_map(
          root, "",
          {"recipe", "name", "economy", "region", "splits", "totals", "final_use", "regionalization", "satellites"})) {
    diagnostics.throw_if_any();
  }
  if (const Node version = reader.child(root, "recipe", "", true); version.IsDefined()) {
    if (auto value = reader.integer(version, "recipe"); value && *value != recipe_format_version) {
      reader.error(version, "recipe",
                   fmt::format("expected recipe format {}, found {}", recipe_format_version, *value));
    }
  }
  if (auto name = reader.string(reader.child(root, "name", "", true), "name")) recipe.name = *name;
  if (const Node economy = reader.child(root, "economy", "", true); economy.IsDefined()) {
    recipe.source = read_economy(reader, economy);
  }
  if (const Node region = reader.child(root, "region", "", true); region.IsDefined())
    read_region(reader, region, recipe);
  if (const Node splits = reader.child(root, "splits", "", false); splits.IsDefined()) {
    recipe.splits = read_splits(reader, splits);
  }
  if (const Node totals = reader.child(root, "totals", "", true); totals.IsDefined()) {
    recipe.totals = read_totals(reader, totals);
  }
  if (const Node final_use = reader.child(root, "final_use", "", true); final_use.IsDefined()) {
    read_final_use(reader, final_use, recipe);
  }
  if (const Node method = reader.child(root, "regionalization", "", false); method.IsDefined()) {
    read_method(reader, method, recipe);
  }
  if (const Node satellites = reader.child(root, "satellites", "", false); satellites.IsDefined()) {
    recipe.satellites_where = reader.where(satellites);
    if (reader.expect_map(satellites, "satellites", {})) {
      for (auto it = satellites.begin(); it != satellites.end(); ++it) {
        const std::string name = it->first.Scalar();
        if (auto value = positive(reader, it->second, join_path("satellites", name))) {
          recipe.satellite_totals.emplace_back(name, *value);
        }
      }
    }
  }
  diagnostics.throw_if_any();
  return recipe;
}

}  // namespace regsim
