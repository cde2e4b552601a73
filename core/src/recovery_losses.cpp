// What a template cannot hold: the original compared field by field with itself laid out and
// read back.
#include <algorithm>
#include <map>
#include <set>

#include "budconv/recovery.hpp"
#include "recovery_match.hpp"

namespace budconv {

namespace {

using recovery_detail::pair_goals;
using recovery_detail::pair_indicators;

std::string money_text(const std::optional<Money>& m, AmountUnit unit) {
  if (!m) return "";
  return format_amount(*m, unit) + " " + amount_unit_label(unit);
}

std::string decimal_text(const std::optional<Decimal>& d) {
  return d ? d->to_string() : "";
}

std::string plan_text(const std::vector<Milestone>& plan) {
  std::string s;
  for (const auto& m : plan) {
    if (!s.empty()) s += "；";
    s += m.label + " " + (m.percent ? m.percent->to_string() + "%" : "-");
  }
  return s;
}

std::string objectives_text(const std::vector<Objective>& objectives, Period p) {
  std::string s;
  for (const auto& o : objectives) {
    if (o.period != p) continue;
    if (!s.empty()) s += "\n";
    s += o.text;
  }
  return s;
}

bool has_extra(const std::vector<Extra>& extras, const Extra& e) {
  for (const auto& x : extras) {
    if (x.key == e.key && x.value == e.value) return true;
  }
  return false;
}

class Finder {
 public:
  explicit Finder(std::vector<LossEntry>& out) : out_(out) {}

  void document(const Submission& o, const Submission& r) {
    scalar("document.agency-code", o.agency_code, r.agency_code);
    scalar("document.agency-name", o.agency_name, r.agency_name);
    if (o.fiscal_year != r.fiscal_year && o.fiscal_year != 0) {
      add("document.fiscal-year", std::to_string(o.fiscal_year));
    }
    scalar("document.kind", o.kind, r.kind);
    for (const auto& e : o.extras) {
      if (!has_extra(r.extras, e)) add("document.extra", e.key + "：" + e.value);
    }
    // Tables pair by kind and scope in order: a form without one kind must not make every
    // later table look different.
    std::vector<bool> used(r.budget_tables.size(), false);
    for (const BudgetTable& ot : o.budget_tables) {
      BudgetTable t = ot;
      const BudgetTable* read = nullptr;
      for (std::size_t k = 0; k < r.budget_tables.size() && !read; ++k) {
        if (!used[k] && r.budget_tables[k].kind == t.kind && r.budget_tables[k].scope == t.scope) {
          used[k] = true;
          read = &r.budget_tables[k];
        }
      }
      if (!read) {
        add("budget-table", t.title.empty() ? t.kind : t.title);
        continue;
      }
      // A form that prints 单位名称 on every table gives each table the document's agency;
      // that is the same agency, not a difference.
      if (t.agency_name.empty() && read->agency_name == o.agency_name) {
        t.agency_name = read->agency_name;
      }
      if (t.agency_code.empty() && read->agency_code == o.agency_code) {
        t.agency_code = read->agency_code;
      }
      if (!recovery_detail::same_tables({t}, {*read})) table(t, *read);
    }
    for (std::size_t i = 0; i < o.evaluations.size(); ++i) {
      if (i < r.evaluations.size() && o.evaluations[i] == r.evaluations[i]) continue;
      add("evaluation", o.evaluations[i].title);
    }
    const auto pairs = pair_goals(o.goals, r.goals, true);
    for (std::size_t i = 0; i < o.goals.size(); ++i) {
      goal_ = i;
      goal_name_ = o.goals[i].name;
      if (!pairs[i]) {
        add("goal", o.goals[i].name);
      } else {
        goal(o.goals[i], r.goals[*pairs[i]]);
      }
    }
  }

 private:
  void add(std::string field, std::string value) {
    LossEntry e;
    e.goal = goal_;
    e.goal_name = goal_name_;
    e.indicator = indicator_;
    e.indicator_name = indicator_name_;
    e.field = std::move(field);
    e.value = std::move(value);
    out_.push_back(std::move(e));
  }

  // One line of a table as a finance clerk names it: "2101202 行政运行", "（收入）一、…".
  static std::string row_key(const BudgetRow& row) {
    std::string k = row.code.empty() ? row.name : row.code + " " + row.name;
    if (row.side == Side::income) k = "（收）" + k;
    if (row.side == Side::expenditure) k = "（支）" + k;
    return k;
  }

  // Every amount (or text) of one column, by row key, details included.
  static void column_values(const std::vector<BudgetRow>& rows, const std::string& id,
                            std::map<std::string, std::string>& out) {
    for (const auto& row : rows) {
      if (auto a = row.amounts.find(id); a != row.amounts.end()) {
        out[row_key(row)] = format_amount(a->second, AmountUnit::yuan);
      } else if (auto x = row.texts.find(id); x != row.texts.end()) {
        out[row_key(row)] = x->second;
      }
      column_values(row.details, id, out);
    }
  }

