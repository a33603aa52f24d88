#pragma once

#include <string>

#include "core/index.hpp"

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

/// The number of threads the BLAS library runs its routines on now, and the most it could (the
/// machine's cores as OpenBLAS counts them); both 1 without OpenBLAS.
int blas_threads();
int blas_cores();

/// What `regsim --version` says of the BLAS: "OpenBLAS, SkylakeX kernels, 1 thread, 2 from 400
/// sectors", or "" without OpenBLAS. Speed reports need it (docs/performance.md#blas-kernels).
std::string blas_description();

/// Called before OpenBLAS starts (blas_choice.cpp) when the user chose no thread count: OpenBLAS
/// then starts on one thread, and use_blas_threads_for() may give it every core later.
void defer_blas_threads();

/// Gives the BLAS every core, once, when the thread count was deferred and a dense factorization
/// of `order` unknowns is about to run that gains from them (from 400 on: `dgetrf` at 1,000 took
/// 30 ms on one core and 26 on two, at 2,000 130 and 80). Call it before the factorization, from
/// one thread: OpenBLAS resizes its pool in place.
void use_blas_threads_for(Index order);

}  // namespace regsim
