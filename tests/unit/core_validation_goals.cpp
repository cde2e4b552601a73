// Catalog rules (VAL-CAT-*), goal rules (VAL-GOAL-*) and evaluation rules (VAL-EVAL-*).
#include <catch2/catch.hpp>
#include <set>

#include "core_validation_fixture.hpp"

using namespace budconv;
using namespace budconv::test;

namespace {

Indicator ind(const char* level1, const char* target, std::optional<int> weight = std::nullopt,
              Period p = Period::annual) {
  Indicator i;
  i.period = p;
  i.level1 = level1;
  i.name = std::string(level1) + "指标名";
  i.target = Target::parse(target);
  if (weight) i.weight = Decimal{*weight, 0};
  return i;
}

PerformanceGoal complete_goal() {
  PerformanceGoal g;
  g.kind = "project";
  g.name = "项目";
  g.title = "项目绩效目标表";
  g.indicators = {ind("产出指标", "≥2次"), ind("效益指标", "有所提升"), ind("满意度指标", "≥90%")};
  return g;
}

Diagnostics run_goal(const PerformanceGoal& g) {
  Submission s;
  s.goals.push_back(g);
  return validate_submission(s, {});
}

Diagnostics run_catalog(BudgetRow r) {
  BudgetTable t = make_table("general-public-basic", {"total"});
  t.rows.push_back(std::move(r));
  ValidationOptions o;
  o.catalog = &repo_catalog();
  return validate_submission(doc_with(t), o);
}

}  // namespace

TEST_CASE("VAL-CAT rules: unknown code, wrong name, variant; exact names are quiet",
          "[validation][catalog]") {
  const auto E = Classification::economic_department;
  CHECK(run_catalog(make_row("30101", "基本工资", 2, {{"total", 1}}, E)).items().empty());
  CHECK(run_catalog(make_row("30212", "因公出国(境)费用", 2, {{"total", 1}}, E)).items().empty());
  auto unknown = run_catalog(make_row("30198", "基本工资", 2, {{"total", 1}}, E));
  CHECK(rules_of(unknown) == std::vector<std::string>{"VAL-CAT-001"});
  CHECK(find_rule(unknown, "VAL-CAT-001")->severity == Severity::warning);
  auto wrong = run_catalog(make_row("30101", "奖金", 2, {{"total", 1}}, E));
  REQUIRE(rules_of(wrong) == std::vector<std::string>{"VAL-CAT-002"});
  CHECK(find_rule(wrong, "VAL-CAT-002")->severity == Severity::error);  // 30101 is a high row
  CHECK(find_rule(wrong, "VAL-CAT-002")->expected == "基本工资");
  auto wrong_medium = run_catalog(make_row("30202", "咨询费", 2, {{"total", 1}}, E));
  CHECK(find_rule(wrong_medium, "VAL-CAT-002")->severity == Severity::warning);
  auto variant = run_catalog(make_row("30108", "机关事业单位基本养老保险费", 2, {{"total", 1}}, E));
  CHECK(rules_of(variant) == std::vector<std::string>{"VAL-CAT-003"});
  // No catalog: no catalog findings.
  BudgetTable t = make_table("general-public-basic", {"total"});
  t.rows.push_back(make_row("30198", "基本工资", 2, {{"total", 1}}, E));
  CHECK(validate_submission(doc_with(t), {}).items().empty());
}

TEST_CASE("check_submission fills codes before checking them", "[validation][catalog]") {
  BudgetTable t = make_table("general-public-basic", {"amount"});
  t.rows.push_back(
      make_row("", "其他社会保障性缴费", 2, {{"amount", 1}}, Classification::economic_department));
  Submission s = doc_with(t, 2020);
  ValidationOptions o;
  o.catalog = &repo_catalog();
  Diagnostics d = check_submission(s, o);
  CHECK(rules_of(d) == std::vector<std::string>{"CAT-FILL-001", "VAL-CAT-003"});
  CHECK(s.budget_tables[0].rows[0].code == "30112");
}

TEST_CASE("VAL-GOAL-001 fires when a period lacks 效益 or the goal has no indicators",
          "[validation][goals]") {
  CHECK(run_goal(complete_goal()).items().empty());
  PerformanceGoal g = complete_goal();
  g.indicators.erase(g.indicators.begin() + 1);
  Diagnostics d = run_goal(g);
  REQUIRE(rules_of(d) == std::vector<std::string>{"VAL-GOAL-001"});
  CHECK(find_rule(d, "VAL-GOAL-001")->message_zh.find("效益指标") != std::string::npos);
  g.indicators.clear();
  CHECK(rules_of(run_goal(g)) == std::vector<std::string>{"VAL-GOAL-001"});
  PerformanceGoal impl = complete_goal();
  impl.indicators.push_back(ind("产出指标", "1年", std::nullopt, Period::implementation));
  CHECK(count_rule(run_goal(impl), "VAL-GOAL-001") ==
        1);  // the implementation period is incomplete
}

