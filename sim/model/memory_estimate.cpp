#include "model/memory_estimate.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/units.hpp"

namespace regsim {

MemoryEstimate estimate_run_memory(const SimulationSpec& spec, std::int64_t sectors, std::size_t satellites,
                                   std::size_t chains, bool ario) {
  const auto n = narrow<std::uint64_t>(sectors);
  const std::uint64_t reports = report_dates(spec.time).size();
  const std::uint64_t quantities = 4 + satellites + (spec.prices.empty() ? 0 : 1);
  const auto days = narrow<std::uint64_t>(spec.time.end - spec.time.start) + 1;
  constexpr std::uint64_t value = sizeof(double);
  // ARIO keeps ten variables a day per sector (production, capacity, demand parts, …).
  constexpr std::uint64_t ario_variables = 10;
  const std::uint64_t series = reports * n * quantities * value;
  const std::uint64_t daily = ario ? days * n * ario_variables * value : 0;
  const std::uint64_t chain_series = chains * reports * (quantities + 1) * value;
  MemoryEstimate estimate;
  estimate.bytes = 2 * (series + daily + chain_series);
  estimate.breakdown = fmt::format("{} report dates × {} sectors × {} quantities", format_amount(as_real(reports)),
                                   format_amount(as_real(n)), quantities);
  if (ario) {
    estimate.breakdown += fmt::format(", and {} days × {} sectors × {} ARIO variables", format_amount(as_real(days)),
                                      format_amount(as_real(n)), ario_variables);
  }
  estimate.breakdown += ", twice (the results and the run file built in memory)";
  return estimate;
}

std::uint64_t memory_available() {
  if (const char* limit = std::getenv("REGSIM_MAX_MEMORY_MB"); limit != nullptr && *limit != '\0') {
    char* end = nullptr;
    const double mb = std::strtod(limit, &end);
    if (end != limit && mb > 0.0) return whole_part<std::uint64_t>(mb * 1024.0 * 1024.0);
  }
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    if (!line.starts_with("MemAvailable:")) continue;
    std::istringstream fields(line.substr(13));
    std::uint64_t kilobytes = 0;
    if (fields >> kilobytes) return kilobytes * 1024;
  }
  return 0;
}

}  // namespace regsim
