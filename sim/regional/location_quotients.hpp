#pragma once

// Location quotients: turning national input coefficients into regional ones (docs/regionalization.md).

#include <Eigen/Core>
#include <array>
#include <string_view>

namespace regsim {

enum class LqMethod { slq, cilq, flq, aflq };
/// The names recipes use, in enum order.
inline constexpr std::array<std::string_view, 4> lq_method_names{"slq", "cilq", "flq", "aflq"};
/// FLQ and AFLQ scale by regional size (λ*, with δ).
constexpr bool uses_regional_size(LqMethod method) { return method == LqMethod::flq || method == LqMethod::aflq; }

/// Simple location quotients SLQ_i = (x^r_i / Σ x^r) / (x^N_i / Σ x^N) (Miller & Blair 2009, §8.3.1).
Eigen::VectorXd simple_location_quotients(const Eigen::VectorXd& regional_output, const Eigen::VectorXd& national_output);

/// FLQ's regional-size scalar λ* = [log2(1 + Σ x^r / Σ x^N)]^δ (Flegg & Webber 1997).
double flq_lambda(double regional_total, double national_total, double delta);

/// The n×n matrix of quotients q_ij by which national coefficient a_ij is scaled (capped at 1):
///   SLQ:  q_ij = SLQ_i
///   CILQ: q_ij = SLQ_i / SLQ_j off the diagonal, SLQ_i on it (Miller & Blair §8.3.3)
///   FLQ:  q_ij = λ* · CILQ_ij, with λ* · SLQ_i on the diagonal (Flegg & Webber 1997)
///   AFLQ: q_ij = FLQ_ij · log2(1 + SLQ_j) where the buying sector is specialized (SLQ_j > 1)
///         (Flegg & Webber 2000): a region's strong sectors buy more of their inputs locally
/// Sectors absent from the region (x^r_j = 0) buy nothing locally; a zero SLQ_j makes no division.
Eigen::MatrixXd location_quotients(LqMethod method, const Eigen::VectorXd& regional_output,
                                   const Eigen::VectorXd& national_output, double delta);

/// a^r_ij = a^N_ij · min(q_ij, 1).
Eigen::MatrixXd regional_coefficients(const Eigen::MatrixXd& national_coefficients, const Eigen::MatrixXd& quotients);

}  // namespace regsim
