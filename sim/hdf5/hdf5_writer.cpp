#include "hdf5/hdf5_writer.hpp"
#include "core/index.hpp"

#include <fmt/format.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "core/error.hpp"
#include "core/file.hpp"
#include "hdf5/hdf5_support.hpp"

namespace regsim {

namespace {

using namespace hdf5;

/// A group's links and an object's attributes stay in its header up to 256 of them, where HDF5
/// moves them past 8 into a heap with two B-trees (by name and by creation order): a run file's
/// groups hold up to 13 variables and its root 15 attributes, and building those indexes was 1.4 %
/// of a small run and 8 % of its file. Readers see no difference.
void keep_compact(hid_t creation_properties, const std::string& what) {
  check(H5Pset_link_phase_change(creation_properties, 256, 200), what);
  check(H5Pset_attr_phase_change(creation_properties, 256, 200), what);
}

std::vector<const char*> c_strings(std::span<const std::string> values) {
  std::vector<const char*> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(v.c_str());
  return out;
}

/// Rows per chunk of about a mebibyte (whole rows, at least one), so that reading a block of rows
/// of a large matrix reads little more than those rows.
hsize_t chunk_rows(const std::vector<hsize_t>& dims, std::size_t element_size) {
  hsize_t row_bytes = element_size;
  for (std::size_t d = 1; d < dims.size(); ++d) row_bytes *= dims[d];
  const hsize_t rows = std::max<hsize_t>(1, (hsize_t{1} << 20) / std::max<hsize_t>(row_bytes, 1));
  return std::min(dims[0], rows);
}

std::filesystem::path temporary_for(const std::filesystem::path& destination) {
  const auto folder = destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
  return folder / fmt::format(".{}.tmp-{}", destination.filename().string(), narrow<long>(getpid()));
}

}  // namespace

struct Hdf5Writer::File {
  Handle file;
  std::map<std::string, Handle> groups;       // "" is the root
  std::map<std::string, Handle> coordinates;  // "group/dimension" -> dataset
  std::map<std::string, hsize_t> lengths;     // "group/dimension" -> length
  // Text in datasets is variable-length: netCDF-C (ncdump) cannot read fixed-length string
  // datasets (4.9 crashes on them). Attributes are fixed-length (text_attribute).
  Handle string_type;
  // Each variable's DIMENSION_LIST is written when it is created (its coordinates exist by then)
  // and the variable is closed; the scales' REFERENCE_LISTs, which name every variable using them,
  // are written when the file is committed. Closing each variable at once lets HDF5 reuse its
  // memory: a hundred open datasets were most of the pages a small run touched.
  struct Use {
    hobj_ref_t variable;
    int dimension;
  };
  std::map<hid_t, std::vector<Use>> scale_users;  // scale -> the variables' dimensions it names
  std::map<hid_t, hobj_ref_t> scale_refs;
  Handle dimension_list_type;

