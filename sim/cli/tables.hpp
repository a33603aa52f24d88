#pragma once

// Private to sim/cli: how commands print tables and run summaries.

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/display.hpp"
#include "output/run_file.hpp"
#include "scenario/scenario.hpp"

namespace regsim::cli {

/// Prints the scenario's warnings (`file:line:col: key.path: message`) to stderr; their count.
std::size_t print_scenario_warnings(const Scenario& scenario);

/// Aligned columns (the first left-aligned, the rest right-aligned, by display width so that
/// Chinese lines up), or CSV with quoting.
void print_rows(std::ostream& out, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, OutputFormat format);

/// The indicator table (levels, then growth over the year before) and the target table.
void print_summary(std::ostream& out, const RunSummary& run, const Display& display);

/// Per chain, the first simulated year: value added, its growth, and the chain's share of the change
/// of each value-added indicator that has a target.
void print_chain_section(std::ostream& out, const RunSummary& run, const Display& display);

}  // namespace regsim::cli
