#pragma once

#include <optional>
#include <string>

namespace regsim {

/// The kernel set the BLAS library chose for this CPU ("SkylakeX", "Haswell", …), or "" when the
/// BLAS has no such notion (a build without OpenBLAS).
std::string blas_kernel_name();

/// The OpenBLAS kernel set this CPU should run when OpenBLAS's own choice falls short of it, or
/// nullopt when its choice is right. OpenBLAS 0.3.21 (Debian 12) recognizes CPUs by model number
/// and takes anything newer than itself for a Prescott from 2004: on an Emerald Rapids Xeon that
/// makes the LU 3× slower than its AVX-512 kernels (docs/performance.md). The CPU's features decide
/// here: AVX-512 (F, BW, DQ, VL) means SkylakeX, AVX2 with FMA means Haswell.
std::optional<std::string> better_blas_kernels();

}  // namespace regsim
