#include "iomodel/table_pymrio.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/json.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"

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
  text += "\n" + index_name + std::string(to_size(table.size()), '\t') + "\n";  // as pandas writes it
  for (Index r = 0; r < std::ssize(rows); ++r) {
    text += at(rows, r);
    for (Eigen::Index j = 0; j < table.size(); ++j) text += "\t" + number(value(r, j));
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
  z += "\nregion\tsector" + std::string(to_size(n), '\t') + "\n";
  std::string y = "region\t", x = "region\tsector\tindout\n", unit = "region\tsector\tunit\n";
  for (std::size_t k = 0; k < final_demand_count; ++k) y += "\t" + region;
  y += "\ncategory\t";
  for (const auto name : final_demand_names) y += fmt::format("\t{}", name);
  y += "\nregion\tsector" + std::string(final_demand_count, '\t') + "\n";
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto [r, s] = labels(at(table.sectors, i), region);
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
                       by_industry(table, region, names, "stressor",
                                   [&](Eigen::Index r, Eigen::Index j) { return at(table.satellites, r).totals(j); }));
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

// ---- reading ------------------------------------------------------------------------------------

namespace regsim {

namespace {

/// One table of pymrio's text format: `index_levels` label columns, `header_levels` label rows.
struct LabelledTable {
  std::vector<std::vector<std::string>> row_labels;     ///< per row, one label per index level
  std::vector<std::vector<std::string>> column_labels;  ///< per column, one label per header level
  Eigen::MatrixXd values;
};

/// Where a file's description in file_parameters.json says its labels are. pymrio writes this
/// small file itself, one key per line; only the two counts are read from it.
std::pair<int, int> label_levels(const std::filesystem::path& folder, const std::string& key) {
  const std::filesystem::path parameters = folder / "file_parameters.json";
  const std::string text = read_input_file(parameters, yaml_size_limit, "pymrio parameter file");
  const auto entry = text.find("\"" + key + "\"");
  const auto number_after = [&](const std::string& name) {
    const auto at = entry == std::string::npos ? entry : text.find("\"" + name + "\"", entry);
    if (at == std::string::npos) {
      throw InputError(SourceLocation{parameters.string(), 0, 0}, fmt::format("files.{}.{}", key, name),
                       "expected the entry pymrio writes for this file, found none");
    }
    const auto digit = text.find_first_of("0123456789", at + name.size() + 2);
    return digit == std::string::npos ? 0 : text[digit] - '0';
  };
  return {number_after("nr_index_col"), number_after("nr_header")};
}

LabelledTable read_labelled(const std::filesystem::path& folder, const std::string& key) {
  const auto [index_levels, header_levels] = label_levels(folder, key);
  const std::filesystem::path path = folder / (key + ".txt");
  CsvReader reader(path, '\t');
  LabelledTable t;
  CsvRow row;
  const auto fail = [&](std::size_t field, const std::string& what) {
    throw InputError(reader.location_of(row, std::min(field, row.size() - 1)), "", what);
  };
  const auto levels = to_size(index_levels);
  for (int h = 0; h < header_levels; ++h) {
    if (!reader.next(row)) throw InputError(SourceLocation{path.string(), 0, 0}, "", "expected pymrio's header rows");
    if (row.size() < levels) fail(0, "expected the label columns pymrio writes");
    if (h == 0) t.column_labels.resize(row.size() - levels);
    if (row.size() - levels != t.column_labels.size()) fail(0, "header rows of different lengths");
    for (std::size_t j = levels; j < row.size(); ++j) t.column_labels[j - levels].emplace_back(row.fields[j]);
  }
  if (header_levels > 1 && !reader.next(row)) {  // pandas writes the index names on a row of their own
    throw InputError(SourceLocation{path.string(), 0, 0}, "", "expected the row of index names pymrio writes");
  }
  std::vector<double> values;
  while (reader.next(row)) {
    if (row.size() != levels + t.column_labels.size()) {
      fail(0, fmt::format("expected {} fields like the header, found {}", levels + t.column_labels.size(), row.size()));
    }
    t.row_labels.emplace_back(row.fields.begin(), row.fields.begin() + index_levels);
    for (std::size_t j = levels; j < row.size(); ++j) {
      const auto value = row.fields[j].empty() ? std::optional<double>(0.0) : parse_number(row.fields[j]);
      if (!value) fail(j, fmt::format("expected a number, found \"{}\"", row.fields[j]));
      values.push_back(*value);
    }
  }
  t.values = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      values.data(), std::ssize(t.row_labels), std::ssize(t.column_labels));
  return t;
}

std::string lower(std::string text) {
  return ascii_lowercase(text);
}

bool mentions(const std::string& text, std::initializer_list<const char*> words) {
  const std::string l = lower(text);
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return l.find(w) != std::string::npos; });
}

