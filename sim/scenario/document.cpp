// The scenario document: a file with what it `extends` merged in and `--set` overrides applied,
// every node keeping the file, line and column it came from.

#include "scenario/document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/file.hpp"
#include "core/text.hpp"
#include "scenario/scenario.hpp"
#include "scenario/yaml_reader.hpp"

namespace regsim {

using yaml::Node;

std::string read_text(const std::filesystem::path& file, const SourceLocation& requested_at) {
  return read_input_file(file, yaml_size_limit, "scenario file", requested_at,
                         requested_at.file.empty() ? "" : "extends");
}

namespace {

std::string event_id(const Node& event) {
  return event.get("id").Scalar();
}

/// Inherited events, less `remove_events`, with the overlay's events replacing by id or appended.
Node merge_events(const Node& base, const Node& overlay, const Node& remove, yaml::Reader& reader) {
  std::vector<Node> events = base.items();
  if (remove.IsDefined()) {
    std::vector<std::string> inherited;
    for (const Node& event : events) inherited.push_back(event_id(event));
    if (auto ids = reader.string_list(remove, "remove_events")) {
      for (std::size_t i = 0; i < ids->size(); ++i) {
        const std::string& id = (*ids)[i];
        const auto found = std::find_if(events.begin(), events.end(), [&](const Node& e) { return event_id(e) == id; });
        if (found == events.end()) {
          reader.error(remove.IsSequence() ? remove[i] : remove, fmt::format("remove_events[{}]", i),
                       fmt::format("no inherited event has the id \"{}\"{}", id, did_you_mean(id, inherited)));
        } else {
          events.erase(found);
        }
      }
    }
  }
  for (const Node& event : overlay.items()) {
    const std::string id = event_id(event);
    const auto same =
        std::find_if(events.begin(), events.end(), [&](const Node& e) { return !id.empty() && event_id(e) == id; });
    if (same != events.end()) {
      *same = event;
    } else {
      events.push_back(event);
    }
  }
  return Node::sequence(std::move(events), overlay.IsDefined() ? overlay.location() : base.location());
}

/// One scenario document with everything it extends merged in. `visiting` holds the files on the
/// way here, to catch a file that extends itself through others.
Node load_document(const std::filesystem::path& file, std::vector<std::filesystem::path>& visiting,
                   std::vector<std::filesystem::path>& inherited, const SourceLocation& requested_at) {
  const std::string display = file.string();
  const Node document = yaml::parse(read_text(file, requested_at), display);
  const Node extends = document.get("extends");
  const Node remove = document.get("remove_events");
  Diagnostics diagnostics;
  yaml::Reader reader(display, diagnostics);
  if (!extends.IsDefined()) {
    if (remove.IsDefined()) reader.error(remove, "remove_events", "removes inherited events, so it needs extends");
    diagnostics.throw_if_any();
    return document;
  }
  const auto target = reader.string(extends, "extends");
  diagnostics.throw_if_any();
  const std::filesystem::path base_file = (file.parent_path() / *target).lexically_normal();
  std::error_code ignored;
  const std::filesystem::path canonical = std::filesystem::weakly_canonical(base_file, ignored);
  if (std::find(visiting.begin(), visiting.end(), canonical) != visiting.end()) {
    std::vector<std::string> names;
    for (const auto& f : visiting) names.push_back(f.filename().string());
    names.push_back(base_file.filename().string());
    reader.error(extends, "extends", fmt::format("cyclic extends: {}", join(names, " -> ")));
    diagnostics.throw_if_any();
  }
  visiting.push_back(canonical);
  inherited.push_back(base_file);
  const Node base = load_document(base_file, visiting, inherited, reader.where(extends));
  visiting.pop_back();

  Node merged = yaml::merge(
      yaml::without_entry(base, "events"),
      yaml::without_entry(yaml::without_entry(yaml::without_entry(document, "events"), "extends"), "remove_events"));
  const Node events = merge_events(base.get("events"), document.get("events"), remove, reader);
  if (events.size() > 0 || base.get("events").IsDefined() || document.get("events").IsDefined()) {
    merged = yaml::with_entry(merged, "events", events);
  }
  diagnostics.throw_if_any();
  return merged;
}

/// `--set a.b.c=value`: keys through maps; through the events list, a key is an event id.
Node apply_override(const Node& node, const std::vector<std::string>& keys, std::size_t depth, const Node& value,
                    const std::string& text) {
  const SourceLocation where{"--set", 1, 1};
  if (depth == keys.size()) return value;
  const std::string& key = keys[depth];
  const std::string path = join(std::vector<std::string>(keys.begin(), keys.begin() + narrow<long>(depth) + 1), ".");
  if (node.IsSequence()) {
    std::vector<Node> items = node.items();
    std::vector<std::string> ids;
    for (Node& item : items) {
      ids.push_back(event_id(item));
      if (ids.back() == key) {
        item = apply_override(item, keys, depth + 1, value, text);
        return Node::sequence(std::move(items), node.location());
      }
    }
    throw InputError(where, path,
                     fmt::format("no event has the id \"{}\" (in {}){}", key, text, did_you_mean(key, ids)));
  }
  if (node.IsDefined() && !node.IsMap()) {
    throw InputError(where, path, fmt::format("cannot set a key inside a value that is not a map (in {})", text));
  }
  const Node current = node.IsMap() ? node : Node::map({}, where);
  return yaml::with_entry(current, key, apply_override(current.get(key), keys, depth + 1, value, text));
}

Node apply_overrides(Node root, const std::vector<std::string>& overrides) {
  for (const std::string& text : overrides) {
    const auto equals = text.find('=');
    const SourceLocation where{"--set", 1, 1};
    if (equals == std::string::npos || equals == 0) {
      throw InputError(where, "", fmt::format("expected key.path=value, found {}", quoted_excerpt(text)));
    }
    const std::vector<std::string> keys = split_trimmed(text.substr(0, equals), '.');
    if (std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.empty(); })) {
      throw InputError(where, "", fmt::format("expected key.path=value with no empty key, found {}", quoted_excerpt(text)));
    }
    if (keys.front() == "extends" || keys.front() == "remove_events") {
      throw InputError(where, keys.front(),
                       fmt::format("cannot be set with --set: it is resolved before --set applies; write a scenario "
                                   "that {} instead (found \"{}\")",
                                   keys.front() == "extends" ? "extends the one you want"
                                                             : "extends this one and removes the events",
                                   text));
    }
    const Node value = yaml::parse(text.substr(equals + 1), "--set");
    root = apply_override(root, keys, 0, value.IsDefined() ? value : Node::null(where), text);
  }
  return root;
}

}  // namespace

