// Hierarchy sums (VAL-SUM-*) and row identities (VAL-ROW-*): each rule fires on a broken table
// and stays quiet on a correct one.
#include <catch2/catch.hpp>

#include "core_validation_fixture.hpp"

using namespace budconv;
using namespace budconv::test;

namespace {

/// 合计 / 类 / 款 / 项 with two details, all consistent.
BudgetTable hierarchy() {
  BudgetTable t = make_table("expenditure", {"total"});
  t.unit = AmountUnit::yuan;
  t.rows.push_back(total_row({{"total", 300}}));
  t.rows.push_back(make_row("210", "卫生健康支出", 1, {{"total", 300}}));
  t.rows.push_back(make_row("21015", "医疗保障管理事务", 2, {{"total", 300}}));
  t.rows.push_back(make_row("2101501", "行政运行", 3, {{"total", 100}}));
  t.rows.back().details.push_back(make_row("2101501", "工资", 4, {{"total", 60}}));
  t.rows.back().details.push_back(make_row("2101501", "办公费", 4, {{"total", 40}}));
  t.rows.push_back(make_row("2101504", "信息化建设", 3, {{"total", 200}}));
  return t;
}

Diagnostics run(const BudgetTable& t) {
  return validate_submission(doc_with(t), {});
}

}  // namespace

TEST_CASE("A consistent hierarchy has no sum findings", "[validation][sums]") {
  CHECK(run(hierarchy()).items().empty());
}

TEST_CASE("VAL-SUM-001 fires when the total differs from the top-level rows",
          "[validation][sums]") {
  BudgetTable t = hierarchy();
  t.rows[0].amounts["total"] = yuan(301);
  Diagnostics d = run(t);
  REQUIRE(count_rule(d, "VAL-SUM-001") == 1);
  const Diagnostic* f = find_rule(d, "VAL-SUM-001");
  CHECK(f->expected == "300.00 元");
  CHECK(f->found == "301.00 元");
  CHECK(f->message_zh.find("相差 1.00 元") != std::string::npos);
  CHECK(f->location.file == "test.xml");
  CHECK(f->location.sheet == "测试表");
}

TEST_CASE("VAL-SUM-002 fires when a 类 differs from its 款", "[validation][sums]") {
  BudgetTable t = hierarchy();
  t.rows[0].amounts["total"] = yuan(299);
  t.rows[1].amounts["total"] = yuan(299);
  Diagnostics d = run(t);
  CHECK(rules_of(d) == std::vector<std::string>{"VAL-SUM-002"});
  CHECK(find_rule(d, "VAL-SUM-002")->location.code == "210");
}

TEST_CASE("VAL-SUM-003 fires when a 款 differs from its 项", "[validation][sums]") {
  BudgetTable t = hierarchy();
  t.rows[4].amounts["total"] = yuan(201);
  Diagnostics d = run(t);
  CHECK(rules_of(d) == std::vector<std::string>{"VAL-SUM-003"});
  CHECK(find_rule(d, "VAL-SUM-003")->location.code == "21015");
}

TEST_CASE("VAL-SUM-004 fires when a 项 differs from its details, in 万元 exactly",
          "[validation][sums]") {
  BudgetTable t = hierarchy();
  t.unit = AmountUnit::wan_yuan;
  t.rows[3].details[1].amounts["total"] = Money{3999};  // 0.3999 万元 = 39.99 元
  Diagnostics d = run(t);
  REQUIRE(rules_of(d) == std::vector<std::string>{"VAL-SUM-004"});
  const Diagnostic* f = find_rule(d, "VAL-SUM-004");
  CHECK(f->expected == "0.009999 万元");
  CHECK(f->found == "0.01 万元");
}

TEST_CASE("其中 rows and blank cells are not added", "[validation][sums]") {
  BudgetTable t = make_table("fixed-assets", {"amount"});
  t.rows.push_back(total_row({{"amount", 10}}, Side::none, "资产总额"));
  t.rows.push_back(make_row("", "房屋", 0, {{"amount", 10}}, Classification::none));
  t.rows.push_back(make_row("", "办公用房", 0, {{"amount", 10}}, Classification::none));
  t.rows.back().label = "其中：";
  t.rows.push_back(make_row("", "车辆", 0, {}, Classification::none));
  CHECK(run(t).items().empty());
}

TEST_CASE("VAL-ROW-001 and VAL-ROW-002 check 合计 = 基本 + 项目 and 基本 = 人员 + 公用",
          "[validation][rows]") {
  BudgetTable t =
      make_table("expenditure", {"total", "basic", "personnel", "public_funds", "project"});
  t.rows.push_back(total_row(
      {{"total", 100}, {"basic", 60}, {"personnel", 50}, {"public_funds", 10}, {"project", 40}}));
  CHECK(run(t).items().empty());
  t.rows[0].amounts["project"] = yuan(41);
  t.rows[0].amounts["personnel"] = yuan(51);
  Diagnostics d = run(t);
  CHECK(count_rule(d, "VAL-ROW-001") == 1);
  CHECK(count_rule(d, "VAL-ROW-002") == 1);
  CHECK(find_rule(d, "VAL-ROW-001")->expected == "101.00 元");
}

TEST_CASE("VAL-ROW-002 uses the 合计 of a basic-expenditure table", "[validation][rows]") {
  BudgetTable t = make_table("general-public-basic", {"total", "personnel", "public_funds"});
  t.rows.push_back(make_row("301", "工资福利支出", 1, {{"total", 5}, {"personnel", 5}},
                            Classification::economic_department));
  CHECK(run(t).items().empty());
  t.rows[0].amounts["public_funds"] = yuan(1);
  CHECK(rules_of(run(t)) == std::vector<std::string>{"VAL-ROW-002"});
}

TEST_CASE("VAL-ROW-003 checks 项目 = 部门支出 + 专项支出 on details too", "[validation][rows]") {
  BudgetTable t = make_table(
      "expenditure", {"total", "basic", "project", "project_department", "project_special"});
  t.rows.push_back(make_row("2101504", "信息化建设", 3,
                            {{"total", 10}, {"project", 10}, {"project_special", 10}}));
  t.rows[0].details.push_back(
      make_row("2101504", "改革", 4, {{"total", 10}, {"project", 10}, {"project_special", 10}}));
  CHECK(run(t).items().empty());
  t.rows[0].details[0].amounts["project_department"] = yuan(1);
  Diagnostics d = run(t);
  CHECK(count_rule(d, "VAL-ROW-003") == 1);
  CHECK(find_rule(d, "VAL-ROW-003")->location.name == "改革");
}

TEST_CASE("VAL-ROW-004 checks 合计 = fund sources, leaving out 其中 columns",
          "[validation][rows]") {
  BudgetTable t = make_table(
      "income", {"total", "current_subtotal", "fiscal_appropriation", "other_income", "carryover"});
  t.rows.push_back(total_row({{"total", 100},
                              {"current_subtotal", 90},
                              {"fiscal_appropriation", 80},
                              {"other_income", 10},
                              {"carryover", 10}}));
  CHECK(run(t).items().empty());
  t.rows[0].amounts["carryover"] = yuan(0);
  CHECK(rules_of(run(t)) == std::vector<std::string>{"VAL-ROW-004"});
}
