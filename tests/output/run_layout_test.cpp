#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "output/run_layout.hpp"
#include "test_paths.hpp"

namespace regsim {
namespace {

/// The table in docs/hdf5-layout.md, from its header line to the first line that is not a row.
std::string documented_table() {
  std::ifstream in(testing::source_path("docs/hdf5-layout.md"));
  std::string line, table;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.starts_with("| path | dims | type | meaning |")) inside = true;
    if (inside && !line.starts_with("|")) break;
    if (inside) table += line + "\n";
  }
  return table;
}

TEST(RunLayout, TheDocumentedTableIsTheDeclaredLayout) {
  // On a change to run_layout.hpp, paste layout::markdown_table() (printed here) into the doc.
  EXPECT_EQ(documented_table(), layout::markdown_table());
}

TEST(RunLayout, PathsGroupsAndDimensions) {
  EXPECT_EQ(layout::series_quantity.path("output"), "/series/output");
  EXPECT_EQ(layout::sector.path(), "/sector");
  EXPECT_EQ(layout::root_attributes.path(), "/");
  EXPECT_EQ(layout::chain_series.path("value_added"), "/chains/series/value_added");
  EXPECT_EQ(layout::attribution_indicator.dimensions(), (std::vector<std::string>{"event", "year"}));
  EXPECT_TRUE(layout::root_attributes.dimensions().empty());
}

}  // namespace
}  // namespace regsim