Node assemble_document(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                       std::vector<std::filesystem::path>& inherited) {
  std::error_code ignored;
  std::vector<std::filesystem::path> visiting{std::filesystem::weakly_canonical(file, ignored)};
  return apply_overrides(load_document(file, visiting, inherited, {}), overrides);
}

std::string extension_document(const std::filesystem::path& base, const std::filesystem::path& written_to,
                               const std::string& name, const std::vector<std::string>& overrides,
                               const std::string& header) {
  std::vector<std::filesystem::path> inherited;
  const Node full = assemble_document(base, overrides, inherited);
  // Overrides of events are written as whole events (taken from the overridden document); the
  // rest as the keys they set, which `extends` merges in.
  std::vector<std::string> settings;
  std::vector<std::string> changed_events;
  for (const std::string& text : overrides) {
    const std::vector<std::string> keys = split_trimmed(text.substr(0, text.find('=')), '.');
    if (keys.size() >= 2 && keys[0] == "events") {
      if (std::find(changed_events.begin(), changed_events.end(), keys[1]) == changed_events.end()) {
        changed_events.push_back(keys[1]);
      }
    } else {
      settings.push_back(text);
    }
  }
  const SourceLocation here{written_to.string(), 0, 0};
  Node document = Node::map({}, here);
  document = yaml::with_entry(document, "regsim", Node::scalar(std::to_string(scenario_format_version), here));
  const std::filesystem::path folder = written_to.parent_path().empty() ? "." : written_to.parent_path();
  const std::filesystem::path relative =
      std::filesystem::relative(std::filesystem::absolute(base), std::filesystem::absolute(folder));
  document = yaml::with_entry(document, "extends", Node::scalar(relative.generic_string(), here));
  document = yaml::with_entry(document, "name", Node::scalar(name, here));
  document = apply_overrides(document, settings);
  if (!changed_events.empty()) {
    std::vector<Node> events;
    for (const Node& event : full.get("events").items()) {
      if (std::find(changed_events.begin(), changed_events.end(), event_id(event)) != changed_events.end()) {
        events.push_back(event);
      }
    }
    document = yaml::with_entry(document, "events", Node::sequence(std::move(events), here));
  }
  std::string text;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) text += line.empty() ? "#\n" : "# " + line + "\n";
  return text + yaml::emit(document);
}

}  // namespace regsim
