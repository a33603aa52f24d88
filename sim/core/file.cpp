#include "core/file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace regsim {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path temporary = path;
  temporary += ".part";
  const TemporaryFileGuard interrupted(temporary);
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

void refuse_to_overwrite_inputs(const std::filesystem::path& output, const std::vector<std::filesystem::path>& inputs,
                                const std::string& option) {
  std::error_code error;
  if (!std::filesystem::exists(output, error)) return;  // nothing there yet, so nothing to lose
  for (const auto& input : inputs) {
    if (input.empty() || !std::filesystem::equivalent(output, input, error)) continue;
    const std::string same = input == output ? "" : fmt::format(" the same file as \"{}\",", input.string());
    throw InputError(
        SourceLocation{}, option,
        fmt::format("\"{}\" is{} an input of this command; write the output to another file", output.string(), same));
  }
}

}  // namespace regsim
