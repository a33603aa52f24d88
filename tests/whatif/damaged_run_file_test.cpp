// Damaged run files: whatever bytes are changed or cut, the reader returns or throws InputError;
// no other exception and no crash (libhdf5 once read out of bounds in a damaged global heap).

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "test_paths.hpp"
#include "whatif/scenario_run.hpp"

namespace regsim {
namespace {

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct Outcomes {
  int read = 0;
  int refused = 0;
};

/// Reads 150 damaged copies of `original` (8 bytes changed, or cut short) made at a fixed seed.
Outcomes read_damaged_copies(const std::string& original, const std::filesystem::path& folder) {
  std::mt19937_64 random(20241202);
  std::uniform_int_distribution<std::size_t> position(0, original.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  Outcomes outcomes;
  for (int copy = 0; copy < 150; ++copy) {
    std::string damaged = original;
    if (copy % 5 == 4) {
      damaged.resize(position(random));
    } else {
      for (int i = 0; i < 8; ++i) damaged[position(random)] = static_cast<char>(byte(random));
    }
    const auto path = folder / ("damaged-" + std::to_string(copy) + ".h5");
    write_bytes(path, damaged);
    try {
      (void)read_run_summary(path);
      ++outcomes.read;
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
      ++outcomes.refused;
    }
  }
  return outcomes;
}

class DamagedRunFile : public ::testing::Test {
protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() / ("regsim-damaged-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::filesystem::path folder_;
};

TEST_F(DamagedRunFile, IsReadOrRefusedNeverACrash) {
  const ScenarioRun run(load_scenario(testing::source_path("scenarios/examples/miller-blair-projects.yaml")));
  const auto written = folder_ / "run.h5";
  run.write(written);
  const Outcomes outcomes = read_damaged_copies(bytes_of(written), folder_);
  EXPECT_EQ(outcomes.read + outcomes.refused, 150);
  // Checksums catch most damage: far more copies are refused than read.
  EXPECT_GT(outcomes.refused, 100);
}

TEST_F(DamagedRunFile, OfFormatOneIsReadOrRefusedNeverACrash) {
  const auto format_one = testing::source_path("tests/data/runs/miller-blair-format-1.h5");
  EXPECT_EQ(read_run_summary(format_one).format_version, 1);
  const Outcomes outcomes = read_damaged_copies(bytes_of(format_one), folder_);
  EXPECT_EQ(outcomes.read + outcomes.refused, 150);
}

}  // namespace
}  // namespace regsim
