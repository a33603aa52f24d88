#include "iomodel/table_hdf5.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/error.hpp"
#include "core/text.hpp"
#include "hdf5/hdf5_reader.hpp"
#include "hdf5/hdf5_writer.hpp"

namespace regsim {

namespace {

// Format 2: text attributes of fixed length and checksummed chunks (as run files); 1 is read too.
constexpr std::int64_t format_version = 2;
constexpr std::int64_t oldest_format_version = 1;
constexpr std::size_t problems_shown = 40;  // a damaged table of millions of cells lists the first ones

std::vector<std::string> codes_of(const IoTable& table) {
  std::vector<std::string> codes;
  for (const Sector& s : table.sectors) codes.push_back(s.code);
  return codes;
}

template <class Field>
std::vector<std::string> sector_texts(const IoTable& table, Field field) {
  std::vector<std::string> out;
  for (const Sector& s : table.sectors) out.push_back(field(s));
  return out;
}

/// Row-major values of a column-major Eigen matrix (what Hdf5Writer::variable takes).
std::vector<double> row_major(const Eigen::MatrixXd& m) {
  std::vector<double> out(to_size(m.size()));
  Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(out.data(), m.rows(), m.cols()) = m;
  return out;
}

std::span<const double> values(const Eigen::VectorXd& v) {
  return {v.data(), to_size(v.size())};
}
std::span<const double> values(const Eigen::RowVectorXd& v) {
  return {v.data(), to_size(v.size())};
}

}  // namespace

bool is_hdf5_table(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".h5" || extension == ".hdf5" || extension == ".nc";
}

void write_hdf5_table(const IoTable& table, const std::filesystem::path& path) {
  Hdf5Writer file(path);
  file.attribute("", "regsim_table", format_version);
  file.attribute("", "title", "input-output table (regsim, docs/table-format.md)");
  file.attribute("", "units", table.units);
  file.attribute("", "base_year", std::int64_t{table.base_year});
  const std::vector<std::string> codes = codes_of(table);
  const TextAttributes money{{"units", table.units}};
  file.coordinate("", "sector", codes, {{"long_name", "industry selling (rows)"}});
  file.coordinate("", "buyer", codes, {{"long_name", "industry buying (columns of Z and V)"}});
  const std::vector<std::string> categories(final_demand_names.begin(), final_demand_names.end());
  const std::vector<std::string> components(value_added_names.begin(), value_added_names.end());
  file.coordinate("", "final_demand", categories, {{"long_name", "final-demand category"}});
  file.coordinate("", "value_added", components, {{"long_name", "value-added component"}});

  file.variable("", "sector_name", "sector", sector_texts(table, [](const Sector& s) { return s.name; }));
  file.variable("", "sector_name_zh", "sector", sector_texts(table, [](const Sector& s) { return s.name_zh; }));
  file.variable("", "sector_groups", "sector",
                sector_texts(table, [](const Sector& s) { return join(s.groups, ";"); }),
                {{"long_name", "groups the sector belongs to, separated by ';'"}});
  if (table.multiregional()) {
    file.variable("", "sector_region", "sector", sector_texts(table, [](const Sector& s) { return s.region; }));
    file.variable("", "sector_product", "sector", sector_texts(table, [](const Sector& s) { return s.product; }));
  }

  TextAttributes z = money;
  z.emplace_back("long_name", "local intermediate flows Z, seller (sector) × buyer");
  file.variable("", "Z", {"sector", "buyer"}, row_major(table.local_flows), z);
  TextAttributes y = money;
  y.emplace_back("long_name", "local final demand Y by category");
  file.variable("", "Y", {"sector", "final_demand"}, row_major(table.local_final_demand), y);
  TextAttributes v = money;
  v.emplace_back("long_name", "value added V by component, per buying industry");
  file.variable("", "V", {"value_added", "buyer"}, row_major(table.value_added), v);
  TextAttributes m = money;
  m.emplace_back("long_name", "imported intermediate inputs per buying industry");
  file.variable("", "imported_inputs", {"buyer"}, values(table.imported_inputs), m);
  TextAttributes mf = money;
  mf.emplace_back("long_name", "imported final demand per category");
  file.variable("", "imported_final_demand", {"final_demand"}, values(table.imported_final_demand), mf);
  if (table.imported_final_demand_by_product.size() > 0) {
    TextAttributes mp = money;
    mp.emplace_back("long_name", "imported final demand by product and category");
    file.variable("", "imported_final_demand_by_product", {"sector", "final_demand"},
                  row_major(table.imported_final_demand_by_product), mp);
  }
  TextAttributes x = money;
  x.emplace_back("long_name", "total output x");
  file.variable("", "x", {"sector"}, values(table.output), x);

  if (!table.satellites.empty()) {
    std::vector<std::string> names, units;
    Eigen::MatrixXd totals(to_index(table.satellites.size()), table.size());
    for (Index s = 0; s < std::ssize(table.satellites); ++s) {
      names.push_back(at(table.satellites, s).name);
      units.push_back(at(table.satellites, s).unit);
      totals.row(s) = at(table.satellites, s).totals.transpose();
    }
    file.coordinate("", "account", names, {{"long_name", "satellite account"}});
    file.variable("", "account_unit", "account", units);
    file.variable("", "F", {"account", "buyer"}, row_major(totals),
                  {{"long_name", "satellite accounts F, totals per industry (units in account_unit)"}});
  }
  file.commit();
}

namespace {

/// Reads and checks one table file; problems collect in `diagnostics` with the file as location.
class Hdf5TableReader {
 public:
  Hdf5TableReader(const std::filesystem::path& path, double tolerance)
      : path_(path), tolerance_(tolerance), file_(path, "table file") {}