TEST_CASE("VAL-GOAL-002 fires on a comparison that does not parse, not on qualitative text",
          "[validation][goals]") {
  PerformanceGoal g = complete_goal();
  g.indicators.push_back(ind("产出指标", "不晚于2020年第一季度"));
  g.indicators.push_back(ind("产出指标", "高中低"));
  CHECK(run_goal(g).items().empty());
  g.indicators.push_back(ind("产出指标", "≥九成"));
  Diagnostics d = run_goal(g);
  REQUIRE(rules_of(d) == std::vector<std::string>{"VAL-GOAL-002"});
  CHECK(find_rule(d, "VAL-GOAL-002")->location.name == "产出指标指标名");
  PerformanceGoal parts = complete_goal();
  parts.indicators[0].target.value.reset();  // comparator "ge" kept without its number
  CHECK(rules_of(run_goal(parts)) == std::vector<std::string>{"VAL-GOAL-002"});
}

TEST_CASE("VAL-GOAL-003 fires when weights do not sum to 100", "[validation][goals]") {
  PerformanceGoal g = complete_goal();
  for (auto& i : g.indicators) i.weight = Decimal{30, 0};
  Diagnostics d = run_goal(g);
  REQUIRE(rules_of(d) == std::vector<std::string>{"VAL-GOAL-003"});
  CHECK(find_rule(d, "VAL-GOAL-003")->found == "90");
  g.indicators[0].weight = Decimal{400, 1};  // 40.0
  CHECK(run_goal(g).items().empty());
}

TEST_CASE("VAL-GOAL-004 fires when the spending plan falls or passes 100", "[validation][goals]") {
  PerformanceGoal g = complete_goal();
  g.spending_plan = {{"3月底", Decimal{25, 0}},
                     {"6月底", Decimal{50, 0}},
                     {"10月底", std::nullopt},
                     {"12月底", Decimal{100, 0}}};
  CHECK(run_goal(g).items().empty());
  g.spending_plan[1].percent = Decimal{20, 0};
  g.spending_plan[3].percent = Decimal{1005, 1};
  Diagnostics d = run_goal(g);
  CHECK(count_rule(d, "VAL-GOAL-004") == 2);
}

TEST_CASE("VAL-GOAL-005 fires when 资金总额 is not 财政 + 其他", "[validation][goals]") {
  PerformanceGoal g = complete_goal();
  g.budgets.push_back({Period::annual, Money{10'000'000}, Money{10'000'000}, std::nullopt});
  CHECK(run_goal(g).items().empty());
  g.budgets[0].other = Money{10'000'000};  // Qinyang: total 10, fiscal 10, other 10 (万元)
  Diagnostics d = run_goal(g);
  REQUIRE(rules_of(d) == std::vector<std::string>{"VAL-GOAL-005"});
  CHECK(find_rule(d, "VAL-GOAL-005")->expected == "20.00 万元");
}

TEST_CASE("VAL-EVAL-001 and VAL-EVAL-002 check the evaluation figures",
          "[validation][evaluation]") {
  Evaluation e;
  e.title = "自评";
  auto w = [](std::int64_t hundredths) { return Money{hundredths * 10'000}; };  // 0.01 万元 steps
  e.figures = {{"opening_balance", w(5725)}, {"income", w(251517)},    {"expenditure", w(253409)},
               {"closing_balance", w(3833)}, {"basic", w(165140)},     {"project", w(88269)},
               {"personnel", w(156930)},     {"public_funds", w(8210)}};
  Submission s;
  s.evaluations.push_back(e);
  CHECK(validate_submission(s, {}).items().empty());
  s.evaluations[0].figures["closing_balance"] = w(3834);
  s.evaluations[0].figures["project"] = w(88268);
  Diagnostics d = validate_submission(s, {});
  CHECK(count_rule(d, "VAL-EVAL-001") == 1);
  CHECK(count_rule(d, "VAL-EVAL-002") == 1);
  CHECK(find_rule(d, "VAL-EVAL-001")->expected == "38.33 万元");
}

TEST_CASE("Every finding's rule id is listed in validation_rules", "[validation]") {
  std::set<std::string> ids;
  for (const auto& r : validation_rules()) ids.insert(r.id);
  CHECK(ids.size() == validation_rules().size());
  for (const char* id : {"VAL-SUM-001", "VAL-ROW-004", "VAL-BAL-001", "VAL-XT-006", "VAL-CAT-003",
                         "VAL-GOAL-005", "VAL-EVAL-002", "CAT-FILL-002"}) {
    CHECK(ids.count(id) == 1);
  }
}
