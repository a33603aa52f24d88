#pragma once

// Private to sim/output: checked HDF5 calls and owning handles, shared by the writer and reader.

#include <fmt/format.h>
#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/index.hpp"

namespace regsim::hdf5 {

// ---- the library ----------------------------------------------------------------------------------

/// Called before HDF5's first use: the library is not torn down at exit (H5_term_library, 2 % of
/// a small run's instructions, freeing what the process's end frees anyway). Every file regsim
/// opens is closed by its owner before; a run file is complete only once renamed. Later calls
/// do nothing.
inline void skip_library_teardown() {
  (void)H5dont_atexit();
}

// ---- error handling: HDF5's error stack becomes the OutputError's text ---------------------------

inline herr_t collect_error(unsigned depth, const H5E_error2_t* error, void* text) {
  auto& out = *static_cast<std::string*>(text);
  if (depth == 0 && error->desc != nullptr) out = error->desc;  // the innermost, most specific cause
  return 0;
}

inline std::string hdf5_error_text() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &text);
  H5Eclear2(H5E_DEFAULT);
  return text.empty() ? "unknown HDF5 error" : text;
}

[[noreturn]] inline void fail(const std::string& what) {
  throw OutputError(fmt::format("{}: {}", what, hdf5_error_text()));
}

inline hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}

inline void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

/// Owns one HDF5 identifier and closes it with the matching function.
class Handle {
public:
  Handle() = default;
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      close_ = other.close_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  [[nodiscard]] hid_t get() const { return id_; }
  /// Gives up ownership: the caller closes it (and sees whether closing failed).
  [[nodiscard]] hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }
  void reset() {
    if (id_ >= 0 && close_ != nullptr) close_(id_);
    id_ = H5I_INVALID_HID;
  }

private:
  hid_t id_ = H5I_INVALID_HID;
  herr_t (*close_)(hid_t) = nullptr;
};

inline Handle dataspace(const std::vector<hsize_t>& dims, const std::string& what) {
  if (dims.empty()) return {check_id(H5Screate(H5S_SCALAR), what), H5Sclose};
  return {check_id(H5Screate_simple(narrow<int>(dims.size()), dims.data(), nullptr), what), H5Sclose};
}

/// Variable-length UTF-8 text: how format-1 run files stored text (read for them only).
inline Handle utf8_string_type(const std::string& what) {
  Handle type(check_id(H5Tcopy(H5T_C_S1), what), H5Tclose);
  check(H5Tset_size(type.get(), H5T_VARIABLE), what);
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  return type;
}

/// UTF-8 text of `bytes` bytes (at least one), padded with NULs. Fixed-length text lives in the
/// object headers and datasets, whose bytes the file's checksums cover; variable-length text lives
/// in HDF5's global heap, which has none, and a damaged heap made libhdf5 read out of bounds.
inline Handle utf8_fixed_type(std::size_t bytes, const std::string& what) {
  Handle type(check_id(H5Tcopy(H5T_C_S1), what), H5Tclose);
  check(H5Tset_size(type.get(), bytes == 0 ? 1 : bytes), what);
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what);
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  return type;
}

}  // namespace regsim::hdf5
