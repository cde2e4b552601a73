// Canonical model invariants: ids, column sums, totals, equality.
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "budconv/model.hpp"

using budconv::BudgetRow;
using budconv::BudgetTable;
using budconv::Classification;
using budconv::Money;

namespace {

BudgetRow row(int level, std::string code, std::string name, std::map<std::string, Money> amounts,
              bool total = false) {
  BudgetRow r;
  r.classification = code.empty() ? Classification::none : Classification::function;
  r.level = level;
  r.code = std::move(code);
  r.name = std::move(name);
  r.amounts = std::move(amounts);
  r.is_total = total;
  return r;
}

/// 合计 / 类 / 款 / 项 with a detail row under the 项, as in seed 004 (Henan, in 分).
BudgetTable income_table() {
  BudgetTable t;
  t.kind = "income";
  t.unit = budconv::AmountUnit::wan_yuan;
  t.rows.push_back(row(0, "", "合计", {{"total", Money{300}}, {"basic", Money{100}}}, true));
  t.rows.push_back(
      row(1, "208", "社会保障和就业支出", {{"total", Money{100}}, {"basic", Money{100}}}));
  t.rows.push_back(row(2, "20805", "行政事业单位养老支出", {{"total", Money{100}}}));
  t.rows.push_back(row(1, "210", "卫生健康支出", {{"total", Money{200}}}));
  BudgetRow item = row(3, "2101501", "行政运行", {{"total", Money{200}}});
  item.details.push_back(row(4, "2101501", "年终一次性奖金", {{"total", Money{9999}}}));
  t.rows.push_back(item);
  return t;
}

}  // namespace

TEST_CASE("model enums have stable ids", "[model]") {
  using budconv::classification_id;
  for (Classification c :
       {Classification::none, Classification::function, Classification::economic_department,
        Classification::economic_government}) {
    CHECK(budconv::parse_classification(classification_id(c)) == c);
  }
  CHECK(std::string(classification_id(Classification::economic_department)) ==
        "economic-department");
  CHECK_FALSE(budconv::parse_classification("功能分类"));
  CHECK_FALSE(budconv::parse_classification(""));
  CHECK(std::string(budconv::side_id(budconv::Side::none)).empty());
  CHECK(std::string(budconv::side_id(budconv::Side::income)) == "income");
  CHECK(std::string(budconv::side_id(budconv::Side::expenditure)) == "expenditure");
  CHECK(std::string(budconv::period_id(budconv::Period::annual)) == "annual");
  CHECK(std::string(budconv::period_id(budconv::Period::implementation)) == "implementation");
}

TEST_CASE("column_sum adds the top level only, never totals or details", "[model]") {
  const BudgetTable t = income_table();
  // 类 rows: 100 + 200; the 款, the 项 and its detail are inside them.
  CHECK(budconv::column_sum(t.rows, "total") == Money{300});
  CHECK(budconv::table_total(t, "total") == Money{300});
  CHECK(budconv::column_sum(t.rows, "total") == budconv::table_total(t, "total"));
}

TEST_CASE("blank is not zero in sums", "[model]") {
  const BudgetTable t = income_table();
  // Only one 类 has "basic": blank cells add nothing but do not make the sum blank.
  CHECK(budconv::column_sum(t.rows, "basic") == Money{100});
  // A column nobody filled is blank, not 0.
  CHECK_FALSE(budconv::column_sum(t.rows, "project"));
  CHECK_FALSE(budconv::table_total(t, "project"));
  // An explicit zero is a value.
  std::vector<BudgetRow> rows{row(1, "201", "一般公共服务支出", {{"project", Money{0}}})};
  CHECK(budconv::column_sum(rows, "project") == Money{0});
  CHECK_FALSE(budconv::column_sum({}, "total"));
}

TEST_CASE("column_sum uses the rows' own top level", "[model]") {
  // A Henan table that lists only 项 rows sums them.
  std::vector<BudgetRow> items{row(3, "2101501", "行政运行", {{"total", Money{5}}}),
                               row(3, "2101502", "一般行政管理事务", {{"total", Money{7}}})};
  CHECK(budconv::column_sum(items, "total") == Money{12});
  // Item lines of a 收支总表 sum; "其中：" lines restate part of the line above.
  BudgetRow a = row(0, "", "一般公共预算拨款收入", {{"income", Money{50}}});
  a.label = "一、";
  BudgetRow of = row(0, "", "专项收入", {{"income", Money{20}}});
  of.label = "其中：";
  BudgetRow b = row(0, "", "事业收入", {{"income", Money{30}}});
  b.label = "二、";
  BudgetRow total = row(0, "", "收入总计", {{"income", Money{80}}}, true);
  CHECK(budconv::column_sum({a, of, b, total}, "income") == Money{80});
}

TEST_CASE("column_sum reports overflow instead of wrapping", "[model]") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::vector<BudgetRow> rows{row(1, "201", "a", {{"total", Money{max}}}),
                              row(1, "202", "b", {{"total", Money{1}}})};
  CHECK_FALSE(budconv::column_sum(rows, "total"));
}

TEST_CASE("table_total reads the first total row", "[model]") {
  BudgetTable t = income_table();
  t.rows.push_back(row(0, "", "总计", {{"total", Money{1}}}, true));
  CHECK(budconv::table_total(t, "total") == Money{300});
  BudgetTable none;
  CHECK_FALSE(budconv::table_total(none, "total"));
}

TEST_CASE("model equality sees every difference", "[model]") {
  const BudgetTable a = income_table();
  BudgetTable b = income_table();
  CHECK(a == b);
  b.rows[4].details[0].amounts["total"] = Money{9998};
  CHECK_FALSE(a == b);
  b = income_table();
  b.rows[1].code = "0208";  // codes are text: leading zeros matter
  CHECK_FALSE(a == b);
  b = income_table();
  b.rows[2].amounts.erase("total");  // blank differs from any value
  CHECK_FALSE(a == b);
  b = income_table();
  b.rows[2].amounts["total"] = Money{0};
  b.rows[2].amounts["basic"] = Money{0};
  CHECK_FALSE(a == b);

  budconv::Indicator x, y;
  x.target = budconv::Target::parse("≥90%");
  y.target = budconv::Target::parse("≥ 90%");
  CHECK_FALSE(x == y);  // same parse, different published text
  y.target = budconv::Target::parse("≥90%");
  CHECK(x == y);
  y.weight = budconv::Decimal{5, 0};
  CHECK_FALSE(x == y);
}
