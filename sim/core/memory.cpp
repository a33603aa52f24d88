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
  constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, narrow<int>(growth));
  const auto* heap_end = static_cast<const char*>(::sbrk(0));
  if (heap_end == reinterpret_cast<const char*>(-1)) return;
  // The next allocation starts at the heap's free top, keepcost bytes below its end. The heap
  // begins where the program's data ends, seldom on a huge-page boundary, and the space before the
  // first boundary can only have small pages (the default run took 240 page faults there).
  const std::uintptr_t top = reinterpret_cast<std::uintptr_t>(heap_end) - mallinfo2().keepcost;
  const std::uintptr_t boundary = (top + 64 + huge_page - 1) & ~(huge_page - 1);
  // A block reaching `growth` past the boundary makes the heap grow now (by growth more than
  // asked) and writes nothing in that first stretch, which is advised before anything touches it:
  // a huge page is only had where no small page was faulted in first. (The block would come from
  // its own mapping above the mapping threshold, so that is set after.)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  void* grow = std::malloc(boundary - top + growth);
  const auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  if (grow != nullptr && end > boundary && end != static_cast<std::uintptr_t>(-1)) {
    advise_huge_pages(reinterpret_cast<const void*>(boundary), end - boundary);
  }
  std::free(grow);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  // A block filling the space before the boundary, its 16-byte header included, is set aside
  // untouched and never freed, so that what follows starts on the boundary. (volatile: an
  // allocation nobody reads is left out.)
  [[maybe_unused]] static void* volatile small_pages = nullptr;
  small_pages = std::malloc(boundary - top - 16);
#endif
}

}  // namespace regsim
