#include "core/file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "core/error.hpp"

namespace regsim {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path temporary = path;
  temporary += ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw OutputError(fmt::format("cannot write \"{}\"", path.string()));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw OutputError(fmt::format("cannot write \"{}\": {}", path.string(), error.message()));
  }
}

}  // namespace regsim