  static void row_keys(const std::vector<BudgetRow>& rows, std::vector<std::string>& out) {
    for (const auto& row : rows) {
      out.push_back(row_key(row));
      row_keys(row.details, out);
    }
  }

  // What differs between a table and the same table read back from the form: whole rows, then
  // columns whose values no column of the form carries, then notes and header facts.
  void table(const BudgetTable& o, const BudgetTable& r) {
    const std::string title = o.title.empty() ? o.kind : o.title;
    std::vector<std::string> ok, rk;
    row_keys(o.rows, ok);
    row_keys(r.rows, rk);
    std::multiset<std::string> remaining(rk.begin(), rk.end());
    for (const auto& k : ok) {
      if (auto it = remaining.find(k); it != remaining.end()) {
        remaining.erase(it);
      } else {
        add("budget-table.row", title + "：" + k);
      }
    }
    std::set<std::string> ids, read_ids;
    const auto collect_ids = [](const std::vector<BudgetRow>& rows, std::set<std::string>& out,
                                const auto& self) -> void {
      for (const auto& row : rows) {
        for (const auto& [id, m] : row.amounts) out.insert(id);
        for (const auto& [id, t] : row.texts) out.insert(id);
        self(row.details, out, self);
      }
    };
    collect_ids(o.rows, ids, collect_ids);
    collect_ids(r.rows, read_ids, collect_ids);
    std::map<std::string, std::map<std::string, std::string>> read_columns;
    for (const auto& id : read_ids) column_values(r.rows, id, read_columns[id]);
    // The published column order decides which of two equal columns a single form column
    // carries (Henan's 合计 before its 一般公共预算 column).
    std::vector<std::string> order;
    for (const auto& c : o.columns) {
      if (ids.count(c.id) && std::find(order.begin(), order.end(), c.id) == order.end())
        order.push_back(c.id);
    }
    for (const auto& id : ids) {
      if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
    }
    std::map<std::string, std::map<std::string, std::string>> lost;
    for (const auto& id : order) {
      column_values(o.rows, id, lost[id]);
      if (auto same = read_columns.find(id);
          same != read_columns.end() && same->second == lost[id]) {
        read_columns.erase(same);
        lost.erase(id);
      }
    }
    for (const auto& id : order) {
      if (!lost.count(id)) continue;
      const auto& values = lost[id];
      // Carried under another id (a declared correspondence): each form column carries one.
      auto carried = std::find_if(read_columns.begin(), read_columns.end(),
                                  [&](const auto& rc) { return rc.second == values; });
      if (carried != read_columns.end()) {
        read_columns.erase(carried);
        continue;
      }
      std::string label = id;
      for (const auto& c : o.columns) {
        if (c.id == id && !c.label.empty()) label = c.label + "（" + id + "）";
      }
      add("budget-table.column", title + "：" + label + " ×" + std::to_string(values.size()));
    }
    for (const auto& note : o.notes) {
      if (std::find(r.notes.begin(), r.notes.end(), note) == r.notes.end()) {
        add("budget-table.note", title + "：" + note);
      }
    }
    for (const auto& e : o.extras) {
      if (!has_extra(r.extras, e)) add("budget-table.header", title + "：" + e.key + " " + e.value);
    }
    if (o.title != r.title && !o.title.empty()) add("budget-table.header", title + "：标题");
  }

  void scalar(const char* field, const std::string& o, const std::string& r) {
    if (o != r && !o.empty()) add(field, o);
  }

  void goal(const PerformanceGoal& o, const PerformanceGoal& r) {
    scalar("goal.kind", o.kind, r.kind);
    scalar("goal.code", o.code, r.code);
    scalar("goal.name", o.name, r.name);
    scalar("goal.title", o.title, r.title);
    scalar("goal.department", o.department, r.department);
    scalar("goal.unit-name", o.unit_name, r.unit_name);
    if (o.amount_unit != r.amount_unit && !o.budgets.empty()) {
      add("goal.amount-unit", amount_unit_label(o.amount_unit));
    }
    for (const auto& b : o.budgets) {
      const GoalBudget* rb = nullptr;
      for (const auto& x : r.budgets) {
        if (x.period == b.period) rb = &x;
      }
      const std::string prefix = b.period == Period::annual ? "budget." : "budget.implementation.";
      const std::pair<const char*, std::optional<Money> GoalBudget::*> parts[] = {
          {"total", &GoalBudget::total},
          {"fiscal", &GoalBudget::fiscal},
          {"other", &GoalBudget::other}};
      for (const auto& [name, member] : parts) {
        const auto& ov = b.*member;
        if (ov && (!rb || rb->*member != ov)) add(prefix + name, money_text(ov, o.amount_unit));
      }
    }
    scalar("goal.purpose", o.purpose, r.purpose);
    if (o.spending_plan != r.spending_plan && !o.spending_plan.empty()) {
      add("milestone", plan_text(o.spending_plan));
    }
    for (Period p : {Period::annual, Period::implementation}) {
      const std::string ot = objectives_text(o.objectives, p);
      if (!ot.empty() && ot != objectives_text(r.objectives, p)) {
        add(p == Period::annual ? "objective" : "objective.implementation", ot);
      }
    }
    for (const auto& e : o.extras) {
      if (!has_extra(r.extras, e)) add("extra", e.key + "：" + e.value);
    }
    const auto pairs = pair_indicators(o.indicators, r.indicators, false);
    for (std::size_t i = 0; i < o.indicators.size(); ++i) {
      indicator_ = i;
      indicator_name_ = o.indicators[i].name;
      if (!pairs[i]) {
        add(o.indicators[i].period == Period::annual ? "indicator" : "indicator.implementation",
            o.indicators[i].name + " " + o.indicators[i].target.text);
      } else {
        indicator(o.indicators[i], r.indicators[*pairs[i]]);
      }
    }
    indicator_.reset();
    indicator_name_.clear();
  }