  IoTable read() {
    if (!file_.exists("Z") || !file_.exists("sector")) {
      problem("", "expected a table written by regsim (datasets Z, Y, V, x over the dimension sector); "
                  "`regsim convert-table` writes one from CSV");
      diagnostics_.throw_if_any();
    }
    check_version();
    IoTable t;
    t.units = file_.text_attribute("", "units");
    t.base_year = narrow<int>(file_.integer_attribute("", "base_year"));
    read_sectors(t);
    diagnostics_.throw_if_any();
    const auto n = std::ssize(t.sectors);
    expect_labels("buyer", codes_of(t));
    expect_labels("final_demand", {final_demand_names.begin(), final_demand_names.end()});
    expect_labels("value_added", {value_added_names.begin(), value_added_names.end()});
    diagnostics_.throw_if_any();

    t.local_flows = read_flows(n);
    t.local_final_demand = matrix("Y", n, final_demand_width);
    t.value_added = matrix("V", value_added_height, n);
    t.imported_inputs = matrix("imported_inputs", 1, n);
    t.imported_final_demand = matrix("imported_final_demand", 1, final_demand_width);
    if (file_.exists("imported_final_demand_by_product")) {
      t.imported_final_demand_by_product = matrix("imported_final_demand_by_product", n, final_demand_width);
    }
    const Eigen::MatrixXd output = matrix("x", n, 1);
    read_satellites(t);
    diagnostics_.throw_if_any();

    check_signs(t);
    check_balance(t, output.col(0));
    if (shown_ > problems_shown) {
      diagnostics_.add({path_.string(), 0, 0}, "", fmt::format("and {} more problems", shown_ - problems_shown));
    }
    diagnostics_.throw_if_any();
    t.output = output.col(0);
    return t;
  }

 private:
  void problem(const std::string& key, std::string message) {
    if (shown_ < problems_shown) diagnostics_.add({path_.string(), 0, 0}, key, std::move(message));
    ++shown_;
  }

  void check_version() {
    const std::int64_t version = file_.integer_attribute("", "regsim_table");
    if (version < oldest_format_version || version > format_version) {
      problem("regsim_table", fmt::format("this is table format {}; this regsim reads formats {} to {}", version,
                                          oldest_format_version, format_version));
    }
  }

