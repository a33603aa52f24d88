#include "scenario/yaml_reader.hpp"

#include <fmt/format.h>

#include <set>

#include "core/text.hpp"

namespace regsim::yaml {

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

SourceLocation Reader::where(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return {file_, 0, 0};
  return {file_, static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
}

void Reader::error(const YAML::Node& node, const std::string& path, std::string message) {
  diagnostics_.add(where(node), path, std::move(message));
}

std::string Reader::describe(const YAML::Node& node) const {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return fmt::format("\"{}\"", node.Scalar());
    default:
      return "nothing";
  }
}

bool Reader::expect_map(const YAML::Node& node, const std::string& path, const std::vector<std::string>& known) {
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
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      error(entry.first, join_path(path, key),
            fmt::format("unknown key; expected one of: {}{}", join(known, ", "), did_you_mean(key, known)));
    }
  }
  return true;
}

YAML::Node Reader::child(const YAML::Node& map, const std::string& key, const std::string& path, bool required) {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (entry.first.Scalar() == key) return entry.second;
    }
  }
  if (required) error(map, join_path(path, key), "this key is required");
  return YAML::Node(YAML::NodeType::Undefined);
}

SourceLocation Reader::key_location(const YAML::Node& map, const std::string& key) const {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (entry.first.Scalar() == key) return where(entry.first);
    }
  }
  return where(map);
}

std::optional<std::string> Reader::string(const YAML::Node& node, const std::string& path) {
  if (!node.IsScalar()) {
    error(node, path, fmt::format("expected a text value, found {}", describe(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> Reader::number(const YAML::Node& node, const std::string& path) {
  if (node.IsScalar()) {
    if (auto value = parse_number(node.Scalar())) return value;
  }
  error(node, path, fmt::format("expected a number, found {}", describe(node)));
  return std::nullopt;
}

std::optional<long long> Reader::integer(const YAML::Node& node, const std::string& path) {
  if (node.IsScalar()) {
    const auto value = parse_number(node.Scalar());
    if (value && *value == static_cast<double>(static_cast<long long>(*value))) return static_cast<long long>(*value);
  }
  error(node, path, fmt::format("expected a whole number, found {}", describe(node)));
  return std::nullopt;
}

std::optional<Date> Reader::date(const YAML::Node& node, const std::string& path) {
  if (node.IsScalar()) {
    if (auto value = Date::parse(node.Scalar())) return value;
  }
  error(node, path, fmt::format("expected a date YYYY-MM-DD, found {}", describe(node)));
  return std::nullopt;
}

std::optional<std::string> Reader::choice(const YAML::Node& node, const std::string& path,
                                          const std::vector<std::string>& options) {
  if (node.IsScalar() && std::find(options.begin(), options.end(), node.Scalar()) != options.end()) {
    return node.Scalar();
  }
  const std::string found = describe(node);
  const std::string hint = node.IsScalar() ? did_you_mean(node.Scalar(), options) : std::string{};
  error(node, path, fmt::format("expected one of {}, found {}{}", join(options, ", "), found, hint));
  return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::string_list(const YAML::Node& node, const std::string& path) {
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
