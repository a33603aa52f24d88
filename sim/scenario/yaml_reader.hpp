#pragma once

// Private to sim/scenario: typed reading of located YAML trees.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim::yaml {

/// Reads typed values out of a YAML document, recording every problem with its place and key path
/// instead of stopping at the first (STYLE.md, habit 2).
class Reader {
 public:
  Reader(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

  [[nodiscard]] SourceLocation where(const Node& node) const;
  void error(const Node& node, const std::string& path, std::string message);
  /// A problem found after reading, at a place remembered then.
  void error_at(const SourceLocation& where, const std::string& path, std::string message);
  /// Something legal but probably not meant: kept in warnings(), printed by the commands.
  void warn(const Node& node, const std::string& path, std::string message) {
    warnings_.add(where(node), path, std::move(message));
  }
  [[nodiscard]] const Diagnostics& warnings() const { return warnings_; }

  /// Checks that `node` is a map whose keys are all in `known` (any key when `known` is empty) and
  /// appear once; reports others with "did you mean".
  bool expect_map(const Node& node, const std::string& path, const std::vector<std::string>& known);
  /// The value under `key`, or an undefined node (and an error when `required`).
  Node child(const Node& map, const std::string& key, const std::string& path, bool required);
  /// The location of `key` itself in `map` (for messages about the key).
  [[nodiscard]] SourceLocation key_location(const Node& map, const std::string& key) const;

  std::optional<std::string> string(const Node& node, const std::string& path);
  std::optional<double> number(const Node& node, const std::string& path);
  std::optional<long long> integer(const Node& node, const std::string& path);
  std::optional<Date> date(const Node& node, const std::string& path);
  /// One of `options`, reported with the list of options otherwise.
  std::optional<std::string> choice(const Node& node, const std::string& path, const std::vector<std::string>& options);
  /// A string or a list of strings.
  std::optional<std::vector<std::string>> string_list(const Node& node, const std::string& path);

  /// The frame of a list of records: reports `node` with `expected` unless it is a list, then calls
  /// `read(item, path)` for each item that is a map with keys among `keys` (path `key[i]`).
  template <class Read>
  void each_item(const Node& node, const std::string& key, const std::vector<std::string>& keys,
                 const std::string& expected, Read&& read) {
    if (!node.IsSequence()) {
      error(node, key, expected);
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const Node& item = node[i];
      const std::string path = key + "[" + std::to_string(i) + "]";
      if (expect_map(item, path, keys)) read(item, path);
    }
  }

  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::string describe(const Node& node) const;
  std::string file_;
  Diagnostics& diagnostics_;
  Diagnostics warnings_;
};

/// Joins a key path: `join_path("economy", "table")` is `economy.table`.
std::string join_path(const std::string& parent, const std::string& key);

}  // namespace regsim::yaml
