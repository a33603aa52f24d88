#include "iomodel/io_table.hpp"

namespace regsim {

std::optional<SectorId> IoTable::find_sector(std::string_view code) const {
  for (std::size_t i = 0; i < sectors.size(); ++i) {
    if (sectors[i].code == code) return SectorId(i);
  }
  return std::nullopt;
}

Eigen::MatrixXd technical_coefficients(const IoTable& table) {
  return table.local_flows * table.output.cwiseInverse().asDiagonal();
}

}  // namespace regsim
