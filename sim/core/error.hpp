#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace regsim {

/// A place in an input file; line and column count from 1, 0 means "not known".
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

/// One problem in the input: where it is, which key or cell, and what was wrong.
struct Diagnostic {
  SourceLocation location;
  std::string key_path;  ///< e.g. `economy.table` or `row "coal", column "steel"`
  std::string message;   ///< "expected …, found …"
};

/// Formats a diagnostic as `file:line:col: key.path: message`, dropping the parts that are unknown.
std::string format_diagnostic(const Diagnostic& diagnostic);

/// Collects every problem found in one validation pass, so users see them all at once.
class Diagnostics {
public:
  void add(SourceLocation location, std::string key_path, std::string message);
  void append(const Diagnostics& other);
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// Throws InputError holding every diagnostic if there is at least one.
  void throw_if_any() const;

private:
  std::vector<Diagnostic> items_;
};

/// Bad input (scenario, table, arguments in files): exit code 3.
class InputError : public std::runtime_error {
public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);
  /// One problem at one place.
  InputError(SourceLocation location, std::string key_path, std::string message);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

/// The input is well formed but the mathematics fails (singular or non-productive system): exit code 4.
class NumericalError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Writing a result failed (disk, permissions, HDF5): exit code 5.
class OutputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

}  // namespace regsim