  void read_sectors(IoTable& t) {
    const std::vector<std::string> codes = file_.texts("sector");
    const auto texts = [&](const char* name) {
      std::vector<std::string> out = file_.exists(name) ? file_.texts(name) : std::vector<std::string>(codes.size());
      if (out.size() != codes.size()) {
        problem(name, fmt::format("expected one entry per sector ({}), found {}", codes.size(), out.size()));
        out.resize(codes.size());
      }
      return out;
    };
    const auto names = texts("sector_name");
    const auto names_zh = texts("sector_name_zh");
    const auto groups = texts("sector_groups");
    const bool regions = file_.exists("sector_region");
    const auto region = texts("sector_region");
    const auto product = texts("sector_product");
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const std::string key = fmt::format("sector[{}]", i);
      if (codes[i].empty()) problem(key, "expected a sector code, found an empty one");
      if (const auto [it, inserted] = seen.emplace(codes[i], i); !inserted) {
        problem(key, fmt::format("duplicate sector code \"{}\" (first at {})", codes[i], it->second));
      }
      if (regions && codes[i] != region[i] + "/" + product[i]) {
        problem(key, fmt::format("the code of an industry is <region>/<product>: expected \"{}/{}\", found \"{}\"",
                                 region[i], product[i], codes[i]));
      }
      t.sectors.push_back({codes[i], names[i], names_zh[i], split_trimmed(groups[i], ';'), regions ? region[i] : "",
                           regions ? product[i] : ""});
    }
    if (codes.empty()) problem("sector", "the table has no sectors");
  }

  void expect_labels(const std::string& dimension, const std::vector<std::string>& expected) {
    if (file_.texts(dimension) != expected) {
      problem(dimension, fmt::format("expected the labels {}", join(expected, ", ")));
    }
  }

  void expect_shape(const std::string& name, Eigen::Index rows, Eigen::Index cols) {
    std::vector<std::size_t> shape = file_.shape(name);
    if (shape.size() == 1) shape.push_back(1);
    const auto r = to_size(rows), c = to_size(cols);
    const bool fits = shape.size() == 2 && ((shape[0] == r && shape[1] == c) || (rows == 1 && shape[0] == c && shape[1] == 1));
    if (!fits) {
      problem(name, fmt::format("expected shape {}×{}, found {}", rows, cols,
                                join([&] {
                                  std::vector<std::string> parts;
                                  for (const auto d : file_.shape(name)) parts.push_back(std::to_string(d));
                                  return parts;
                                }(), "×")));
      diagnostics_.throw_if_any();
    }
  }

  Eigen::MatrixXd matrix(const std::string& name, Eigen::Index rows, Eigen::Index cols) {
    expect_shape(name, rows, cols);
    const std::vector<double> data = file_.numbers(name);
    return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(data.data(), rows, cols);
  }

  // Z in blocks of rows, written by column into the table's column-major matrix.
  Eigen::MatrixXd read_flows(Eigen::Index n) {
    expect_shape("Z", n, n);
    Eigen::MatrixXd z(n, n);
    constexpr Eigen::Index block = 64;
    std::vector<double> rows(to_size(std::min(block, n) * n));
    for (Eigen::Index first = 0; first < n; first += block) {
      const Eigen::Index count = std::min(block, n - first);
      std::span<double> part(rows.data(), to_size(count * n));
      file_.rows("Z", to_size(first), to_size(count), part);
      const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> chunk(part.data(),
                                                                                                         count, n);
      z.middleRows(first, count) = chunk;
    }
    return z;
  }

  void read_satellites(IoTable& t) {
    if (!file_.exists("account")) return;
    const std::vector<std::string> names = file_.texts("account");
    std::vector<std::string> units = file_.exists("account_unit") ? file_.texts("account_unit") : std::vector<std::string>{};
    units.resize(names.size());
    const Eigen::MatrixXd totals = matrix("F", std::ssize(names), std::ssize(t.sectors));
    for (Index s = 0; s < std::ssize(names); ++s) {
      t.satellites.push_back({at(names, s), at(units, s), totals.row(s).transpose()});
    }
  }

