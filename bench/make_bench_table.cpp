// make_bench_table N DIR: writes DIR/table.csv, DIR/sectors.csv, DIR/satellites.csv and
// DIR/scenario.yaml for a random productive N-sector economy (bench/random_table.hpp), so that
// whole-process timings (`regsim multipliers DIR/scenario.yaml`) run on a realistic file.

#include <fmt/format.h>
#include <fmt/os.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "random_table.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    fmt::print(stderr, "usage: make_bench_table N DIR\n");
    return 2;
  }
  const Eigen::Index n = std::strtol(argv[1], nullptr, 10);
  if (n < 1) {
    fmt::print(stderr, "make_bench_table: N must be a positive whole number\n");
    return 2;
  }
  const std::filesystem::path dir = argv[2];
  std::filesystem::create_directories(dir);
  const regsim::IoTable t = regsim::bench::random_table(n);

  auto table = fmt::output_file((dir / "table.csv").string());
  table.print("code");
  for (const auto& s : t.sectors) table.print(",{}", s.code);
  table.print(",HH,EXP\n");
  for (Eigen::Index i = 0; i < n; ++i) {
    table.print("{}", t.sectors[static_cast<std::size_t>(i)].code);
    for (Eigen::Index j = 0; j < n; ++j) table.print(",{}", t.local_flows(i, j));
    table.print(",{},{}\n", t.local_final_demand(i, regsim::column_of(regsim::FinalDemand::household)),
                t.local_final_demand(i, regsim::column_of(regsim::FinalDemand::exports)));
  }
  // Value-added rows leave their final-demand cells empty; the imports row fills them.
  const auto value_row = [&](const char* label, const Eigen::RowVectorXd& values, const char* final_demand_cells) {
    table.print("{}", label);
    for (Eigen::Index j = 0; j < n; ++j) table.print(",{}", values(j));
    table.print("{}\n", final_demand_cells);
  };
  value_row("imports", t.imported_inputs, ",0,0");
  value_row("COMP", t.value_added.row(regsim::row_of(regsim::ValueAdded::compensation)), ",,");
  value_row("OS", t.value_added.row(regsim::row_of(regsim::ValueAdded::surplus)), ",,");
  table.close();

  auto sectors = fmt::output_file((dir / "sectors.csv").string());
  sectors.print("code,name,name_zh,groups\n");
  for (const auto& s : t.sectors) sectors.print("{},Sector {},,bench\n", s.code, s.code);
  sectors.close();

  auto satellites = fmt::output_file((dir / "satellites.csv").string());
  satellites.print("code,employment,co2\n");
  for (Eigen::Index i = 0; i < n; ++i) {
    satellites.print("{},{},{}\n", t.sectors[static_cast<std::size_t>(i)].code, t.satellites[0].totals(i),
                     t.satellites[1].totals(i));
  }
  satellites.close();

  auto scenario = fmt::output_file((dir / "scenario.yaml").string());
  scenario.print(
      "regsim: 1\nname: bench-{}\ntime: {{start: 2024-01-01, end: 2026-12-31, report: monthly}}\n"
      "economy:\n  table: table.csv\n  sectors: sectors.csv\n  satellites: satellites.csv\n"
      "  units: \"10k CNY\"\n  base_year: 2023\n  final_demand: {{household: HH, exports: EXP}}\n"
      "  value_added: {{compensation: COMP, surplus: OS}}\n  households: exogenous\n",
      n);
  scenario.close();
  return 0;
}
