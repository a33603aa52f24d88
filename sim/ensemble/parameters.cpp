#include "ensemble/parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace regsim {

std::vector<EnsembleParameter> ensemble_parameters(const Scenario& scenario) {
  std::vector<EnsembleParameter> out;
  if (!scenario.uncertainty) return out;
  const std::vector<DrawablePath> drawable = drawable_paths(scenario);
  for (std::size_t s = 0; s < scenario.uncertainty->parameters.size(); ++s) {
    for (const std::string& field : scenario.uncertainty->parameters[s].fields) {
      const auto found =
          std::find_if(drawable.begin(), drawable.end(), [&](const DrawablePath& d) { return d.path == field; });
      if (found != drawable.end()) out.push_back({s, *found});
    }
  }
  return out;
}

namespace {

/// Applies one parameter's number to its field, checking the field's range.
class DrawApplier {
 public:
  DrawApplier(Scenario& scenario, const UncertainParameter& entry, std::size_t entry_index, const DrawablePath& field,
              std::int64_t draw)
      : scenario_(scenario), entry_(entry), index_(entry_index), field_(field), draw_(draw) {}

  void apply(double drawn) {
    switch (field_.field) {
      case DrawableField::demand_amount: {
        auto& d = demand();
        d.amount = MoneyRate(number(d.amount.per_year(), drawn, -money_limit, money_limit, "an annual amount"));
        return;
      }
      case DrawableField::demand_total: {
        auto& d = demand();
        d.total = Money(number(d.total->amount(), drawn, -money_limit, money_limit, "a total"));
        return;
      }
      case DrawableField::local_share: {
        auto& share = std::holds_alternative<DemandEventSpec>(event().detail) ? demand().local_share
                                                                                : project().local_share;
        share = number(*share, drawn, 0.0, 1.0, "a share from 0 to 1");
        return;
      }
      case DrawableField::project_capex: {
        auto& p = project();
        p.capex = Money(number(p.capex.amount(), drawn, 0.0, money_limit, "a capex of at least 0"));
        return;
      }
      case DrawableField::project_output: {
        auto& p = project();
        p.output = MoneyRate(number(p.output.per_year(), drawn, 0.0, money_limit, "an annual output of at least 0"));
        return;
      }
      case DrawableField::project_ramp: {
        auto& p = project();
        p.ramp_days = narrow<int>(std::llround(number(p.ramp_days, drawn, 0.0, 36500.0, "a ramp of 0 to 36500 days")));
        return;
      }
      case DrawableField::trend_rate: {
        auto& t = scenario_.trends[field_.index];
        t.rate = number(t.rate, drawn, -1.0 + 1e-9, 10.0, "a growth rate above -1 and at most 10");
        return;
      }
      case DrawableField::trend_sector: {
        auto& s = scenario_.trends[field_.index].sectors[field_.sector];
        s.share = number(s.share, drawn, -1.0 + 1e-9, 10.0, "a growth rate above -1 and at most 10");
        return;
      }
      default:
        shift_dates(narrow<int>(std::llround(drawn)));
    }
  }

 private:
  EventSpec& event() { return scenario_.events[field_.index]; }
  DemandEventSpec& demand() { return std::get<DemandEventSpec>(event().detail); }
  ProjectEventSpec& project() { return std::get<ProjectEventSpec>(event().detail); }

  [[noreturn]] void refuse(const std::string& what) const {
    throw InputError(entry_.where, fmt::format("uncertainty.parameters[{}]", index_),
                     fmt::format("draw {}: {} ({}); add clip: true to hold such draws at the edge instead", draw_, what,
                                 field_.path));
  }

