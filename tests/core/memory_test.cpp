#include "core/memory.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#if defined(__linux__)
#include <unistd.h>
#endif

namespace regsim {
namespace {

/// The VmFlags of the mapping holding `address`, from /proc/self/smaps ("" when none holds it).
std::string vm_flags_of(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
    } else if (inside && line.starts_with("VmFlags:")) {
      return line;
    }
  }
  return {};
}

bool kernel_has_huge_pages() {
  return std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled");
}

TEST(Memory, LargeReservedArraysAreAdvisedOntoHugePages) {
  if (!kernel_has_huge_pages()) GTEST_SKIP() << "this kernel has no transparent huge pages to advise";
  std::vector<double> values;
  reserve_huge(values, std::size_t{3} << 20);  // 24 MiB
  ASSERT_GE(values.capacity(), std::size_t{3} << 20);
  // The advice covers the whole 2 MiB pages inside the buffer: its middle is one of them.
  EXPECT_NE(vm_flags_of(values.data() + values.capacity() / 2).find(" hg"), std::string::npos);
  values.assign(values.capacity(), 1.5);
  EXPECT_EQ(values[values.size() - 1], 1.5);
}

#if defined(__linux__)
TEST(Memory, TheHeapGrowsOntoHugePages) {
  if (!kernel_has_huge_pages()) GTEST_SKIP() << "this kernel has no transparent huge pages to advise";
  if (!heap_is_glibcs) GTEST_SKIP() << "malloc is the sanitizer's, whose memory is not the heap";
  keep_heap_on_huge_pages();
  // The top of the heap, just grown by 16 MiB, carries the advice, and so does what is allocated
  // next: it starts on the first huge-page boundary, not in the small pages before it.
  const auto* end = static_cast<const char*>(::sbrk(0));
  EXPECT_NE(vm_flags_of(end - (std::size_t{4} << 20)).find(" hg"), std::string::npos);
  void* next = std::malloc(std::size_t{1} << 20);
  ASSERT_NE(next, nullptr);
  EXPECT_NE(vm_flags_of(next).find(" hg"), std::string::npos);
  std::free(next);
}
#endif

}  // namespace
}  // namespace regsim
