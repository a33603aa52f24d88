// The recipe reader and `build-table` on what it accepts, with the promise build-table makes: what
// it writes reads back as a valid table. An input is recipe YAML placed where Jinzhong's recipe
// lives, in a scratch copy of the tree whose data folders link to the real ones, so the shipped
// recipe (and the Miller & Blair one, its paths adjusted) are inputs as they are.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"
#include "iomodel/leontief.hpp"
#include "iomodel/table_loader.hpp"
#include "iomodel/table_writer.hpp"
#include "regional/regionalize.hpp"
#include "scenario/recipe_reader.hpp"
#include "scenario/scenario.hpp"

namespace {

namespace fs = std::filesystem;

/// scratch/scenarios/data/jinzhong-2023/recipe, with its neighbours linked to the source tree.
fs::path recipe_folder() {
  static const fs::path folder = [] {
    const fs::path root = regsim::fuzz::scratch().folder() / "scenarios";
    const fs::path source = regsim::fuzz::source_tree() / "scenarios";
    const fs::path recipe = root / "data/jinzhong-2023/recipe";
    fs::create_directories(recipe);
    fs::create_symlink(source / "data/china-2020", root / "data/china-2020");
    fs::create_symlink(source / "examples", root / "examples");
    fs::create_symlink(source / "data/jinzhong-2023/recipe/sectors.csv", recipe / "sectors.csv");
    fs::create_symlink(regsim::fuzz::source_tree() / "tests/data/recipes/regional_sectors.csv",
                       recipe / "regional_sectors.csv");
    return recipe;
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regsim;
  const fs::path file = fuzz::scratch().write(recipe_folder() / "fuzz-input.yaml", fuzz::as_text(data, size));
  const fs::path written = fuzz::scratch().folder() / "written";
  fuzz::expect_clean_errors([&] {
    const RegionalRecipe recipe = load_recipe(file);
    const IoTable national = load_table(recipe.source);
    const RegionalBuild build = build_regional_table(recipe, national);
    (void)LeontiefModel(build.table, HouseholdMode::exogenous);  // build-table's own check before writing
    fs::remove_all(written);
    fs::create_directories(written);
    write_table(build.table, written);
    // What was written must read back with the economy block build-table prints for it.
    const std::string scenario = "regsim: 1\nname: reread\ntime: {start: 2024-01-01, end: 2024-12-31}\neconomy:\n" +
                                 economy_block_for_written_table(build.table);
    try {
      (void)load_table(parse_scenario(scenario, written / "scenario.yaml").economy);
    } catch (const InputError& error) {
      std::fprintf(stderr, "build-table wrote a table it cannot read back:\n%s\n", error.what());
      std::abort();
    }
  });
  return 0;
}