  /// The field's new number (scaled or replaced), within [low, high].
  double number(double current, double drawn, double low, double high, const char* expected) const {
    const double value = entry_.action == ParameterAction::scale ? current * drawn : drawn;
    if (value >= low && value <= high) return value;
    if (entry_.clip && std::isfinite(value)) return std::clamp(value, low, high);
    refuse(fmt::format("{} {:g} gives {:g}, expected {}",
                       entry_.action == ParameterAction::scale ? "scaling by" : "the value", drawn, value, expected));
  }

  /// A date moved by `days` into [low, high].
  Date moved(Date date, int days, Date low, Date high, const char* name, const char* bound) const {
    const Date to = date + days;
    if (to >= low && to <= high) return to;
    if (entry_.clip) return std::clamp(to, low, high);
    refuse(fmt::format("shifting {} by {} days puts it on {}, {} ({} to {})", name, days, to.to_string(), bound,
                       low.to_string(), high.to_string()));
  }

  void shift_dates(int days) {
    const Date start = scenario_.time.start;
    const Date end = scenario_.time.end;
    switch (field_.field) {
      case DrawableField::demand_from: {
        auto& d = demand();
        d.from = moved(d.from, days, start, d.to, "from", "outside the horizon's start to the event's end");
        return;
      }
      case DrawableField::demand_to: {
        auto& d = demand();
        d.to = moved(d.to, days, d.from, end, "to", "outside the event's start to the horizon's end");
        return;
      }
      case DrawableField::demand_dates: {
        auto& d = demand();
        d.from = moved(d.from, days, start, end, "from", "outside the horizon");
        d.to = moved(d.to, days, start, end, "to", "outside the horizon");
        return;
      }
      case DrawableField::build_from: {
        auto& p = project();
        p.build_from = moved(p.build_from, days, start, p.build_to, "build.from", "outside the horizon's start to the build's end");
        check_online(p);
        return;
      }
      case DrawableField::build_to: {
        auto& p = project();
        p.build_to = moved(p.build_to, days, p.build_from, end, "build.to", "outside the build's start to the horizon's end");
        return;
      }
      case DrawableField::build_window: {
        auto& p = project();
        p.build_from = moved(p.build_from, days, start, end, "build.from", "outside the horizon");
        p.build_to = moved(p.build_to, days, start, end, "build.to", "outside the horizon");
        check_online(p);
        return;
      }
      case DrawableField::project_online: {
        auto& p = project();
        const Date earliest = p.capex > Money(0.0) ? std::max(start, p.build_from) : start;
        p.online = moved(p.online, days, earliest, end, "online", "outside the build's start to the horizon's end");
        return;
      }
      case DrawableField::project_dates: {
        auto& p = project();
        if (p.capex > Money(0.0)) {
          p.build_from = moved(p.build_from, days, start, end, "build.from", "outside the horizon");
          p.build_to = moved(p.build_to, days, start, end, "build.to", "outside the horizon");
        }
        if (p.output > MoneyRate(0.0)) p.online = moved(p.online, days, start, end, "online", "outside the horizon");
        return;
      }
      default:
        return;
    }
  }

  /// A plant cannot be on line before its build starts.
  void check_online(ProjectEventSpec& p) const {
    if (p.output <= MoneyRate(0.0) || p.online >= p.build_from) return;
    if (entry_.clip) {
      p.build_from = p.online;
      p.build_to = std::max(p.build_to, p.build_from);
      return;
    }
    refuse(fmt::format("the build would start on {}, after the plant is on line ({})", p.build_from.to_string(),
                       p.online.to_string()));
  }

  Scenario& scenario_;
  const UncertainParameter& entry_;
  std::size_t index_;
  const DrawablePath& field_;
  std::int64_t draw_;
};

}  // namespace

void apply_draw(Scenario& scenario, const std::vector<EnsembleParameter>& parameters, const double* values,
                std::int64_t draw) {
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    const EnsembleParameter& p = parameters[k];
    DrawApplier(scenario, scenario.uncertainty->parameters[p.spec], p.spec, p.field, draw).apply(values[k]);
  }
}

}  // namespace regsim
