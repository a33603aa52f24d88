#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace regsim::testing {

/// Runs `load` and returns every diagnostic it threw, formatted as regsim prints them, or
/// {"(no error)"} when it succeeded: tests then assert the exact messages a user sees.
template <class Load>
std::vector<std::string> messages_of(Load&& load) {
  try {
    load();
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(format_diagnostic(d));
    return out;
  }
  return {"(no error)"};
}

}  // namespace regsim::testing
