// The every-field Submission used by the canonical XML tests.
#include "xml_full_model.hpp"

#include <algorithm>
#include <limits>

#include "budconv/file_io.hpp"
#include "test_support.hpp"
#include "xml_format.hpp"

namespace budconv::test {

namespace {

Money fen(std::int64_t v) {
  return Money{v};
}
Decimal dec(std::int64_t mantissa, int scale) {
  return Decimal{mantissa, scale};
}

BudgetTable two_sided_summary() {
  BudgetTable t;
  t.kind = "income-expenditure-summary";
  t.title = "部门预算收支总表";
  t.scope = "department";
  t.agency_code = "450";
  t.agency_name = "威县医疗保障局";
  t.unit = AmountUnit::yuan;
  t.source = {"收支总表", "A1"};
  t.columns = {{"income_amount", "预算数", ColumnType::money, Side::income},
               {"expenditure_amount", "预算数", ColumnType::money, Side::expenditure}};
  BudgetRow in;
  in.label = "一、";
  in.name = "一般公共预算拨款收入";
  in.side = Side::income;
  in.amounts["income_amount"] = fen(9081689300);
  in.source = {"收支总表", "A6"};
  BudgetRow out;
  out.label = "一、";
  out.name = "一般公共服务支出";
  out.side = Side::expenditure;
  out.amounts["expenditure_amount"] = fen(538500000);
  BudgetRow blank_income;  // a padding line of the left side: only its side is known
  blank_income.side = Side::income;
  BudgetRow total;
  total.name = "收入总计";
  total.is_total = true;
  total.side = Side::income;
  total.amounts["income_amount"] = fen(9081689300);
  t.rows = {in, out, blank_income, total};
  t.notes = {"注：本表为收支总表。"};
  return t;
}

BudgetTable expenditure_in_wan_yuan() {
  BudgetTable t;
  t.kind = "expenditure";
  t.title = "部门支出总体情况表";
  t.scope = "unit";
  t.agency_code = "450001";
  t.agency_name = "威县医疗保障局(本级）";
  t.unit = AmountUnit::wan_yuan;
  t.source = {"支出总表", "B2"};
  t.columns = {{"total", "合计", ColumnType::money, Side::none},
               {"basic", "基本支出", ColumnType::money, Side::none},
               {"personnel", "人员经费\n支出", ColumnType::money, Side::none},
               {"project", "项目支出", ColumnType::money, Side::none},
               {"quantity", "数量", ColumnType::quantity, Side::none},
               {"measure_unit", "计量单位", ColumnType::text, Side::none}};
  BudgetRow total;
  total.name = "合计";
  total.is_total = true;
  total.amounts = {{"total", fen(9081689300)},
                   {"basic", fen(1)},
                   {"project", fen(0)},
                   {"personnel", fen(-2500000)}};
  BudgetRow cls;
  cls.classification = Classification::function;
  cls.code = "210";
  cls.name = "卫生健康支出";
  cls.level = 1;
  cls.amounts = {{"total", fen(std::numeric_limits<std::int64_t>::max())}};
  cls.source = {"支出总表", "A8"};
  BudgetRow item;
  item.classification = Classification::function;
  item.code = "2101501";
  item.name = "行政运行";
  item.level = 3;
  item.amounts = {{"total", fen(44590000)}, {"unit_price", fen(123456)}};  // unit_price: no column
  item.texts = {{"measure_unit", "台"}, {"quantity", "12"}, {"remark", " 备注 & <说明> "}};
  BudgetRow detail;
  detail.classification = Classification::function;
  detail.code = "2101501";
  detail.name = "年终一次性奖金";
  detail.level = 4;
  detail.amounts = {{"total", fen(2860000)}};
  detail.source = {"支出总表", "A10"};
  BudgetRow sub_detail;
  sub_detail.name = "其中：十三个月工资";
  sub_detail.label = "其中：";
  sub_detail.level = 5;
  sub_detail.amounts = {{"total", fen(std::numeric_limits<std::int64_t>::min() + 1)}};
  detail.details = {sub_detail};
  item.details = {detail, BudgetRow{}};
  BudgetRow econ;
  econ.classification = Classification::economic_department;
  econ.code = "30101";
  econ.name = "基本工资";
  econ.level = 2;
  econ.alt = AltClass{Classification::economic_government, "", "工资奖金津补贴"};
  econ.amounts = {{"personnel", fen(24720000)}};
  BudgetRow names_only;
  names_only.name = "办公费";
  names_only.alt = AltClass{Classification::none, "50201", ""};
  t.rows = {total, cls, item, econ, names_only};
  t.notes = {"注：", "", "  "};
  t.extras = {{"header.截止时间", "2020-12-31", {"支出总表", "F3"}}, {"column.备注", "", {}}};
  return t;
}

BudgetTable empty_table() {
  BudgetTable t;
  t.kind = "gov-fund-expenditure";
  t.notes = {"注：无政府基金预算财政拨款预算，空表列示。"};
  return t;
}

Indicator indicator_every_attribute() {
  Indicator i;
  i.period = Period::implementation;
  i.level1 = "效益指标";
  i.level1_text = "效果指标";
  i.level2 = "可持续影响指标";
  i.level2_text = "可持续性影响";
  i.name = "基金滚存结余可支配月数";
  i.description = "基金\t可支配\n月数";
  i.target.text = "6-9 个月";
  i.target.comparator = Comparator::range;
  i.target.value = dec(6, 0);
  i.target.value2 = dec(90, 1);
  i.target.unit = "个月";
  i.weight = dec(55, 1);
  i.direction = "正向指标";
  i.basis = "2020 年 12 月底数据";
  i.group = 2;
  i.source = {"绩效目标表", "C12"};
  return i;
}

PerformanceGoal project_goal() {
  PerformanceGoal g;
  g.kind = "project";
  g.code = "1308002180NBHMV4FV2C2";
  g.name = "局机关及医保经办服务大厅运行项目经费";
  g.title = "局机关及医保经办服务大厅运行项目绩效目标表";
  g.department = "承德市医疗保障局";
  g.unit_name = "315-乐山市医疗保障局";
  g.amount_unit = AmountUnit::wan_yuan;
  g.budgets = {GoalBudget{Period::annual, fen(40000000), fen(40000000), std::nullopt},
               GoalBudget{Period::implementation, fen(256519000), fen(1), fen(-5)}};
  g.purpose = "保障局机关及医保经办服务大厅的正常运转\r\n第二行 \"引号\" 'single' ]]> &amp;";
  g.spending_plan = {{"3月底", dec(25, 0)},
                     {"6月底", dec(505, 1)},
                     {"10月底", dec(0, 2)},
                     {"12月底", std::nullopt},
                     {"", dec(-1, 0)}};
  g.objectives = {{Period::annual, "提供更加便捷可及的医疗保障公共服务"},
                  {Period::implementation, "实施期目标"},
                  {Period::annual, ""}};
  Indicator ge;
  ge.level1 = "产出指标";
  ge.level2 = "数量指标";
  ge.name = "开展医保集中宣传次数(次)";
  ge.target = {"≥2次", Comparator::ge, dec(2, 0), std::nullopt, "次"};
  Indicator qual;
  qual.level1 = "满意度指标";
  qual.level2 = "服务对象满意度指标";
  qual.name = "参保群众满意度";
  qual.target = {"高中低", Comparator::qualitative, std::nullopt, std::nullopt, ""};
  qual.direction = "反向指标";
  Indicator bare;  // nothing parsed, nothing published
  Indicator eq;
  eq.level1 = "成本指标";
  eq.target = {"289.89 万人", Comparator::eq, dec(28989, 2), std::nullopt, "万人"};
  Indicator lt;
  lt.target = {"<-0.5%", Comparator::lt, dec(-5, 1), std::nullopt, "%"};
  Indicator gt_le;
  gt_le.target = {"", Comparator::gt, dec(1, 18), std::nullopt, ""};
  Indicator le;
  le.target = {"24小时内", Comparator::le, dec(24, 0), std::nullopt, "小时"};
  g.indicators = {indicator_every_attribute(), ge, qual, bare, eq, lt, gt_le, le};
  g.extras = {{"header.填报单位", "承德市医疗保障局", {"绩效目标表", "A2"}}};
  g.source = {"绩效目标表", "A1"};
  return g;
}

Evaluation self_evaluation() {
  Evaluation e;
  e.title = "部门整体支出绩效评价自评报告";
  e.year = 2022;
  e.score = dec(885, 1);
  e.grade = "良好";
  e.unit = AmountUnit::wan_yuan;
  e.figures = {{"opening_balance", fen(57250000)},
               {"income", fen(1)},
               {"closing_balance", fen(-100)},
               {"three_public", fen(0)}};
  e.findings = {"预算执行过程中支出管理力度不够；", "多行\n发现"};
  e.extras = {{"narrative.整改措施", "加强管理", {}}};
  return e;
}

}  // namespace

Submission full_model() {
  Submission doc;
  doc.agency_code = "450";
  doc.agency_name = "威县医疗保障局";
  doc.fiscal_year = 2021;
  doc.kind = "department-budget";
  doc.region = "hebei";
  doc.template_id = "hebei.budget.department";
  doc.extras = {{"header.编制日期", "2020 年 8 月 21 日", {"封面", "B3"}},
                {"escapes", "a & b < c > \"q\" 'apos'\ttab\nnewline\r\nCRLF\rCR  ", {}},
                {"", "   ", {"", "Z9"}},
                {"empty", "", {"封面", ""}}};
  doc.budget_tables = {two_sided_summary(), expenditure_in_wan_yuan(), empty_table()};
  PerformanceGoal special;
  special.kind = "special-fund";
  special.amount_unit = AmountUnit::yuan;
  special.budgets = {GoalBudget{Period::annual, std::nullopt, std::nullopt, fen(12345)}};
  PerformanceGoal department;
  department.kind = "department";
  doc.goals = {project_goal(), special, department};
  doc.evaluations = {self_evaluation(), Evaluation{}};
  return doc;
}

std::vector<std::filesystem::path> canonical_xml_samples() {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path dir = source_dir() / "samples";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".xml") continue;
    const std::vector<std::byte> head = read_head(entry.path(), 4096);
    if (xml::sniff_xml(head, entry.path().filename().string()) == Sniff::yes) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace budconv::test
