#include "core/error.hpp"

#include <gtest/gtest.h>

namespace regsim {
namespace {

TEST(Error, FormatsFileLineColumnKeyAndMessage) {
  EXPECT_EQ(format_diagnostic({{"s.yaml", 3, 7}, "economy.table", "expected a file, found 3"}),
            "s.yaml:3:7: economy.table: expected a file, found 3");
  EXPECT_EQ(format_diagnostic({{"s.yaml", 3, 0}, "", "bad"}), "s.yaml:3: bad");
  EXPECT_EQ(format_diagnostic({{"s.yaml", 0, 0}, "k", "bad"}), "s.yaml: k: bad");
  EXPECT_EQ(format_diagnostic({{}, "k", "bad"}), "k: bad");
}

TEST(Error, DiagnosticsCollectEverythingBeforeThrowing) {
  Diagnostics d;
  d.throw_if_any();  // nothing yet
  d.add({"a.csv", 1, 2}, "x", "first");
  d.add({"a.csv", 4, 1}, "y", "second");
  try {
    d.throw_if_any();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_STREQ(e.what(), "a.csv:1:2: x: first\na.csv:4:1: y: second");
  }
}

}  // namespace
}  // namespace regsim
