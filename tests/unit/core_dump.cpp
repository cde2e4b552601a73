// Golden-file dumps: deterministic, and every field of the model shows.
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "budconv/dump.hpp"

using namespace budconv;

namespace {

/// A Submission with every field set to a non-default value.
Submission full_submission() {
  Submission d;
  d.agency_code = "315";
  d.agency_name = "乐山市医疗保障局";
  d.fiscal_year = 2022;
  d.kind = "performance-goals";
  d.region = "sichuan";
  d.template_id = "sichuan.goal.project";
  d.source_file = "leshan.xlsx";
  d.extras.push_back({"header.金额单位", "万元", {"表6", "A3"}});

  BudgetTable t;
  t.kind = "income";
  t.title = "部门预算收入总表";
  t.scope = "department";
  t.agency_code = "450001";
  t.agency_name = "威县医疗保障局(本级）";
  t.unit = AmountUnit::wan_yuan;
  t.columns.push_back({"total", "合计", ColumnType::money, Side::income});
  t.columns.push_back({"note", "备注", ColumnType::text, Side::none});
  BudgetRow r;
  r.classification = Classification::function;
  r.code = "2101202";
  r.name = "财政对城乡居民基本医疗保险基金的补助";
  r.label = "一、";
  r.level = 3;
  r.side = Side::income;
  r.is_total = false;
  r.alt = AltClass{Classification::economic_government, "505", "对事业单位经常性补助"};
  r.amounts["total"] = Money{2565190000};
  r.texts["note"] = "说明";
  BudgetRow detail;
  detail.code = "2101202";
  detail.name = "年终一次性奖金";
  detail.level = 4;
  detail.amounts["total"] = Money{28600};
  detail.source = {"收入总表", "B9"};
  r.details.push_back(detail);
  r.source = {"收入总表", "B8"};
  t.rows.push_back(r);
  t.notes.push_back("注：无政府基金预算财政拨款预算，空表列示。");
  t.extras.push_back({"header.预算年度", "2021", {"收入总表", "A3"}});
  t.source = {"收入总表", "A1"};
  d.budget_tables.push_back(t);

  PerformanceGoal g;
  g.kind = "project";
  g.code = "1308002180NBHMV4FV2C2";
  g.name = "局机关及医保经办服务大厅运行项目经费";
  g.title = "局机关及医保经办服务大厅运行项目绩效目标表";
  g.department = "承德市医疗保障局";
  g.unit_name = "315-乐山市医疗保障局";
  g.amount_unit = AmountUnit::wan_yuan;
  g.budgets.push_back({Period::annual, Money{40000000}, Money{40000000}, Money{1}});
  g.purpose = "保障局机关及医保经办服务大厅的正常运转";
  g.spending_plan.push_back({"3月底", Decimal{25, 0}});
  g.objectives.push_back({Period::annual, "提供更加便捷可及的医疗保障公共服务"});
  Indicator ind;
  ind.period = Period::annual;
  ind.level1 = "效益指标";
  ind.level1_text = "效果指标";
  ind.level2 = "可持续影响指标";
  ind.level2_text = "可持续性影响";
  ind.name = "参保人数";
  ind.description = "全市城乡居民参保人数";
  ind.target = Target::parse("6-9 个月");
  ind.weight = Decimal{5, 0};
  ind.direction = "正向指标";
  ind.basis = "2020 年 12 月底数据";
  ind.group = 1;
  ind.source = {"表6", "G9"};
  g.indicators.push_back(ind);
  g.extras.push_back({"column.备注", "x", {"表6", "M9"}});
  g.source = {"表6", "A5"};
  d.goals.push_back(g);

  Evaluation e;
  e.title = "部门整体支出绩效评价自评报告";
  e.year = 2022;
  e.score = Decimal{88, 0};
  e.grade = "良好";
  e.unit = AmountUnit::wan_yuan;
  e.figures["opening_balance"] = Money{57250000};
  e.findings.push_back("预算执行过程中支出管理力度不够");
  e.extras.push_back({"note", "y", {"", ""}});
  d.evaluations.push_back(e);
  return d;
}

Workbook full_workbook() {
  Workbook b;
  b.date1904 = false;
  Sheet& s = b.add_sheet("收入总表");
  s.hidden = false;
  s.frozen_rows = 2;
  s.column_widths[1] = 12.5;
  s.merges.push_back({{0, 0}, {0, 5}});
  Cell title = Cell::make_text("部门预算收入总表");
  title.bold = true;
  s.set(0, 0, title);
  Cell sum = Cell::make_number("90816893.00", "#,##0.00");
  sum.formula = "SUM(B8:B9)";
  s.set(6, 1, sum);
  return b;
}

using Mutation = std::pair<const char*, std::function<void(Submission&)>>;

}  // namespace

