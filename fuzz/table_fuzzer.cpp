// The table loader and the Leontief model on what it accepts. An input is an HDF5 table (it starts
// with HDF5's signature), or a sectors file and a table file joined by a line `=====` (and
// optionally a third part, the satellites file), or, without the separator, a table read against
// the Miller & Blair sectors.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "iomodel/leontief.hpp"
#include "iomodel/multipliers.hpp"
#include "iomodel/table_loader.hpp"

namespace {

std::vector<std::string_view> parts(std::string_view text) {
  constexpr std::string_view separator = "\n=====\n";
  std::vector<std::string_view> out;
  for (;;) {
    const auto at = text.find(separator);
    if (at == std::string_view::npos) break;
    out.push_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  out.push_back(text);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regsim;
  const auto& scratch = fuzz::scratch();
  const auto pieces = parts(fuzz::as_text(data, size));
  TableSpec spec;
  spec.units = "USD";
  spec.base_year = 2023;
  spec.final_demand_columns[index_of(FinalDemand::household)] = {"HH"};
  spec.final_demand_columns[index_of(FinalDemand::exports)] = {"EXP"};
  spec.value_added_rows[index_of(ValueAdded::compensation)] = {"COMP"};
  spec.value_added_rows[index_of(ValueAdded::surplus)] = {"OS"};
  const std::string_view text = fuzz::as_text(data, size);
  if (text.starts_with("\x89HDF\r\n\x1a\n")) {
    spec.table = scratch.write("table.h5", text);
  } else if (pieces.size() == 1) {
    spec.sectors = fuzz::source_tree() / "scenarios/examples/data/miller-blair-sectors.csv";
    spec.table = scratch.write("table.csv", pieces[0]);
  } else {
    spec.sectors = scratch.write("sectors.csv", pieces[0]);
    spec.table = scratch.write("table.csv", pieces[1]);
    if (pieces.size() > 2) spec.satellites = scratch.write("satellites.csv", pieces[2]);
  }
  fuzz::expect_clean_errors([&] {
    const IoTable table = load_table(spec);
    for (const HouseholdMode households : {HouseholdMode::exogenous, HouseholdMode::endogenous}) {
      fuzz::expect_clean_errors([&] {
        const LeontiefModel model(table, households);
        (void)compute_multipliers(table, model);
        (void)conditioning_warning(model, table);
      });
    }
  });
  return 0;
}
