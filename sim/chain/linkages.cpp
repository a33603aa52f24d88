#include "chain/linkages.hpp"


namespace regsim {

std::string_view class_name(SectorClass c) {
  switch (c) {
    case SectorClass::key:
      return "key";
    case SectorClass::backward:
      return "backward-oriented";
    case SectorClass::forward:
      return "forward-oriented";
    case SectorClass::weak:
      return "weak";
  }
  return "weak";
}

std::vector<SectorClass> classify_sectors(const Linkages& linkages) {
  std::vector<SectorClass> classes;
  for (Eigen::Index i = 0; i < linkages.backward.size(); ++i) {
    const bool backward = linkages.backward(i) > 1.0;
    const bool forward = linkages.forward(i) > 1.0;
    classes.push_back(backward && forward ? SectorClass::key
                      : backward          ? SectorClass::backward
                      : forward           ? SectorClass::forward
                                          : SectorClass::weak);
  }
  return classes;
}

ChainLinkage chain_linkage(const Linkages& linkages, const std::vector<Eigen::Index>& members, const Eigen::VectorXd& output) {
  ChainLinkage out;
  double weight = 0.0;
  for (const Eigen::Index i : members) {
    out.backward += output(i) * linkages.backward(i);
    out.forward += output(i) * linkages.forward(i);
    weight += output(i);
  }
  if (weight > 0.0) {
    out.backward /= weight;
    out.forward /= weight;
  }
  return out;
}

}  // namespace regsim
