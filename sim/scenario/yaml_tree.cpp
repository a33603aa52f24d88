#include "scenario/yaml_tree.hpp"
#include "core/index.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>

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

// Builds the tree from the parser's events. yaml-cpp's own node graph (YAML::Load) cost more than
// this tree, and copying it cost again: a third of reading a scenario.
class TreeBuilder final : public YAML::EventHandler {
 public:
  // Written out, a value takes at least one character and its separator: twice the text's length
  // (and some) is more than any document without aliases holds. An alias repeats what it names,
  // so a short text can stand for billions of values; the tree shares them, but whoever walks it
  // would not.
  TreeBuilder(const std::string& file, std::size_t text_size) : file_(file), budget_(2 * text_size + 1000) {}

  [[nodiscard]] Node root() const { return root_.IsDefined() ? root_ : Node::null({file_, 0, 0}); }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    finish(Node::null(location_at(mark, file_)), 1, anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    finish(Node::scalar(value, location_at(mark, file_)), 1, anchor);
  }

  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override {
    // The parser refuses unknown names; an alias inside what its anchor names stands for endlessly
    // many values.
    if (anchor >= anchors_.size() || !anchors_[anchor].node.IsDefined()) refuse();
    add_to_parent(anchors_[anchor].node, anchors_[anchor].values);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(Node::Kind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(Node::Kind::map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node::Kind kind;
    SourceLocation where;
    YAML::anchor_t anchor;
    std::vector<Node> items;
    std::vector<Node::Entry> entries;
    std::optional<Node> key;  // a map's key waiting for its value
    std::size_t values = 1;   // the collection itself and everything in it, aliases written out
  };
  struct Anchored {
    Node node;  // undefined while its collection is still open
    std::size_t values = 0;
  };

  [[noreturn]] void refuse() const {
    throw InputError(SourceLocation{file_, 1, 1}, "",
                     "the document stands for more values than its text could hold: YAML aliases (*name) repeat "
                     "what they name, and these repeat it too often; write the values out instead");
  }

  void remember(YAML::anchor_t anchor, Anchored anchored) {
    if (anchor == YAML::NullAnchor) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = std::move(anchored);
  }

  void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    remember(anchor, {});
    open_.push_back(Open{kind, location_at(mark, file_), anchor, {}, {}, {}, 1});
  }

  void close() {
    Open done = std::move(open_.back());
    open_.pop_back();
    Node node = done.kind == Node::Kind::sequence ? Node::sequence(std::move(done.items), std::move(done.where))
                                                  : Node::map(std::move(done.entries), std::move(done.where));
    finish(std::move(node), done.values, done.anchor);
  }

  void finish(Node node, std::size_t values, YAML::anchor_t anchor) {
    remember(anchor, {node, values});
    add_to_parent(std::move(node), values);
  }

  void add_to_parent(Node node, std::size_t values) {
    std::size_t& total = open_.empty() ? document_values_ : open_.back().values;
    // Both terms are within the budget here, so the sum cannot overflow.
    total += values;
    if (total > budget_) refuse();
    if (open_.empty()) {
      root_ = std::move(node);
      return;
    }
    Open& parent = open_.back();
    if (parent.kind == Node::Kind::sequence) {
      parent.items.push_back(std::move(node));
    } else if (!parent.key) {
      parent.key = std::move(node);
    } else {
      parent.entries.emplace_back(std::move(*parent.key), std::move(node));
      parent.key.reset();
    }
  }

  const std::string& file_;
  const std::size_t budget_;
  std::vector<Open> open_;
  std::vector<Anchored> anchors_;
  std::size_t document_values_ = 0;
  Node root_;
};

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
    std::istringstream input(text);
    YAML::Parser parser(input);
    TreeBuilder builder(file, text.size());
    parser.HandleNextDocument(builder);
    return builder.root();
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
