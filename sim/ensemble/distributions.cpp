#include "ensemble/distributions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace regsim {

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double normal_quantile(double p) {
  // P. J. Acklam's rational approximation (relative error below 1.2e-9), then one Halley step on
  // Φ(x) − p, which makes it exact to rounding.
  constexpr std::array a{-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                         1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr std::array b{-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                         6.680131188771972e+01,  -1.328068155288572e+01};
  constexpr std::array c{-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                         -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr std::array d{7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                         3.754408661907416e+00};
  if (!(p > 0.0 && p < 1.0)) return p == 0.0 ? -INFINITY : p == 1.0 ? INFINITY : NAN;
  constexpr double tail = 0.02425;
  double x = 0.0;
  if (p < tail || p > 1.0 - tail) {
    const double q = std::sqrt(-2.0 * std::log(p < tail ? p : 1.0 - p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    if (p > tail) x = -x;
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  }
  // e = Φ(x) − p; above the median it is computed from the complements, keeping its precision there.
  const double e = p > 0.5 ? (1.0 - p) - 0.5 * std::erfc(x / std::numbers::sqrt2) : normal_cdf(x) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

double quantile(const DistributionSpec& s, double u) {
  switch (s.kind) {
    case DistributionKind::uniform:
      return s.low + u * (s.high - s.low);
    case DistributionKind::triangular: {
      const double width = s.high - s.low;
      const double below = (s.mode - s.low) / width;
      return u < below ? s.low + std::sqrt(u * width * (s.mode - s.low))
                       : s.high - std::sqrt((1.0 - u) * width * (s.high - s.mode));
    }
    case DistributionKind::normal: {
      // Truncated to [low, high] by drawing u within the normal probabilities of the two ends.
      const double lo = std::isinf(s.low) ? 0.0 : normal_cdf((s.low - s.mean) / s.spread);
      const double hi = std::isinf(s.high) ? 1.0 : normal_cdf((s.high - s.mean) / s.spread);
      const double x = s.mean + s.spread * normal_quantile(lo + u * (hi - lo));
      return std::clamp(x, s.low, s.high);
    }
    case DistributionKind::lognormal:
      return s.mean * std::exp(s.spread * normal_quantile(u));
    case DistributionKind::discrete: {
      double cumulative = 0.0;
      for (std::size_t i = 0; i + 1 < s.values.size(); ++i) {
        cumulative += s.weights[i];
        if (u < cumulative) return s.values[i];
      }
      return s.values.back();
    }
  }
  return NAN;
}

std::string describe(const DistributionSpec& s) {
  switch (s.kind) {
    case DistributionKind::uniform:
      return fmt::format("uniform({:g}, {:g})", s.low, s.high);
    case DistributionKind::triangular:
      return fmt::format("triangular({:g}, {:g}, {:g})", s.low, s.mode, s.high);
    case DistributionKind::normal:
      return std::isinf(s.low) && std::isinf(s.high)
                 ? fmt::format("normal({:g}, {:g})", s.mean, s.spread)
                 : fmt::format("normal({:g}, {:g}) in [{:g}, {:g}]", s.mean, s.spread, s.low, s.high);
    case DistributionKind::lognormal:
      return fmt::format("lognormal(median {:g}, sigma {:g})", s.mean, s.spread);
    case DistributionKind::discrete: {
      std::string text = "discrete(";
      for (std::size_t i = 0; i < s.values.size(); ++i) {
        text += fmt::format("{}{:g}: {:.3g}", i == 0 ? "" : ", ", s.values[i], s.weights[i]);
      }
      return text + ")";
    }
  }
  return "?";
}

}  // namespace regsim