TEST_CASE("dump_submission is deterministic and readable", "[dump]") {
  const Submission d = full_submission();
  const std::string a = dump_submission(d);
  CHECK(a == dump_submission(full_submission()));
  // Amounts in the published unit and in 元.
  CHECK(a.find("2565.19 万元 = 25651900.00 元") != std::string::npos);
  CHECK(a.find("\"6-9 个月\" comparator=range value=6 value2=9 unit=\"个月\"") !=
        std::string::npos);
  CHECK(a.find("\"2101202\"") != std::string::npos);
  CHECK(a.back() == '\n');
  // Blank amounts are shown as blank, not as zero.
  Submission blank = d;
  blank.goals[0].budgets[0].other.reset();
  CHECK(dump_submission(blank).find("other: blank") != std::string::npos);
  CHECK(dump_submission(Submission{}).find("budget_tables: 0") != std::string::npos);
}

TEST_CASE("changing any one field of the model changes the dump", "[dump]") {
  const std::string base = dump_submission(full_submission());
  const std::vector<Mutation> mutations{
      {"agency_code", [](Submission& d) { d.agency_code = "316"; }},
      {"agency_name", [](Submission& d) { d.agency_name += "x"; }},
      {"fiscal_year", [](Submission& d) { d.fiscal_year = 2023; }},
      {"kind", [](Submission& d) { d.kind = "department-budget"; }},
      {"region", [](Submission& d) { d.region = "hebei"; }},
      {"template_id", [](Submission& d) { d.template_id = ""; }},
      {"source_file", [](Submission& d) { d.source_file = "b.xlsx"; }},
      {"extra.key", [](Submission& d) { d.extras[0].key = "k"; }},
      {"extra.value", [](Submission& d) { d.extras[0].value = "元"; }},
      {"extra.sheet", [](Submission& d) { d.extras[0].source.sheet = "x"; }},
      {"extra.cell", [](Submission& d) { d.extras[0].source.cell = "A4"; }},
      {"table.kind", [](Submission& d) { d.budget_tables[0].kind = "expenditure"; }},
      {"table.title", [](Submission& d) { d.budget_tables[0].title = "t"; }},
      {"table.scope", [](Submission& d) { d.budget_tables[0].scope = "unit"; }},
      {"table.agency_code", [](Submission& d) { d.budget_tables[0].agency_code = "450"; }},
      {"table.agency_name", [](Submission& d) { d.budget_tables[0].agency_name = "n"; }},
      {"table.unit", [](Submission& d) { d.budget_tables[0].unit = AmountUnit::yuan; }},
      {"table.source", [](Submission& d) { d.budget_tables[0].source.cell = "A2"; }},
      {"column.id", [](Submission& d) { d.budget_tables[0].columns[0].id = "basic"; }},
      {"column.label", [](Submission& d) { d.budget_tables[0].columns[0].label = "小计"; }},
      {"column.type",
       [](Submission& d) { d.budget_tables[0].columns[0].type = ColumnType::quantity; }},
      {"column.side",
       [](Submission& d) { d.budget_tables[0].columns[0].side = Side::expenditure; }},
      {"column.count", [](Submission& d) { d.budget_tables[0].columns.pop_back(); }},
      {"row.class",
       [](Submission& d) {
         d.budget_tables[0].rows[0].classification = Classification::economic_department;
       }},
      {"row.code", [](Submission& d) { d.budget_tables[0].rows[0].code = "02101202"; }},
      {"row.name", [](Submission& d) { d.budget_tables[0].rows[0].name = "n"; }},
      {"row.label", [](Submission& d) { d.budget_tables[0].rows[0].label = "其中："; }},
      {"row.level", [](Submission& d) { d.budget_tables[0].rows[0].level = 2; }},
      {"row.side", [](Submission& d) { d.budget_tables[0].rows[0].side = Side::none; }},
      {"row.is_total", [](Submission& d) { d.budget_tables[0].rows[0].is_total = true; }},
      {"row.alt", [](Submission& d) { d.budget_tables[0].rows[0].alt.reset(); }},
      {"row.alt.class",
       [](Submission& d) {
         d.budget_tables[0].rows[0].alt->classification = Classification::none;
       }},
      {"row.alt.code", [](Submission& d) { d.budget_tables[0].rows[0].alt->code = "50501"; }},
      {"row.alt.name", [](Submission& d) { d.budget_tables[0].rows[0].alt->name = "m"; }},
      {"row.amount", [](Submission& d) { d.budget_tables[0].rows[0].amounts["total"].fen += 1; }},
      {"row.amount.blank", [](Submission& d) { d.budget_tables[0].rows[0].amounts.clear(); }},
      {"row.amount.column",
       [](Submission& d) {
         auto& a = d.budget_tables[0].rows[0].amounts;
         a["basic"] = a["total"];
         a.erase("total");
       }},
      {"row.text", [](Submission& d) { d.budget_tables[0].rows[0].texts["note"] = "x"; }},
      {"row.source", [](Submission& d) { d.budget_tables[0].rows[0].source.sheet = "s"; }},
      {"detail.name", [](Submission& d) { d.budget_tables[0].rows[0].details[0].name = "d"; }},
      {"detail.amount",
       [](Submission& d) { d.budget_tables[0].rows[0].details[0].amounts["total"].fen = 0; }},
      {"detail.source",
       [](Submission& d) { d.budget_tables[0].rows[0].details[0].source.cell = "B10"; }},
      {"table.note", [](Submission& d) { d.budget_tables[0].notes[0] = "注"; }},
      {"table.extra", [](Submission& d) { d.budget_tables[0].extras[0].value = "2022"; }},
      {"goal.kind", [](Submission& d) { d.goals[0].kind = "special-fund"; }},
      {"goal.code", [](Submission& d) { d.goals[0].code = ""; }},
      {"goal.name", [](Submission& d) { d.goals[0].name = "n"; }},
      {"goal.title", [](Submission& d) { d.goals[0].title = "t"; }},
      {"goal.department", [](Submission& d) { d.goals[0].department = "p"; }},
      {"goal.unit_name", [](Submission& d) { d.goals[0].unit_name = "u"; }},
      {"goal.amount_unit", [](Submission& d) { d.goals[0].amount_unit = AmountUnit::yuan; }},
      {"goal.budget.period",
       [](Submission& d) { d.goals[0].budgets[0].period = Period::implementation; }},
      {"goal.budget.total", [](Submission& d) { d.goals[0].budgets[0].total.reset(); }},
      {"goal.budget.fiscal", [](Submission& d) { d.goals[0].budgets[0].fiscal = Money{1}; }},
      {"goal.budget.other", [](Submission& d) { d.goals[0].budgets[0].other = Money{0}; }},
      {"goal.purpose", [](Submission& d) { d.goals[0].purpose = ""; }},
      {"milestone.label", [](Submission& d) { d.goals[0].spending_plan[0].label = "6月底"; }},
      {"milestone.percent",
       [](Submission& d) {
         d.goals[0].spending_plan[0].percent = Decimal{250, 1};
       }},
      {"milestone.blank", [](Submission& d) { d.goals[0].spending_plan[0].percent.reset(); }},
      {"objective.period",
       [](Submission& d) { d.goals[0].objectives[0].period = Period::implementation; }},
      {"objective.text", [](Submission& d) { d.goals[0].objectives[0].text = "o"; }},
      {"ind.period",
       [](Submission& d) { d.goals[0].indicators[0].period = Period::implementation; }},
      {"ind.level1", [](Submission& d) { d.goals[0].indicators[0].level1 = "产出指标"; }},
      {"ind.level1_text", [](Submission& d) { d.goals[0].indicators[0].level1_text = ""; }},
      {"ind.level2", [](Submission& d) { d.goals[0].indicators[0].level2 = "数量指标"; }},
      {"ind.level2_text", [](Submission& d) { d.goals[0].indicators[0].level2_text = ""; }},
      {"ind.name", [](Submission& d) { d.goals[0].indicators[0].name = "n"; }},
      {"ind.description", [](Submission& d) { d.goals[0].indicators[0].description = "x"; }},
      {"ind.target.text", [](Submission& d) { d.goals[0].indicators[0].target.text = "6-9个月"; }},
      {"ind.target.comparator",
       [](Submission& d) { d.goals[0].indicators[0].target.comparator = Comparator::qualitative; }},
      {"ind.target.value",
       [](Submission& d) {
         d.goals[0].indicators[0].target.value = Decimal{60, 1};
       }},
      {"ind.target.value2", [](Submission& d) { d.goals[0].indicators[0].target.value2.reset(); }},
      {"ind.target.unit", [](Submission& d) { d.goals[0].indicators[0].target.unit = "月"; }},
      {"ind.weight", [](Submission& d) { d.goals[0].indicators[0].weight.reset(); }},
      {"ind.direction", [](Submission& d) { d.goals[0].indicators[0].direction = "反向指标"; }},
      {"ind.basis", [](Submission& d) { d.goals[0].indicators[0].basis = "b"; }},
      {"ind.group", [](Submission& d) { d.goals[0].indicators[0].group = 2; }},
      {"ind.source", [](Submission& d) { d.goals[0].indicators[0].source.cell = "G10"; }},
      {"goal.extra", [](Submission& d) { d.goals[0].extras[0].key = "k"; }},
      {"goal.source", [](Submission& d) { d.goals[0].source.sheet = "表7"; }},
      {"eval.title", [](Submission& d) { d.evaluations[0].title = "t"; }},
      {"eval.year", [](Submission& d) { d.evaluations[0].year = 2023; }},
      {"eval.score",
       [](Submission& d) {
         d.evaluations[0].score = Decimal{880, 1};
       }},
      {"eval.grade", [](Submission& d) { d.evaluations[0].grade = "优"; }},
      {"eval.unit", [](Submission& d) { d.evaluations[0].unit = AmountUnit::yuan; }},
      {"eval.figure", [](Submission& d) { d.evaluations[0].figures["income"] = Money{1}; }},
      {"eval.finding", [](Submission& d) { d.evaluations[0].findings.clear(); }},
      {"eval.extra", [](Submission& d) { d.evaluations[0].extras[0].source.cell = "A1"; }},
      {"goal.count", [](Submission& d) { d.goals.push_back(PerformanceGoal{}); }},
      {"table.count", [](Submission& d) { d.budget_tables.push_back(BudgetTable{}); }},
      {"eval.count", [](Submission& d) { d.evaluations.push_back(Evaluation{}); }},
  };
  for (const auto& [name, mutate] : mutations) {
    Submission d = full_submission();
    mutate(d);
    INFO("mutated field: " << name);
    REQUIRE_FALSE(d == full_submission());  // the mutation really changed the model
    CHECK(dump_submission(d) != base);
  }
}

