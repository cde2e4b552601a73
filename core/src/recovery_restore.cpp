// Restoring a document read from a laid-out workbook with the original its hidden sheet keeps:
// what the user did not edit comes back exactly; what they edited stays as they wrote it.
#include "budconv/recovery.hpp"
#include "recovery_match.hpp"

namespace budconv {

namespace {

using recovery_detail::invert;
using recovery_detail::pair_goals;
using recovery_detail::pair_indicators;
using recovery_detail::Pairing;

// A field the template changed (projection ≠ original) that the user left alone (read ==
// projection) takes the original's value.
template <class T, class M>
void restore_field(T& read, const T& projection, const T& original, M T::*member) {
  if (read.*member == projection.*member && !(projection.*member == original.*member)) {
    read.*member = original.*member;
  }
}

// `original` with the SourceRefs of the goal and indicators as they were read from `read`.
PerformanceGoal with_sources_of(PerformanceGoal original, const PerformanceGoal& read) {
  original.source = read.source;
  const Pairing p = pair_indicators(original.indicators, read.indicators, false);
  for (std::size_t i = 0; i < original.indicators.size(); ++i) {
    if (p[i]) original.indicators[i].source = read.indicators[*p[i]].source;
  }
  return original;
}

void restore_edited(PerformanceGoal& read, const PerformanceGoal& proj,
                    const PerformanceGoal& orig) {
  using G = PerformanceGoal;
  for (auto m :
       {&G::kind, &G::code, &G::name, &G::title, &G::department, &G::unit_name, &G::purpose}) {
    restore_field(read, proj, orig, m);
  }
  restore_field(read, proj, orig, &G::amount_unit);
  restore_field(read, proj, orig, &G::budgets);
  restore_field(read, proj, orig, &G::spending_plan);
  restore_field(read, proj, orig, &G::objectives);
  if (recovery_detail::same_extras(read.extras, proj.extras)) read.extras = orig.extras;

  using I = Indicator;
  const Pairing read_to_proj = pair_indicators(read.indicators, proj.indicators, true);
  const Pairing proj_to_orig =
      invert(pair_indicators(orig.indicators, proj.indicators, false), proj.indicators.size());
  for (std::size_t i = 0; i < read.indicators.size(); ++i) {
    if (!read_to_proj[i] || !proj_to_orig[*read_to_proj[i]]) continue;
    const I& p = proj.indicators[*read_to_proj[i]];
    const I& o = orig.indicators[*proj_to_orig[*read_to_proj[i]]];
    I& r = read.indicators[i];
    for (auto m : {&I::level1_text, &I::level2_text, &I::description, &I::direction, &I::basis}) {
      restore_field(r, p, o, m);
    }
    restore_field(r, p, o, &I::target);
    restore_field(r, p, o, &I::weight);
    restore_field(r, p, o, &I::group);
  }
  // Indicators the template could not hold at all (实施期 ones in a form without them) were
  // never shown, so never edited: they come back.
  const Pairing orig_to_proj = pair_indicators(orig.indicators, proj.indicators, false);
  for (std::size_t i = 0; i < orig.indicators.size(); ++i) {
    if (!orig_to_proj[i]) read.indicators.push_back(orig.indicators[i]);
  }
}

Diagnostic note(Severity s, const char* rule, std::string zh, std::string en,
                const std::string& name) {
  Diagnostic d;
  d.severity = s;
  d.rule = rule;
  d.message_zh = std::move(zh);
  d.message_en = std::move(en);
  d.location.sheet = std::string(kRecoverySheetName);
  d.location.name = name;
  return d;
}

}  // namespace

void restore_from_recovery(const Submission& original, const Submission& projection,
                           Submission& read, Diagnostics& notes) {
  const Pairing orig_to_proj = pair_goals(original.goals, projection.goals, true);
  const Pairing proj_to_orig = invert(orig_to_proj, projection.goals.size());
  const Pairing read_to_proj = pair_goals(read.goals, projection.goals, false);
  // Data that matches nothing of the visible form belongs to another form (or is forged).
  bool related = !original.budget_tables.empty() &&
                 recovery_detail::same_tables(read.budget_tables, projection.budget_tables);
  for (const auto& p : read_to_proj) related = related || (p && proj_to_orig[*p]);
  if (!related) {
    notes.add(note(Severity::warning, "MAP-RECOVERY-001",
                   "隐藏工作表 " + std::string(kRecoverySheetName) +
                       " 中的原始数据与可见表格不对应；已忽略，按可见表格读取",
                   "the original data in the hidden sheet " + std::string(kRecoverySheetName) +
                       " does not match the visible form; ignored, the visible form was read",
                   ""));
    return;
  }
  using S = Submission;
  for (auto m : {&S::agency_code, &S::agency_name, &S::kind}) {
    restore_field(read, projection, original, m);
  }
  restore_field(read, projection, original, &S::fiscal_year);
  if (recovery_detail::same_extras(read.extras, projection.extras)) read.extras = original.extras;
  std::size_t tables = 0;
  if (recovery_detail::same_tables(read.budget_tables, projection.budget_tables)) {
    read.budget_tables = original.budget_tables;
    tables = original.budget_tables.size();
  } else {
    notes.add(note(Severity::warning, "MAP-RECOVERY-003",
                   "预算表在可见表格中被修改过：保留表中内容，未从隐藏工作表恢复",
                   "the budget tables were edited in the visible form: kept as read, not restored "
                   "from the hidden sheet",
                   ""));
  }
  restore_field(read, projection, original, &S::evaluations);

  std::size_t exact = 0;
  for (std::size_t i = 0; i < read.goals.size(); ++i) {
    if (!read_to_proj[i] || !proj_to_orig[*read_to_proj[i]]) continue;
    const PerformanceGoal& proj = projection.goals[*read_to_proj[i]];
    const PerformanceGoal& orig = original.goals[*proj_to_orig[*read_to_proj[i]]];
    PerformanceGoal& goal = read.goals[i];
    if (same_ignoring_source(goal, proj)) {
      goal = with_sources_of(orig, goal);
      ++exact;
      continue;
    }
    const std::string name = goal.name;
    restore_edited(goal, proj, orig);
    notes.add(note(
        Severity::warning, "MAP-RECOVERY-003",
        "绩效目标表「" + name + "」在可见表格中被修改过：保留表中内容，只恢复了模板无法容纳的字段",
        "goal \"" + name +
            "\" was edited in the visible form: kept as read; only the fields the "
            "template cannot hold were restored",
        name));
  }
  // Goals the template could not hold at all come back after the others.
  for (std::size_t i = 0; i < original.goals.size(); ++i) {
    if (!orig_to_proj[i]) read.goals.push_back(original.goals[i]);
  }
  // Name only what was restored: a budget-only workbook has no goal tables to speak of.
  std::string zh, en;
  if (exact > 0) {
    zh = std::to_string(exact) + " 个绩效目标表";
    en = std::to_string(exact) + " goal table(s)";
  }
  if (tables > 0) {
    zh += (zh.empty() ? "" : "、") + std::to_string(tables) + " 个预算表";
    en += (en.empty() ? "" : " and ") + std::to_string(tables) + " budget table(s)";
  }
  if (zh.empty()) return;
  notes.add(note(Severity::info, "MAP-RECOVERY-002",
                 "已从隐藏工作表 " + std::string(kRecoverySheetName) + " 恢复 " + zh + "的原始数据",
                 "restored the original data of " + en + " from the hidden sheet " +
                     std::string(kRecoverySheetName),
                 ""));
}

}  // namespace budconv
