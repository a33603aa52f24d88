// One process holds every draw (the `regsim` binary; ranks.hpp).

#include "ensemble/ranks.hpp"

namespace regsim::processes {

Session::Session() = default;
Session::~Session() = default;
int rank() { return 0; }
int size() { return 1; }
void gather_rows(double*, std::int64_t, std::int64_t) {}
void gather_rows(std::int64_t*, std::int64_t, std::int64_t) {}
std::int64_t minimum(std::int64_t value) { return value; }
std::int64_t total(std::int64_t value) { return value; }

}  // namespace regsim::processes