TEST_CASE("dump_workbook shows every sheet, merge, width and cell field", "[dump]") {
  const Workbook b = full_workbook();
  const std::string a = dump_workbook(b);
  CHECK(a == dump_workbook(full_workbook()));
  CHECK(a.find("[收入总表] B7 number \"90816893.00\"") != std::string::npos);
  CHECK(a.find("fmt=\"#,##0.00\"") != std::string::npos);
  CHECK(a.find("formula=\"SUM(B8:B9)\"") != std::string::npos);
  CHECK(a.find("[收入总表] merge A1:F1") != std::string::npos);
  CHECK(a.find("[收入总表] width B 12.5") != std::string::npos);
  CHECK(a.find("bold") != std::string::npos);

  using WbMutation = std::pair<const char*, std::function<void(Workbook&)>>;
  const std::vector<WbMutation> mutations{
      {"date1904", [](Workbook& w) { w.date1904 = true; }},
      {"sheet.name", [](Workbook& w) { w.sheets[0].name = "支出总表"; }},
      {"sheet.hidden", [](Workbook& w) { w.sheets[0].hidden = true; }},
      {"sheet.frozen", [](Workbook& w) { w.sheets[0].frozen_rows = 0; }},
      {"sheet.width", [](Workbook& w) { w.sheets[0].column_widths[1] = 13; }},
      {"sheet.merge", [](Workbook& w) { w.sheets[0].merges[0].last.col = 4; }},
      {"cell.type", [](Workbook& w) { w.sheets[0].at(6, 1).type = CellType::text; }},
      {"cell.text", [](Workbook& w) { w.sheets[0].at(6, 1).text = "90816893"; }},
      {"cell.number", [](Workbook& w) { w.sheets[0].at(6, 1).number = 1; }},
      {"cell.format", [](Workbook& w) { w.sheets[0].at(6, 1).number_format = ""; }},
      {"cell.formula", [](Workbook& w) { w.sheets[0].at(6, 1).formula = ""; }},
      {"cell.bold", [](Workbook& w) { w.sheets[0].at(0, 0).bold = false; }},
      {"cell.border", [](Workbook& w) { w.sheets[0].at(0, 0).border ^= true; }},
      {"cell.moved",
       [](Workbook& w) {
         w.sheets[0].set(6, 2, *w.sheets[0].find(6, 1));
         w.sheets[0].rows[6].erase(1);
       }},
      {"cell.whitespace", [](Workbook& w) { w.sheets[0].set(9, 0, Cell::make_text(" ")); }},
      {"sheet.count", [](Workbook& w) { w.add_sheet("Sheet2"); }},
  };
  for (const auto& [name, mutate] : mutations) {
    Workbook w = full_workbook();
    mutate(w);
    INFO("mutated field: " << name);
    CHECK(dump_workbook(w) != a);
  }
}

TEST_CASE("dumps escape control characters so one field stays on one line", "[dump]") {
  Submission d;
  d.agency_name = "a\nb\"c\\";
  const std::string s = dump_submission(d);
  CHECK(s.find("\"a\\nb\\\"c\\\\\"") != std::string::npos);
  Workbook b;
  b.add_sheet("x\ny").set(0, 0, Cell::make_text("1\r2"));
  const std::string w = dump_workbook(b);
  CHECK(w.find("[x\\ny] A1 text \"1\\r2\"") != std::string::npos);
}
