#include "hdf5/hdf5_reader.hpp"
#include "core/index.hpp"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "core/file.hpp"
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
    const auto n = std::uintmax_t{to_size(elements)};
    if (n > size / std::max<std::size_t>(element_size, 1)) {
      damaged(path, fmt::format("its shape claims {} elements, more than a {}-byte file can hold", n, size));
    }
    return to_size(n);
  }
  /// The dataset's stored type must be of `expected` class (and, for text, variable-length).
  void expect_type(const Handle& set, const std::string& path, bool text) const {
    Handle type(id(H5Dget_type(set.get()), path), H5Tclose);
    const H5T_class_t stored = H5Tget_class(type.get());
    const bool fits = text ? stored == H5T_STRING && H5Tis_variable_str(type.get()) > 0
                           : stored == H5T_FLOAT || stored == H5T_INTEGER;
    if (!fits) damaged(path, text ? "expected text" : "expected numbers");
  }
  // ---- variable-length text, read without trusting the global heap --------------------------
  // libhdf5 trusts the global heap, where variable-length text lives and which carries no
  // checksum: a damaged one made it read out of bounds (a crash in H5HG_read). The layouts are the
  // HDF5 file format specification's: text cells of (length: 4 bytes, collection address, object
  // index: 4 bytes), and collections of "GCOL", version 1, 3 reserved bytes, the collection's
  // size, then objects of (index: 2, references: 2, reserved: 4, size, data padded to 8 bytes).

  /// A global heap collection's bytes and its objects (index -> offset in the bytes, size).
  struct HeapCollection {
    std::vector<unsigned char> bytes;
    std::map<std::uint64_t, std::pair<std::size_t, std::size_t>> objects;
  };
  std::size_t address_size = 0, length_size = 0;
  hsize_t user_block = 0;
  mutable std::map<std::uint64_t, HeapCollection> collections;  // by file offset
  mutable bool every_heap_checked = false;

  [[nodiscard]] std::vector<unsigned char> file_bytes(std::uint64_t at, std::size_t count, const std::string& path) const;
  /// The collection at file offset `at`, parsed with every size checked against its bounds.
  const HeapCollection& collection(std::uint64_t at, const std::string& path) const;
  /// Reads `count` variable-length strings of a contiguous dataset from the file's bytes.
  std::vector<std::string> heap_texts(const Handle& set, const std::string& path, std::size_t count) const;
  /// Before libhdf5 reads a variable-length attribute (format-1 files): checks every collection in
  /// the file (found by their signature), so that what libhdf5 reads is sound.
  void check_every_heap(const std::string& path) const;

  /// The width of fixed-length text, refused when `count` cells of it would not fit in the file.
  std::size_t text_width(const Handle& type, const std::string& path, std::size_t count) const {
    const std::size_t width = H5Tget_size(type.get());
    if (width == 0 || width > size / std::max<std::size_t>(count, 1)) {
      damaged(path, fmt::format("text cells of {} bytes, more than a {}-byte file can hold", width, size));
    }
    return width;
  }
};

namespace {

/// A little-endian unsigned number of `bytes` bytes at `at` (HDF5 stores numbers little-endian).
std::uint64_t little_endian(const unsigned char* at, std::size_t bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = bytes; i-- > 0;) value = (value << 8) | at[i];
  return value;
}

}  // namespace

std::vector<unsigned char> Hdf5Reader::File::file_bytes(std::uint64_t at, std::size_t count,
                                                       const std::string& path) const {
  if (at > size || count > size - at) damaged(path, "its text lies outside the file");
  std::vector<unsigned char> out(count);
  std::ifstream in(name, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(at));
  if (!in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(count))) {
    damaged(path, "its text lies outside the file");
  }
  return out;
}

const Hdf5Reader::File::HeapCollection& Hdf5Reader::File::collection(std::uint64_t at, const std::string& path) const {
  if (auto it = collections.find(at); it != collections.end()) return it->second;
  const std::size_t header = 8 + length_size;
  const std::vector<unsigned char> head = file_bytes(at, header, path);
  if (std::string_view(reinterpret_cast<const char*>(head.data()), 4) != "GCOL" || head[4] != 1) {
    damaged(path, "a text heap without its signature");
  }
  const std::uint64_t total = little_endian(head.data() + 8, length_size);
  if (total < header || at > size || total > size - at) damaged(path, "a text heap larger than the file");
  HeapCollection parsed{file_bytes(at, to_size(total), path), {}};
  for (std::size_t pos = header; pos + 8 + length_size <= parsed.bytes.size();) {
    const std::uint64_t index = little_endian(parsed.bytes.data() + pos, 2);
    const std::uint64_t object_size = little_endian(parsed.bytes.data() + pos + 8, length_size);
    if (index == 0) break;  // the free space closes the collection
    const std::size_t data = pos + 8 + length_size;
    if (object_size > parsed.bytes.size() - data) damaged(path, "a text longer than its heap");
    parsed.objects.emplace(index, std::pair{data, to_size(object_size)});
    pos = data + to_size((object_size + 7) / 8 * 8);
  }
  return collections.emplace(at, std::move(parsed)).first->second;
}