  void indicator(const Indicator& o, const Indicator& r) {
    scalar("indicator.level1", o.level1, r.level1);
    scalar("indicator.level1-text", o.level1_text, r.level1_text);
    scalar("indicator.level2", o.level2, r.level2);
    scalar("indicator.level2-text", o.level2_text, r.level2_text);
    scalar("indicator.description", o.description, r.description);
    if (!(o.target == r.target) && !o.target.text.empty()) add("indicator.target", o.target.text);
    if (o.weight != r.weight && o.weight) add("indicator.weight", decimal_text(o.weight));
    scalar("indicator.direction", o.direction, r.direction);
    scalar("indicator.basis", o.basis, r.basis);
    if (o.group != r.group && o.group != 0) add("indicator.group", std::to_string(o.group));
  }

  std::vector<LossEntry>& out_;
  std::optional<std::size_t> goal_, indicator_;
  std::string goal_name_, indicator_name_;
};

}  // namespace

std::pair<std::string, std::string> loss_field_label(std::string_view field) {
  static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kLabels{
      {"document.agency-code", {"单位编码", "agency code"}},
      {"document.agency-name", {"单位名称", "agency name"}},
      {"document.fiscal-year", {"预算年度", "fiscal year"}},
      {"document.kind", {"文档类型", "document kind"}},
      {"document.extra", {"文档附加信息", "document extras"}},
      {"budget-table", {"整张预算表", "whole budget table"}},
      {"budget-table.row", {"预算表的行", "budget table row"}},
      {"budget-table.column", {"预算表的栏目", "budget table column"}},
      {"budget-table.note", {"预算表的注释", "budget table note"}},
      {"budget-table.header", {"预算表的表头信息", "budget table header"}},
      {"evaluation", {"绩效自评", "self-evaluation"}},
      {"goal", {"整个绩效目标表", "whole goal table"}},
      {"goal.kind", {"目标类型", "goal kind"}},
      {"goal.code", {"项目编码", "project code"}},
      {"goal.name", {"项目名称", "project name"}},
      {"goal.title", {"表格标题", "table title"}},
      {"goal.department", {"主管部门", "department"}},
      {"goal.unit-name", {"单位名称", "unit name"}},
      {"goal.amount-unit", {"金额单位", "amount unit"}},
      {"budget.total", {"预算数", "budget total"}},
      {"budget.fiscal", {"财政资金", "fiscal funds"}},
      {"budget.other", {"其他资金", "other funds"}},
      {"budget.implementation.total", {"实施期资金总额", "implementation-period total"}},
      {"budget.implementation.fiscal", {"实施期财政资金", "implementation-period fiscal funds"}},
      {"budget.implementation.other", {"实施期其他资金", "implementation-period other funds"}},
      {"goal.purpose", {"资金用途", "purpose of the funds"}},
      {"milestone", {"资金支出计划", "spending plan"}},
      {"objective", {"年度目标", "annual objectives"}},
      {"objective.implementation", {"实施期目标", "implementation-period objectives"}},
      {"extra", {"目标表附加信息", "goal extras"}},
      {"indicator", {"整条绩效指标", "whole indicator"}},
      {"indicator.implementation", {"实施期绩效指标", "implementation-period indicator"}},
      {"indicator.level1", {"一级指标", "level-1 indicator"}},
      {"indicator.level1-text", {"一级指标原文", "level-1 text as published"}},
      {"indicator.level2", {"二级指标", "level-2 indicator"}},
      {"indicator.level2-text", {"二级指标原文", "level-2 text as published"}},
      {"indicator.description", {"绩效指标描述", "indicator description"}},
      {"indicator.target", {"指标值原文", "target value as published"}},
      {"indicator.weight", {"权重", "weight"}},
      {"indicator.direction", {"指标方向性", "direction"}},
      {"indicator.basis", {"指标值确定依据", "basis of the target value"}},
      {"indicator.group", {"多指标单元格序号", "position in a multi-indicator cell"}},
  };
  auto it = kLabels.find(field);
  if (it != kLabels.end()) return it->second;
  return {std::string(field), std::string(field)};
}

std::vector<LossEntry> find_losses(const Submission& original, const Submission& reread) {
  std::vector<LossEntry> out;
  Finder(out).document(original, reread);
  return out;
}

}  // namespace budconv
