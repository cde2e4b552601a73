/// @file mapping_values.cpp
/// Typed values of the canonical fields. The field decides the type (a budget figure is money in
/// the template's unit, a milestone is a percent, 指标值 is a Target), so a definition cannot
/// store text where the model expects an exact amount; named transforms only rewrite text.
#include "mapping_values.hpp"

#include <algorithm>

#include "mapping_text.hpp"
#include "text_normalize.hpp"

namespace budconv::mapping_detail {

namespace {

GoalBudget& budget_for(PerformanceGoal& goal, Period period) {
  for (auto& b : goal.budgets) {
    if (b.period == period) return b;
  }
  goal.budgets.push_back(GoalBudget{period, std::nullopt, std::nullopt, std::nullopt});
  // Annual first, then implementation, whatever order the cells were found in.
  std::stable_sort(goal.budgets.begin(), goal.budgets.end(),
                   [](const GoalBudget& a, const GoalBudget& b) { return a.period < b.period; });
  for (auto& b : goal.budgets) {
    if (b.period == period) return b;
  }
  return goal.budgets.back();
}

const GoalBudget* find_budget(const PerformanceGoal& goal, Period period) {
  for (const auto& b : goal.budgets) {
    if (b.period == period) return &b;
  }
  return nullptr;
}

using BudgetMember = std::optional<Money> GoalBudget::*;

/// "budget.total" → (annual, total); "budget.implementation.fiscal" → (implementation, fiscal).
BudgetMember budget_member(const std::string& field, Period& period) {
  std::string_view f = field;
  f.remove_prefix(std::string_view("budget.").size());
  period = Period::annual;
  if (f.rfind("implementation.", 0) == 0) {
    period = Period::implementation;
    f.remove_prefix(std::string_view("implementation.").size());
  }
  if (f == "fiscal") return &GoalBudget::fiscal;
  if (f == "other") return &GoalBudget::other;
  return &GoalBudget::total;
}

std::string* goal_text(PerformanceGoal& goal, const std::string& field) {
  if (field == "goal.code") return &goal.code;
  if (field == "goal.name") return &goal.name;
  if (field == "goal.title") return &goal.title;
  if (field == "goal.purpose") return &goal.purpose;
  if (field == "goal.department") return &goal.department;
  if (field == "goal.unit-name") return &goal.unit_name;
  return nullptr;
}

const std::string* goal_text(const PerformanceGoal& goal, const std::string& field) {
  return goal_text(const_cast<PerformanceGoal&>(goal), field);
}

std::string* indicator_text(Indicator& ind, const std::string& field) {
  if (field == "indicator.name") return &ind.name;
  if (field == "indicator.description") return &ind.description;
  if (field == "indicator.basis") return &ind.basis;
  if (field == "indicator.direction") return &ind.direction;
  return nullptr;
}

/// "25", "25%", "２５％" → 25; nullopt when not a number.
std::optional<Decimal> parse_percent(const std::string& text) {
  std::string t = trim_text(text);
  const std::u32string folded = detail::normalize(t);
  std::u32string_view v = detail::trim(folded);
  if (!v.empty() && v.back() == U'%') v.remove_suffix(1);
  return Decimal::parse(detail::encode_utf8(v));
}

ValueOutcome failure(const std::string& text, std::string zh, std::string en) {
  ValueOutcome v;
  v.ok = false;
  v.text = text;
  v.error_zh = std::move(zh);
  v.error_en = std::move(en);
  return v;
}

Cell text_cell(std::string text) {
  return Cell::make_text(std::move(text));
}

}  // namespace

std::string ValueCodec::apply_read(const std::vector<std::string>& names, std::string text) const {
  for (const auto& n : names) {
    if (n == "compact") {
      std::string out;
      for (char32_t c : detail::decode_utf8(text)) {
        if (!detail::is_space(c) && c != U'\n' && c != U'\r' && c != U'\t')
          out += detail::encode_utf8(std::u32string(1, c));
      }
      text = std::move(out);
    } else if (const ValueTransform* t = transforms_.find(n); t != nullptr && t->read) {
      text = t->read(text);
    }
  }
  return text;
}

std::string ValueCodec::apply_write(const std::vector<std::string>& names, std::string text) const {
  for (auto it = names.rbegin(); it != names.rend(); ++it) {
    if (const ValueTransform* t = transforms_.find(*it); t != nullptr && t->write)
      text = t->write(text);
  }
  return text;
}

ValueOutcome ValueCodec::set_goal_field(PerformanceGoal& goal, const std::string& field,
                                        const std::vector<std::string>& transforms,
                                        const std::string& raw) const {
  ValueOutcome out;
  out.text = raw;
  const std::string text = trim_text(apply_read(transforms, raw));
  if (text.empty()) return out;
  if (std::string* s = goal_text(goal, field)) {
    *s = text;
    return out;
  }
  if (field.rfind("budget.", 0) == 0) {
    const AmountParse p = parse_amount(text, goal.amount_unit);
    if (p.error) {
      return failure(raw, amount_error_text(*p.error, false), amount_error_text(*p.error, true));
    }
    if (p.value) {
      Period period = Period::annual;
      const auto member = budget_member(field, period);
      budget_for(goal, period).*member = *p.value;
    }
  }
  return out;
}

ValueOutcome ValueCodec::add_list_item(PerformanceGoal& goal, const std::string& list,
                                       const std::string& label, const std::string& raw,
                                       const std::vector<std::string>& transforms) const {
  ValueOutcome out;
  out.text = raw;
  const std::string text = trim_text(apply_read(transforms, raw));
  if (list == "milestone") {
    Milestone m{label, std::nullopt};
    if (!text.empty()) {
      m.percent = parse_percent(text);
      if (!m.percent) return failure(raw, "不是百分数", "not a percentage");
    }
    goal.spending_plan.push_back(std::move(m));
  } else if (!text.empty()) {
    const Period period = list == "objective" ? Period::annual : Period::implementation;
    goal.objectives.push_back(Objective{period, text});
  }
  return out;
}

ValueOutcome ValueCodec::set_indicator_field(Indicator& ind, const std::string& field,
                                             const std::vector<std::string>& transforms,
                                             const std::string& raw) {
  ValueOutcome out;
  out.text = raw;
  const std::string text = trim_text(apply_read(transforms, raw));
  if (std::string* s = indicator_text(ind, field)) {
    *s = text;
  } else if (field == "indicator.level1" || field == "indicator.level2") {
    const bool one = field == "indicator.level1";
    std::string canonical = one ? canonical_level1(text) : canonical_level2(text);
    std::string& level = one ? ind.level1 : ind.level2;
    std::string& published = one ? ind.level1_text : ind.level2_text;
    if (canonical.empty()) {
      level = text;
      if (!text.empty()) {
        out.note_zh = std::string(one ? "一级" : "二级") + "指标「" + text + "」不在指标体系中";
        out.note_en = std::string(one ? "level-1" : "level-2") + " indicator \"" + text +
                      "\" is not in the indicator framework";
      }
    } else {
      level = canonical;
      published = normalize_label(text) == canonical ? "" : text;
    }
  } else if (field == "indicator.target") {
    ind.target = Target::parse(text);
  } else if (field == "indicator.weight") {
    if (!text.empty()) {
      ind.weight = Decimal::parse(text);
      if (!ind.weight) return failure(raw, "权重不是数字", "the weight is not a number");
    }
  } else if (field == "indicator.comparator") {
    nature_ = text;
  } else if (field == "indicator.value") {
    value_ = text;
  } else if (field == "indicator.unit") {
    unit_ = text;
  }
  return out;
}

void ValueCodec::finish_indicator(Indicator& ind) {
  if (ind.target.text.empty() && (!nature_.empty() || !value_.empty() || !unit_.empty())) {
    ind.target = Target::from_parts(nature_, value_, unit_);
  }
  nature_.clear();
  value_.clear();
  unit_.clear();
}

bool ValueCodec::has_goal_field(const PerformanceGoal& goal, const std::string& field) {
  if (const std::string* s = goal_text(goal, field)) return !s->empty();
  if (field.rfind("budget.", 0) == 0) {
    Period period = Period::annual;
    const auto member = budget_member(field, period);
    const GoalBudget* b = find_budget(goal, period);
    return b != nullptr && (b->*member).has_value();
  }
  return false;
}

bool ValueCodec::has_indicator_field(const Indicator& ind, const std::string& field) {
  if (const std::string* s = indicator_text(const_cast<Indicator&>(ind), field)) return !s->empty();
  if (field == "indicator.level1") return !ind.level1.empty();
  if (field == "indicator.level2") return !ind.level2.empty();
  if (field == "indicator.target" || field == "indicator.comparator" ||
      field == "indicator.value" || field == "indicator.unit") {
    return ind.target.comparator != Comparator::none || !ind.target.text.empty();
  }
  if (field == "indicator.weight") return ind.weight.has_value();
  return false;
}

std::optional<Cell> ValueCodec::goal_cell(const PerformanceGoal& goal, const std::string& field,
                                          const std::vector<std::string>& transforms,
                                          AmountUnit unit, const std::string& money_format) const {
  if (const std::string* s = goal_text(goal, field)) {
    if (s->empty()) return std::nullopt;
    return text_cell(apply_write(transforms, *s));
  }
  if (field.rfind("budget.", 0) == 0) {
    Period period = Period::annual;
    const auto member = budget_member(field, period);
    const GoalBudget* b = find_budget(goal, period);
    if (b == nullptr || !(b->*member)) return std::nullopt;
    std::string text = format_amount(*(b->*member), unit, AmountFormat{2, false});
    // A figure exact only with more decimals (0.0001 万元 = 1 元) must not display rounded.
    const auto point = text.find('.');
    const std::size_t decimals = point == std::string::npos ? 0 : text.size() - point - 1;
    std::string format = money_format;
    if (decimals > 2 && format.size() >= 3 && format.compare(format.size() - 3, 3, ".00") == 0) {
      format += std::string(decimals - 2, '0');
    }
    return Cell::make_number(std::move(text), std::move(format));
  }
  return std::nullopt;
}

std::optional<Cell> ValueCodec::indicator_cell(const Indicator& ind, const std::string& field,
                                               const std::vector<std::string>& transforms) const {
  std::string text;
  if (const std::string* s = indicator_text(const_cast<Indicator&>(ind), field)) {
    text = *s;
  } else if (field == "indicator.level1") {
    text = ind.level1_text.empty() ? ind.level1 : ind.level1_text;
  } else if (field == "indicator.level2") {
    text = ind.level2_text.empty() ? ind.level2 : ind.level2_text;
  } else if (field == "indicator.target") {
    text = ind.target.text.empty() ? ind.target.compose() : ind.target.text;
  } else if (field == "indicator.weight") {
    if (!ind.weight) return std::nullopt;
    return Cell::make_number(ind.weight->to_string());
  } else if (field == "indicator.comparator") {
    text = comparator_symbol(ind.target.comparator);
  } else if (field == "indicator.value") {
    if (ind.target.comparator == Comparator::qualitative) {
      text = ind.target.text;
    } else if (ind.target.value) {
      text = ind.target.value->to_string();
      if (ind.target.value2) text += "-" + ind.target.value2->to_string();
    }
  } else if (field == "indicator.unit") {
    text = ind.target.unit;
  }
  if (text.empty()) return std::nullopt;
  return text_cell(apply_write(transforms, text));
}

}  // namespace budconv::mapping_detail