  std::string cell(const IoTable& t, const char* name, Eigen::Index i, std::string_view column) const {
    return fmt::format("{}[\"{}\", \"{}\"]", name, at(t.sectors, i).code, column);
  }

  void check_signs(const IoTable& t) {
    const auto n = std::ssize(t.sectors);
    const auto code = [&](Eigen::Index j) { return std::string_view(at(t.sectors, j).code); };
    for (Eigen::Index j = 0; j < n; ++j) {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double z = t.local_flows(i, j);
        if (!(z >= 0.0) || !std::isfinite(z)) {
          problem(cell(t, "Z", i, code(j)), fmt::format("intermediate flows must be finite and not negative, found {}",
                                                        format_number(z)));
        }
      }
    }
    const auto inventory = column_of(FinalDemand::inventory);
    for (Eigen::Index k = 0; k < t.local_final_demand.cols(); ++k) {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double y = t.local_final_demand(i, k);
        if (!std::isfinite(y) || (k != inventory && y < 0.0)) {
          problem(cell(t, "Y", i, at(final_demand_names, k)),
                  fmt::format("final demand must be finite and not negative (only inventory changes may be), found {}",
                              format_number(y)));
        }
      }
    }
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!(t.imported_inputs(j) >= 0.0) || !std::isfinite(t.imported_inputs(j))) {
        problem(fmt::format("imported_inputs[\"{}\"]", code(j)),
                fmt::format("imports must be finite and not negative, found {}", format_number(t.imported_inputs(j))));
      }
      for (Eigen::Index c = 0; c < t.value_added.rows(); ++c) {
        const double v = t.value_added(c, j);
        const bool must_be_positive = c == row_of(ValueAdded::compensation) || c == row_of(ValueAdded::depreciation);
        if (!std::isfinite(v) || (must_be_positive && v < 0.0)) {
          problem(fmt::format("V[\"{}\", \"{}\"]", at(value_added_names, c), code(j)),
                  fmt::format("value added must be finite ({} not negative), found {}",
                              must_be_positive ? "and compensation and depreciation" : "only taxes and surplus may be",
                              format_number(v)));
        }
      }
    }
    for (const Satellite& s : t.satellites) {
      if (!s.totals.allFinite()) problem(fmt::format("F[\"{}\"]", s.name), "satellite totals must be finite");
    }
  }

  void check_balance(const IoTable& t, const Eigen::VectorXd& output) {
    const Eigen::VectorXd rows = t.local_flows.rowwise().sum() + t.local_final_demand.rowwise().sum();
    const Eigen::RowVectorXd columns =
        t.local_flows.colwise().sum() + t.imported_inputs + t.value_added.colwise().sum();
    const auto close = [&](double a, double b) {
      return std::abs(a - b) <= tolerance_ * std::max({std::abs(a), std::abs(b), 1e-300});
    };
    for (Eigen::Index i = 0; i < output.size(); ++i) {
      const std::string key = fmt::format("x[\"{}\"]", at(t.sectors, i).code);
      if (!(output(i) > 0.0) || !std::isfinite(output(i))) {
        problem(key, fmt::format("output must be positive, found {}", format_number(output(i))));
      } else if (!close(output(i), rows(i))) {
        problem(key, fmt::format("output {} differs from its row, Z and Y summed, {}", format_number(output(i)),
                                 format_number(rows(i))));
      } else if (!close(output(i), columns(i))) {
        problem(key, fmt::format("output {} differs from its column, Z, imports and V summed, {}",
                                 format_number(output(i)), format_number(columns(i))));
      }
    }
  }

  std::filesystem::path path_;
  double tolerance_;
  Hdf5Reader file_;
  Diagnostics diagnostics_;
  std::size_t shown_ = 0;
};

}  // namespace

IoTable read_hdf5_table(const std::filesystem::path& path, double balance_tolerance) {
  return Hdf5TableReader(path, balance_tolerance).read();
}

}  // namespace regsim
