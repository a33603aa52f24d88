#include "chain/extraction.hpp"

#include <Eigen/LU>

#include "iomodel/io_table.hpp"

namespace regsim {

namespace {

ExtractionLoss loss_without(const IoTable& table, const Eigen::MatrixXd& coefficients) {
  const Eigen::Index n = table.size();
  const Eigen::VectorXd final_demand = table.total_final_demand();
  const Eigen::MatrixXd i_minus_a = Eigen::MatrixXd::Identity(n, n) - coefficients;
  const Eigen::VectorXd extracted = i_minus_a.partialPivLu().solve(final_demand);
  const Eigen::VectorXd value_added_per_output = table.total_value_added().transpose().cwiseQuotient(table.output);
  ExtractionLoss loss;
  loss.output = table.output - extracted;
  loss.total_output = loss.output.sum();
  loss.total_value_added = value_added_per_output.dot(loss.output);
  return loss;
}

}  // namespace

Extraction extract_chain(const IoTable& table, const std::vector<Eigen::Index>& members) {
  const Eigen::MatrixXd a = technical_coefficients(table);
  const Eigen::Index n = table.size();
  std::vector<bool> in_chain(to_size(n), false);
  for (const Eigen::Index i : members) at(in_chain, i) = true;
  Eigen::MatrixXd backward = a;
  Eigen::MatrixXd forward = a;
  Eigen::MatrixXd total = a;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      const bool seller = at(in_chain, i);
      const bool buyer = at(in_chain, j);
      if (!seller && buyer) backward(i, j) = 0.0;
      if (seller && !buyer) forward(i, j) = 0.0;
      if (seller != buyer) total(i, j) = 0.0;
    }
  }
  return {loss_without(table, backward), loss_without(table, forward), loss_without(table, total)};
}

}  // namespace regsim
