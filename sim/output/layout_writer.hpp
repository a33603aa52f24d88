#pragma once

// Writing datasets the run-file layout declares (output/run_layout.hpp): every group, name and
// dimension comes from a layout::Entry, so a file cannot drift from the layout. Used by
// run_file.cpp and by modules that add a group to a run file (the ensemble).

#include <Eigen/Core>
#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "hdf5/hdf5_writer.hpp"
#include "output/run_layout.hpp"

namespace regsim {

/// A dense vector or matrix's values, in its storage order (row-major matrices for variables).
template <class Derived>
std::span<const double> values_of(const Eigen::PlainObjectBase<Derived>& m) {
  return {m.data(), to_size(m.size())};
}

/// The attributes of every `year` coordinate.
inline const TextAttributes year_attributes{{"long_name", "calendar year (the first is the table's base year)"}};

/// Writes datasets through layout entries.
class LayoutWriter {
public:
  explicit LayoutWriter(Hdf5Writer& w) : w_(w) {}

  template <class Values>
  void coordinate(const layout::Entry& e, const Values& values, const TextAttributes& attributes = {}) {
    w_.coordinate(std::string(e.group), std::string(e.names[0]), values, attributes);
  }
  template <class T>
  void variable(const layout::Entry& e, std::string_view name, std::span<const T> values,
                const TextAttributes& attributes = {}) {
    w_.variable(std::string(e.group), named(e, name), e.dimensions(), values, attributes);
  }
  void texts(const layout::Entry& e, std::string_view name, std::span<const std::string> values,
             const TextAttributes& attributes = {}) {
    w_.variable(std::string(e.group), named(e, name), e.dimensions().at(0), values, attributes);
  }
  template <class T>
  void attribute(const layout::Entry& e, const std::string& name, const T& value) {
    w_.attribute(std::string(e.group), name, value);
  }
  Hdf5Writer& file() { return w_; }

private:
  // A fixed name must be one of the entry's; a family (`<q>`) takes any.
  static std::string named(const layout::Entry& e, std::string_view name) {
    if (e.names[0].starts_with('<')) return std::string(name);
    if (std::find(e.names.begin(), e.names.end(), name) == e.names.end()) {
      throw std::logic_error(fmt::format("{} is not declared in run_layout.hpp", e.path(name)));
    }
    return std::string(name);
  }
  Hdf5Writer& w_;
};

}  // namespace regsim
