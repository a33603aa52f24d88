#include "scenario/yaml_tree.hpp"
#include "core/index.hpp"

#include <fmt/format.h>

namespace regsim::yaml {

namespace {

const std::string no_text;
const std::vector<Node> no_items;
const std::vector<Node::Entry> no_entries;
const SourceLocation no_location;

SourceLocation location_at(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {file, 0, 0};
  return {file, to_size(mark.line) + 1, to_size(mark.column) + 1};
}

SourceLocation location_of(const YAML::Node& node, const std::string& file) {
  return location_at(node.Mark(), file);
}

void emit_into(YAML::Emitter& out, const Node& node) {
  switch (node.kind()) {
    case Node::Kind::scalar:
      out << node.Scalar();
      break;
    case Node::Kind::sequence:
      out << YAML::BeginSeq;
      for (const Node& item : node.items()) emit_into(out, item);
      out << YAML::EndSeq;
      break;
    case Node::Kind::map:
      out << YAML::BeginMap;
      for (const auto& [key, value] : node.entries()) {
        out << YAML::Key << key.Scalar() << YAML::Value;
        emit_into(out, value);
      }
      out << YAML::EndMap;
      break;
    default:
      out << YAML::Null;
  }
}

}  // namespace

Node Node::scalar(std::string text, SourceLocation where) {
  return Node(std::make_shared<const Data>(Data{Kind::scalar, std::move(text), {}, {}, std::move(where)}));
}

Node Node::null(SourceLocation where) {
  return Node(std::make_shared<const Data>(Data{Kind::null, {}, {}, {}, std::move(where)}));
}

Node Node::sequence(std::vector<Node> items, SourceLocation where) {
  return Node(std::make_shared<const Data>(Data{Kind::sequence, {}, std::move(items), {}, std::move(where)}));
}

Node Node::map(std::vector<Entry> entries, SourceLocation where) {
  return Node(std::make_shared<const Data>(Data{Kind::map, {}, {}, std::move(entries), std::move(where)}));
}

Node Node::from(const YAML::Node& node, const std::string& file, std::size_t& budget) {
  if (budget == 0) {
    throw InputError(SourceLocation{file, 1, 1}, "",
                     "the document stands for more values than its text could hold: YAML aliases (*name) repeat "
                     "what they name, and these repeat it too often; write the values out instead");
  }
  --budget;
  SourceLocation where = location_of(node, file);
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return scalar(node.Scalar(), std::move(where));
    case YAML::NodeType::Sequence: {
      std::vector<Node> items;
      items.reserve(node.size());
      for (const auto& item : node) items.push_back(from(item, file, budget));
      return sequence(std::move(items), std::move(where));
    }
    case YAML::NodeType::Map: {
      std::vector<Entry> entries;
      entries.reserve(node.size());
      for (const auto& entry : node) {
        Node key = from(entry.first, file, budget);
        entries.emplace_back(std::move(key), from(entry.second, file, budget));
      }
      return map(std::move(entries), std::move(where));
    }
    case YAML::NodeType::Null:
      return null(std::move(where));
    default:
      return {};
  }
}

const std::string& Node::Scalar() const {
  return IsScalar() ? data_->text : no_text;
}
const SourceLocation& Node::location() const {
  return data_ ? data_->where : no_location;
}

std::size_t Node::size() const {
  if (IsSequence()) return data_->items.size();
  if (IsMap()) return data_->entries.size();
  return 0;
}

const std::vector<Node>& Node::items() const {
  return IsSequence() ? data_->items : no_items;
}
const std::vector<Node::Entry>& Node::entries() const {
  return IsMap() ? data_->entries : no_entries;
}

Node Node::get(const std::string& key) const {
  for (const auto& [k, v] : entries()) {
    if (k.Scalar() == key) return v;
  }
  return {};
}

Node parse(const std::string& text, const std::string& file) {
  if (text.starts_with("\x89HDF\r\n\x1a\n")) {
    throw InputError(SourceLocation{file, 0, 0}, "",
                     "is an HDF5 file (a run file?), not a YAML scenario; `regsim info` describes a run file");
  }
  try {
    // Written out, a value takes at least one character and its separator: twice the text's length
    // (and some) is more than any document without aliases holds.
    std::size_t budget = 2 * text.size() + 1000;
    return Node::from(YAML::Load(text), file, budget);
  } catch (const YAML::ParserException& e) {
    throw InputError(location_at(e.mark, file), "", fmt::format("not valid YAML: {}", e.msg));
  }
}

Node merge(const Node& base, const Node& overlay) {
  if (!base.IsMap() || !overlay.IsMap()) return overlay.IsDefined() ? overlay : base;
  std::vector<Node::Entry> entries = base.entries();
  std::vector<bool> replaced(entries.size(), false);
  const std::size_t inherited = entries.size();
  for (const auto& [key, value] : overlay.entries()) {
    std::size_t i = 0;
    while (i < inherited && (replaced[i] || entries[i].first.Scalar() != key.Scalar())) ++i;
    if (i < inherited) {
      entries[i] = {key, merge(entries[i].second, value)};
      replaced[i] = true;
    } else {
      entries.emplace_back(key, value);
    }
  }
  return Node::map(std::move(entries), overlay.location());
}

Node with_entry(const Node& map, const std::string& key, const Node& value) {
  std::vector<Node::Entry> entries = map.entries();
  for (auto& entry : entries) {
    if (entry.first.Scalar() == key) {
      entry.second = value;
      return Node::map(std::move(entries), map.location());
    }
  }
  entries.emplace_back(Node::scalar(key, value.location()), value);
  return Node::map(std::move(entries), map.location());
}

Node without_entry(const Node& map, const std::string& key) {
  std::vector<Node::Entry> entries;
  for (const auto& entry : map.entries()) {
    if (entry.first.Scalar() != key) entries.push_back(entry);
  }
  return Node::map(std::move(entries), map.location());
}

std::string emit(const Node& node) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit_into(out, node);
  return std::string(out.c_str()) + "\n";
}

}  // namespace regsim::yaml
