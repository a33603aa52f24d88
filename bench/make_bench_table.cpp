// make_bench_table N DIR [EVENTS [YEARS]]: writes DIR/table.csv, DIR/sectors.csv,
// DIR/satellites.csv and DIR/scenario.yaml for a random productive N-sector economy
// (bench/random_table.hpp) with EVENTS levers (four demand events to one project, fixed seed) over
// YEARS years of monthly reports from 2024 (default 0 events, 3 years), so that whole-process
// timings (`regsim multipliers|run DIR/scenario.yaml`) run on realistic files.

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/date.hpp"
#include "random_table.hpp"

namespace {

/// A file written through fmt's print (fmt's own output_file is not in its header-only form,
/// which regsim builds with).
class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path) : file_(std::fopen(path.c_str(), "w")) {
    if (file_ == nullptr) throw std::runtime_error("cannot write " + path.string());
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  template <class... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    fmt::print(file_, format, std::forward<Args>(args)...);
  }
  void close() {
    if (file_ != nullptr && std::fclose(file_) != 0) throw std::runtime_error("cannot finish writing a table file");
    file_ = nullptr;
  }

 private:
  std::FILE* file_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 5) {
    fmt::print(stderr, "usage: make_bench_table N DIR [EVENTS [YEARS]]\n");
    return 2;
  }
  const Eigen::Index n = std::strtol(argv[1], nullptr, 10);
  if (n < 1) {
    fmt::print(stderr, "make_bench_table: N must be a positive whole number\n");
    return 2;
  }
  const std::filesystem::path dir = argv[2];
  const long events = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 0;
  const long years = argc > 4 ? std::strtol(argv[4], nullptr, 10) : 3;
  if (events < 0 || years < 1) {
    fmt::print(stderr, "make_bench_table: EVENTS must be 0 or more and YEARS at least 1\n");
    return 2;
  }
  std::filesystem::create_directories(dir);
  const regsim::IoTable t = regsim::bench::random_table(n);

  OutputFile table(dir / "table.csv");
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

  OutputFile sectors(dir / "sectors.csv");
  sectors.print("code,name,name_zh,groups\n");
  for (const auto& s : t.sectors) sectors.print("{},Sector {},,bench\n", s.code, s.code);
  sectors.close();

  OutputFile satellites(dir / "satellites.csv");
  satellites.print("code,employment,co2\n");
  for (Eigen::Index i = 0; i < n; ++i) {
    satellites.print("{},{},{}\n", t.sectors[static_cast<std::size_t>(i)].code, t.satellites[0].totals(i),
                     t.satellites[1].totals(i));
  }
  satellites.close();

  OutputFile scenario(dir / "scenario.yaml");
  scenario.print(
      "regsim: 1\nname: bench-{}\ntime: {{start: 2024-01-01, end: {}-12-31, report: monthly}}\n"
      "economy:\n  table: table.csv\n  sectors: sectors.csv\n  satellites: satellites.csv\n"
      "  units: \"10k CNY\"\n  base_year: 2023\n  final_demand: {{household: HH, exports: EXP}}\n"
      "  value_added: {{compensation: COMP, surplus: OS}}\n  households: exogenous\n"
      "trends: {{household: 0.05, exports: 0.03}}\n"
      "indicators:\n  gdp: {{of: value_added}}\n  output: {{of: output}}\n  jobs: {{of: employment}}\n"
      "  co2: {{of: co2}}\n  investment: {{of: final_demand.gfcf}}\n"
      "targets:\n  - {{indicator: gdp, year: 2024, growth: 0.055}}\n",
      n, 2023 + years);
  if (events > 0) scenario.print("events:\n");
  std::mt19937_64 random(20240101);
  const int horizon_days = static_cast<int>(365.25 * static_cast<double>(years)) - 2;
  std::uniform_int_distribution<int> day(0, horizon_days - 1);
  std::uniform_int_distribution<Eigen::Index> sector(0, n - 1);
  const auto date = [](int offset) { return (regsim::Date::from_ymd(2024, 1, 1) + offset).to_string(); };
  const auto code = [&](Eigen::Index i) { return t.sectors[static_cast<std::size_t>(i)].code; };
  for (long e = 0; e < events; ++e) {
    int from = day(random);
    int to = day(random);
    if (to < from) std::swap(from, to);
    if (e % 5 == 4) {
      scenario.print("  - {{id: p{}, kind: project, sector: {}, capex: {}, build: {{from: {}, to: {}, profile: s-curve}},"
                     " mix: {{{}: 0.6, {}: 0.4}}, output: {}, online: {}, ramp: 90d}}\n",
                     e, code(sector(random)), 1000 + e, date(from), date(to), code(0), code(1 % n), 500 + e,
                     date(to));
    } else {
      scenario.print("  - {{id: d{}, kind: demand, category: {}, sectors: {}, amount: {}, from: {}, to: {}}}\n", e,
                     e % 2 == 0 ? "household" : "exports", code(sector(random)), e % 3 == 0 ? -100 - e : 100 + e,
                     date(from), date(to));
    }
  }
  scenario.close();
  return 0;
}
