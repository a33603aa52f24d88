// The run-file reader (what `regsim info` and `compare` use) on any bytes: an input is a file's
// whole content.

#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "output/run_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regsim;
  const auto file = fuzz::scratch().write("input.h5", fuzz::as_text(data, size));
  fuzz::expect_clean_errors([&] { (void)read_run_summary(file); });
  return 0;
}
