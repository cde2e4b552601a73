/// @file validation_goals.cpp
/// Performance goals:
/// VAL-GOAL-001 every period's indicators include 产出, 效益 and 满意度 (a goal with no
///              indicators at all is reported once);
/// VAL-GOAL-002 (warning) a target written as a comparison ("≥…") that does not parse, or a stored
///              comparator without its number; qualitative targets ("有所提升") are fine;
/// VAL-GOAL-003 where weights are published (Sichuan), they sum to exactly 100 per period;
/// VAL-GOAL-004 spending-plan percentages never fall and stay within 0…100;
/// VAL-GOAL-005 资金总额 = 财政资金 + 其他资金 (a part alone may not exceed the total).
#include <set>

#include "budconv/target.hpp"
#include "text_normalize.hpp"
#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

Location goal_location(const Context& ctx, const PerformanceGoal& g, const SourceRef* src = nullptr,
                       const std::string& name = "") {
  Location loc;
  loc.file = ctx.file;
  const SourceRef& s = src && !src->sheet.empty() ? *src : g.source;
  loc.sheet = s.sheet.empty() ? (g.title.empty() ? g.name : g.title) : s.sheet;
  loc.cell = s.cell;
  loc.code = g.code;
  loc.name = name.empty() ? (g.name.empty() ? g.unit_name : g.name) : name;
  return loc;
}

const char* period_zh(Period p) {
  return p == Period::annual ? "年度" : "实施期";
}
const char* period_en(Period p) {
  return p == Period::annual ? "annual" : "implementation";
}

std::string level1_of(const Context& ctx, const Indicator& ind) {
  if (ctx.catalog) {
    std::string c = ctx.catalog->indicator(1, ind.level1);
    if (!c.empty()) return c;
  }
  return ind.level1;
}

void check_completeness(const Context& ctx, const PerformanceGoal& g, Diagnostics& out) {
  if (g.indicators.empty()) {
    out.add(Severity::error, "VAL-GOAL-001", "绩效目标没有任何绩效指标",
            "the goal has no performance indicators", goal_location(ctx, g));
    return;
  }
  for (Period p : {Period::implementation, Period::annual}) {
    std::set<std::string> levels;
    bool any = false;
    for (const auto& ind : g.indicators) {
      if (ind.period != p) continue;
      any = true;
      levels.insert(level1_of(ctx, ind));
    }
    if (!any) continue;
    std::string missing_zh, missing_en;
    const std::pair<const char*, const char*> required[] = {
        {"产出指标", "output"}, {"效益指标", "effect"}, {"满意度指标", "satisfaction"}};
    for (const auto& [zh, en] : required) {
      if (levels.count(zh)) continue;
      missing_zh += (missing_zh.empty() ? "" : "、") + std::string(zh);
      missing_en += (missing_en.empty() ? "" : ", ") + std::string(en);
    }
    if (missing_zh.empty()) continue;
    Diagnostic d;
    d.severity = Severity::error;
    d.rule = "VAL-GOAL-001";
    d.message_zh = std::string(period_zh(p)) + "绩效指标缺少" + missing_zh;
    d.message_en =
        std::string("the ") + period_en(p) + " indicators lack " + missing_en + " indicators";
    d.hint_zh = "每个绩效目标至少应有一项产出、效益和满意度指标。";
    d.hint_en = "Every goal needs at least one output, effect and satisfaction indicator.";
    d.location = goal_location(ctx, g);
    out.add(std::move(d));
  }
}

/// The text starts with a comparison symbol (after folding full-width forms).
bool looks_numeric(std::string_view text) {
  const std::u32string s = detail::normalize(text);
  const std::u32string_view t = detail::trim(s);
  if (t.empty()) return false;
  const char32_t c = t.front();
  return c == U'≥' || c == U'≤' || c == U'≧' || c == U'≦' || c == U'>' || c == U'<' || c == U'=';
}

void check_targets(const Context& ctx, const PerformanceGoal& g, Diagnostics& out) {
  for (const auto& ind : g.indicators) {
    const Target& t = ind.target;
    if (t.text.empty() && t.comparator == Comparator::none) continue;
    const Target parsed = Target::parse(t.text);
    const bool numeric_comparator =
        t.comparator != Comparator::none && t.comparator != Comparator::qualitative;
    const bool bad_text = !t.text.empty() && looks_numeric(t.text) &&
                          (parsed.comparator == Comparator::qualitative || !parsed.value);
    const bool bad_parts = numeric_comparator && !t.value;
    if (!bad_text && !bad_parts) continue;
    Diagnostic d;
    d.severity = Severity::warning;
    d.rule = "VAL-GOAL-002";
    d.message_zh = "指标值“" + t.text + "”写成比较式，但读不出数值和单位";
    d.message_en =
        "target '" + t.text + "' is written as a comparison but no number and unit can be read";
    d.hint_zh = "请写成“≥90%”“≤30万元”这样的形式，或改为定性描述。";
    d.hint_en = "Write it like '≥90%' or '≤30万元', or as a qualitative text.";
    d.location = goal_location(ctx, g, &ind.source, ind.name);
    out.add(std::move(d));
  }
}