  hid_t group(const std::string& path) {
    if (path.empty()) return file.get();
    if (auto it = groups.find(path); it != groups.end()) return it->second.get();
    const auto slash = path.rfind('/');
    const hid_t parent = slash == std::string::npos ? file.get() : group(path.substr(0, slash));
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    // Track creation order, as netCDF-4 requires of groups it opens.
    Handle properties(check_id(H5Pcreate(H5P_GROUP_CREATE), "group properties"), H5Pclose);
    check(H5Pset_link_creation_order(properties.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "group properties");
    check(H5Pset_obj_track_times(properties.get(), false), "group properties");  // reproducible bytes
    keep_compact(properties.get(), "group properties");
    Handle created(check_id(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                            fmt::format("creating group /{}", path)),
                   H5Gclose);
    return groups.emplace(path, std::move(created)).first->second.get();
  }

  void text_attribute(hid_t owner, const std::string& name, const std::string& value, const std::string& what) {
    Handle type = utf8_fixed_type(value.size(), what);
    Handle attr(check_id(H5Acreate2(owner, name.c_str(), type.get(), scalar(what), H5P_DEFAULT, H5P_DEFAULT), what),
                H5Aclose);
    const std::string cell = value.empty() ? std::string(1, '\0') : value;
    check(H5Awrite(attr.get(), type.get(), cell.data()), what);
  }

  void text_attributes(hid_t owner, const TextAttributes& attributes, const std::string& where) {
    for (const auto& [name, value] : attributes) {
      text_attribute(owner, name, value, fmt::format("writing attribute {} of {}", name, where));
    }
  }

  // Property lists and the scalar dataspace, made once and shared by every object of the file:
  // a run file has a hundred datasets and three hundred attributes.
  Handle scalar_space;
  Handle contiguous;                               // dataset creation, no chunks
  std::map<std::vector<hsize_t>, Handle> chunked;  // dataset creation, by chunk shape
  Handle transfer;                                 // dataset transfer

  hid_t scalar(const std::string& what) {
    if (scalar_space.get() < 0) scalar_space = dataspace({}, what);
    return scalar_space.get();
  }

  /// No modification times in object headers: the same run writes the same bytes (but `created`).
  static Handle creation_properties(const std::string& what) {
    Handle properties(check_id(H5Pcreate(H5P_DATASET_CREATE), what), H5Pclose);
    check(H5Pset_obj_track_times(properties.get(), false), what);
    return properties;
  }

  hid_t creation_properties_for(const std::vector<hsize_t>& dims, hid_t type, const std::string& what) {
    const bool empty = std::any_of(dims.begin(), dims.end(), [](hsize_t d) { return d == 0; });
    if (dims.empty() || empty || H5Tis_variable_str(type) > 0) {
      if (contiguous.get() < 0) contiguous = creation_properties(what);
      return contiguous.get();
    }
    // Chunked with the Fletcher-32 filter: every chunk carries a checksum, so damaged values are
    // an error when read, as damaged metadata is. (HDF5 filters no variable-length data.)
    std::vector<hsize_t> chunk = dims;
    chunk[0] = chunk_rows(dims, H5Tget_size(type));
    auto it = chunked.find(chunk);
    if (it == chunked.end()) {
      Handle properties = creation_properties(what);
      check(H5Pset_chunk(properties.get(), narrow<int>(chunk.size()), chunk.data()), what);
      check(H5Pset_fletcher32(properties.get()), what);
      it = chunked.emplace(chunk, std::move(properties)).first;
    }
    return it->second.get();
  }

  Handle dataset(const std::string& group_path, const std::string& name, hid_t type, const std::vector<hsize_t>& dims,
                 const void* data) {
    const std::string what = fmt::format("writing /{}{}{}", group_path, group_path.empty() ? "" : "/", name);
    Handle space = dataspace(dims, what);
    Handle set(check_id(H5Dcreate2(group(group_path), name.c_str(), type, space.get(), H5P_DEFAULT,
                                   creation_properties_for(dims, type, what), H5P_DEFAULT),
                        what),
               H5Dclose);
    hsize_t elements = 1;
    for (const hsize_t d : dims) elements *= d;
    if (data != nullptr && elements > 0) {
      // HDF5 zero-fills a type-conversion buffer of 1 MB for every write that converts (text does);
      // sized to the data, it made writing a run file 5× faster.
      const hsize_t element_size = std::max<hsize_t>(H5Tget_size(type), 16);
      const hsize_t buffer = std::clamp<hsize_t>(elements * element_size, 1024, hsize_t{1} << 20);
      if (transfer.get() < 0) transfer = Handle(check_id(H5Pcreate(H5P_DATASET_XFER), what), H5Pclose);
      check(H5Pset_buffer(transfer.get(), buffer, nullptr, nullptr), what);
      check(H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, transfer.get(), data), what);
    }
    return set;
  }

  void make_coordinate(const std::string& group_path, const std::string& dimension, Handle set, hsize_t length,
                       const TextAttributes& attributes) {
    const std::string key = group_path + "/" + dimension;
    if (coordinates.contains(key)) throw OutputError(fmt::format("coordinate {} written twice", key));
    check(H5DSset_scale(set.get(), dimension.c_str()), fmt::format("making {} a dimension scale", key));
    text_attributes(set.get(), attributes, key);
    coordinates.emplace(key, std::move(set));
    lengths.emplace(key, length);
  }

