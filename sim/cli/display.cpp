#include "cli/display.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text.hpp"

namespace regsim::cli {

namespace {

// Headers and phrases of the results in Chinese, as a planning office writes them. Format strings
// keep their placeholders ({} in order, or {0} {1} where Chinese reorders them).
constexpr std::pair<std::string_view, std::string_view> chinese_texts[] = {
    {"indicator", "指标"},
    {"unit", "单位"},
    {"growth", "增速"},
    {"  growth", "  增速"},
    {"level", "水平"},
    {"target", "目标"},
    {"year", "年份"},
    {"kind", "类型"},
    {"simulated", "模拟值"},
    {"reached", "达到"},
    {"gap", "差距"},
    {"met", "是否达成"},
    {"yes", "是"},
    {"NO", "否"},
    {"{} (table)", "{}（投入产出表）"},
    {"{} of {} targets met", "{1} 项目标中达成 {0} 项"},
    {"chain", "产业链"},
    {"label", "名称"},
    {"value added {}", "{}年增加值"},
    {"share of change in {}", "占{}变化的比重"},
    {"shares of the {} change over {}; chains overlap where a sector belongs to several, so they need not sum to "
     "100 %",
     "{0}年相对{1}年变化中的比重；一个部门可属于多条产业链，故各链比重之和不必为 100 %"},
    {"price index", "价格指数"},
    {"deflator {}", "{}平减指数"},
    {"sector", "部门"},
    {"event", "事件"},
    {"change {}", "{}的变化"},
    {"growth {}", "{}增速"},
    {"growth change {}", "{}增速变化"},
    {"reference: {} ({})", "基准：{}（{}）"},
    {"compared:  {} ({})", "对比：{}（{}）"},
    {"base year {}, amounts in {}", "基年 {}，金额单位 {}"},
    {"not in every run, so not compared: {}", "并非每次运行都有，未比较：{}"},
    {"targets met: {}", "达成目标：{}"},
    {"{} {} of {}", "{} {}/{}"},
    {"largest changes in {}, value added ({}):", "{}年增加值变化最大的项（{}）："},
    {"what explains the change in {} {} ({}): contributions by event",
     "{0}{1}年变化的来源（{2}）：各事件的贡献"},
    {"{} of {} rows shown; all rows sum to the indicator's change: {}",
     "显示 {1} 行中的 {0} 行；所有行之和等于指标的变化：{2}"},
    {"demand", "需求"},
    {"project", "项目"},
    {"rule", "规则"},
    {"trend", "趋势"},
    {"disruption", "冲击"},
    {"price", "价格"},
    {"interaction", "交互项"},
    {"baseline", "基线"},
    {"instrument", "工具"},
    {"field", "字段"},
    {"scenario", "情景"},
    {"sought", "求得值"},
    {"from", "下限"},
    {"to", "上限"},
    {"note", "说明"},
    {"at bound", "已到边界"},
    {"every target met", "所有目标均达成"},
    {"central", "中心情景"},
    {"P(met)", "达成概率"},
    {"median", "中位数"},
    {"90 % band", "90 % 区间"},
    {"drivers (Spearman)", "主要影响因素（Spearman）"},
    {"multiplier", "乘数"},
    {"backward", "后向关联"},
    {"forward", "前向关联"},
    {"key sector", "关键部门"},
    {"members", "成员部门"},
    {"output", "总产出"},
    {"value added", "增加值"},
    {"share of GDP", "占 GDP 比重"},
    {"wrote {} in {:.3f} s", "已写入 {}，用时 {:.3f} 秒"},
    {"wrote {}", "已写入 {}"},
    {" (it replaced an earlier file of that name)", "（替换了同名的旧文件）"},
    {"bottleneck inputs (the products that bound members' production, member-days):",
     "瓶颈投入（限制成员部门生产的产品，成员·天）："},
    {"amounts in {}", "金额单位：{}"},
    {"type", "类型"},
    {"class", "类别"},
    {"0 of {}", "{} 次中 0 次"},
    {"all {}", "全部 {} 次"},
    {"{} to {}", "{} 至 {}"},
    {"persons", "人"},
    {"t CO2", "吨 CO2"},
    {"chains", "所属产业链"},
    {"derived", "推导"},
    {"declared", "声明"},
    {"core", "核心部门"},
    {"extraction: GDP lost", "假设抽取：GDP 损失"},
};

}  // namespace

Display::Display(const DisplayOptions& options, std::string_view table_units, double reference,
                 std::string_view scenario_unit, const SourceLocation& where)
    : language_(options.language.value_or(language_from_environment())) {
  // --unit wins over the scenario's display_unit:, whose errors point at the scenario.
  if (!options.unit.empty()) {
    money_ = MoneyDisplay(table_units, options.unit, reference, language_);
  } else {
    money_ = MoneyDisplay(table_units, scenario_unit, reference, language_, where, "display_unit");
  }
}

Display Display::for_run(const DisplayOptions& options, const RunSummary& run) {
  const double gdp = run.sector_value_added.rows() > 0 ? run.sector_value_added.row(0).sum() : 0.0;
  return {options, run.units, gdp, run.display_unit, SourceLocation{run.scenario_file, 0, 0}};
}

std::string Display::text(std::string_view english) const {
  if (language_ == Language::zh) {
    for (const auto& [en, zh] : chinese_texts) {
      if (en == english) return std::string(zh);
    }
  }
  return std::string(english);
}

std::string Display::value(double value, std::string_view unit) const {
  return money_.is_money(unit) ? money_.amount(value) : format_amount(value);
}

std::string Display::change(double value, std::string_view unit) const {
  return money_.is_money(unit) ? money_.change(value) : format_amount(value, 5, true);
}

std::string Display::unit(std::string_view unit) const {
  return money_.is_money(unit) ? money_.name() : text(unit);
}

std::string Display::with_unit(std::string_view label, std::string_view unit) const {
  const std::string shown = this->unit(unit);
  return shown.empty() || shown == "1" ? std::string(label) : std::string(label) + " (" + shown + ")";
}

std::string Display::indicator(const RunSummary& run, Index i) const {
  if (chinese() && i < std::ssize(run.indicator_labels_zh) && !at(run.indicator_labels_zh, i).empty())
    return at(run.indicator_labels_zh, i);
  return at(run.indicators, i);
}

std::string Display::chain(const RunSummary::ChainLine& chain) const {
  return chinese() && !chain.label_zh.empty() ? chain.label_zh : chain.label_en;
}

std::string Display::sector(const std::string& code, const std::string& name_zh) const {
  return chinese() && !name_zh.empty() ? name_zh : code;
}

std::string Display::met(bool met) const { return text(met ? "yes" : "NO"); }

std::string Display::met_after_value(bool met) const {
  if (chinese()) return met ? "达成" : "未达成";
  return met ? "met" : "NOT met";
}

}  // namespace regsim::cli
