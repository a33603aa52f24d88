#pragma once

// Draws split across processes (docs/ensembles.md, "Many machines"). `regsim` is linked with
// ranks_serial.cpp: one process holds every draw. `regsim-mpi`, built when CMake finds MPI, is
// linked with ranks_mpi.cpp: under mpirun each rank runs a block of draws and rank 0 gathers them.
// The design is the same on every rank (it depends only on the seed), so the file is the same
// for any number of ranks.

#include <cstdint>

namespace regsim::processes {

/// Starts MPI for the lifetime of the object when the process was started by mpirun (and this
/// binary has MPI); otherwise does nothing.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

/// This process's rank and the number of ranks (0 and 1 without MPI).
int rank();
int size();

/// The rows [begin, end) of `rows` that this rank runs: consecutive blocks, the first ranks one
/// larger when the division leaves a remainder.
struct Block {
  std::int64_t begin = 0;
  std::int64_t end = 0;
};
Block block_of(std::int64_t rows, int rank, int size);

/// Rank 0 receives every rank's block of a row-major rows × width array (each rank filled its
/// own block in place); other ranks' arrays are left as they are.
void gather_rows(double* data, std::int64_t rows, std::int64_t width);
void gather_rows(std::int64_t* data, std::int64_t rows, std::int64_t width);

/// The smallest of every rank's value.
std::int64_t minimum(std::int64_t value);
/// The sum of every rank's value.
std::int64_t total(std::int64_t value);

}  // namespace regsim::processes