  void attach(const std::string& path, Handle set, const std::vector<hid_t>& scales);

  void write_reference_lists();

  void numeric_variable(const std::string& group_path, const std::string& name,
                        const std::vector<std::string>& dimensions, hid_t type, const void* data, std::size_t size,
                        const TextAttributes& attributes);
};

Hdf5Writer::Hdf5Writer(std::filesystem::path destination)
    : destination_(std::move(destination)),
      temporary_(temporary_for(destination_)),
      interrupted_(temporary_),
      file_(std::make_unique<File>()) {
  if (path_kind(destination_) == PathKind::folder) {
    throw OutputError(
        fmt::format("cannot write {}: it is a folder; name the run file to write", destination_.string()));
  }
  remove_stale_temporary_files(temporary_.parent_path(), destination_.filename().string());
  skip_library_teardown();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are reported by exceptions, not printed by HDF5
  Handle access(check_id(H5Pcreate(H5P_FILE_ACCESS), "file properties"), H5Pclose);
  // HDF5 1.10's object formats: the superblock, every object header, heap and chunk index carries
  // a checksum (1.8's B-trees of chunks had none), so a damaged run file is an error when read,
  // not a crash; HDF5 1.10 and later read them.
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_LATEST), "file properties");
  // The file is built in memory and written in one pass when it is flushed (the core driver with a
  // backing store): a run file of 400 KB was 500 small writes, and the temporary file stays as
  // invisible to other programs as before until commit() renames it.
  check(H5Pset_fapl_core(access.get(), std::size_t{64} << 10, 1), "file properties");
  check(H5Pset_core_write_tracking(access.get(), 1, std::size_t{4} << 10), "file properties");
  H5AC_cache_config_t cache{};
  cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
  check(H5Pget_mdc_config(access.get(), &cache), "file properties");
  cache.set_initial_size = true;
  cache.initial_size = std::size_t{16} << 20;
  cache.max_size = std::size_t{32} << 20;
  cache.incr_mode = H5C_incr__off;
  cache.decr_mode = H5C_decr__off;
  cache.flash_incr_mode = H5C_flash_incr__off;
  check(H5Pset_mdc_config(access.get(), &cache), "file properties");
  Handle creation(check_id(H5Pcreate(H5P_FILE_CREATE), "file properties"), H5Pclose);
  check(H5Pset_link_creation_order(creation.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "file properties");
  check(H5Pset_obj_track_times(creation.get(), false), "file properties");
  keep_compact(creation.get(), "file properties");
  const hid_t id = H5Fcreate(temporary_.c_str(), H5F_ACC_TRUNC, creation.get(), access.get());
  if (id < 0) {
    throw OutputError(
        fmt::format("cannot create {} (for {}): {}", temporary_.string(), destination_.string(), hdf5_error_text()));
  }
  file_->file = Handle(id, H5Fclose);
  file_->string_type = utf8_string_type("string type");
}

