#pragma once

// Private to sim/scenario: the readers of a scenario's sections (one file each: economy, events,
// goals, chains) and the field readers they share (field_readers.cpp). Each reports every problem
// through the yaml::Reader and returns what it could read.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "iomodel/table_spec.hpp"
#include "scenario/scenario.hpp"
#include "scenario/yaml_reader.hpp"

namespace regsim {

// --- Shared fields (field_readers.cpp) -------------------------------------------------------

/// The horizon event dates are checked against; `known` is false when `time` itself is broken.
struct Horizon {
  TimeSpec time;
  bool known = false;
};

/// A file named at `node`, resolved against the folder of the YAML file that names it; reported
/// (and empty) when there is no such file.
std::filesystem::path resolve_file(yaml::Reader& reader, const yaml::Node& node, const std::string& path);

/// `time: {start, end, report}`.
TimeSpec read_time(yaml::Reader& reader, const yaml::Node& node);
/// A sector code, or a map of sector code to share (shares above 0 summing to 1).
std::vector<SectorShare> read_sectors(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// A sector term or a list of them (codes, `group:` terms), each with weight 1.
std::vector<SectorShare> read_terms(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// Reports `date` when it falls outside a known horizon.
void check_within(yaml::Reader& reader, const yaml::Node& node, const std::string& path, Date date,
                  const Horizon& horizon);
/// `from` (required) and `to` (optional, inclusive; the horizon's end when absent) of a window.
std::pair<Date, Date> read_window(yaml::Reader& reader, const yaml::Node& map, const std::string& path,
                                  const Horizon& horizon, bool to_required);
/// One of the final-demand categories (household, government, gfcf, inventory, exports).
std::optional<FinalDemand> read_category(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// `180d` or `180`: a whole number of days, at least 0.
std::optional<int> read_days(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// An amount of money (or an annual one): a number of at most money_limit in magnitude, above 0
/// when `positive`. `what` names it in messages ("an amount", "an annual output").
std::optional<double> read_money(yaml::Reader& reader, const yaml::Node& node, const std::string& path, bool positive,
                                 const char* what);
/// A number from `low` to `high`, both included; `what` describes it in the message.
std::optional<double> read_bounded(yaml::Reader& reader, const yaml::Node& node, const std::string& path, double low,
                                   double high, const char* what);
/// A table's base year: a whole number from 1900 to 2200.
std::optional<int> read_base_year(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// An annual growth rate above -1.
std::optional<double> read_growth(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// A coefficient threshold strictly between 0 and 1.
std::optional<double> read_threshold(yaml::Reader& reader, const yaml::Node& node, const std::string& path);
/// `label: text` or `label: {en, zh}`: the names results show in each language.
void read_labels(yaml::Reader& reader, const yaml::Node& node, const std::string& path, std::string& en,
                 std::string& zh);
/// Names of events, indicators and chains label attribution rows and `--set` paths, so they stay
/// simple: letters, digits, '-' and '_'.
bool is_simple_name(const std::string& name);

/// The frame of a map of named records (`indicators:`, `chains:`): reports `node` with `expected`
/// unless it is a map, reports names written twice or not simple, then calls
/// `read(name_node, value, path)` for each record that is a map with keys among `keys`.
template <class Read>
void each_named(yaml::Reader& reader, const yaml::Node& node, const std::string& key,
                const std::vector<std::string>& keys, const std::string& expected, Read&& read) {
  if (!node.IsMap()) {
    reader.error(node, key, expected);
    return;
  }
  reader.expect_map(node, key, {});  // only to report names written twice
  for (const auto& [name, value] : node) {
    const std::string path = yaml::join_path(key, name.Scalar());
    if (!is_simple_name(name.Scalar())) {
      reader.error(name, path, "expected a name of letters, digits, '-' and '_' only");
      continue;
    }
    if (reader.expect_map(value, path, keys)) read(name, value, path);
  }
}

// --- Sections ------------------------------------------------------------------------------

/// The `economy:` block (docs/table-format.md) as a TableSpec (economy_reader.cpp).
TableSpec read_economy(yaml::Reader& reader, const yaml::Node& node);

/// `events:` (event_reader.cpp): demand events, projects and rules, in file order.
/// The keys of a `kind: price` event, and the event (price_reader.cpp).
const std::vector<std::string>& price_keys();
PriceEventSpec read_price(yaml::Reader& reader, const yaml::Node& item, const std::string& path, const Horizon& horizon);
std::vector<EventSpec> read_events(yaml::Reader& reader, const yaml::Node& node, const Horizon& horizon);
/// `kind: rule` (rule_reader.cpp): its keys and its reader.
const std::vector<std::string>& rule_keys();
RuleSpec read_rule(yaml::Reader& reader, const yaml::Node& item, const std::string& path);
/// Rules name indicators and events: both must exist, and a rule acts on a demand or project event.
void check_rules(yaml::Reader& reader, const std::vector<EventSpec>& events,
                 const std::vector<IndicatorSpec>& indicators);
/// `trends:` (event_reader.cpp): baseline growth by final-demand category.
std::vector<TrendSpec> read_trends(yaml::Reader& reader, const yaml::Node& node, HouseholdMode households);

/// `indicators:`, `targets:` and `seek:` (goal_reader.cpp).
std::vector<IndicatorSpec> read_indicators(yaml::Reader& reader, const yaml::Node& node);
IdVector<TargetId, TargetSpec> read_targets(yaml::Reader& reader, const yaml::Node& node,
                                            const std::vector<IndicatorSpec>& indicators, const Horizon& horizon,
                                            const std::string& key = "targets");
SeekSpec read_seek(yaml::Reader& reader, const yaml::Node& node, const Scenario& scenario, const Horizon& horizon);

/// `uncertainty:` (uncertainty_reader.cpp): its parameters' paths resolved against the scenario's
/// events and trends, which must be read first.
UncertaintySpec read_uncertainty(yaml::Reader& reader, const yaml::Node& node, const Scenario& scenario);

/// `dynamics:` (dynamics_reader.cpp): the engine and the ARIO parameters.
DynamicsSpec read_dynamics(yaml::Reader& reader, const yaml::Node& node);
/// Disruptions need the ario engine; rules and endogenous households need leontief.
void check_engine(yaml::Reader& reader, const Scenario& scenario);

/// `chains:` and `graph:` (chain_reader.cpp).
std::vector<ChainSpec> read_chains(yaml::Reader& reader, const yaml::Node& node);
GraphSpec read_graph(yaml::Reader& reader, const yaml::Node& node);

}  // namespace regsim
