#include "iomodel/blas_kernels.hpp"

#include <array>
#include <string_view>

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

std::optional<std::string> better_blas_kernels() {
#if defined(REGSIM_OPENBLAS) && (defined(__x86_64__) || defined(__i386__))
  const std::string chosen = blas_kernel_name();
  const auto one_of = [&](std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
      if (std::string_view(chosen).starts_with(name) || std::string_view(chosen) == name) return true;
    }
    return false;
  };
  // Names as OpenBLAS prints them (openblas_get_corename), lower case in some versions.
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (avx512 && !one_of({"SkylakeX", "skylakex", "Cooperlake", "cooperlake", "SapphireRapids", "sapphirerapids"})) {
    return "SkylakeX";
  }
  if (!avx512 && avx2 &&
      !one_of({"Haswell", "haswell", "Zen", "zen", "SkylakeX", "skylakex", "Cooperlake", "cooperlake"})) {
    return "Haswell";
  }
#endif
  return std::nullopt;
}

}  // namespace regsim
