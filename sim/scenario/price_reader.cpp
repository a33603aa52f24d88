// `kind: price` events (docs/prices.md).

#include <fmt/format.h>

#include <algorithm>

#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

const std::vector<std::string>& price_keys() {
  static const std::vector<std::string> keys{"id",     "kind",  "sector", "value_added", "per",
                                          "change", "price", "sectors", "from",       "to"};
  return keys;
}

PriceEventSpec read_price(yaml::Reader& reader, const Node& item, const std::string& path, const Horizon& horizon) {
  PriceEventSpec price;
  const Node sector = reader.child(item, "sector", path, false);
  const Node component = reader.child(item, "value_added", path, false);
  const Node per = reader.child(item, "per", path, false);
  const int named = (sector.IsDefined() ? 1 : 0) + (component.IsDefined() ? 1 : 0) + (per.IsDefined() ? 1 : 0);
  if (named != 1) {
    reader.error(item, path,
                 "expected exactly one of sector (its output price), value_added (a component per unit of output) "
                 "or per (a price per unit of a satellite account, e.g. per: co2)");
    return price;
  }
  if (sector.IsDefined()) {
    price.lever = PriceLever::output_price;
    if (auto code = reader.string(sector, path + ".sector")) price.sector = {*code, 1.0, reader.where(sector)};
  } else if (component.IsDefined()) {
    price.lever = PriceLever::value_added;
    const std::vector<std::string> names(value_added_names.begin(), value_added_names.end());
    if (auto name = reader.choice(component, path + ".value_added", names)) {
      price.component = enumerator<ValueAdded>(std::find(names.begin(), names.end(), *name) - names.begin());
    }
  } else {
    price.lever = PriceLever::carbon;
    if (auto name = reader.string(per, path + ".per")) price.satellite = *name;
    price.satellite_where = reader.where(per);
  }
  if (price.lever == PriceLever::output_price) {
    if (const Node stray = reader.child(item, "sectors", path, false); stray.IsDefined()) {
      reader.error(stray, path + ".sectors", "an output price is set for one sector, named by sector:");
    }
  } else if (const Node sectors = reader.child(item, "sectors", path, false); sectors.IsDefined()) {
    if (auto terms = reader.string_list(sectors, path + ".sectors")) {
      for (std::size_t i = 0; i < terms->size(); ++i) {
        price.sectors.push_back({(*terms)[i], 1.0, reader.where(sectors.IsSequence() ? sectors[i] : sectors)});
      }
    }
  }
  const bool carbon = price.lever == PriceLever::carbon;
  const char* wanted = carbon ? "price" : "change";
  if (const Node stray = reader.child(item, carbon ? "change" : "price", path, false); stray.IsDefined()) {
    reader.error(stray, fmt::format("{}.{}", path, carbon ? "change" : "price"),
                 carbon ? "a price per unit of a satellite takes price: (table money per unit)"
                        : "a relative price change takes change: (-0.12 is -12 %)");
  }
  if (const Node value = reader.child(item, wanted, path, true); value.IsDefined()) {
    if (carbon) {
      if (auto v = read_bounded(reader, value, path + ".price", 0.0, 1e9, "a price per unit")) price.price = *v;
    } else if (auto v = read_bounded(reader, value, path + ".change", -0.99, 100.0, "a relative change")) {
      price.change = *v;
    }
  }
  std::tie(price.from, price.to) = read_window(reader, item, path, horizon, false);
  return price;
}

}  // namespace regsim
