#pragma once

// Temporary files survive no interruption: while one is registered, SIGINT, SIGTERM and SIGHUP
// remove it before the process ends with the signal's own status (128 + signal in a shell). A
// signal handler can only reach process-wide state, so this is the one registry of its kind.

#include <cstddef>
#include <filesystem>
#include <string>

namespace regsim {

/// Installs the handlers (once; later calls do nothing). `regsim`'s main calls it.
void remove_temporary_files_on_interrupt();

/// Registers `path` for removal on an interrupt for as long as it lives. At most 16 at once (an
/// extra registration is not tracked); paths longer than 4095 bytes are not tracked either.
class TemporaryFileGuard {
 public:
  explicit TemporaryFileGuard(const std::filesystem::path& path);
  ~TemporaryFileGuard();
  TemporaryFileGuard(const TemporaryFileGuard&) = delete;
  TemporaryFileGuard& operator=(const TemporaryFileGuard&) = delete;

 private:
  static constexpr std::size_t no_slot = ~std::size_t{0};
  std::size_t slot_ = no_slot;
};

/// Removes files in `folder` named `.<name>.tmp-<pid>` (this program's temporary files) whose
/// process no longer runs: what a killed run (SIGKILL, power loss) left behind.
void remove_stale_temporary_files(const std::filesystem::path& folder, const std::string& name);

}  // namespace regsim
