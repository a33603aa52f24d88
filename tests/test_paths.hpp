#pragma once

// Tests name their data relative to the source tree, so that messages (which show paths as given)
// are the same on every machine. This moves the process there once.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace regsim::testing {

inline std::filesystem::path source_path(const std::string& relative) {
  static const bool moved = [] {
    std::filesystem::current_path(REGSIM_SOURCE_DIR);
    return true;
  }();
  (void)moved;
  return std::filesystem::path(relative);
}

/// The whole text of a file under the source tree.
inline std::string read_text(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace regsim::testing
