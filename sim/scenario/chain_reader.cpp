// `chains:` (declared or derived industry chains) and `graph:` (docs/chains.md).

#include <fmt/format.h>

#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

namespace {

std::optional<int> read_depth(yaml::Reader& reader, const Node& map, const std::string& key, const std::string& path,
                              int fallback) {
  const Node node = reader.child(map, key, path, false);
  if (!node.IsDefined()) return fallback;
  const auto value = reader.integer(node, path + "." + key);
  if (!value) return std::nullopt;
  if (*value < 0 || *value > 10) {
    reader.error(node, path + "." + key, fmt::format("expected a depth from 0 to 10, found {}", *value));
    return std::nullopt;
  }
  return narrow<int>(*value);
}

}  // namespace

std::vector<ChainSpec> read_chains(yaml::Reader& reader, const Node& node) {
  std::vector<ChainSpec> chains;
  each_named(
      reader, node, "chains", {"label", "core", "upstream", "downstream", "derive"},
      "expected a map of chain name to {label, core, upstream, downstream} or {label, derive}",
      [&](const Node& key, const Node& value, const std::string& path) {
        ChainSpec chain;
        chain.name = key.Scalar();
        chain.where = reader.where(key);
        if (const Node label = reader.child(value, "label", path, false); label.IsDefined()) {
          read_labels(reader, label, path + ".label", chain.label_en, chain.label_zh);
        }
        if (chain.label_en.empty()) chain.label_en = chain.name;
        const Node derive = reader.child(value, "derive", path, false);
        if (derive.IsDefined()) {
          for (const char* declared : {"core", "upstream", "downstream"}) {
            if (const Node extra = reader.child(value, declared, path, false); extra.IsDefined()) {
              reader.error(
                  extra, path + "." + declared,
                  "a derived chain takes its core inside derive: {core, upstream_depth, downstream_depth, threshold}");
            }
          }
          const std::string derive_path = path + ".derive";
          if (!reader.expect_map(derive, derive_path, {"core", "upstream_depth", "downstream_depth", "threshold"}))
            return;
          ChainDerivation how;
          if (const Node core = reader.child(derive, "core", derive_path, true); core.IsDefined()) {
            chain.core = read_terms(reader, core, derive_path + ".core");
          }
          if (auto depth = read_depth(reader, derive, "upstream_depth", derive_path, how.upstream_depth))
            how.upstream_depth = *depth;
          if (auto depth = read_depth(reader, derive, "downstream_depth", derive_path, how.downstream_depth)) {
            how.downstream_depth = *depth;
          }
          if (const Node threshold = reader.child(derive, "threshold", derive_path, false); threshold.IsDefined()) {
            if (auto t = read_threshold(reader, threshold, derive_path + ".threshold")) how.threshold = *t;
          }
          chain.derive = how;
        } else {
          if (const Node core = reader.child(value, "core", path, true); core.IsDefined()) {
            chain.core = read_terms(reader, core, path + ".core");
          }
          if (const Node up = reader.child(value, "upstream", path, false); up.IsDefined()) {
            chain.upstream = read_terms(reader, up, path + ".upstream");
          }
          if (const Node down = reader.child(value, "downstream", path, false); down.IsDefined()) {
            chain.downstream = read_terms(reader, down, path + ".downstream");
          }
        }
        chains.push_back(std::move(chain));
      });
  return chains;
}

GraphSpec read_graph(yaml::Reader& reader, const Node& node) {
  GraphSpec graph;
  if (!reader.expect_map(node, "graph", {"threshold"})) return graph;
  if (const Node threshold = reader.child(node, "threshold", "graph", false); threshold.IsDefined()) {
    if (auto t = read_threshold(reader, threshold, "graph.threshold")) graph.threshold = *t;
  }
  return graph;
}

}  // namespace regsim
