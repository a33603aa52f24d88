#include "core/memory.hpp"

#include "core/index.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <cstdlib>

namespace regsim {

void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
  if (data == nullptr || bytes < 2 * huge_page) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + huge_page - 1) & ~(huge_page - 1);
  const std::uintptr_t last = (begin + bytes) & ~(huge_page - 1);
  if (last <= first) return;
  // A refusal (EINVAL where THP is compiled out) leaves ordinary pages, which is correct too.
  (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

void keep_heap_on_huge_pages() noexcept {
#if defined(MADV_HUGEPAGE) && !defined(REGSIM_SANITIZER_MALLOC) && defined(__GLIBC__)
  constexpr std::size_t growth = std::size_t{16} << 20;
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, narrow<int>(growth));
  // An allocation larger than the heap's free top makes it grow now, by growth more than asked.
  void* grow = std::malloc(mallinfo2().keepcost + 4096);
  const auto* end = static_cast<const char*>(::sbrk(0));
  if (grow != nullptr && end != reinterpret_cast<const char*>(-1)) advise_huge_pages(end - growth, growth);
  std::free(grow);
#endif
}

}  // namespace regsim
