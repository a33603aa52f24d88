#include "scenario/yaml_reader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "core/text.hpp"

namespace regsim::yaml {

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

SourceLocation Reader::where(const Node& node) const {
  if (node.location().file.empty()) return {file_, 0, 0};
  return node.location();
}

void Reader::error(const Node& node, const std::string& path, std::string message) {
  diagnostics_.add(where(node), path, std::move(message));
}

void Reader::error_at(const SourceLocation& where, const std::string& path, std::string message) {
  diagnostics_.add(where, path, std::move(message));
}

std::string Reader::describe(const Node& node) const {
  switch (node.kind()) {
    case Node::Kind::map:
      return "a map";
    case Node::Kind::sequence:
      return "a list";
    case Node::Kind::null:
      return "nothing";
    case Node::Kind::scalar:
      return quoted_excerpt(node.Scalar());
    default:
      return "nothing";
  }
}

bool Reader::expect_map(const Node& node, const std::string& path, const std::vector<std::string>& known) {
  if (!node.IsMap()) {
    error(node, path, fmt::format("expected a map, found {}", describe(node)));
    return false;
  }
  std::set<std::string> seen;
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (!seen.insert(key).second) {
      error(entry.first, join_path(path, key), "this key appears twice");
      continue;
    }
    if (!known.empty() && std::find(known.begin(), known.end(), key) == known.end()) {
      error(entry.first, join_path(path, key),
            fmt::format("unknown key; expected one of: {}{}", join(known, ", "), did_you_mean(key, known)));
    }
  }
  return true;
}

Node Reader::child(const Node& map, const std::string& key, const std::string& path, bool required) {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (entry.first.Scalar() == key) return entry.second;
    }
  }
  if (required) error(map, join_path(path, key), "this key is required");
  return {};
}

SourceLocation Reader::key_location(const Node& map, const std::string& key) const {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (entry.first.Scalar() == key) return where(entry.first);
    }
  }
  return where(map);
}

std::optional<std::string> Reader::string(const Node& node, const std::string& path) {
  if (!node.IsScalar()) {
    error(node, path, fmt::format("expected a text value, found {}", describe(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> Reader::number(const Node& node, const std::string& path) {
  if (node.IsScalar()) {
    if (auto value = parse_number(node.Scalar())) return value;
  }
  error(node, path, fmt::format("expected a number, found {}", describe(node)));
  return std::nullopt;
}

std::optional<long long> Reader::integer(const Node& node, const std::string& path) {
  if (node.IsScalar()) {
    const auto value = parse_number(node.Scalar());
    // Within ±2^53 every whole number is exact.
    if (value && std::abs(*value) <= 9007199254740992.0 && *value == std::floor(*value)) {
      return whole_part<long long>(*value);
    }
  }
  error(node, path, fmt::format("expected a whole number, found {}", describe(node)));
  return std::nullopt;
}

std::optional<Date> Reader::date(const Node& node, const std::string& path) {
  if (node.IsScalar()) {
    if (auto value = Date::parse(node.Scalar())) return value;
  }
  error(node, path, fmt::format("expected a date YYYY-MM-DD, found {}", describe(node)));
  return std::nullopt;
}

std::optional<std::string> Reader::choice(const Node& node, const std::string& path,
                                          const std::vector<std::string>& options) {
  if (node.IsScalar() && std::find(options.begin(), options.end(), node.Scalar()) != options.end()) {
    return node.Scalar();
  }
  const std::string found = describe(node);
  const std::string hint = node.IsScalar() ? did_you_mean(node.Scalar(), options) : std::string{};
  error(node, path, fmt::format("expected one of {}, found {}{}", join(options, ", "), found, hint));
  return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::string_list(const Node& node, const std::string& path) {
  if (node.IsScalar()) return std::vector<std::string>{node.Scalar()};
  if (node.IsSequence() && node.size() > 0) {
    std::vector<std::string> items;
    bool ok = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (auto item = string(node[i], fmt::format("{}[{}]", path, i))) {
        items.push_back(*item);
      } else {
        ok = false;
      }
    }
    if (ok) return items;
    return std::nullopt;
  }
  error(node, path, fmt::format("expected a label or a list of labels, found {}", describe(node)));
  return std::nullopt;
}

}  // namespace regsim::yaml
