// Field readers shared by the section readers (section_readers.hpp).

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/file.hpp"
#include "core/text.hpp"
#include "scenario/section_readers.hpp"
#include "scenario/yaml_tree.hpp"

namespace regsim {

using yaml::Node;

// Paths resolve against the folder of the file that wrote them (which, after `extends`, may
// not be the scenario being run).
std::filesystem::path resolve_file(yaml::Reader& reader, const Node& node, const std::string& path) {
  if (!node.IsDefined()) return {};  // a missing required key was reported already
  const auto text = reader.string(node, path);
  if (!text) return {};
  const std::filesystem::path folder = std::filesystem::path(node.location().file).parent_path();
  std::filesystem::path resolved = (folder / *text).lexically_normal();
  std::string reason;
  if (path_kind(resolved, &reason) != PathKind::file) {
    reader.error(node, path,
                 fmt::format("expected an existing file (relative to the scenario), found no file at {}{}",
                             quoted_excerpt(resolved.string(), 240), reason.empty() ? "" : " (" + reason + ")"));
    return {};
  }
  return resolved;
}

TimeSpec read_time(yaml::Reader& reader, const Node& node) {
  TimeSpec time;
  const std::string path = "time";
  if (!reader.expect_map(node, path, {"start", "end", "report"})) return time;
  const auto start = reader.date(reader.child(node, "start", path, true), "time.start");
  const auto end = reader.date(reader.child(node, "end", path, true), "time.end");
  if (start) time.start = *start;
  if (end) time.end = *end;
  if (start && end && *end < *start) {
    reader.error(
        reader.child(node, "end", path, false), "time.end",
        fmt::format("expected a date on or after time.start ({}), found {}", start->to_string(), end->to_string()));
  }
  const Node report = reader.child(node, "report", path, false);
  if (report.IsDefined()) {
    static const std::vector<std::string> options(report_frequency_names.begin(), report_frequency_names.end());
    if (const auto value = reader.choice(report, "time.report", options)) {
      const auto index = std::find(options.begin(), options.end(), *value) - options.begin();
      time.report = enumerator<ReportFrequency>(index);
    }
  }
  return time;
}

std::vector<SectorShare> read_sectors(yaml::Reader& reader, const Node& node, const std::string& path) {
  std::vector<SectorShare> shares;
  if (node.IsScalar()) {
    shares.push_back({node.Scalar(), 1.0, reader.where(node)});
    return shares;
  }
  if (!node.IsMap() || node.size() == 0) {
    reader.error(node, path, "expected a sector code or a map of sector code to share");
    return shares;
  }
  double total = 0.0;
  bool numbers_ok = true;
  for (const auto& entry : node) {
    const std::string code = entry.first.Scalar();
    const auto share = reader.number(entry.second, yaml::join_path(path, code));
    if (!share) {
      numbers_ok = false;
      continue;
    }
    if (*share <= 0.0) {
      reader.error(entry.second, yaml::join_path(path, code),
                   fmt::format("expected a share above 0, found {}", *share));
      numbers_ok = false;
      continue;
    }
    total += *share;
    shares.push_back({code, *share, reader.where(entry.first)});
  }
  if (numbers_ok && std::abs(total - 1.0) > 1e-9) {
    reader.error(node, path, fmt::format("expected shares summing to 1, found a sum of {:.6g}", total));
  }
  return shares;
}

std::vector<SectorShare> read_terms(yaml::Reader& reader, const Node& node, const std::string& path) {
  std::vector<SectorShare> terms;
  if (auto names = reader.string_list(node, path)) {
    for (std::size_t i = 0; i < names->size(); ++i) {
      const Node& term = node.IsSequence() ? node[i] : node;
      terms.push_back({(*names)[i], 1.0, reader.where(term)});
    }
  }
  return terms;
}

void check_within(yaml::Reader& reader, const Node& node, const std::string& path, Date date, const Horizon& horizon) {
  if (horizon.known && (date < horizon.time.start || date > horizon.time.end)) {
    reader.error(node, path,
                 fmt::format("expected a date within the horizon {} to {}, found {}", horizon.time.start.to_string(),
                             horizon.time.end.to_string(), date.to_string()));
  }
}

std::pair<Date, Date> read_window(yaml::Reader& reader, const Node& map, const std::string& path,
                                  const Horizon& horizon, bool to_required) {
  const Node from = reader.child(map, "from", path, true);
  const Node to = reader.child(map, "to", path, to_required);
  const auto from_date = from.IsDefined() ? reader.date(from, path + ".from") : std::nullopt;
  const auto to_date = to.IsDefined() ? reader.date(to, path + ".to") : std::optional<Date>(horizon.time.end);
  if (from_date) check_within(reader, from, path + ".from", *from_date, horizon);
  if (to.IsDefined() && to_date && from_date) {
    if (*to_date < *from_date) {
      reader.error(
          to, path + ".to",
          fmt::format("expected a date on or after from ({}), found {}", from_date->to_string(), to_date->to_string()));
    } else {
      check_within(reader, to, path + ".to", *to_date, horizon);
    }
  }
  return {from_date.value_or(Date{}), to_date.value_or(Date{})};
}

std::optional<FinalDemand> read_category(yaml::Reader& reader, const Node& node, const std::string& path) {
  static const std::vector<std::string> categories(final_demand_names.begin(), final_demand_names.end());
  const auto value = reader.choice(node, path, categories);
  if (!value) return std::nullopt;
  return enumerator<FinalDemand>(std::find(categories.begin(), categories.end(), *value) - categories.begin());
}

std::optional<int> read_days(yaml::Reader& reader, const Node& node, const std::string& path) {
  if (node.IsScalar()) {
    std::string text{trim(node.Scalar())};
    if (!text.empty() && text.back() == 'd') text.pop_back();
    const auto value = parse_number(text);
    if (value && *value >= 0 && *value <= 36500 && *value == as_real(whole_part<int>(*value))) {
      return whole_part<int>(*value);
    }
  }
  reader.error(node, path,
               fmt::format("expected a number of days such as 180d, found {}",
                           node.IsScalar() ? quoted_excerpt(node.Scalar()) : std::string("no text value")));
  return std::nullopt;
}

std::optional<double> read_growth(yaml::Reader& reader, const Node& node, const std::string& path) {
  const auto value = reader.number(node, path);
  if (value && *value <= -1.0) {
    reader.error(node, path, fmt::format("expected an annual growth rate above -1 (0.05 is +5 %), found {}", *value));
    return std::nullopt;
  }
  if (value && *value > 10.0) {
    reader.error(node, path, fmt::format("expected an annual growth rate of at most 10 (+1000 %), found {:g}", *value));
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_threshold(yaml::Reader& reader, const Node& node, const std::string& path) {
  const auto value = reader.number(node, path);
  if (value && (*value <= 0.0 || *value >= 1.0)) {
    reader.error(node, path,
                 fmt::format("expected a coefficient threshold between 0 and 1 (exclusive), found {}", *value));
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_money(yaml::Reader& reader, const Node& node, const std::string& path, bool positive,
                                 const char* what) {
  const auto value = reader.number(node, path);
  if (!value) return std::nullopt;
  if (positive && *value <= 0.0) {
    reader.error(node, path, fmt::format("expected {} above 0, found {}", what, *value));
    return std::nullopt;
  }
  if (std::abs(*value) > money_limit) {
    reader.error(node, path,
                 fmt::format("expected {} of at most {:g} in magnitude (in the table's unit), found {:g}", what,
                             money_limit, *value));
    return std::nullopt;
  }
  return value;
}

std::optional<int> read_base_year(yaml::Reader& reader, const Node& node, const std::string& path) {
  const auto value = reader.integer(node, path);
  if (!value) return std::nullopt;
  if (*value < 1900 || *value > 2200) {
    reader.error(node, path, fmt::format("expected a year between 1900 and 2200, found {}", *value));
    return std::nullopt;
  }
  return narrow<int>(*value);
}

std::optional<double> read_bounded(yaml::Reader& reader, const Node& node, const std::string& path, double low,
                                   double high, const char* what) {
  const auto value = reader.number(node, path);
  if (value && (*value < low || *value > high)) {
    reader.error(node, path, fmt::format("expected {} from {:g} to {:g}, found {:g}", what, low, high, *value));
    return std::nullopt;
  }
  return value;
}

void read_labels(yaml::Reader& reader, const yaml::Node& node, const std::string& path, std::string& en,
                 std::string& zh) {
  if (node.IsScalar()) {
    en = node.Scalar();
    return;
  }
  if (!reader.expect_map(node, path, {"en", "zh"})) return;
  if (const yaml::Node text = reader.child(node, "en", path, false); text.IsDefined()) {
    if (auto value = reader.string(text, path + ".en")) en = *value;
  }
  if (const yaml::Node text = reader.child(node, "zh", path, false); text.IsDefined()) {
    if (auto value = reader.string(text, path + ".zh")) zh = *value;
  }
}

bool is_simple_name(const std::string& name) {
  return !name.empty() &&
         std::all_of(name.begin(), name.end(), [](char c) { return is_ascii_alnum(c) || c == '-' || c == '_'; });
}

}  // namespace regsim
