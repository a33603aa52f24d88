#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace regsim {

/// Reads what Hdf5Writer wrote: attributes and 1-D or 2-D datasets by slash path ("yearly/output").
/// The file is an input: every failure (missing file, missing object, wrong type, a shape larger
/// than the file) throws InputError naming the file as a `kind` ("run file", "table file"), the
/// object and HDF5's message; the file is opened read-only.
class Hdf5Reader {
public:
  explicit Hdf5Reader(const std::filesystem::path& file, const std::string& kind = "run file");
  ~Hdf5Reader();
  Hdf5Reader(const Hdf5Reader&) = delete;
  Hdf5Reader& operator=(const Hdf5Reader&) = delete;

  [[nodiscard]] bool exists(const std::string& path) const;
  /// Names in a group, in creation order.
  [[nodiscard]] std::vector<std::string> members(const std::string& group) const;

  /// Whether `object` has an attribute `name` (files of older writers may lack newer attributes).
  [[nodiscard]] bool has_attribute(const std::string& object, const std::string& name) const;
  [[nodiscard]] std::string text_attribute(const std::string& object, const std::string& name) const;
  [[nodiscard]] std::int64_t integer_attribute(const std::string& object, const std::string& name) const;

  [[nodiscard]] std::vector<std::string> texts(const std::string& dataset) const;
  /// All values of a numeric dataset, row-major, converted to double.
  [[nodiscard]] std::vector<double> numbers(const std::string& dataset) const;
  /// Rows [first, first + count) of a 2-D numeric dataset into `out` (row-major, count × columns),
  /// so a large matrix can be read in blocks.
  void rows(const std::string& dataset, std::size_t first, std::size_t count, std::span<double> out) const;
  /// The dataset's shape, outermost first.
  [[nodiscard]] std::vector<std::size_t> shape(const std::string& dataset) const;

private:
  struct File;
  std::unique_ptr<File> file_;
};

}  // namespace regsim
