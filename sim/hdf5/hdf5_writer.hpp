#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/interrupt.hpp"

namespace regsim {

/// Text attributes of a dataset (`units`, `long_name`, …).
using TextAttributes = std::vector<std::pair<std::string, std::string>>;

/// Writes one netCDF-4-compatible HDF5 file: groups, coordinate variables as HDF5 dimension
/// scales (so `xarray.open_dataset(path, engine="h5netcdf", group=…)` sees labelled dimensions),
/// data variables attached to them, and attributes.
///
/// The file is written to a temporary name in the destination's folder and renamed onto the
/// destination only by `commit()`; a writer destroyed without commit (an error, an interrupt)
/// removes its temporary file, so a failed run never leaves a file that looks complete; so does
/// SIGINT, SIGTERM or SIGHUP (core/interrupt.hpp), and a writer removes what killed runs left.
/// Every HDF5 call is checked; failures throw OutputError with HDF5's own message.
/// Groups are slash paths relative to the root ("" is the root, "series", "chains/pv").
class Hdf5Writer {
 public:
  explicit Hdf5Writer(std::filesystem::path destination);
  ~Hdf5Writer();
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;

  /// The temporary file being written.
  [[nodiscard]] const std::filesystem::path& temporary_path() const { return temporary_; }

  /// Creates a group (and its parents) if it does not exist.
  void group(const std::string& path);

  void attribute(const std::string& group, const std::string& name, const std::string& value);
  void attribute(const std::string& group, const std::string& name, double value);
  void attribute(const std::string& group, const std::string& name, std::int64_t value);

  /// A coordinate variable: a 1-D dataset named `dimension` that is the dimension scale of that name.
  void coordinate(const std::string& group, const std::string& dimension, std::span<const std::string> labels,
                  const TextAttributes& attributes = {});
  void coordinate(const std::string& group, const std::string& dimension, std::span<const double> values,
                  const TextAttributes& attributes = {});
  void coordinate(const std::string& group, const std::string& dimension, std::span<const std::int64_t> values,
                  const TextAttributes& attributes = {});

  /// A data variable over coordinates of the same group, `dimensions` outermost first; `values`
  /// is row-major with as many elements as the product of the coordinates' lengths.
  void variable(const std::string& group, const std::string& name, const std::vector<std::string>& dimensions,
                std::span<const double> values, const TextAttributes& attributes = {});
  void variable(const std::string& group, const std::string& name, const std::vector<std::string>& dimensions,
                std::span<const std::int64_t> values, const TextAttributes& attributes = {});
  /// A 1-D text variable over one coordinate.
  void variable(const std::string& group, const std::string& name, const std::string& dimension,
                std::span<const std::string> values, const TextAttributes& attributes = {});

  /// Flushes, closes and renames the file onto the destination. Nothing may be written after.
  void commit();

 private:
  struct File;
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  TemporaryFileGuard interrupted_;  // removes the temporary file if a signal ends the process
  std::unique_ptr<File> file_;
};

}  // namespace regsim
