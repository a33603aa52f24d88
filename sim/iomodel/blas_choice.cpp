// Compiled into every program that links regsim_iomodel (an interface source of regsim_blas), so
// each of them, regsim, the tests and the benchmarks, runs OpenBLAS on the kernels of its CPU.
//
// OpenBLAS 0.3.21 chooses its kernels in its own constructor, from the CPU's model number, and
// takes a CPU newer than itself for a Prescott (blas_kernels.hpp). It reads OPENBLAS_CORETYPE
// then, and only then. A constructor of priority 101 runs before every default-priority
// constructor of the program, the statically linked OpenBLAS's among them, so what it sets here
// is what OpenBLAS reads. A user's own OPENBLAS_CORETYPE is left alone.
//
// The same constructor starts OpenBLAS on one thread unless the user chose a number: its idle
// workers spin on the other cores, which doubled the CPU time of a small run for nothing. The
// Leontief model asks for every core when it factorizes a table large enough to gain from them
// (use_blas_threads_for, docs/performance.md#blas-threads).

#include <cstdlib>

#include "iomodel/blas_kernels.hpp"

namespace {

__attribute__((constructor(101))) void choose_blas_kernels_before_openblas_starts() {
  if (std::getenv("OPENBLAS_CORETYPE") == nullptr) {
    if (const char* kernels = regsim::blas_kernels_for_this_cpu()) setenv("OPENBLAS_CORETYPE", kernels, 0);
  }
  if (std::getenv("OPENBLAS_NUM_THREADS") == nullptr && std::getenv("GOTO_NUM_THREADS") == nullptr &&
      std::getenv("OMP_NUM_THREADS") == nullptr) {
    setenv("OPENBLAS_NUM_THREADS", "1", 0);
    regsim::defer_blas_threads();
  }
}

}  // namespace