/// Exact sum of decimals as mantissa at `scale`; false on overflow.
bool sum_decimals(const std::vector<Decimal>& xs, std::int64_t& mantissa, int& scale) {
  scale = 0;
  for (const auto& x : xs) scale = std::max(scale, x.scale);
  if (scale > 6) return false;
  __int128 sum = 0;
  for (const auto& x : xs) {
    __int128 m = x.mantissa;
    for (int i = x.scale; i < scale; ++i) m *= 10;
    sum += m;
  }
  if (sum > INT64_MAX || sum < INT64_MIN) return false;
  mantissa = static_cast<std::int64_t>(sum);
  return true;
}

void check_weights(const Context& ctx, const PerformanceGoal& g, Diagnostics& out) {
  for (Period p : {Period::implementation, Period::annual}) {
    std::vector<Decimal> weights;
    std::size_t blank = 0;
    for (const auto& ind : g.indicators) {
      if (ind.period != p) continue;
      if (ind.weight)
        weights.push_back(*ind.weight);
      else
        ++blank;
    }
    if (weights.empty()) continue;
    std::int64_t m = 0;
    int scale = 0;
    if (!sum_decimals(weights, m, scale)) continue;
    std::int64_t hundred = 100;
    for (int i = 0; i < scale; ++i) hundred *= 10;
    if (m == hundred) continue;
    Diagnostic d;
    d.severity = Severity::error;
    d.rule = "VAL-GOAL-003";
    d.message_zh = std::string(period_zh(p)) + "指标权重合计不是 100（" +
                   std::to_string(weights.size()) + " 项指标" +
                   (blank ? "，另有 " + std::to_string(blank) + " 项未填权重" : "") + "）";
    d.message_en = std::string("the ") + period_en(p) + " indicator weights do not sum to 100 (" +
                   std::to_string(weights.size()) + " indicators" +
                   (blank ? ", " + std::to_string(blank) + " without a weight" : "") + ")";
    d.expected = "100";
    d.found = Decimal{m, scale}.to_string();
    d.hint_zh = "请调整各指标权重，使合计为 100。";
    d.hint_en = "Adjust the weights so that they add up to 100.";
    d.location = goal_location(ctx, g);
    out.add(std::move(d));
  }
}

/// Compares two decimals exactly: <0, 0, >0.
int compare_decimals(const Decimal& a, const Decimal& b) {
  std::int64_t m = 0;
  int scale = 0;
  if (!sum_decimals({a, Decimal{-b.mantissa, b.scale}}, m, scale)) return 0;
  return m < 0 ? -1 : m > 0 ? 1 : 0;
}

void check_spending_plan(const Context& ctx, const PerformanceGoal& g, Diagnostics& out) {
  const Milestone* previous = nullptr;
  for (const auto& ms : g.spending_plan) {
    if (!ms.percent) continue;
    const Decimal& v = *ms.percent;
    const bool over = compare_decimals(v, Decimal{100, 0}) > 0 || v.mantissa < 0;
    const bool falls = previous && compare_decimals(v, *previous->percent) < 0;
    if (over || falls) {
      Diagnostic d;
      d.severity = Severity::error;
      d.rule = "VAL-GOAL-004";
      if (over) {
        d.message_zh = "资金支出计划“" + ms.label + "”的累计比例超出 0–100%";
        d.message_en = "spending plan '" + ms.label + "' is outside 0–100%";
        d.expected = "0–100%";
      } else {
        d.message_zh =
            "资金支出计划“" + ms.label + "”的累计比例低于上一期“" + previous->label + "”";
        d.message_en =
            "spending plan '" + ms.label + "' is below the previous '" + previous->label + "'";
        d.expected = "≥ " + previous->percent->to_string() + "%";
      }
      d.found = v.to_string() + "%";
      d.hint_zh = "支出计划为累计进度，应逐期递增且不超过 100%。";
      d.hint_en = "The plan is cumulative: it rises and ends at most at 100%.";
      d.location = goal_location(ctx, g);
      out.add(std::move(d));
    }
    previous = &ms;
  }
}

void check_budgets(const Context& ctx, const PerformanceGoal& g, Diagnostics& out) {
  for (const auto& b : g.budgets) {
    if (!b.total || (!b.fiscal && !b.other)) continue;
    const Money parts = *add_all({or_zero(b.fiscal), or_zero(b.other)});
    const bool both = b.fiscal && b.other;
    if (both ? parts == *b.total : parts <= *b.total) continue;
    Diagnostic d =
        mismatch(Severity::error, "VAL-GOAL-005",
                 std::string(period_zh(b.period)) + "资金总额不等于财政资金与其他资金之和",
                 std::string("the ") + period_en(b.period) + " total is not fiscal + other funds",
                 goal_location(ctx, g), parts, *b.total, g.amount_unit);
    d.hint_zh = "请核对“其中：财政拨款”与“其他资金”两栏。";
    d.hint_en = "Check the fiscal and other-funds cells.";
    out.add(std::move(d));
  }
}

}  // namespace

void check_goals(const Submission& doc, const Context& ctx, Diagnostics& out) {
  for (const auto& g : doc.goals) {
    check_completeness(ctx, g, out);
    check_targets(ctx, g, out);
    check_weights(ctx, g, out);
    check_spending_plan(ctx, g, out);
    check_budgets(ctx, g, out);
  }
}

}  // namespace budconv::validation_detail
