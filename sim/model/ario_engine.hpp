#pragma once

#include <string>
#include <vector>

#include "iomodel/io_table.hpp"
#include "model/engine.hpp"
#include "scenario/scenario.hpp"

namespace regsim {

/// The ARIO parameters of a scenario resolved against its table (docs/dynamics.md): the scenario's
/// `dynamics:` block, with its products found and inventory durations per product.
struct ArioParameters {
  DynamicsSpec dynamics;
  IdVector<ProductId, std::string> products;   ///< in the order they first appear in the table
  IdVector<SectorId, ProductId> product_of;    ///< per industry: its product
  IdVector<ProductId, double> inventory_days;  ///< durations of 1 day or less become 2, as in BoARIO
  IdVector<ProductId, bool> infinite;          ///< never short
};

/// Resolves `dynamics:` against the table; an unknown product is an InputError at the place the
/// scenario names it.
ArioParameters ario_parameters(const DynamicsSpec& dynamics, const IoTable& table);

/// The supply-constrained engine (docs/dynamics.md; ../shared/ARIO.md is the equations): the
/// adaptive regional input-output model stepped daily, with inventories per input product, orders,
/// proportional rationing, overproduction, disruptions and their rebuilding or recovery. Levers
/// change final demand (and, for projects, capacity) at their dates. Attribution reruns the
/// scenario without each lever; what does not add up is the `interaction` row.
class ArioEngine final : public Engine {
 public:
  /// `attribute`: rerun without any lever and without each one for attribution (n + 2 runs);
  /// without it the attribution rows are left at 0 and the scenario runs once (benchmarks).
  ArioEngine(const IoTable& table, ArioParameters parameters, double capital_to_value_added, bool attribute = true);
  EngineRun run(const SimulationSpec& spec, ReportSink& sink, const Progress& progress) override;

  /// The daily equilibrium and the coefficients every run of the table shares.
  struct Table {
    Eigen::Index industries = 0;
    Eigen::Index products = 0;
    Eigen::Matrix<Eigen::Index, Eigen::Dynamic, 1> product_of;  ///< per industry: its product
    Eigen::VectorXd x0;         ///< daily output
    Eigen::MatrixXd z0;         ///< daily intermediate flows
    Eigen::MatrixXd input_use;  ///< aˢ: products × industries, input per unit of output
    Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> uses;  ///< inputs above the technology threshold
    Eigen::VectorXd days;       ///< inventory duration per product (0 for infinite inventories)
    Eigen::MatrixXd need;       ///< ψ s_i aˢ_if where input i can bind f's production, else 0
    Eigen::VectorXd capital;    ///< productive capital per industry
    bool one_region = false;    ///< every industry is its own product (no supplier choice)
  };

 private:
  ArioParameters parameters_;
  Table fixed_;
  bool attribute_ = true;
};

}  // namespace regsim
