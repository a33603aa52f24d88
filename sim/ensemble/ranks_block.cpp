// The block of draws each rank runs (ranks.hpp), the same in every build.

#include "ensemble/ranks.hpp"

namespace regsim::processes {

Block block_of(std::int64_t rows, int rank, int size) {
  const std::int64_t base = rows / size;
  const std::int64_t extra = rows % size;
  const std::int64_t begin = rank * base + (rank < extra ? rank : extra);
  return {begin, begin + base + (rank < extra ? 1 : 0)};
}

}  // namespace regsim::processes