std::vector<std::string> Hdf5Reader::File::heap_texts(const Handle& set, const std::string& path,
                                                      std::size_t count) const {
  const haddr_t start = H5Dget_offset(set.get());
  if (start == HADDR_UNDEF) damaged(path, "expected text stored in one block (contiguous), as regsim writes it");
  const std::size_t cell = 4 + address_size + 4;
  if (start > size || count > (size - start) / cell) damaged(path, "its text lies outside the file");
  const std::vector<unsigned char> cells = file_bytes(start, count * cell, path);
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const unsigned char* c = cells.data() + i * cell;
    const std::uint64_t length = little_endian(c, 4);
    if (length == 0) {
      out.emplace_back();
      continue;
    }
    const HeapCollection& heap = collection(little_endian(c + 4, address_size) + user_block, path);
    const auto object = heap.objects.find(little_endian(c + 4 + address_size, 4));
    if (object == heap.objects.end() || length > object->second.second) damaged(path, "a text missing from its heap");
    out.emplace_back(reinterpret_cast<const char*>(heap.bytes.data()) + object->second.first, to_size(length));
  }
  return out;
}

void Hdf5Reader::File::check_every_heap(const std::string& path) const {
  if (every_heap_checked) return;
  // A collection starts with "GCOL", version 1 and three zero bytes; text never holds NUL bytes.
  static constexpr std::string_view signature{"GCOL\x01\0\0\0", 8};
  const std::vector<unsigned char> all = file_bytes(0, to_size(size), path);
  const std::string_view bytes(reinterpret_cast<const char*>(all.data()), all.size());
  for (std::size_t at = bytes.find(signature); at != std::string_view::npos; at = bytes.find(signature, at + 1)) {
    const HeapCollection& heap = collection(at, path);
    at += heap.bytes.size() - 1;  // what lies inside a collection is its objects' bytes
  }
  every_heap_checked = true;
}

Hdf5Reader::Hdf5Reader(const std::filesystem::path& file, const std::string& kind) : file_(std::make_unique<File>()) {
  skip_library_teardown();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  file_->name = file.string();
  file_->kind = kind;
  // A file to read is an input: what is wrong with it is an input error (exit code 3).
  const SourceLocation where{file.string(), 0, 0};
  std::string reason;
  if (path_kind(file, &reason) != PathKind::file) {
    throw InputError(where, "", fmt::format("expected a regular file (a {}), found none{}", kind,
                                            reason.empty() ? "" : " (" + reason + ")"));
  }
  const hid_t id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    throw InputError(where, "", fmt::format("is not an HDF5 file (a regsim {}): {}", kind, hdf5_error_text()));
  }
  file_->file = Handle(id, H5Fclose);
  std::error_code ignored;
  file_->size = std::filesystem::file_size(file, ignored);
  Handle creation(file_->id(H5Fget_create_plist(id), ""), H5Pclose);
  file_->ok(H5Pget_sizes(creation.get(), &file_->address_size, &file_->length_size), "");
  file_->ok(H5Pget_userblock(creation.get(), &file_->user_block), "");
  if (file_->address_size == 0 || file_->address_size > 8 || file_->length_size == 0 || file_->length_size > 8) {
    file_->damaged("", "its superblock's address sizes");
  }
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
    if (length < 0 || to_size(length) > file_->size) file_->damaged(group, "a member's name");
    std::string name(to_size(length), '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name.data(), to_size(length) + 1, H5P_DEFAULT);
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
  if (H5Tget_class(stored.get()) != H5T_STRING) file_->damaged(what, "expected text");
  Handle space(file_->id(H5Aget_space(attr.get()), what), H5Sclose);
  if (H5Sget_simple_extent_npoints(space.get()) != 1) file_->damaged(what, "expected one value");
  if (H5Tis_variable_str(stored.get()) > 0) {  // format 1 wrote variable-length attributes
    file_->check_every_heap(what);
    Handle type = utf8_string_type(what);
    char* value = nullptr;
    file_->ok(H5Aread(attr.get(), type.get(), &value), what);
    std::string text = value != nullptr ? value : "";
    file_->ok(H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, &value), what);
    return text;
  }
  const std::size_t width = file_->text_width(stored, what, 1);
  Handle type = utf8_fixed_type(width, what);
  std::string text(width, '\0');
  file_->ok(H5Aread(attr.get(), type.get(), text.data()), what);
  return text.substr(0, text.find('\0'));
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
  std::vector<hsize_t> dims(to_size(rank));
  file_->ok(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), dataset);
  return {dims.begin(), dims.end()};
}

std::vector<std::string> Hdf5Reader::texts(const std::string& dataset) const {
  Handle set = file_->open_dataset(dataset);
  file_->expect_type(set, dataset, true);
  const std::size_t count = file_->count(set, dataset, 1);
  if (count == 0) return {};
  return file_->heap_texts(set, dataset, count);
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
