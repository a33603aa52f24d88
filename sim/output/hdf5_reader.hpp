#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace regsim {

/// Reads what Hdf5Writer wrote: attributes and 1-D or 2-D datasets by slash path ("yearly/output").
/// Every failure (missing file, missing object, wrong type) throws OutputError with the path and
/// HDF5's message; the file is opened read-only.
class Hdf5Reader {
public:
  explicit Hdf5Reader(const std::filesystem::path& file);
  ~Hdf5Reader();
  Hdf5Reader(const Hdf5Reader&) = delete;
  Hdf5Reader& operator=(const Hdf5Reader&) = delete;

  [[nodiscard]] bool exists(const std::string& path) const;
  /// Names in a group, in creation order.
  [[nodiscard]] std::vector<std::string> members(const std::string& group) const;

  [[nodiscard]] std::string text_attribute(const std::string& object, const std::string& name) const;
  [[nodiscard]] std::int64_t integer_attribute(const std::string& object, const std::string& name) const;

  [[nodiscard]] std::vector<std::string> texts(const std::string& dataset) const;
  /// All values of a numeric dataset, row-major, converted to double.
  [[nodiscard]] std::vector<double> numbers(const std::string& dataset) const;
  /// The dataset's shape, outermost first.
  [[nodiscard]] std::vector<std::size_t> shape(const std::string& dataset) const;

private:
  struct File;
  std::unique_ptr<File> file_;
};

}  // namespace regsim
