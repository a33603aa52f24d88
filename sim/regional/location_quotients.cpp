#include "regional/location_quotients.hpp"

#include <cmath>

namespace regsim {

Eigen::VectorXd simple_location_quotients(const Eigen::VectorXd& regional_output, const Eigen::VectorXd& national_output) {
  const double regional_total = regional_output.sum();
  const double national_total = national_output.sum();
  Eigen::VectorXd slq(regional_output.size());
  for (Eigen::Index i = 0; i < slq.size(); ++i) {
    slq(i) = national_output(i) > 0.0 ? (regional_output(i) / regional_total) / (national_output(i) / national_total) : 0.0;
  }
  return slq;
}

double flq_lambda(double regional_total, double national_total, double delta) {
  return std::pow(std::log2(1.0 + regional_total / national_total), delta);
}

Eigen::MatrixXd location_quotients(LqMethod method, const Eigen::VectorXd& regional_output,
                                   const Eigen::VectorXd& national_output, double delta) {
  const Eigen::VectorXd slq = simple_location_quotients(regional_output, national_output);
  const Eigen::Index n = slq.size();
  if (method == LqMethod::slq) return slq.replicate(1, n);
  const double lambda = uses_regional_size(method) ? flq_lambda(regional_output.sum(), national_output.sum(), delta) : 1.0;
  Eigen::MatrixXd q(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const double specialization = method == LqMethod::aflq && slq(j) > 1.0 ? std::log2(1.0 + slq(j)) : 1.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double cilq = i == j ? slq(i) : (slq(j) > 0.0 ? slq(i) / slq(j) : 0.0);
      q(i, j) = lambda * cilq * specialization;
    }
  }
  return q;
}

Eigen::MatrixXd regional_coefficients(const Eigen::MatrixXd& national_coefficients, const Eigen::MatrixXd& quotients) {
  return national_coefficients.cwiseProduct(quotients.cwiseMin(1.0));
}

}  // namespace regsim