/// pymrio's and EXIOBASE's final-demand categories by name.
std::optional<FinalDemand> category_of(const std::string& name) {
  if (mentions(name, {"household", "npish", "non-profit", "hh"})) return FinalDemand::household;
  if (mentions(name, {"government", "gov"})) return FinalDemand::government;
  if (mentions(name, {"fixed capital", "gfcf"})) return FinalDemand::gfcf;
  if (mentions(name, {"inventor", "valuables", "inv"})) return FinalDemand::inventory;
  if (mentions(name, {"export", "exp"})) return FinalDemand::exports;
  return std::nullopt;
}

/// Factor inputs by name: a value-added component, or imports (nullopt); "skip" for totals.
enum class Factor { component, imports, total };
std::pair<Factor, ValueAdded> factor_of(const std::string& name) {
  if (mentions(name, {"import"})) return {Factor::imports, ValueAdded::surplus};
  if (mentions(name, {"compensation", "wages"})) return {Factor::component, ValueAdded::compensation};
  if (mentions(name, {"fixed capital", "depreciation"})) return {Factor::component, ValueAdded::depreciation};
  if (mentions(name, {"tax"})) return {Factor::component, ValueAdded::taxes};
  return {Factor::component, ValueAdded::surplus};  // operating surplus, mixed income, "Value Added"
}

std::string joined(const std::vector<std::string>& labels) { return join(labels, " / "); }

/// Z's industries as sectors: Z square with the same labels on rows and columns, each industry once;
/// more than one region makes codes `<region>/<product>`.
std::vector<Sector> industries_of(const LabelledTable& z, const SourceLocation& z_where) {
  std::vector<Sector> sectors;
  for (std::size_t i = 0; i < z.row_labels.size(); ++i) {
    if (z.row_labels[i] != z.column_labels[i]) {
      throw InputError(z_where, "", fmt::format("row {} is {} but column {} is {}: Z's rows and columns must be the "
                                                "same industries in the same order",
                                                i + 1, joined(z.row_labels[i]), i + 1, joined(z.column_labels[i])));
    }
  }
  std::set<std::string> regions;
  for (const auto& label : z.row_labels) regions.insert(label.front());
  const bool multiregional = regions.size() > 1;
  std::set<std::string> codes;
  for (const auto& label : z.row_labels) {
    Sector s;
    s.product = label.back();
    s.region = multiregional ? label.front() : "";
    s.code = multiregional ? s.region + "/" + s.product : s.product;
    s.name = s.product;
    if (!codes.insert(s.code).second) {
      throw InputError(z_where, "", fmt::format("industry {} appears twice", joined(label)));
    }
    if (!multiregional) s.region.clear(), s.product.clear();
    sectors.push_back(std::move(s));
  }
  return sectors;
}

/// Each extension folder with an F.txt: factor inputs give value added and imports, the others are
/// satellite accounts. True when there was a factor-input extension.
bool read_extensions(const std::filesystem::path& folder, const LabelledTable& z, IoTable& t) {
  // Extensions: factor inputs give value added and imports; the others are satellite accounts.
  std::vector<std::filesystem::path> extensions;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_directory() && path_kind(entry.path() / "F.txt") == PathKind::file) extensions.push_back(entry.path());
  }
  std::sort(extensions.begin(), extensions.end());
  bool has_factor_inputs = false;
  for (const auto& extension : extensions) {
    const LabelledTable f = read_labelled(extension, "F");
    if (f.column_labels != z.column_labels) {
      throw InputError(SourceLocation{(extension / "F.txt").string(), 0, 0}, "",
                       "the extension's columns must be Z's industries in Z's order");
    }
    std::map<std::string, std::string> units;
    if (path_kind(extension / "unit.txt") == PathKind::file) {
      CsvReader reader(extension / "unit.txt", '\t');
      CsvRow row;
      reader.next(row);
      while (reader.next(row)) {
        if (row.size() >= 2) {
          std::vector<std::string> key(row.fields.begin(), row.fields.end() - 1);
          units[joined(key)] = std::string(row.fields.back());
        }
      }
    }
    const std::string name = extension.filename().string();
    if (mentions(name, {"factor", "value_added"})) {
      has_factor_inputs = true;
      for (Index r = 0; r < std::ssize(f.row_labels); ++r) {
        const auto [kind, component] = factor_of(joined(at(f.row_labels, r)));
        const Eigen::RowVectorXd row = f.values.row(r);
        if (kind == Factor::imports) {
          t.imported_inputs += row;
        } else {
          t.value_added.row(row_of(component)) += row;
        }
      }
      continue;
    }
    for (Index r = 0; r < std::ssize(f.row_labels); ++r) {
      const std::string account = joined(at(f.row_labels, r));
      t.satellites.push_back({account, units.contains(account) ? units.at(account) : "", f.values.row(r).transpose()});
    }
  }
  return has_factor_inputs;
}

