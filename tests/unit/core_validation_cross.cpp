// Two-sided balance (VAL-BAL-001) and agreement between tables (VAL-XT-*).
#include <catch2/catch.hpp>

#include "core_validation_fixture.hpp"

using namespace budconv;
using namespace budconv::test;

namespace {

BudgetTable summary(std::int64_t income, std::int64_t spending) {
  BudgetTable t;
  t.kind = "income-expenditure-summary";
  t.title = "收支总表";
  t.scope = "department";
  t.columns.push_back({"income_amount", "预算数", ColumnType::money, Side::income});
  t.columns.push_back({"expenditure_amount", "预算数", ColumnType::money, Side::expenditure});
  BudgetRow in =
      make_row("", "一般公共预算拨款收入", 0, {{"income_amount", income}}, Classification::none);
  in.side = Side::income;
  t.rows.push_back(in);
  BudgetRow placeholder;  // a printed line with nothing on the income side
  placeholder.side = Side::income;
  t.rows.push_back(placeholder);
  t.rows.push_back(
      total_row({{"expenditure_amount", spending}}, Side::expenditure, "本年支出合计"));
  t.rows.push_back(total_row({{"income_amount", income}}, Side::income, "收入总计"));
  t.rows.push_back(total_row({{"expenditure_amount", spending}}, Side::expenditure, "支出总计"));
  return t;
}

BudgetTable coded(const std::string& kind, std::int64_t basic, std::int64_t project) {
  BudgetTable t = make_table(kind, {"total", "basic", "project"});
  t.title = kind;
  t.rows.push_back(total_row({{"total", basic + project}, {"basic", basic}, {"project", project}}));
  t.rows.push_back(make_row("210", "卫生健康支出", 1,
                            {{"total", basic + project}, {"basic", basic}, {"project", project}}));
  return t;
}

BudgetTable income_table(std::int64_t total) {
  BudgetTable t = make_table("income", {"total", "fiscal_appropriation"});
  t.rows.push_back(total_row({{"total", total}, {"fiscal_appropriation", total}}));
  t.rows.push_back(
      make_row("210", "卫生健康支出", 1, {{"total", total}, {"fiscal_appropriation", total}}));
  return t;
}

Submission budget(std::int64_t summary_in, std::int64_t summary_out, std::int64_t income,
                  std::int64_t basic, std::int64_t project, std::int64_t gp_project) {
  Submission s = doc_with(summary(summary_in, summary_out));
  s.budget_tables.push_back(income_table(income));
  s.budget_tables.push_back(coded("expenditure", basic, project));
  s.budget_tables.push_back(coded("general-public-expenditure", basic, gp_project));
  return s;
}

}  // namespace

TEST_CASE("Consistent tables give no cross-table findings", "[validation][cross]") {
  CHECK(validate_submission(budget(100, 100, 100, 30, 70, 70), {}).items().empty());
}

TEST_CASE("VAL-BAL-001 fires when 收入总计 differs from 支出总计", "[validation][cross]") {
  Diagnostics d = validate_submission(doc_with(summary(100, 90)), {});
  REQUIRE(count_rule(d, "VAL-BAL-001") == 1);
  CHECK(find_rule(d, "VAL-BAL-001")->location.name == "支出总计");
  CHECK(validate_submission(doc_with(summary(100, 100)), {}).items().empty());
}

TEST_CASE("VAL-XT-001 fires when the income table disagrees with the summary",
          "[validation][cross]") {
  Diagnostics d = validate_submission(budget(100, 100, 99, 30, 70, 70), {});
  CHECK(count_rule(d, "VAL-XT-001") == 1);
  CHECK(find_rule(d, "VAL-XT-001")->expected == "100.00 元");
}

TEST_CASE("VAL-XT-002 fires when the expenditure table disagrees with the summary",
          "[validation][cross]") {
  Diagnostics d = validate_submission(budget(100, 100, 100, 30, 71, 71), {});
  CHECK(count_rule(d, "VAL-XT-002") == 1);
  CHECK(count_rule(d, "VAL-XT-004") == 0);
}

TEST_CASE("VAL-XT-004 compares tables row by row when all funds are general public",
          "[validation][cross]") {
  Diagnostics d = validate_submission(budget(100, 100, 100, 30, 70, 69), {});
  CHECK(count_rule(d, "VAL-XT-004") == 4);  // total row and 210, in 合计 and 项目支出
  // With other income the two tables may differ.
  Submission s = budget(100, 100, 100, 30, 70, 69);
  s.budget_tables[1].rows[0].amounts["fiscal_appropriation"] = yuan(90);
  CHECK(count_rule(validate_submission(s, {}), "VAL-XT-004") == 0);
}

