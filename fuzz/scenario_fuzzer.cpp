// The scenario reader (with `extends`), and the run of what it accepts. An input is YAML text in a
// scratch folder that shows every shipped scenario and data folder side by side (links to the
// source tree), so the shipped scenarios are inputs as they are: their tables and the files they
// extend resolve.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"
#include "scenario/scenario.hpp"
#include "whatif/scenario_run.hpp"

namespace {

namespace fs = std::filesystem;

/// Links every entry of `from` into `to` whose name `to` does not have yet.
void link_entries(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    const fs::path link = to / entry.path().filename();
    if (!fs::exists(fs::symlink_status(link))) fs::create_symlink(entry.path(), link);
  }
}

/// scratch/tree/tests/data/scenarios: the test scenarios and the shipped ones (scenarios/,
/// examples/, what-if/, the BoARIO example) in one folder, their data folders merged in data/, and
/// links around it so that every relative path they use resolves: `extends: ../jinzhong-2024.yaml`,
/// `../tables/…`, `../../../scenarios/examples/data/…`.
fs::path scenario_folder() {
  static const fs::path folder = [] {
    const fs::path source = regsim::fuzz::source_tree();
    const fs::path tree = regsim::fuzz::scratch().folder() / "tree";
    const fs::path scenarios = tree / "tests/data/scenarios";
    link_entries(source / "tests/data/scenarios", scenarios);
    link_entries(source / "tests/data", tree / "tests/data");
    for (const char* data : {"data", "examples/data", "examples/boario-quickstart/data"}) {
      link_entries(source / "scenarios" / data, scenarios / "data");
    }
    for (const char* yaml_folder : {"", "examples", "what-if", "examples/boario-quickstart"}) {
      for (const auto& entry : fs::directory_iterator(source / "scenarios" / yaml_folder)) {
        const fs::path link = scenarios / entry.path().filename();
        if (entry.path().extension() == ".yaml" && !fs::exists(fs::symlink_status(link))) {
          fs::create_symlink(entry.path(), link);
        }
      }
    }
    fs::create_symlink(scenarios / "data", tree / "tests/data/data");
    fs::create_symlink(source / "scenarios/jinzhong-2024.yaml", tree / "tests/data/jinzhong-2024.yaml");
    fs::create_symlink(source / "scenarios", tree / "scenarios");
    return scenarios;
  }();
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regsim;
  const fs::path file = fuzz::scratch().write(scenario_folder() / "fuzz-input.yaml", fuzz::as_text(data, size));
  fuzz::expect_clean_errors([&] {
    Scenario scenario = load_scenario(file);
    // Long runs are slow, not wrong: the memory estimate refuses the huge ones, and the time they
    // take is the engine benchmarks' business. Under the sanitizers a daily ARIO year of Jinzhong
    // takes seconds, so ARIO runs are fuzzed up to a year.
    const bool daily = scenario.dynamics.model == DynamicsModel::ario;
    if (scenario.time.end - scenario.time.start > (daily ? 366 : 3 * 366)) return;
    const ScenarioRun run(std::move(scenario));
    (void)run.summary();
  });
  return 0;
}