/// Closes every column: what the factor inputs leave open is operating surplus (noted).
void close_columns(PymrioImport& result, bool has_factor_inputs) {
  IoTable& t = result.table;
  const Eigen::RowVectorXd residual =
      t.output.transpose() - t.local_flows.colwise().sum() - t.imported_inputs - t.value_added.colwise().sum();
  Eigen::Index worst = 0;
  const double largest = (residual.array().abs() / t.output.transpose().array().max(1e-300)).maxCoeff(&worst);
  if (largest > 1e-9) {
    t.value_added.row(row_of(ValueAdded::surplus)) += residual;
    result.notes.push_back(
        has_factor_inputs
            ? fmt::format("the factor inputs do not close every column (up to {:.3g} of output, in {}): the residual "
                          "x − Z − imports − value added is booked as operating surplus",
                          largest, at(t.sectors, worst).code)
            : "no factor_inputs extension: value added is the column residual x − Z, booked as operating surplus");
  }
  if (t.value_added.row(row_of(ValueAdded::compensation)).sum() <= 0.0) {
    result.notes.push_back("no compensation of employees among the factor inputs: Type II (endogenous households) "
                           "and income multipliers need it");
  }
}

}  // namespace

PymrioImport read_pymrio_table(const std::filesystem::path& folder, int base_year) {
  PymrioImport result;
  IoTable& t = result.table;
  const LabelledTable z = read_labelled(folder, "Z");
  const std::filesystem::path z_path = folder / "Z.txt";
  const SourceLocation z_where{z_path.string(), 0, 0};
  if (z.row_labels.size() != z.column_labels.size() || z.row_labels.empty()) {
    throw InputError(
        z_where, "",
        fmt::format("Z must be square and not empty, found {}×{}", z.row_labels.size(), z.column_labels.size()));
  }
  t.sectors = industries_of(z, z_where);
  const Eigen::Index n = std::ssize(t.sectors);
  t.local_flows = z.values;

  const LabelledTable y = read_labelled(folder, "Y");
  if (y.row_labels != z.row_labels) {
    throw InputError(SourceLocation{(folder / "Y.txt").string(), 0, 0}, "",
                     "Y's rows must be Z's industries in Z's order");
  }
  t.local_final_demand = Eigen::MatrixXd::Zero(n, final_demand_width);
  for (Index k = 0; k < std::ssize(y.column_labels); ++k) {
    const auto category = category_of(at(y.column_labels, k).back());
    if (!category) {
      throw InputError(SourceLocation{(folder / "Y.txt").string(), 0, 0}, "",
                       fmt::format("final-demand category \"{}\" matches none of household, government, gfcf, "
                                   "inventory, exports (by its name)",
                                   at(y.column_labels, k).back()));
    }
    t.local_final_demand.col(column_of(*category)) += y.values.col(k);
  }
  t.output = t.local_flows.rowwise().sum() + t.local_final_demand.rowwise().sum();
  t.imported_inputs = Eigen::RowVectorXd::Zero(n);
  t.imported_final_demand = Eigen::RowVectorXd::Zero(final_demand_width);
  t.value_added = Eigen::MatrixXd::Zero(value_added_height, n);
  t.base_year = base_year;
  t.units = "M EUR";
  if (const auto units = folder / "unit.txt"; path_kind(units) == PathKind::file) {
    CsvReader reader(units, '\t');
    CsvRow row;
    if (reader.next(row) && reader.next(row) && !row.fields.empty()) t.units = std::string(row.fields.back());
  }

  const bool has_factor_inputs = read_extensions(folder, z, t);

  close_columns(result, has_factor_inputs);
  return result;
}

}  // namespace regsim