TEST_CASE("VAL-XT-003 and VAL-XT-005 tie the fiscal summary and basic table to the general table",
          "[validation][cross]") {
  Submission s = doc_with(coded("general-public-expenditure", 30, 70));
  BudgetTable fiscal;
  fiscal.kind = "fiscal-summary";
  fiscal.title = "财政拨款收支总表";
  fiscal.scope = "department";
  fiscal.columns.push_back({"income_amount", "金额", ColumnType::money, Side::income});
  fiscal.columns.push_back({"total", "合计", ColumnType::money, Side::expenditure});
  fiscal.columns.push_back(
      {"fiscal_appropriation", "一般公共预算", ColumnType::money, Side::expenditure});
  fiscal.rows.push_back(total_row({{"income_amount", 100}}, Side::income, "收入总计"));
  fiscal.rows.push_back(
      total_row({{"total", 100}, {"fiscal_appropriation", 100}}, Side::expenditure, "支出总计"));
  s.budget_tables.push_back(fiscal);
  BudgetTable basic = make_table("general-public-basic", {"total", "personnel", "public_funds"});
  basic.rows.push_back(total_row({{"total", 30}, {"personnel", 20}, {"public_funds", 10}}));
  basic.rows.push_back(make_row("301", "工资福利支出", 1, {{"total", 20}, {"personnel", 20}},
                                Classification::economic_department));
  basic.rows.push_back(make_row("302", "商品和服务支出", 1, {{"total", 10}, {"public_funds", 10}},
                                Classification::economic_department));
  s.budget_tables.push_back(basic);
  CHECK(validate_submission(s, {}).items().empty());
  s.budget_tables[1].rows[1].amounts["fiscal_appropriation"] = yuan(99);
  s.budget_tables[1].rows[1].amounts["total"] = yuan(99);
  s.budget_tables[1].rows[0].amounts["income_amount"] = yuan(99);
  s.budget_tables[2].rows[0].amounts["total"] = yuan(31);
  s.budget_tables[2].rows[0].amounts["personnel"] = yuan(21);
  Diagnostics d = validate_submission(s, {});
  CHECK(count_rule(d, "VAL-XT-003") == 1);
  CHECK(count_rule(d, "VAL-XT-005") == 1);
}

TEST_CASE("VAL-XT-006 warns when 人员经费 disagrees with the economic classes",
          "[validation][cross]") {
  BudgetTable gp = make_table("general-public-expenditure",
                              {"total", "basic", "personnel", "public_funds", "project"});
  gp.rows.push_back(
      total_row({{"total", 30}, {"basic", 30}, {"personnel", 22}, {"public_funds", 8}}));
  BudgetTable basic = make_table("general-public-basic", {"amount"});
  basic.rows.push_back(total_row({{"amount", 30}}));
  basic.rows.push_back(
      make_row("301", "工资福利支出", 1, {{"amount", 20}}, Classification::economic_department));
  basic.rows.push_back(
      make_row("302", "商品和服务支出", 1, {{"amount", 10}}, Classification::economic_department));
  Submission s = doc_with(gp);
  s.budget_tables.push_back(basic);
  Diagnostics d = validate_submission(s, {});
  REQUIRE(count_rule(d, "VAL-XT-006") == 2);
  CHECK(find_rule(d, "VAL-XT-006")->severity == Severity::warning);
  CHECK(find_rule(d, "VAL-XT-006")->message_zh.find("相差 2.00 元") != std::string::npos);
  s.budget_tables[0].rows[0].amounts["personnel"] = yuan(20);
  s.budget_tables[0].rows[0].amounts["public_funds"] = yuan(10);
  CHECK(count_rule(validate_submission(s, {}), "VAL-XT-006") == 0);
}

TEST_CASE("Unit tables are compared with their own unit's tables only", "[validation][cross]") {
  Submission s = budget(100, 100, 100, 30, 70, 70);
  BudgetTable unit_income = income_table(50);
  unit_income.scope = "unit";
  unit_income.agency_code = "450001";
  s.budget_tables.push_back(unit_income);
  CHECK(validate_submission(s, {}).items().empty());
}
