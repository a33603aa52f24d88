#include "output/hdf5_reader.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include "core/error.hpp"
#include "output/hdf5_support.hpp"

namespace regsim {

using namespace hdf5;

struct Hdf5Reader::File {
  Handle file;
  std::string name;

  [[nodiscard]] std::string what(const std::string& path) const { return fmt::format("reading /{} in {}", path, name); }

  [[nodiscard]] Handle open_dataset(const std::string& path) const {
    return {check_id(H5Dopen2(file.get(), path.c_str(), H5P_DEFAULT), what(path)), H5Dclose};
  }
  [[nodiscard]] Handle open_object(const std::string& path) const {
    return {check_id(H5Oopen(file.get(), path.empty() ? "/" : path.c_str(), H5P_DEFAULT), what(path)), H5Oclose};
  }
};

Hdf5Reader::Hdf5Reader(const std::filesystem::path& file) : file_(std::make_unique<File>()) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  file_->name = file.string();
  // A run file to read is an input: what is wrong with it is an input error (exit code 3).
  const SourceLocation where{file.string(), 0, 0};
  if (!std::filesystem::is_regular_file(file))
    throw InputError(where, "", "expected a regular file (a run file), found none");
  const hid_t id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    throw InputError(where, "", fmt::format("is not an HDF5 file (a regsim run file): {}", hdf5_error_text()));
  }
  file_->file = Handle(id, H5Fclose);
}

Hdf5Reader::~Hdf5Reader() = default;

bool Hdf5Reader::exists(const std::string& path) const {
  // Each level must exist before the next can be asked about.
  std::string prefix;
  for (std::size_t start = 0; start <= path.size();) {
    const auto slash = path.find('/', start);
    prefix = path.substr(0, slash);
    if (H5Lexists(file_->file.get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

std::vector<std::string> Hdf5Reader::members(const std::string& group) const {
  Handle g(check_id(H5Gopen2(file_->file.get(), group.empty() ? "/" : group.c_str(), H5P_DEFAULT), file_->what(group)),
           H5Gclose);
  H5G_info_t info;
  check(H5Gget_info(g.get(), &info), file_->what(group));
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length =
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0) fail(file_->what(group));
    std::string name(static_cast<std::size_t>(length), '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name.data(),
                       static_cast<std::size_t>(length) + 1, H5P_DEFAULT);
    names.push_back(std::move(name));
  }
  return names;
}

std::string Hdf5Reader::text_attribute(const std::string& object, const std::string& name) const {
  const std::string what = file_->what(object) + ", attribute " + name;
  Handle owner = file_->open_object(object);
  Handle attr(check_id(H5Aopen(owner.get(), name.c_str(), H5P_DEFAULT), what), H5Aclose);
  Handle type = utf8_string_type(what);
  char* value = nullptr;
  check(H5Aread(attr.get(), type.get(), &value), what);
  std::string text = value != nullptr ? value : "";
  Handle space(check_id(H5Aget_space(attr.get()), what), H5Sclose);
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, &value);
  return text;
}

std::int64_t Hdf5Reader::integer_attribute(const std::string& object, const std::string& name) const {
  const std::string what = file_->what(object) + ", attribute " + name;
  Handle owner = file_->open_object(object);
  Handle attr(check_id(H5Aopen(owner.get(), name.c_str(), H5P_DEFAULT), what), H5Aclose);
  std::int64_t value = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_INT64, &value), what);
  return value;
}

std::vector<std::size_t> Hdf5Reader::shape(const std::string& dataset) const {
  Handle set = file_->open_dataset(dataset);
  Handle space(check_id(H5Dget_space(set.get()), file_->what(dataset)), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail(file_->what(dataset));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return {dims.begin(), dims.end()};
}

std::vector<std::string> Hdf5Reader::texts(const std::string& dataset) const {
  std::size_t count = 1;
  for (const auto d : shape(dataset)) count *= d;
  Handle set = file_->open_dataset(dataset);
  Handle type = utf8_string_type(file_->what(dataset));
  std::vector<char*> raw(count, nullptr);
  if (count > 0) check(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), file_->what(dataset));
  std::vector<std::string> out;
  out.reserve(count);
  for (char* s : raw) out.emplace_back(s != nullptr ? s : "");
  if (count > 0) {
    Handle space(check_id(H5Dget_space(set.get()), file_->what(dataset)), H5Sclose);
    H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  }
  return out;
}

std::vector<double> Hdf5Reader::numbers(const std::string& dataset) const {
  std::size_t count = 1;
  for (const auto d : shape(dataset)) count *= d;
  Handle set = file_->open_dataset(dataset);
  std::vector<double> out(count);
  if (count > 0) {
    check(H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), file_->what(dataset));
  }
  return out;
}

}  // namespace regsim
