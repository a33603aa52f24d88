#include "iomodel/sector_columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "iomodel/table_reader.hpp"

namespace regsim {

using table_files::in_quotes;

SectorColumns read_sector_columns(const std::filesystem::path& path, const std::vector<Sector>& sectors,
                                  const char* noun, Diagnostics& diagnostics) {
  const CsvFile file = read_csv(path);
  SectorColumns out{path, {}, {}, std::vector<SourceLocation>(sectors.size(), SourceLocation{path.string(), 0, 0}), {}};
  const auto n = std::ssize(sectors);
  if (file.rows.empty()) {
    diagnostics.add({file.path, 0, 0}, "", fmt::format("the file is empty: expected a header `code,<{}>,…`", noun));
    out.values = Eigen::MatrixXd::Zero(n, 0);
    return out;
  }
  const auto& header = file.rows[0];
  if (trim(header[0].text) != "code") {
    diagnostics.add(file.location_of(header[0]), "header",
                    fmt::format("expected the first column to be \"code\", found {}", in_quotes(trim(header[0].text))));
  }
  std::set<std::string> names;
  for (std::size_t j = 1; j < header.size(); ++j) {
    const std::string name{trim(header[j].text)};
    if (name.empty() || !names.insert(name).second) {
      diagnostics.add(file.location_of(header[j]), "header",
                      name.empty() ? fmt::format("expected the name of a {}, found an empty cell", noun)
                                   : fmt::format("{} {} appears twice", noun, in_quotes(name)));
    }
    out.names.push_back(name);
    out.name_where.push_back(file.location_of(header[j]));
  }
  out.values = Eigen::MatrixXd::Zero(n, std::ssize(out.names));
  std::vector<std::string> codes;
  for (const auto& s : sectors) codes.push_back(s.code);
  std::map<std::string, std::size_t> seen;
  for (std::size_t r = 1; r < file.rows.size(); ++r) {
    const auto& row = file.rows[r];
    const std::string code{trim(row[0].text)};
    const SourceLocation where = file.location_of(row[0]);
    const auto index = std::find(codes.begin(), codes.end(), code);
    if (index == codes.end()) {
      diagnostics.add(where, fmt::format("row {}", in_quotes(code)),
                      fmt::format("unknown sector code{}", did_you_mean(code, codes)));
      continue;
    }
    if (const auto [first, inserted] = seen.emplace(code, where.line); !inserted) {
      diagnostics.add(where, fmt::format("row {}", in_quotes(code)),
                      fmt::format("appears twice (first on line {})", first->second));
      continue;
    }
    if (row.size() != header.size()) {
      diagnostics.add(where, fmt::format("row {}", in_quotes(code)),
                      fmt::format("expected {} cells like the header, found {}", header.size(), row.size()));
      continue;
    }
    const Index i = index - codes.begin();
    at(out.row_where, i) = where;
    for (std::size_t j = 1; j < row.size(); ++j) {
      const auto value = parse_number(row[j].text);
      if (!value) {
        diagnostics.add(file.location_of(row[j]),
                        fmt::format("row {}, column {}", in_quotes(code), in_quotes(trim(header[j].text))),
                        fmt::format("expected a number, found {}", in_quotes(trim(row[j].text))));
        continue;
      }
      out.values(i, to_index(j - 1)) = *value;
    }
  }
  for (const auto& code : codes) {
    if (!seen.contains(code)) diagnostics.add({file.path, 0, 0}, "", fmt::format("no row for sector {}", in_quotes(code)));
  }
  return out;
}

}  // namespace regsim