Hdf5Writer::~Hdf5Writer() {
  if (file_) {
    file_.reset();  // closes every handle, then the file
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void Hdf5Writer::group(const std::string& path) {
  file_->group(path);
}

void Hdf5Writer::attribute(const std::string& group, const std::string& name, const std::string& value) {
  file_->text_attribute(file_->group(group), name, value, fmt::format("writing attribute {} of /{}", name, group));
}

namespace {
template <class T>
void numeric_attribute(hid_t owner, const std::string& name, T value, hid_t type, const std::string& what) {
  Handle space = dataspace({}, what);
  Handle attr(check_id(H5Acreate2(owner, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what), H5Aclose);
  check(H5Awrite(attr.get(), type, &value), what);
}
}  // namespace

void Hdf5Writer::attribute(const std::string& group, const std::string& name, double value) {
  numeric_attribute(file_->group(group), name, value, H5T_NATIVE_DOUBLE,
                    fmt::format("writing attribute {} of /{}", name, group));
}

void Hdf5Writer::attribute(const std::string& group, const std::string& name, std::int64_t value) {
  numeric_attribute(file_->group(group), name, value, H5T_NATIVE_INT64,
                    fmt::format("writing attribute {} of /{}", name, group));
}

void Hdf5Writer::coordinate(const std::string& group, const std::string& dimension, std::span<const std::string> labels,
                            const TextAttributes& attributes) {
  const auto pointers = c_strings(labels);
  Handle set = file_->dataset(group, dimension, file_->string_type.get(), {labels.size()},
                              pointers.empty() ? nullptr : pointers.data());
  file_->make_coordinate(group, dimension, std::move(set), labels.size(), attributes);
}

void Hdf5Writer::coordinate(const std::string& group, const std::string& dimension, std::span<const double> values,
                            const TextAttributes& attributes) {
  Handle set = file_->dataset(group, dimension, H5T_NATIVE_DOUBLE, {values.size()}, values.data());
  file_->make_coordinate(group, dimension, std::move(set), values.size(), attributes);
}

void Hdf5Writer::coordinate(const std::string& group, const std::string& dimension,
                            std::span<const std::int64_t> values, const TextAttributes& attributes) {
  Handle set = file_->dataset(group, dimension, H5T_NATIVE_INT64, {values.size()}, values.data());
  file_->make_coordinate(group, dimension, std::move(set), values.size(), attributes);
}

void Hdf5Writer::File::numeric_variable(const std::string& group_path, const std::string& name,
                                        const std::vector<std::string>& dimensions, hid_t type, const void* data,
                                        std::size_t size, const TextAttributes& attributes) {
  std::vector<hsize_t> dims;
  hsize_t count = 1;
  for (const auto& d : dimensions) {
    const auto it = lengths.find(group_path + "/" + d);
    if (it == lengths.end()) {
      throw OutputError(fmt::format("variable /{}/{}: no coordinate \"{}\" in that group", group_path, name, d));
    }
    dims.push_back(it->second);
    count *= it->second;
  }
  if (count != size) {
    throw OutputError(fmt::format("variable /{}/{}: {} values for a shape of {}", group_path, name, size, count));
  }
  Handle set = dataset(group_path, name, type, dims, size == 0 ? nullptr : data);
  text_attributes(set.get(), attributes, group_path + "/" + name);
  std::vector<hid_t> scales;
  for (const auto& d : dimensions) scales.push_back(coordinates.at(group_path + "/" + d).get());
  attach(fmt::format("/{}/{}", group_path, name), std::move(set), scales);
}

namespace {

hobj_ref_t reference_to(hid_t object, const std::string& what) {
  hobj_ref_t ref{};
  check(H5Rcreate(&ref, object, ".", H5R_OBJECT, -1), what);
  return ref;
}

}  // namespace

// What H5DSattach_scale writes, written once per object: each variable's DIMENSION_LIST (per
// dimension, a variable-length list of references to its scales) here, and each scale's
// REFERENCE_LIST (every variable and dimension it is attached to; HDF5's Dimension Scale
// specification, 1.10) at commit. H5DSattach_scale reads, deletes and rewrites both attributes on
// every call, so the lists of the scales many variables share (time, sector) grew quadratically:
// it was 18 % of the default run.
void Hdf5Writer::File::attach(const std::string& path, Handle set, const std::vector<hid_t>& scales) {
  const std::string what = fmt::format("attaching the dimensions of {}", path);
  if (dimension_list_type.get() < 0) {
    dimension_list_type = Handle(check_id(H5Tvlen_create(H5T_STD_REF_OBJ), "dimension list type"), H5Tclose);
  }
  const hobj_ref_t self = reference_to(set.get(), what);
  std::vector<hobj_ref_t> refs;
  refs.reserve(scales.size());
  for (std::size_t i = 0; i < scales.size(); ++i) {
    const hid_t scale = scales[i];
    if (!scale_refs.contains(scale)) scale_refs.emplace(scale, reference_to(scale, what));
    refs.push_back(scale_refs.at(scale));
    scale_users[scale].push_back({self, narrow<int>(i)});
  }
  std::vector<hvl_t> lists;
  for (hobj_ref_t& ref : refs) lists.push_back({1, &ref});
  Handle space = dataspace({lists.size()}, what);
  Handle attr(check_id(H5Acreate2(set.get(), "DIMENSION_LIST", dimension_list_type.get(), space.get(), H5P_DEFAULT,
                                  H5P_DEFAULT),
                       what),
              H5Aclose);
  check(H5Awrite(attr.get(), dimension_list_type.get(), lists.data()), what);
}

void Hdf5Writer::File::write_reference_lists() {
  Handle entry_type(check_id(H5Tcreate(H5T_COMPOUND, sizeof(Use)), "reference list type"), H5Tclose);
  check(H5Tinsert(entry_type.get(), "dataset", HOFFSET(Use, variable), H5T_STD_REF_OBJ), "reference list type");
  check(H5Tinsert(entry_type.get(), "dimension", HOFFSET(Use, dimension), H5T_NATIVE_INT), "reference list type");
  // In the order the coordinates were named, so the same run writes the same bytes.
  for (const auto& [key, scale] : coordinates) {
    const auto it = scale_users.find(scale.get());
    if (it == scale_users.end()) continue;
    const std::string what = fmt::format("writing the variables that use coordinate /{}", key);
    Handle space = dataspace({it->second.size()}, what);
    Handle attr(
        check_id(H5Acreate2(scale.get(), "REFERENCE_LIST", entry_type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                 what),
        H5Aclose);
    check(H5Awrite(attr.get(), entry_type.get(), it->second.data()), what);
  }
  scale_users.clear();
}

void Hdf5Writer::variable(const std::string& group, const std::string& name, const std::vector<std::string>& dimensions,
                          std::span<const double> values, const TextAttributes& attributes) {
  file_->numeric_variable(group, name, dimensions, H5T_NATIVE_DOUBLE, values.data(), values.size(), attributes);
}

void Hdf5Writer::variable(const std::string& group, const std::string& name, const std::vector<std::string>& dimensions,
                          std::span<const std::int64_t> values, const TextAttributes& attributes) {
  file_->numeric_variable(group, name, dimensions, H5T_NATIVE_INT64, values.data(), values.size(), attributes);
}

void Hdf5Writer::variable(const std::string& group, const std::string& name, const std::string& dimension,
                          std::span<const std::string> values, const TextAttributes& attributes) {
  const auto it = file_->lengths.find(group + "/" + dimension);
  if (it == file_->lengths.end() || it->second != values.size()) {
    throw OutputError(
        fmt::format("variable /{}/{}: coordinate \"{}\" missing or of another length", group, name, dimension));
  }
  const auto pointers = c_strings(values);
  Handle set = file_->dataset(group, name, file_->string_type.get(), {values.size()},
                              pointers.empty() ? nullptr : pointers.data());
  file_->text_attributes(set.get(), attributes, group + "/" + name);
  file_->attach(fmt::format("/{}/{}", group, name), std::move(set),
                {file_->coordinates.at(group + "/" + dimension).get()});
}

void Hdf5Writer::commit() {
  if (!file_) throw OutputError("commit called twice");
  file_->write_reference_lists();
  // Closing writes the file, built in memory, in one pass; it is the file's last object to close,
  // so that a failed write (a full disk) is this call's error. (Flushing first wrote it twice.)
  const hid_t file = file_->file.release();
  file_.reset();
  std::error_code error;
  errno = 0;
  if (H5Fclose(file) < 0) {
    // The system's reason (a full disk, a size limit), where the write left one.
    const std::string reason = errno != 0 ? std::strerror(errno) : hdf5_error_text();
    std::filesystem::remove(temporary_, error);
    throw OutputError(fmt::format("cannot write {} (as {}): {}; nothing was written", destination_.string(),
                                  temporary_.string(), reason));
  }
  std::filesystem::rename(temporary_, destination_, error);
  if (error) {
    std::filesystem::remove(temporary_, error);
    throw OutputError(fmt::format("cannot move the finished file onto {}: {}", destination_.string(), error.message()));
  }
}

}  // namespace regsim
