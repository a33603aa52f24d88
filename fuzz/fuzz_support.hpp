#pragma once

// What every fuzz target shares: a private scratch folder, writing an input there as a file, and
// the rule of what counts as a finding. The readers' own errors (InputError, NumericalError,
// OutputError) are the answers bad input should get; anything else that escapes (std::bad_alloc,
// std::out_of_range, a crash, a sanitizer report, a hang) is a bug.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "core/error.hpp"

namespace regsim::fuzz {

/// A folder of this process's own, removed when the process ends normally.
class Scratch {
public:
  Scratch()
      : folder_(std::filesystem::temp_directory_path() / ("regsim-fuzz-" + std::to_string(static_cast<long>(getpid())))) {
    std::filesystem::create_directories(folder_);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }

  /// Writes `bytes` to `name` inside the folder and returns its path.
  [[nodiscard]] std::filesystem::path write(const std::filesystem::path& name, std::string_view bytes) const {
    const auto path = folder_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }

private:
  std::filesystem::path folder_;
};

inline const Scratch& scratch() {
  static const Scratch instance;
  return instance;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Runs `body`, treating regsim's own errors as the right answer to bad input. With
/// REGSIM_FUZZ_VERBOSE set they are printed, to see how far the seeds get.
template <class Body>
void expect_clean_errors(Body&& body) {
  const auto show = [](const std::exception& error) {
    if (std::getenv("REGSIM_FUZZ_VERBOSE") != nullptr) std::fprintf(stderr, "%s\n", error.what());
  };
  try {
    body();
  } catch (const InputError& error) {
    show(error);
  } catch (const NumericalError& error) {
    show(error);
  } catch (const OutputError& error) {
    show(error);
  }
}

/// The source tree, where the shipped tables the targets build on live.
inline std::filesystem::path source_tree() { return REGSIM_SOURCE_DIR; }

}  // namespace regsim::fuzz
