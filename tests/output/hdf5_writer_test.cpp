#include "hdf5/hdf5_writer.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <array>
#include <fstream>

#include "core/error.hpp"

namespace regsim {
namespace {

namespace fs = std::filesystem;

class Hdf5WriterTest : public ::testing::Test {
protected:
  void SetUp() override {
    folder = fs::temp_directory_path() / ("regsim-hdf5-test-" + std::to_string(getpid()));
    fs::create_directories(folder);
  }
  void TearDown() override { fs::remove_all(folder); }
  fs::path folder;
};

double read_double(const fs::path& file, const char* dataset, std::size_t index) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, dataset, H5P_DEFAULT);
  std::vector<double> values(64);
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  H5Dclose(d);
  H5Fclose(f);
  return values.at(index);
}

TEST_F(Hdf5WriterTest, CommitRenamesTheFinishedFileIntoPlace) {
  const fs::path target = folder / "run.h5";
  {
    Hdf5Writer w(target);
    EXPECT_TRUE(fs::exists(w.temporary_path()));
    EXPECT_FALSE(fs::exists(target));
    const std::array<std::string, 2> sectors{"coal", "steel"};
    const std::array<std::int64_t, 3> years{2023, 2024, 2025};
    w.coordinate("yearly", "year", years);
    w.coordinate("yearly", "sector", sectors);
    const std::array<double, 6> output{1, 2, 3, 4, 5, 6};
    w.variable("yearly", "output", {"year", "sector"}, output, {{"units", "10k CNY"}});
    w.attribute("", "format_version", std::int64_t{1});
    w.commit();
    EXPECT_FALSE(fs::exists(w.temporary_path()));
  }
  ASSERT_TRUE(fs::exists(target));
  EXPECT_EQ(read_double(target, "/yearly/output", 3), 4.0);  // row-major: year 2024, steel
}

TEST_F(Hdf5WriterTest, EveryDimensionIsAttachedToItsCoordinateAsHdf5sOwnDimensionScaleCallsSeeIt) {
  const fs::path target = folder / "scales.h5";
  {
    Hdf5Writer w(target);
    const std::array<std::string, 2> sectors{"coal", "steel"};
    const std::array<std::int64_t, 3> years{2023, 2024, 2025};
    w.coordinate("yearly", "year", years);
    w.coordinate("yearly", "sector", sectors);
    const std::array<double, 6> six{1, 2, 3, 4, 5, 6};
    const std::array<double, 3> three{1, 2, 3};
    w.variable("yearly", "output", {"year", "sector"}, six);
    w.variable("yearly", "gdp", {"year"}, three);
    w.variable("yearly", "name", "sector", sectors);
    w.commit();
  }
  const hid_t f = H5Fopen(target.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const auto open = [&](const char* path) { return H5Dopen2(f, path, H5P_DEFAULT); };
  const hid_t year = open("/yearly/year");
  const hid_t sector = open("/yearly/sector");
  const hid_t output = open("/yearly/output");
  const hid_t gdp = open("/yearly/gdp");
  const hid_t name = open("/yearly/name");
  EXPECT_GT(H5DSis_scale(year), 0);
  EXPECT_GT(H5DSis_scale(sector), 0);
  // H5DSis_attached checks both sides: the variable's DIMENSION_LIST and the scale's REFERENCE_LIST.
  EXPECT_GT(H5DSis_attached(output, year, 0), 0);
  EXPECT_GT(H5DSis_attached(output, sector, 1), 0);
  EXPECT_EQ(H5DSis_attached(output, sector, 0), 0);
  EXPECT_GT(H5DSis_attached(gdp, year, 0), 0);
  EXPECT_GT(H5DSis_attached(name, sector, 0), 0);
  EXPECT_EQ(H5DSget_num_scales(output, 0), 1);
  EXPECT_EQ(H5DSget_num_scales(output, 1), 1);
  // The shared scale lists every variable that uses it, and HDF5 can take one off again.
  for (const hid_t id : {year, sector, output, gdp, name}) H5Dclose(id);
  H5Fclose(f);
  const hid_t writable = H5Fopen(target.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t out = H5Dopen2(writable, "/yearly/output", H5P_DEFAULT);
  const hid_t yr = H5Dopen2(writable, "/yearly/year", H5P_DEFAULT);
  const hid_t g = H5Dopen2(writable, "/yearly/gdp", H5P_DEFAULT);
  EXPECT_GE(H5DSdetach_scale(out, yr, 0), 0);
  EXPECT_EQ(H5DSis_attached(out, yr, 0), 0);
  EXPECT_GT(H5DSis_attached(g, yr, 0), 0);
  for (const hid_t id : {out, yr, g}) H5Dclose(id);
  H5Fclose(writable);
}

TEST_F(Hdf5WriterTest, AnUncommittedWriterLeavesNothingAndKeepsTheOldFile) {
  const fs::path target = folder / "run.h5";
  std::ofstream(target) << "previous result";
  fs::path temporary;
  {
    Hdf5Writer w(target);
    temporary = w.temporary_path();
    w.attribute("", "scenario_name", std::string("interrupted"));
  }  // destroyed without commit, as when a run fails
  EXPECT_FALSE(fs::exists(temporary));
  std::ifstream in(target);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "previous result");
}

TEST_F(Hdf5WriterTest, ShapeMistakesAreOutputErrors) {
  Hdf5Writer w(folder / "bad.h5");
  const std::array<std::string, 2> sectors{"a", "b"};
  w.coordinate("series", "sector", sectors);
  const std::array<double, 3> three{1, 2, 3};
  try {
    w.variable("series", "output", {"sector"}, three);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "variable /series/output: 3 values for a shape of 2");
  }
  try {
    w.variable("series", "output", {"time", "sector"}, three);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_STREQ(e.what(), "variable /series/output: no coordinate \"time\" in that group");
  }
}

TEST_F(Hdf5WriterTest, AnUnwritableFolderIsAnOutputErrorNamingTheFile) {
  const fs::path target = folder / "missing-folder" / "run.h5";
  try {
    Hdf5Writer w(target);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot create "), std::string::npos) << message;
    EXPECT_NE(message.find("(for " + target.string() + ")"), std::string::npos) << message;
  }
  EXPECT_FALSE(fs::exists(target));
}

}  // namespace
}  // namespace regsim
