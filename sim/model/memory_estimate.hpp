#pragma once

// How much memory a run will take, known before it starts: its results grow with report dates ×
// sectors × quantities (and, under ARIO, days × sectors), and the run file is built in memory
// beside them. A run that would not fit is refused with the numbers, not ended by the system.

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/simulation.hpp"

namespace regsim {

struct MemoryEstimate {
  std::uint64_t bytes = 0;
  std::string breakdown;  ///< "1,096 daily reports × 8,000 sectors × 6 quantities (…)"
};

/// The memory the results of `spec` on a table of `sectors` industries and `satellites` accounts
/// take, with `chains` chains, on the ARIO engine when `ario` (daily state), counted twice for the
/// run file assembled in memory.
MemoryEstimate estimate_run_memory(const SimulationSpec& spec, std::int64_t sectors, std::size_t satellites,
                                   std::size_t chains, bool ario);

/// What a run may use: REGSIM_MAX_MEMORY_MB when set, else MemAvailable from /proc/meminfo; 0 when
/// neither is known (no check then).
std::uint64_t memory_available();

}  // namespace regsim
