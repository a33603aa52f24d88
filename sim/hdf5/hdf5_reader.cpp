#include "hdf5/hdf5_reader.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>

#include "core/error.hpp"
#include "hdf5/hdf5_support.hpp"

namespace regsim {

using namespace hdf5;

// A run file that cannot be read as it should is an input the user gave: what is wrong with it is
// an input error (exit code 3) naming the file and the object, not a crash or an output error.
struct Hdf5Reader::File {
  Handle file;
  std::string name;
  std::string kind;  // "run file", "table file": what messages call it
  std::uintmax_t size = 0;  // bytes on disk: no dataset can hold more elements than this

  [[nodiscard]] std::string what(const std::string& path) const {
    return fmt::format("/{}", path.starts_with('/') ? path.substr(1) : path);
  }
  [[noreturn]] void damaged(const std::string& path, const std::string& why) const {
    throw InputError(SourceLocation{name, 0, 0}, "",
                     fmt::format("the {} is damaged or incomplete: reading {}: {}", kind, what(path), why));
  }
  hid_t id(hid_t value, const std::string& path) const {
    if (value < 0) damaged(path, hdf5_error_text());
    return value;
  }
  void ok(herr_t status, const std::string& path) const {
    if (status < 0) damaged(path, hdf5_error_text());
  }

  [[nodiscard]] Handle open_dataset(const std::string& path) const {
    return {id(H5Dopen2(file.get(), path.c_str(), H5P_DEFAULT), path), H5Dclose};
  }
  [[nodiscard]] Handle open_object(const std::string& path) const {
    return {id(H5Oopen(file.get(), path.empty() ? "/" : path.c_str(), H5P_DEFAULT), path), H5Oclose};
  }
  /// The dataset's element count, refused when its shape asks for more than the file could hold.
  std::size_t count(const Handle& set, const std::string& path, std::size_t element_size) const {
    Handle space(id(H5Dget_space(set.get()), path), H5Sclose);
    const hssize_t elements = H5Sget_simple_extent_npoints(space.get());
    if (elements < 0) damaged(path, hdf5_error_text());
    const auto n = static_cast<std::uintmax_t>(elements);
    if (n > size / std::max<std::size_t>(element_size, 1)) {
      damaged(path, fmt::format("its shape claims {} elements, more than a {}-byte file can hold", n, size));
    }
    return static_cast<std::size_t>(n);
  }
  /// The dataset's stored type must be of `expected` class (and, for text, variable-length).
  void expect_type(const Handle& set, const std::string& path, bool text) const {
    Handle type(id(H5Dget_type(set.get()), path), H5Tclose);
    const H5T_class_t stored = H5Tget_class(type.get());
    const bool fits = text ? stored == H5T_STRING && H5Tis_variable_str(type.get()) > 0
                           : stored == H5T_FLOAT || stored == H5T_INTEGER;
    if (!fits) damaged(path, text ? "expected text" : "expected numbers");
  }
};

Hdf5Reader::Hdf5Reader(const std::filesystem::path& file, const std::string& kind) : file_(std::make_unique<File>()) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  file_->name = file.string();
  file_->kind = kind;
  // A file to read is an input: what is wrong with it is an input error (exit code 3).
  const SourceLocation where{file.string(), 0, 0};
  if (!std::filesystem::is_regular_file(file))
    throw InputError(where, "", fmt::format("expected a regular file (a {}), found none", kind));
  const hid_t id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    throw InputError(where, "", fmt::format("is not an HDF5 file (a regsim {}): {}", kind, hdf5_error_text()));
  }
  file_->file = Handle(id, H5Fclose);
  std::error_code ignored;
  file_->size = std::filesystem::file_size(file, ignored);
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
  Handle g(file_->id(H5Gopen2(file_->file.get(), group.empty() ? "/" : group.c_str(), H5P_DEFAULT), group), H5Gclose);
  H5G_info_t info;
  file_->ok(H5Gget_info(g.get(), &info), group);
  if (info.nlinks > file_->size) file_->damaged(group, "its member count is larger than the file");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length =
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (length < 0 || static_cast<std::uintmax_t>(length) > file_->size) file_->damaged(group, "a member's name");
    std::string name(static_cast<std::size_t>(length), '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name.data(),
                       static_cast<std::size_t>(length) + 1, H5P_DEFAULT);
    names.push_back(std::move(name));
  }
  return names;
}

bool Hdf5Reader::has_attribute(const std::string& object, const std::string& name) const {
  Handle owner = file_->open_object(object);
  const htri_t exists = H5Aexists(owner.get(), name.c_str());
  file_->ok(exists < 0 ? -1 : 0, object + " (attribute " + name + ")");
  return exists > 0;
}

