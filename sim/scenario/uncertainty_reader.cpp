// `uncertainty:` (docs/ensembles.md): draws, sampling, parameters resolved against the scenario's
// events and trends, correlations.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/text.hpp"
#include "scenario/parameter_paths.hpp"
#include "scenario/section_readers.hpp"

namespace regsim {

using yaml::Node;

namespace {

/// The most draws an ensemble takes: each keeps its indicators and yearly sector values in memory.
constexpr long long max_draws = 1'000'000;

/// A number of days, signed (`-30d`, `180d`, `45`), for the distributions of shifts.
std::optional<double> read_signed_days(yaml::Reader& reader, const Node& node, const std::string& path) {
  if (node.IsScalar()) {
    std::string text{trim(node.Scalar())};
    if (!text.empty() && text.back() == 'd') text.pop_back();
    if (const auto value = parse_number(text); value && std::abs(*value) <= 36500.0) return *value;
  }
  reader.error(node, path,
               fmt::format("expected a number of days such as -30d or 180d (at most 36500 either way), found {}",
                           node.IsScalar() ? quoted_excerpt(node.Scalar()) : std::string("no text value")));
  return std::nullopt;
}

/// A distribution parameter: days for a shift, a plain finite number otherwise.
std::optional<double> read_parameter(yaml::Reader& reader, const Node& node, const std::string& path, bool days) {
  if (days) return read_signed_days(reader, node, path);
  const auto value = reader.number(node, path);
  if (value && std::abs(*value) > money_limit) {
    reader.error(node, path, fmt::format("expected a number of magnitude at most {:g}, found {:g}", money_limit, *value));
    return std::nullopt;
  }
  return value;
}

/// `[a, b]` or `[a, mode, b]`: exactly `count` numbers in increasing order (the mode may equal an end).
std::optional<std::vector<double>> read_bounds(yaml::Reader& reader, const Node& node, const std::string& path,
                                               std::size_t count, bool days, const char* shape) {
  if (!node.IsSequence() || node.size() != count) {
    reader.error(node, path, fmt::format("expected {}", shape));
    return std::nullopt;
  }
  std::vector<double> values;
  for (std::size_t i = 0; i < count; ++i) {
    const auto v = read_parameter(reader, node[i], fmt::format("{}[{}]", path, i), days);
    if (!v) return std::nullopt;
    values.push_back(*v);
  }
  if (values.back() <= values.front() || !std::is_sorted(values.begin(), values.end())) {
    reader.error(node, path, fmt::format("expected {} in increasing order, the last above the first", shape));
    return std::nullopt;
  }
  return values;
}

/// `normal` under {...}: its parameters, checked.
std::optional<DistributionSpec> read_normal(yaml::Reader& reader, const Node& body, const std::string& at, bool days) {
  DistributionSpec d;
  d.kind = DistributionKind::normal;
  if (!reader.expect_map(body, at, {"mean", "sd", "min", "max"})) return std::nullopt;
  const auto mean = read_parameter(reader, reader.child(body, "mean", at, true), at + ".mean", days);
  const auto sd = read_parameter(reader, reader.child(body, "sd", at, true), at + ".sd", days);
  if (!mean || !sd) return std::nullopt;
  if (*sd <= 0.0) {
    reader.error(reader.child(body, "sd", at, false), at + ".sd",
                 fmt::format("expected a standard deviation above 0, found {:g}", *sd));
    return std::nullopt;
  }
  d.mean = *mean;
  d.spread = *sd;
  d.low = -std::numeric_limits<double>::infinity();
  d.high = std::numeric_limits<double>::infinity();
  if (const Node min = reader.child(body, "min", at, false); min.IsDefined()) {
    const auto v = read_parameter(reader, min, at + ".min", days);
    if (!v) return std::nullopt;
    d.low = *v;
  }
  if (const Node max = reader.child(body, "max", at, false); max.IsDefined()) {
    const auto v = read_parameter(reader, max, at + ".max", days);
    if (!v) return std::nullopt;
    d.high = *v;
  }
  // Truncation far out in a tail leaves no probability to sample from.
  if (d.high <= d.low || d.high < d.mean - 8.0 * d.spread || d.low > d.mean + 8.0 * d.spread) {
    reader.error(body, at,
                 fmt::format("expected min below max with some probability between them (within 8 sd of the "
                             "mean), found [{:g}, {:g}] around mean {:g}, sd {:g}",
                             d.low, d.high, d.mean, d.spread));
    return std::nullopt;
  }
  return d;
}

/// `lognormal` under {...}: its parameters, checked.
std::optional<DistributionSpec> read_lognormal(yaml::Reader& reader, const Node& body, const std::string& at,
                                               bool days) {
  DistributionSpec d;
  d.kind = DistributionKind::lognormal;
  if (!reader.expect_map(body, at, {"median", "sigma"})) return std::nullopt;
  const Node median_node = reader.child(body, "median", at, true);
  const Node sigma_node = reader.child(body, "sigma", at, true);
  const auto median = read_parameter(reader, median_node, at + ".median", days);
  const auto sigma = reader.number(sigma_node, at + ".sigma");
  if (!median || !sigma) return std::nullopt;
  if (*median <= 0.0) {
    reader.error(median_node, at + ".median", fmt::format("expected a median above 0, found {:g}", *median));
    return std::nullopt;
  }
  if (*sigma <= 0.0 || *sigma > 5.0) {
    reader.error(sigma_node, at + ".sigma",
                 fmt::format("expected sigma (of the logarithm) above 0 and at most 5, found {:g}", *sigma));
    return std::nullopt;
  }
  d.mean = *median;
  d.spread = *sigma;
  return d;
}

/// `discrete` under {...}: its parameters, checked.
std::optional<DistributionSpec> read_discrete(yaml::Reader& reader, const Node& body, const std::string& at,
                                              bool days) {
  DistributionSpec d;
  d.kind = DistributionKind::discrete;
  if (!reader.expect_map(body, at, {"values", "weights"})) return std::nullopt;
  const Node values = reader.child(body, "values", at, true);
  const Node weights = reader.child(body, "weights", at, false);
  if (!values.IsDefined()) return std::nullopt;
  if (!values.IsSequence() || values.size() == 0) {
    reader.error(values, at + ".values", "expected a list of at least one value");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto v = read_parameter(reader, values[i], fmt::format("{}.values[{}]", at, i), days);
    if (!v) return std::nullopt;
    d.values.push_back(*v);
  }
  if (!weights.IsDefined()) {
    d.weights.assign(d.values.size(), 1.0 / as_real(d.values.size()));
    return d;
  }
  if (!weights.IsSequence() || weights.size() != values.size()) {
    reader.error(weights, at + ".weights", fmt::format("expected {} weights, one per value", values.size()));
    return std::nullopt;
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const std::string wpath = fmt::format("{}.weights[{}]", at, i);
    const auto w = reader.number(weights[i], wpath);
    if (!w) return std::nullopt;
    if (*w < 0.0 || !std::isfinite(*w)) {
      reader.error(weights[i], wpath, fmt::format("expected a weight of at least 0, found {:g}", *w));
      return std::nullopt;
    }
    d.weights.push_back(*w);
    sum += *w;
  }
  if (sum <= 0.0) {
    reader.error(weights, at + ".weights", "expected weights with a positive sum");
    return std::nullopt;
  }
  for (double& w : d.weights) w /= sum;
  return d;
}

std::optional<DistributionSpec> read_distribution(yaml::Reader& reader, const Node& node, const std::string& path,
                                                  bool days) {
  static const std::vector<std::string> kinds(distribution_names.begin(), distribution_names.end());
  const std::string expected =
      "expected one distribution: {uniform: [low, high]}, {triangular: [low, mode, high]}, {normal: {mean, sd}}, "
      "{lognormal: {median, sigma}} or {discrete: {values, weights}}";
  if (!node.IsMap() || node.size() != 1) {
    reader.error(node, path, expected);
    return std::nullopt;
  }
  if (!reader.expect_map(node, path, kinds)) return std::nullopt;
  const std::string name = node.begin()->first.Scalar();
  const Node body = node.begin()->second;
  const std::string at = yaml::join_path(path, name);
  DistributionSpec d;
  d.kind = enumerator<DistributionKind>(std::find(kinds.begin(), kinds.end(), name) - kinds.begin());
  switch (d.kind) {
    case DistributionKind::uniform: {
      const auto b = read_bounds(reader, body, at, 2, days, "[low, high]");
      if (!b) return std::nullopt;
      d.low = (*b)[0];
      d.high = (*b)[1];
      return d;
    }
    case DistributionKind::triangular: {
      const auto b = read_bounds(reader, body, at, 3, days, "[low, mode, high]");
      if (!b) return std::nullopt;
      d.low = (*b)[0];
      d.mode = (*b)[1];
      d.high = (*b)[2];
      return d;
    }
    case DistributionKind::normal:
      return read_normal(reader, body, at, days);
    case DistributionKind::lognormal:
      return read_lognormal(reader, body, at, days);
    case DistributionKind::discrete:
      return read_discrete(reader, body, at, days);
  }
  return std::nullopt;
}

const char* type_word(FieldType type) { return type == FieldType::date ? "a date" : "a number"; }

/// The concrete fields `parameter.path` names, of the type its action needs.
std::vector<std::string> resolve_fields(yaml::Reader& reader, const Node& path_node, const std::string& at,
                                        const UncertainParameter& parameter, const Scenario& scenario,
                                        const std::vector<DrawablePath>& drawable, Diagnostics& warnings) {
  const std::string& pattern = parameter.path;
  if (pattern.starts_with("economy.")) {
    reader.error(path_node, at,
                 "the economy's table is read from files, so its regionalization is fixed; draw δ by building "
                 "tables with regsim build-table and running each (docs/ensembles.md, \"Paths\")");
    return {};
  }
  if (!pattern.starts_with("events.") && !pattern.starts_with("trends.")) {
    reader.error(path_node, at,
                 fmt::format("expected events.<id>.<field> or trends.<category>[.sectors.<code>], found {}",
                             quoted_excerpt(pattern)));
    return {};
  }
  const FieldType wanted = parameter.action == ParameterAction::shift ? FieldType::date : FieldType::number;
  std::vector<std::string> fields;
  std::vector<std::string> wrong_type;
  std::vector<std::string> candidates;
  for (const DrawablePath& d : drawable) {
    candidates.push_back(d.path);
    if (!matches_pattern(pattern, d.path)) continue;
    if (!parameter.kind.empty() && d.field != DrawableField::trend_rate && d.field != DrawableField::trend_sector &&
        event_kind(scenario.events[d.index]) != parameter.kind) {
      continue;
    }
    if (d.type == wanted) {
      fields.push_back(d.path);
    } else {
      wrong_type.push_back(d.path);
    }
  }
  if (!fields.empty()) return fields;
  const char* action = name_in(parameter_action_names, parameter.action).data();
  if (!wrong_type.empty()) {
    reader.error(path_node, at,
                 fmt::format("{} {}: {} is {}, so it takes {}", action,
                             wanted == FieldType::date ? "moves dates" : "changes numbers", wrong_type.front(),
                             type_word(wanted == FieldType::date ? FieldType::number : FieldType::date),
                             wanted == FieldType::date ? "scale or value" : "shift"));
    return {};
  }
  if (pattern.find('*') != std::string::npos) {
    // A pattern may match nothing in a scenario that extends this one and removes events.
    warnings.add(reader.where(path_node), at,
                fmt::format("{} matches no field of this scenario{}, so it draws nothing", quoted_excerpt(pattern),
                            parameter.kind.empty() ? "" : fmt::format(" (in events of kind {})", parameter.kind)));
    return {};
  }
  reader.error(path_node, at,
               fmt::format("expected a path of a field this scenario has{}, found {}{}",
                           parameter.kind.empty() ? "" : fmt::format(" (in events of kind {})", parameter.kind),
                           quoted_excerpt(pattern), did_you_mean(pattern, candidates)));
  return {};
}

/// `uncertainty:`'s design: draws, seed, sampling and sensitivity.
void read_design(yaml::Reader& reader, const Node& node, UncertaintySpec& spec) {
  const std::string key = "uncertainty";
  if (const Node draws = reader.child(node, "draws", key, false); draws.IsDefined()) {
    if (const auto n = reader.integer(draws, "uncertainty.draws")) {
      if (*n < 2 || *n > max_draws) {
        reader.error(draws, "uncertainty.draws", fmt::format("expected from 2 to {} draws, found {}", max_draws, *n));
      } else {
        spec.draws = *n;
      }
    }
  }
  if (const Node seed = reader.child(node, "seed", key, false); seed.IsDefined()) {
    if (const auto s = reader.integer(seed, "uncertainty.seed")) {
      if (*s < 0) {
        reader.error(seed, "uncertainty.seed", fmt::format("expected a whole number of at least 0, found {}", *s));
      } else {
        spec.seed = narrow<std::uint64_t>(*s);
      }
    }
  }
  if (const Node sampling = reader.child(node, "sampling", key, false); sampling.IsDefined()) {
    static const std::vector<std::string> options(sampling_names.begin(), sampling_names.end());
    if (const auto v = reader.choice(sampling, "uncertainty.sampling", options)) {
      spec.sampling = enumerator<Sampling>(std::find(options.begin(), options.end(), *v) - options.begin());
    }
  }
  if (const Node sensitivity = reader.child(node, "sensitivity", key, false); sensitivity.IsDefined()) {
    static const std::vector<std::string> options(sensitivity_names.begin(), sensitivity_names.end());
    if (const auto v = reader.choice(sensitivity, "uncertainty.sensitivity", options)) {
      spec.sensitivity = enumerator<SensitivityMethod>(std::find(options.begin(), options.end(), *v) - options.begin());
    }
  }
}

/// One item of `uncertainty.parameters`, added to `spec` when it draws a field; a field drawn twice is refused.
void read_uncertain_parameter(yaml::Reader& reader, const Node& item, const std::string& at, const Scenario& scenario,
                              const std::vector<DrawablePath>& drawable, UncertaintySpec& spec, Diagnostics& warnings) {
  static const std::vector<std::string> actions(parameter_action_names.begin(), parameter_action_names.end());
  UncertainParameter parameter;
  parameter.where = reader.where(item);
  std::vector<std::string> given;
  for (const std::string& a : actions) {
    if (reader.child(item, a, at, false).IsDefined()) given.push_back(a);
  }
  if (given.size() != 1) {
    reader.error(item, at,
                 fmt::format("expected exactly one of shift (dates, in days), scale (a factor) or value, found {}",
                             given.empty() ? std::string("none") : join(given, " and ")));
    return;
  }
  parameter.action = enumerator<ParameterAction>(std::find(actions.begin(), actions.end(), given[0]) - actions.begin());
  const Node path_node = reader.child(item, "path", at, true);
  const auto path = path_node.IsDefined() ? reader.string(path_node, at + ".path") : std::nullopt;
  if (const Node where = reader.child(item, "where", at, false); where.IsDefined()) {
    if (reader.expect_map(where, at + ".where", {"kind"})) {
      if (const auto kind = reader.choice(reader.child(where, "kind", at + ".where", true), at + ".where.kind",
                                          {"demand", "project"})) {
        parameter.kind = *kind;
      }
    }
  }
  if (const Node clip = reader.child(item, "clip", at, false); clip.IsDefined()) {
    if (const auto v = reader.choice(clip, at + ".clip", {"true", "false"})) parameter.clip = *v == "true";
  }
  const auto distribution = read_distribution(reader, reader.child(item, given[0], at, true), at + "." + given[0],
                                              parameter.action == ParameterAction::shift);
  if (!path || !distribution) return;
  parameter.path = *path;
  parameter.distribution = *distribution;
  parameter.fields = resolve_fields(reader, path_node, at + ".path", parameter, scenario, drawable, warnings);
  for (const UncertainParameter& other : spec.parameters) {
    for (const std::string& field : parameter.fields) {
      if (std::find(other.fields.begin(), other.fields.end(), field) != other.fields.end()) {
        reader.error(path_node, at + ".path",
                     fmt::format("{} is already drawn by the parameter on line {}; draw each field once", field,
                                 other.where.line));
        return;
      }
    }
  }
  if (!parameter.fields.empty()) spec.parameters.push_back(std::move(parameter));
}

/// One item of `uncertainty.correlate`; a warning when its paths match fewer than two drawn fields.
void read_correlation(yaml::Reader& reader, const Node& item, const std::string& at, UncertaintySpec& spec,
                      Diagnostics& warnings) {
  ParameterCorrelation c;
  c.where = reader.where(item);
  const Node paths = reader.child(item, "paths", at, true);
  const Node rho = reader.child(item, "rho", at, true);
  if (paths.IsDefined()) {
    if (const auto list = reader.string_list(paths, at + ".paths")) c.paths = *list;
  }
  if (rho.IsDefined()) {
    if (const auto r = reader.number(rho, at + ".rho")) {
      if (*r <= -1.0 || *r >= 1.0) {
        reader.error(rho, at + ".rho", fmt::format("expected a correlation strictly between -1 and 1, found {:g}", *r));
      } else {
        c.rho = *r;
      }
    }
  }
  std::size_t matched = 0;
  for (const UncertainParameter& p : spec.parameters) {
    for (const std::string& field : p.fields) {
      for (const std::string& pattern : c.paths) matched += matches_pattern(pattern, field) ? 1 : 0;
    }
  }
  if (paths.IsDefined() && !c.paths.empty() && matched < 2) {
    warnings.add(reader.where(paths), at + ".paths",
                 fmt::format("{} match{} {} drawn field{}, so nothing is correlated", join(c.paths, ", "),
                             c.paths.size() == 1 ? "es" : "", matched, matched == 1 ? "" : "s"));
  }
  spec.correlate.push_back(std::move(c));
}

}  // namespace

UncertaintySpec read_uncertainty(yaml::Reader& reader, const Node& node, const Scenario& scenario) {
  UncertaintySpec spec;
  spec.where = reader.where(node);
  const std::string key = "uncertainty";
  if (!reader.expect_map(node, key, {"draws", "seed", "sampling", "sensitivity", "parameters", "correlate"})) {
    return spec;
  }
  read_design(reader, node, spec);

  const std::vector<DrawablePath> drawable = drawable_paths(scenario);
  Diagnostics warnings;
  const Node parameters = reader.child(node, "parameters", key, true);
  if (parameters.IsDefined() && parameters.IsSequence() && parameters.size() == 0) {
    reader.error(parameters, "uncertainty.parameters", "expected at least one parameter");
  }
  reader.each_item(parameters, "uncertainty.parameters", {"path", "shift", "scale", "value", "where", "clip"},
                   "expected a list of {path, shift | scale | value: {distribution}}",
                   [&](const Node& item, const std::string& at) {
                     read_uncertain_parameter(reader, item, at, scenario, drawable, spec, warnings);
                   });

  if (const Node correlate = reader.child(node, "correlate", key, false); correlate.IsDefined()) {
    reader.each_item(
        correlate, "uncertainty.correlate", {"paths", "rho"}, "expected a list of {paths, rho}",
        [&](const Node& item, const std::string& at) { read_correlation(reader, item, at, spec, warnings); });
  }
  if (spec.sensitivity == SensitivityMethod::sobol && !spec.correlate.empty()) {
    reader.error_at(spec.correlate.front().where, "uncertainty.correlate",
                    "Sobol indices assume independent parameters: remove correlate or use sensitivity: rank");
  }
  spec.warnings = warnings.items();
  return spec;
}

}  // namespace regsim
