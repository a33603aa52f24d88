// Draws split across MPI ranks (the `regsim-mpi` binary; ranks.hpp).

#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/index.hpp"
#include "ensemble/ranks.hpp"

namespace regsim::processes {

namespace {

bool started_by_mpirun() {
  // Open MPI's and PMI's launchers set these; a plain start runs on one process without MPI.
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

bool active() {
  int initialized = 0;
  MPI_Initialized(&initialized);
  int finalized = 0;
  MPI_Finalized(&finalized);
  return initialized != 0 && finalized == 0;
}

/// MPI counts are ints: rows go in slices of at most 2^30 values.
template <class T>
void gather(T* data, std::int64_t rows, std::int64_t width, MPI_Datatype type) {
  const int n = size();
  if (n == 1 || width == 0) return;
  const int me = rank();
  const std::int64_t slice = std::max<std::int64_t>(1, (std::int64_t{1} << 30) / width);
  std::vector<int> counts(to_size(n)), offsets(to_size(n));
  for (std::int64_t start = 0; start < rows; start += slice) {
    const std::int64_t stop = std::min(rows, start + slice);
    for (int r = 0; r < n; ++r) {
      const Block b = block_of(rows, r, n);
      const std::int64_t from = std::max(b.begin, start), to = std::min(b.end, stop);
      at(counts, r) = narrow<int>(std::max<std::int64_t>(0, to - from) * width);
      at(offsets, r) = narrow<int>(std::max<std::int64_t>(0, from - start) * width);
    }
    T* base = data + start * width;
    if (me == 0) {
      MPI_Gatherv(MPI_IN_PLACE, 0, type, base, counts.data(), offsets.data(), type, 0, MPI_COMM_WORLD);
    } else {
      MPI_Gatherv(base + at(offsets, me), at(counts, me), type, nullptr, nullptr, nullptr, type, 0, MPI_COMM_WORLD);
    }
  }
}

}  // namespace

Session::Session() {
  if (!started_by_mpirun() || active()) return;
  int provided = 0;
  // Threads run draws inside a rank; only the calling thread talks to MPI.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
}

Session::~Session() {
  if (active()) MPI_Finalize();
}

int rank() {
  if (!active()) return 0;
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int size() {
  if (!active()) return 1;
  int s = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}

void gather_rows(double* data, std::int64_t rows, std::int64_t width) { gather(data, rows, width, MPI_DOUBLE); }
void gather_rows(std::int64_t* data, std::int64_t rows, std::int64_t width) {
  gather(data, rows, width, MPI_INT64_T);
}

std::int64_t minimum(std::int64_t value) {
  if (size() == 1) return value;
  std::int64_t out = value;
  MPI_Allreduce(&value, &out, 1, MPI_INT64_T, MPI_MIN, MPI_COMM_WORLD);
  return out;
}

std::int64_t total(std::int64_t value) {
  if (size() == 1) return value;
  std::int64_t out = value;
  MPI_Allreduce(&value, &out, 1, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD);
  return out;
}

}  // namespace regsim::processes
