#pragma once

// Private to sim/scenario. A YAML document as an immutable tree whose every node remembers the
// file, line and column it came from. yaml-cpp's nodes only know line and column, and a scenario
// assembled by `extends` and `--set` mixes nodes from several files: errors must still point at
// the right one.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace regsim::yaml {

class Node {
 public:
  enum class Kind { undefined, null, scalar, sequence, map };
  using Entry = std::pair<Node, Node>;  ///< key node (a scalar) and value node

  Node() = default;  ///< undefined: the answer to a lookup that found nothing
  static Node scalar(std::string text, SourceLocation where);
  static Node null(SourceLocation where);
  static Node sequence(std::vector<Node> items, SourceLocation where);
  static Node map(std::vector<Entry> entries, SourceLocation where);

  [[nodiscard]] Kind kind() const { return data_ ? data_->kind : Kind::undefined; }
  [[nodiscard]] bool IsDefined() const { return kind() != Kind::undefined; }
  [[nodiscard]] bool IsNull() const { return kind() == Kind::null; }
  [[nodiscard]] bool IsScalar() const { return kind() == Kind::scalar; }
  [[nodiscard]] bool IsSequence() const { return kind() == Kind::sequence; }
  [[nodiscard]] bool IsMap() const { return kind() == Kind::map; }
  [[nodiscard]] const std::string& Scalar() const;
  [[nodiscard]] const SourceLocation& location() const;

  /// Items of a sequence or entries of a map (0 otherwise).
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] const Node& operator[](std::size_t index) const { return data_->items.at(index); }
  [[nodiscard]] const std::vector<Node>& items() const;
  [[nodiscard]] const std::vector<Entry>& entries() const;
  [[nodiscard]] auto begin() const { return entries().begin(); }
  [[nodiscard]] auto end() const { return entries().end(); }
  /// The value under `key` in a map (the first, if written twice), or an undefined node.
  [[nodiscard]] Node get(const std::string& key) const;

 private:
  struct Data {
    Kind kind = Kind::undefined;
    std::string text;
    std::vector<Node> items;
    std::vector<Entry> entries;
    SourceLocation where;
  };
  explicit Node(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

/// Parses YAML text read from `file`; a syntax error throws InputError at its place.
Node parse(const std::string& text, const std::string& file);

/// Deep merge: maps merge key by key (recursively), anything else in `overlay` replaces what is in
/// `base`. A key written twice in `overlay` stays twice, so validation still reports it.
Node merge(const Node& base, const Node& overlay);

/// A copy of `map` with `key` set to `value` (replacing the existing entry, or appended).
Node with_entry(const Node& map, const std::string& key, const Node& value);
/// A copy of `map` without `key`.
Node without_entry(const Node& map, const std::string& key);

/// The tree as YAML text (block style), for the resolved scenario stored in every run file.
std::string emit(const Node& node);

}  // namespace regsim::yaml