std::string Hdf5Reader::text_attribute(const std::string& object, const std::string& name) const {
  const std::string what = object + " (attribute " + name + ")";
  Handle owner = file_->open_object(object);
  Handle attr(file_->id(H5Aopen(owner.get(), name.c_str(), H5P_DEFAULT), what), H5Aclose);
  Handle stored(file_->id(H5Aget_type(attr.get()), what), H5Tclose);
  if (H5Tget_class(stored.get()) != H5T_STRING || H5Tis_variable_str(stored.get()) <= 0) file_->damaged(what, "expected text");
  Handle space(file_->id(H5Aget_space(attr.get()), what), H5Sclose);
  if (H5Sget_simple_extent_npoints(space.get()) != 1) file_->damaged(what, "expected one value");
  Handle type = utf8_string_type(what);
  char* value = nullptr;
  file_->ok(H5Aread(attr.get(), type.get(), &value), what);
  std::string text = value != nullptr ? value : "";
  H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, &value);
  return text;
}

std::int64_t Hdf5Reader::integer_attribute(const std::string& object, const std::string& name) const {
  const std::string what = object + " (attribute " + name + ")";
  Handle owner = file_->open_object(object);
  Handle attr(file_->id(H5Aopen(owner.get(), name.c_str(), H5P_DEFAULT), what), H5Aclose);
  Handle stored(file_->id(H5Aget_type(attr.get()), what), H5Tclose);
  if (H5Tget_class(stored.get()) != H5T_INTEGER) file_->damaged(what, "expected a whole number");
  Handle space(file_->id(H5Aget_space(attr.get()), what), H5Sclose);
  if (H5Sget_simple_extent_npoints(space.get()) != 1) file_->damaged(what, "expected one value");
  std::int64_t value = 0;
  file_->ok(H5Aread(attr.get(), H5T_NATIVE_INT64, &value), what);
  return value;
}

std::vector<std::size_t> Hdf5Reader::shape(const std::string& dataset) const {
  Handle set = file_->open_dataset(dataset);
  Handle space(file_->id(H5Dget_space(set.get()), dataset), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0 || rank > H5S_MAX_RANK) file_->damaged(dataset, "its shape");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  file_->ok(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), dataset);
  return {dims.begin(), dims.end()};
}

std::vector<std::string> Hdf5Reader::texts(const std::string& dataset) const {
  Handle set = file_->open_dataset(dataset);
  file_->expect_type(set, dataset, true);
  const std::size_t count = file_->count(set, dataset, 1);
  Handle type = utf8_string_type(dataset);
  std::vector<char*> raw(count, nullptr);
  if (count > 0) file_->ok(H5Dread(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), dataset);
  std::vector<std::string> out;
  out.reserve(count);
  for (char* s : raw) out.emplace_back(s != nullptr ? s : "");
  if (count > 0) {
    Handle space(file_->id(H5Dget_space(set.get()), dataset), H5Sclose);
    H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, raw.data());
  }
  return out;
}

std::vector<double> Hdf5Reader::numbers(const std::string& dataset) const {
  Handle set = file_->open_dataset(dataset);
  file_->expect_type(set, dataset, false);
  std::vector<double> out(file_->count(set, dataset, sizeof(double)));
  if (!out.empty()) {
    file_->ok(H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), dataset);
  }
  return out;
}

void Hdf5Reader::rows(const std::string& dataset, std::size_t first, std::size_t count, std::span<double> out) const {
  Handle set = file_->open_dataset(dataset);
  file_->expect_type(set, dataset, false);
  Handle space(file_->id(H5Dget_space(set.get()), dataset), H5Sclose);
  if (H5Sget_simple_extent_ndims(space.get()) != 2) file_->damaged(dataset, "expected a 2-D dataset");
  hsize_t dims[2] = {0, 0};
  file_->ok(H5Sget_simple_extent_dims(space.get(), dims, nullptr), dataset);
  if (first + count > dims[0] || out.size() != count * dims[1]) {
    file_->damaged(dataset, fmt::format("rows {}..{} of a {}×{} dataset", first, first + count, dims[0], dims[1]));
  }
  if (count == 0 || dims[1] == 0) return;
  const hsize_t start[2] = {first, 0};
  const hsize_t size[2] = {count, dims[1]};
  file_->ok(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, size, nullptr), dataset);
  Handle memory(file_->id(H5Screate_simple(2, size, nullptr), dataset), H5Sclose);
  file_->ok(H5Dread(set.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, out.data()), dataset);
}

}  // namespace regsim
