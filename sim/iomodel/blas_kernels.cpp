#include "iomodel/blas_kernels.hpp"

#include <atomic>

#ifdef REGSIM_OPENBLAS
extern "C" {
char* openblas_get_corename(void);
int openblas_get_num_threads(void);
int openblas_get_num_procs(void);
void openblas_set_num_threads(int);
}
#endif

namespace regsim {

namespace {

// Set by a constructor before main (blas_choice.cpp), cleared by the first large factorization.
std::atomic<bool> blas_threads_deferred{false};

constexpr Index smallest_order_for_threads = 400;

}  // namespace

std::string blas_kernel_name() {
#ifdef REGSIM_OPENBLAS
  const char* name = openblas_get_corename();
  return name == nullptr ? std::string() : std::string(name);
#else
  return {};
#endif
}

const char* blas_kernels_for_this_cpu() {
#if defined(REGSIM_OPENBLAS) && (defined(__x86_64__) || defined(__i386__))
  __builtin_cpu_init();  // needed when called from a constructor, before libgcc's own has run
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
    return "SkylakeX";
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
  return nullptr;
}

int blas_threads() {
#ifdef REGSIM_OPENBLAS
  return openblas_get_num_threads();
#else
  return 1;
#endif
}

int blas_cores() {
#ifdef REGSIM_OPENBLAS
  return openblas_get_num_procs();
#else
  return 1;
#endif
}

std::string blas_description() {
  const std::string kernels = blas_kernel_name();
  if (kernels.empty()) return {};
  const int threads = blas_threads();
  std::string text =
      "OpenBLAS, " + kernels + " kernels, " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  if (blas_threads_deferred.load() && blas_cores() > threads) {
    text += ", " + std::to_string(blas_cores()) + " from " + std::to_string(smallest_order_for_threads) + " sectors";
  }
  return text;
}

void defer_blas_threads() {
  blas_threads_deferred.store(true);
}

void use_blas_threads_for(Index order) {
  if (order < smallest_order_for_threads || !blas_threads_deferred.exchange(false)) return;
#ifdef REGSIM_OPENBLAS
  openblas_set_num_threads(blas_cores());
#endif
}

}  // namespace regsim
