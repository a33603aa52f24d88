#include "iomodel/table_hdf5.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "core/error.hpp"
#include "fixtures.hpp"
#include "iomodel/table_loader.hpp"

namespace regsim {
namespace {

using testing::miller_blair_spec;

std::filesystem::path scratch(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / "regsim-table-hdf5-test";
  std::filesystem::create_directories(folder);
  return folder / name;
}

void expect_same_table(const IoTable& a, const IoTable& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.sectors.size(); ++i) {
    EXPECT_EQ(a.sectors[i].code, b.sectors[i].code);
    EXPECT_EQ(a.sectors[i].name, b.sectors[i].name);
    EXPECT_EQ(a.sectors[i].name_zh, b.sectors[i].name_zh);
    EXPECT_EQ(a.sectors[i].groups, b.sectors[i].groups);
    EXPECT_EQ(a.sectors[i].region, b.sectors[i].region);
  }
  // Stored as they are: the same doubles come back.
  EXPECT_EQ(a.local_flows, b.local_flows);
  EXPECT_EQ(a.local_final_demand, b.local_final_demand);
  EXPECT_EQ(a.value_added, b.value_added);
  EXPECT_EQ(a.imported_inputs, b.imported_inputs);
  EXPECT_EQ(a.imported_final_demand, b.imported_final_demand);
  EXPECT_EQ(a.imported_final_demand_by_product, b.imported_final_demand_by_product);
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.units, b.units);
  EXPECT_EQ(a.base_year, b.base_year);
  ASSERT_EQ(a.satellites.size(), b.satellites.size());
  for (std::size_t s = 0; s < a.satellites.size(); ++s) {
    EXPECT_EQ(a.satellites[s].name, b.satellites[s].name);
    EXPECT_EQ(a.satellites[s].unit, b.satellites[s].unit);
    EXPECT_EQ(a.satellites[s].totals, b.satellites[s].totals);
  }
}

TEST(Hdf5Table, RecognizesItsExtensions) {
  EXPECT_TRUE(is_hdf5_table("economy.h5"));
  EXPECT_TRUE(is_hdf5_table("dir/economy.nc"));
  EXPECT_FALSE(is_hdf5_table("table.csv"));
}

TEST(Hdf5Table, GivesBackTheTableItWasWritten) {
  const IoTable table = load_table(miller_blair_spec());
  const auto path = scratch("miller-blair.h5");
  write_hdf5_table(table, path);
  expect_same_table(table, read_hdf5_table(path, 1e-6));
  // Read through load_table, as a scenario's economy.table names it.
  TableSpec spec;
  spec.table = path;
  expect_same_table(table, load_table(spec));
}

TEST(Hdf5Table, ReadsALargerTableInBlocksOfRows) {
  // 130 sectors: more than two blocks of 64 rows, the last one partial.
  const Eigen::Index n = 130;
  IoTable big;
  big.units = "USD";
  big.base_year = 2020;
  big.local_flows = Eigen::MatrixXd::NullaryExpr(n, n, [](Eigen::Index i, Eigen::Index j) {
    return static_cast<double>((i * 7 + j * 3) % 11) + 0.25;
  });
  big.local_final_demand = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(final_demand_count));
  big.local_final_demand.col(column_of(FinalDemand::household)).setConstant(500.0);
  big.output = big.local_flows.rowwise().sum() + big.local_final_demand.rowwise().sum();
  big.imported_inputs = Eigen::RowVectorXd::Constant(n, 10.0);
  big.imported_final_demand = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(final_demand_count));
  big.value_added = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(value_added_count), n);
  big.value_added.row(row_of(ValueAdded::compensation)) =
      big.output.transpose() - big.local_flows.colwise().sum() - big.imported_inputs;
  for (Eigen::Index i = 0; i < n; ++i) big.sectors.push_back({"s" + std::to_string(i), "", "", {"g"}, "", ""});
  const auto path = scratch("big.h5");
  write_hdf5_table(big, path);
  expect_same_table(big, read_hdf5_table(path, 1e-9));
}

/// The message reading `table` back gives, written to a scratch file `name`.
std::string read_error(const IoTable& table, const std::string& name) {
  const auto path = scratch(name);
  write_hdf5_table(table, path);
  try {
    (void)read_hdf5_table(path, 1e-6);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected InputError reading " << name;
  return {};
}

TEST(Hdf5Table, NamesTheCellsThatBreakTheRules) {
  IoTable table = load_table(miller_blair_spec());
  table.local_flows(0, 1) = -5.0;  // and now neither row 0 nor column 1 balances
  const std::string text = read_error(table, "negative.h5");
  EXPECT_NE(text.find("Z[\"sec1\", \"sec2\"]: intermediate flows must be finite and not negative, found -5"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("x[\"sec1\"]: output"), std::string::npos) << text;
}

TEST(Hdf5Table, RefusesNonFiniteNumbers) {
  IoTable table = load_table(miller_blair_spec());
  table.value_added(row_of(ValueAdded::surplus), 0) = std::numeric_limits<double>::infinity();
  table.local_final_demand(1, column_of(FinalDemand::exports)) = std::numeric_limits<double>::quiet_NaN();
  const std::string text = read_error(table, "non-finite.h5");
  EXPECT_NE(text.find("V[\"surplus\", \"sec1\"]: value added must be finite"), std::string::npos) << text;
  EXPECT_NE(text.find("Y[\"sec2\", \"exports\"]: final demand must be finite"), std::string::npos) << text;
}

TEST(Hdf5Table, RefusesFilesThatAreNotTables) {
  const auto path = scratch("not-a-table.h5");
  {
    std::ofstream out(path);
    out << "code,a\n";
  }
  EXPECT_THROW((void)read_hdf5_table(path, 1e-6), InputError);
  EXPECT_THROW((void)read_hdf5_table(scratch("missing.h5"), 1e-6), InputError);
}

}  // namespace
}  // namespace regsim
