#include "core/error.hpp"

#include <fmt/format.h>

#include <utility>

namespace regsim {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string out;
  if (!diagnostic.location.file.empty()) {
    out += diagnostic.location.file;
    if (diagnostic.location.line > 0) {
      out += fmt::format(":{}", diagnostic.location.line);
      if (diagnostic.location.column > 0) out += fmt::format(":{}", diagnostic.location.column);
    }
    out += ": ";
  }
  if (!diagnostic.key_path.empty()) out += diagnostic.key_path + ": ";
  out += diagnostic.message;
  return out;
}

void Diagnostics::add(SourceLocation location, std::string key_path, std::string message) {
  items_.push_back({std::move(location), std::move(key_path), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::throw_if_any() const {
  if (!items_.empty()) throw InputError(items_);
}

namespace {
std::string summarize(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += format_diagnostic(d);
  }
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarize(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(Diagnostic diagnostic) : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

InputError::InputError(SourceLocation location, std::string key_path, std::string message)
    : InputError(Diagnostic{std::move(location), std::move(key_path), std::move(message)}) {}

}  // namespace regsim
