#pragma once

// Large buffers and the kernel's page size. A run of a million levers builds arrays of hundreds of
// megabytes that are written once, front to back; in 4 KiB pages every first touch is a page
// fault, which under a hypervisor cost more than the work itself (docs/performance.md,
// "Page faults"). Transparent huge pages of 2 MiB take 512 times fewer.

#include <cstddef>
#include <vector>

// glibc's allocator serves malloc, except under AddressSanitizer, which brings its own.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REGSIM_SANITIZER_MALLOC 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define REGSIM_SANITIZER_MALLOC 1
#endif

namespace regsim {

#if defined(__linux__) && defined(__GLIBC__) && !defined(REGSIM_SANITIZER_MALLOC)
inline constexpr bool heap_is_glibcs = true;
#else
inline constexpr bool heap_is_glibcs = false;
#endif

/// Asks the kernel (Linux's madvise MADV_HUGEPAGE) to back the whole 2 MiB pages inside
/// [data, data + bytes) with transparent huge pages when they are first touched. A hint only:
/// nothing changes where the system has no such pages, where they are switched off, or for a
/// buffer under 4 MiB (which would gain at most one huge page).
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

/// Moves the process's small allocations onto transparent huge pages too (when heap_is_glibcs;
/// elsewhere nothing): the heap grows 16 MiB at a time, that space is advised as above, it is not
/// given back to the system in pieces, and what is allocated next starts on a huge-page boundary
/// (up to 2 MiB of address space before it is set aside, untouched). A run of the default scenario
/// touched some 800 heap pages one fault at a time. Called once, first thing in main; allocations
/// of 4 MiB and more still come from their own mappings, which reserve_huge and huge_vector advise.
void keep_heap_on_huge_pages() noexcept;

/// `values.reserve(count)`, with the reserved memory advised as above: for arrays filled by
/// push_back to a size known in advance.
template <class T>
void reserve_huge(std::vector<T>& values, std::size_t count) {
  values.reserve(count);
  advise_huge_pages(values.data(), values.capacity() * sizeof(T));
}

/// A vector of `count` default values whose memory is advised before it is first written.
template <class T>
std::vector<T> huge_vector(std::size_t count, const T& value = T()) {
  std::vector<T> values;
  reserve_huge(values, count);
  values.assign(count, value);
  return values;
}

}  // namespace regsim
