#include "output/run_layout.hpp"

#include <fmt/format.h>

namespace regsim::layout {

namespace {

std::string_view type_name(Type type) {
  switch (type) {
    case Type::text:
      return "text";
    case Type::int64:
      return "int64";
    case Type::float64:
      return "float64";
    case Type::attributes:
      return "";
  }
  return "";
}

}  // namespace

std::string Entry::path(std::string_view name) const {
  if (name.empty()) name = names[0];
  if (name.empty()) return "/" + std::string(group);
  return group.empty() ? fmt::format("/{}", name) : fmt::format("/{}/{}", group, name);
}

std::vector<std::string> Entry::dimensions() const {
  std::vector<std::string> out;
  std::string_view rest = dims;
  while (!rest.empty()) {
    const auto cut = rest.find(" × ");
    out.emplace_back(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + std::string_view(" × ").size());
  }
  return out;
}

std::string markdown_table() {
  std::string out = "| path | dims | type | meaning |\n|---|---|---|---|\n";
  for (const Entry* e : entries) {
    std::string cell;
    if (e->type == Type::attributes) {
      cell = fmt::format("`{}` attributes", e->path());
    } else {
      cell = fmt::format("`{}`", e->path());
      for (std::size_t i = 1; i < e->names.size() && !e->names[i].empty(); ++i)
        cell += fmt::format(", `{}`", e->names[i]);
    }
    out += fmt::format("| {} | {} | {} | {} |\n", cell, e->dims, type_name(e->type), e->meaning);
  }
  return out;
}

}  // namespace regsim::layout
