#pragma once

#include <string>

namespace regsim {

/// The kernel set the BLAS library runs on ("SkylakeX", "Haswell", …), or "" when the BLAS has
/// no such notion (a build without OpenBLAS).
std::string blas_kernel_name();

/// The OpenBLAS kernel set for this CPU's features, or nullptr to leave the choice to OpenBLAS:
/// AVX-512 (F, BW, DQ, VL) means "SkylakeX", AVX2 with FMA "Haswell". OpenBLAS 0.3.21 (Debian 12)
/// recognizes CPUs by model number and takes anything newer than itself for a Prescott from 2004:
/// on this project's Emerald Rapids Xeons that made the LU 3× slower (docs/performance.md).
/// Safe to call before any constructor has run (blas_choice.cpp calls it from one).
const char* blas_kernels_for_this_cpu();

}  // namespace regsim
