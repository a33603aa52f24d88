// write_sample_file PATH: writes a small file with the writer's every feature, for the Python test
// (tests/output/test_hdf5_from_python.py) that opens it with h5py and xarray.

#include <array>
#include <iostream>

#include "core/error.hpp"
#include "hdf5/hdf5_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_sample_file PATH\n";
    return 2;
  }
  try {
    regsim::Hdf5Writer w(argv[1]);
    w.attribute("", "format_version", std::int64_t{1});
    w.attribute("", "scenario_name", std::string("sample 样例"));
    w.attribute("", "base_year", std::int64_t{2023});
    const std::array<std::string, 3> sectors{"coal", "steel", "methanol_vehicles"};
    const std::array<double, 2> days{0.0, 31.0};
    const std::array<std::int64_t, 2> years{2023, 2024};
    w.coordinate("series", "time", days, {{"units", "days since 2024-01-01"}, {"calendar", "proleptic_gregorian"}});
    w.coordinate("series", "sector", sectors);
    const std::array<double, 6> rates{1.5, 2.5, 3.5, 4.5, 5.5, 6.5};
    w.variable("series", "output", {"time", "sector"}, rates, {{"units", "10k CNY per year"}});
    w.coordinate("yearly", "year", years);
    w.coordinate("yearly", "sector", sectors);
    const std::array<double, 6> amounts{10, 20, 30, 11, 21, 31};
    w.variable("yearly", "value_added", {"year", "sector"}, amounts, {{"units", "10k CNY"}});
    const std::array<std::string, 2> event_ids{"vouchers", "geely-expansion"};
    const std::array<std::string, 2> kinds{"demand", "project"};
    w.coordinate("events", "event", event_ids);
    w.variable("events", "kind", "event", kinds);
    w.commit();
  } catch (const regsim::OutputError& e) {
    std::cerr << "write_sample_file: " << e.what() << '\n';
    return 5;
  }
  return 0;
}
