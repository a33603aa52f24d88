#include "iomodel/blas_kernels.hpp"

#ifdef REGSIM_OPENBLAS
extern "C" char* openblas_get_corename(void);
#endif

namespace regsim {

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

}  // namespace regsim
