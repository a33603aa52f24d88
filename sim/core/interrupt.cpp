#include "core/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace regsim {

namespace {

constexpr std::size_t slot_count = 16;
constexpr std::size_t path_capacity = 4096;

// Written by the guards, read by the handler. A slot is free (0), being filled (1) or holds a
// complete path (2); the handler reads only complete ones.
enum SlotState : int { free_slot = 0, filling = 1, published = 2 };
struct Slots {
  std::array<std::atomic<int>, slot_count> state{};
  std::array<std::array<char, path_capacity>, slot_count> paths{};
};
Slots slots;  // NOLINT: a signal handler reaches only process-wide state

extern "C" void on_interrupt(int signal_number) {
  for (std::size_t i = 0; i < slot_count; ++i) {
    if (slots.state[i].load() == published) ::unlink(slots.paths[i].data());
  }
  // End as the signal would have: default action, signal raised again.
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

}  // namespace

void remove_temporary_files_on_interrupt() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal_number, &action, nullptr);
}

TemporaryFileGuard::TemporaryFileGuard(const std::filesystem::path& path) {
  const std::string text = std::filesystem::absolute(path).string();
  if (text.size() >= path_capacity) return;
  for (std::size_t i = 0; i < slot_count; ++i) {
    int expected = free_slot;
    if (!slots.state[i].compare_exchange_strong(expected, filling)) continue;
    std::memcpy(slots.paths[i].data(), text.c_str(), text.size() + 1);
    slots.state[i].store(published);
    slot_ = i;
    return;
  }
}

TemporaryFileGuard::~TemporaryFileGuard() {
  if (slot_ != no_slot) slots.state[slot_].store(free_slot);
}

void remove_stale_temporary_files(const std::filesystem::path& folder, const std::string& name) {
  const std::string prefix = "." + name + ".tmp-";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder.empty() ? "." : folder, error)) {
    const std::string file = entry.path().filename().string();
    if (!file.starts_with(prefix)) continue;
    const std::string digits = file.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid()) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // that process still runs (or is not ours to ask)
    std::error_code ignored;
    std::filesystem::remove(entry.path(), ignored);
  }
}

}  // namespace regsim
