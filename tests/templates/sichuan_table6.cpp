// The Sichuan 表6 goal template (formats/sichuan/goal-table6.xml) through the mapping engine:
// goals of the 乐山 sample (seed 002) are written as one flat table whose goal columns
// (单位名称 | 项目名称 | 预算数 | 年度目标) are merged over each goal's rows, and read back to the
// same goals, also after the edits real files show (repeated cells instead of merges, blank
// rows, header text with blanks and line breaks); a Hebei form is not taken for a Sichuan one.
#include <algorithm>
#include <catch2/catch.hpp>

#include "budconv/mapping.hpp"
#include "sichuan_templates.hpp"
#include "template_io.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

using bt::read_ok;
using bt::write_ok;

namespace {

std::shared_ptr<TemplateFormat> table6() {
  auto loaded = sichuan::load_sichuan_templates(bt::source_dir() / "formats" / "sichuan", Lang::zh);
  if (!loaded) FAIL(loaded.error().message);
  for (const auto& t : loaded.value()) {
    if (t->info().id == "sichuan.goal.table6") return t;
  }
  FAIL("sichuan.goal.table6 not loaded");
  return nullptr;
}

Indicator ind(std::string level1, std::string level2, std::string name, const char* nature,
              const char* value, const char* unit, int weight, std::string direction) {
  Indicator i;
  i.level1 = std::move(level1);
  i.level2 = std::move(level2);
  i.name = std::move(name);
  i.target = Target::from_parts(nature, value, unit);
  i.weight = Decimal{weight, 0};
  i.direction = std::move(direction);
  return i;
}

GoalBudget budget(std::int64_t fen) {
  return GoalBudget{Period::annual, Money{fen}, std::nullopt, std::nullopt};
}

// Goals of samples/sichuan-leshan-2022-goals.xml: the department block (no 项目名称), a project
// with qualitative and 亿元 targets, and two small projects with equal weights and a 反向指标.
Submission leshan() {
  Submission doc;
  doc.kind = "performance-goals";
  doc.region = "sichuan";
  const std::string title = "乐山市医疗保障局预算项目绩效目标申报表（2022年度）";
  const std::string unit = "315-乐山市医疗保障局";

  PerformanceGoal dept;
  dept.kind = "department";
  dept.title = title;
  dept.unit_name = unit;
  dept.budgets.push_back(budget(2565190000));
  dept.indicators = {
      ind("产出指标", "数量指标", "开展医保集中宣传次数(次)", "≥", "2", "次", 5, "正向指标"),
      ind("产出指标", "成本指标", "聘请第三方专业人员协助开展监督检查(万元)", "=", "30", "万元", 5,
          "正向指标"),
      ind("效益指标", "社会效益指标", "参保群众对医保政策的知晓率(%)", "≥", "90", "%", 4,
          "正向指标"),
      ind("产出指标", "成本指标", "宣传费用使用量(万元)", "≤", "30", "万元", 4, "反向指标"),
      ind("产出指标", "时效指标", "医保政策知晓度覆盖完成时间", "≥", "100", "%", 0, "正向指标"),
  };
  doc.goals.push_back(dept);

  PerformanceGoal p1;
  p1.kind = "project";
  p1.name = "城乡居民基本医疗保险补助资金";
  p1.title = title;
  p1.unit_name = unit;
  p1.budgets.push_back(budget(1200000000));
  p1.objectives = {
      {Period::annual, "1.巩固参保率 2.稳步提高保障水平目标 3.实现基金收支平衡 4.提高居民满意度"}};
  p1.indicators = {
      ind("产出指标", "质量指标", "以常住人口数为基数计算的基本医保参保率", "≥", "95", "%", 5,
          "正向指标"),
      ind("产出指标", "质量指标", "实行按病种(组)、按人头、付费等支付方式改革", "定性", "高中低",
          "", 5, "正向指标"),
      ind("产出指标", "成本指标", "全年补助资金", "=", "10", "亿元", 5, "正向指标"),
      ind("效益指标", "可持续影响指标", "基金滚存可支配月数", "定性", "高中低", "", 5, "正向指标"),
  };
  doc.goals.push_back(p1);

  PerformanceGoal p2;
  p2.kind = "project";
  p2.name = "医保基金专项审计";
  p2.title = title;
  p2.unit_name = unit;
  p2.budgets.push_back(budget(27500000));
  p2.objectives = {
      {Period::annual, "目标1:检查城乡居民医疗保险基金收入。目标2:检查城乡居民医疗保险基金支出。"}};
  p2.indicators = {
      ind("满意度指标", "服务对象满意度指标", "保障参保人员的缴费信息和待遇领取信息准确完整", "≥",
          "90", "%", 10, "正向指标"),
      ind("产出指标", "成本指标", "资金支付金额", "=", "27.5", "万元", 10, "正向指标"),
      ind("产出指标", "时效指标", "审计医保记账凭证的时间", "≤", "4", "月", 20, "反向指标"),
  };
  doc.goals.push_back(p2);

  PerformanceGoal p3 = p2;  // same budget, unit and levels: only the name tells them apart
  p3.name = "市级医疗机构监管经费";
  p3.objectives = {{Period::annual, "1、检查涉及病历约800份。"}};
  p3.indicators = {
      ind("产出指标", "时效指标", "稽核检查持续时间", "=", "40", "天", 20, "正向指标"),
      ind("产出指标", "成本指标", "稽核监管经费", "=", "15", "万元", 10, "正向指标"),
  };
  doc.goals.push_back(p3);
  return doc;
}

// Every field the 表6 holds, goal by goal and indicator by indicator.
void check_same_goals(const Submission& want, const Submission& got) {
  REQUIRE(got.goals.size() == want.goals.size());
  for (std::size_t g = 0; g < want.goals.size(); ++g) {
    const PerformanceGoal& a = want.goals[g];
    const PerformanceGoal& b = got.goals[g];
    INFO("goal " << g << " " << a.name);
    CHECK(b.kind == a.kind);
    CHECK(b.name == a.name);
    CHECK(b.unit_name == a.unit_name);
    CHECK(b.title == a.title);
    REQUIRE(b.budgets.size() == 1);
    CHECK(b.budgets[0].total == a.budgets[0].total);
    REQUIRE(b.objectives.size() == a.objectives.size());
    for (std::size_t o = 0; o < a.objectives.size(); ++o)
      CHECK(b.objectives[o].text == a.objectives[o].text);
    REQUIRE(b.indicators.size() == a.indicators.size());
    for (std::size_t i = 0; i < a.indicators.size(); ++i) {
      const Indicator& x = a.indicators[i];
      const Indicator& y = b.indicators[i];
      INFO("indicator " << x.name);
      CHECK(y.level1 == x.level1);
      CHECK(y.level2 == x.level2);
      CHECK(y.name == x.name);
      CHECK(y.target.comparator == x.target.comparator);
      CHECK(y.target.value == x.target.value);
      CHECK(y.target.unit == x.target.unit);
      CHECK(y.target.compose() == x.target.compose());
      CHECK(y.weight == x.weight);
      CHECK(y.direction == x.direction);
    }
  }
}

// The sheet's merges undone: every cell of a merged range holds the top-left value, as files
// saved by hand (or by tools that drop merges) have it.
void unmerge(Sheet& s) {
  for (const auto& m : s.merges) {
    const Cell top = s.rows[m.first.row][m.first.col];
    for (std::uint32_t r = m.first.row; r <= m.last.row; ++r) {
      for (std::uint32_t c = m.first.col; c <= m.last.col; ++c) s.set(r, c, top);
    }
  }
  s.merges.clear();
}

// The row of the grid header (the row holding 项目名称).
std::uint32_t header_row(const Sheet& s) {
  for (const auto& [r, cells] : s.rows) {
    for (const auto& [c, cell] : cells) {
      if (cell.text == "项目名称") return r;
    }
  }
  FAIL("no header row");
  return 0;
}

}  // namespace

TEST_CASE("Leshan goals survive Sichuan table 6 written and read back", "[sichuan][mapping]") {
  const auto t = table6();
  const Submission doc = leshan();
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  CHECK(losses.items().empty());
  REQUIRE(book.sheets.size() == 1);
  const Sheet& s = book.sheets[0];
  // Goal columns are merged over each goal's rows: the department block spans its 5 indicators.
  const std::uint32_t h = header_row(s);
  const bool dept_merged = std::any_of(s.merges.begin(), s.merges.end(), [&](const MergedRange& m) {
    return m.first.row == h + 1 && m.first.col == 0 && m.last.row == h + 5 && m.last.col == 0;
  });
  CHECK(dept_merged);
  std::string why;
  CHECK(t->detect(book, why) >= 90);
  INFO(why);
  check_same_goals(doc, read_ok(*t, book));
}

TEST_CASE("Sichuan table 6 reads repeated cells instead of merges", "[sichuan][mapping]") {
  const auto t = table6();
  const Submission doc = leshan();
  Workbook book = write_ok(*t, doc);
  unmerge(book.sheets[0]);
  CHECK(book.sheets[0].merges.empty());
  check_same_goals(doc, read_ok(*t, book));
}

TEST_CASE("Sichuan table 6 reads extra blank rows and spaced header text", "[sichuan][mapping]") {
  const auto t = table6();
  const Submission doc = leshan();
  Workbook book = write_ok(*t, doc);
  Sheet& s = book.sheets[0];
  const std::uint32_t h = header_row(s);
  // Header text re-typed with blanks and line breaks.
  for (auto& [c, cell] : s.rows[h]) {
    if (cell.text == "项目名称") cell.text = "项目\n名称";
    if (cell.text == "指标性质") cell.text = "指 标 性 质";
    if (cell.text == "指标方向性") cell.text = "指标\r\n方向性";
    if (cell.text == "单位名称") cell.text = " 单位名称 ";
  }
  // A blank row after the header and between goals: every row below the header moves down by
  // one, and the row after the department block by two (one blank row each time).
  Sheet moved = s;
  moved.rows.clear();
  moved.merges.clear();
  const auto shift = [&](std::uint32_t r) -> std::uint32_t {
    return r <= h ? r : r > h + 5 ? r + 2 : r + 1;
  };
  for (const auto& [r, cells] : s.rows) moved.rows[shift(r)] = cells;
  for (const auto& m : s.merges) {
    // A merge across the department block's end stays whole; ranges after it move by two.
    moved.merges.push_back(MergedRange{CellPos{shift(m.first.row), m.first.col},
                                       CellPos{shift(m.last.row), m.last.col}});
  }
  s = moved;
  check_same_goals(doc, read_ok(*t, book));
}

TEST_CASE("a Hebei goal form scores low for Sichuan table 6", "[sichuan][mapping][detect]") {
  const auto t = table6();
  Workbook book;
  Sheet& s = book.add_sheet("绩效目标表");
  s.set(0, 0, Cell::make_text("城乡居民基本医疗保险专项资金绩效目标表"));
  s.set(1, 0, Cell::make_text("项目编码"));
  s.set(1, 1, Cell::make_text("1308002180NBHMV4FV2C2"));
  s.set(1, 3, Cell::make_text("项目名称"));
  s.set(1, 4, Cell::make_text("城乡居民基本医疗保险专项资金"));
  s.set(2, 0, Cell::make_text("预算数"));
  s.set(2, 1, Cell::make_number("1906.70"));
  const char* header[] = {"一级指标",     "二级指标", "三级指标",
                          "绩效指标描述", "指标值",   "指标值确定依据"};
  for (std::uint32_t c = 0; c < 6; ++c) s.set(3, c, Cell::make_text(header[c]));
  const char* row[] = {"产出指标",    "数量指标",           "参保人数", "全市城乡居民参保人数",
                       "289.89 万人", "2020 年 12 月底数据"};
  for (std::uint32_t c = 0; c < 6; ++c) s.set(4, c, Cell::make_text(row[c]));
  std::string why;
  const int score = t->detect(book, why);
  INFO(why);
  CHECK(score < 50);
  Submission out;
  Diagnostics diags;
  CHECK_FALSE(t->to_submission(book, Options{}, out, diags).ok());
}

TEST_CASE("Hebei goals in Sichuan table 6 report the basis column as lost",
          "[sichuan][mapping][loss]") {
  const auto t = table6();
  Submission doc;
  PerformanceGoal g;
  g.kind = "project";
  g.name = "城乡居民基本医疗保险专项资金";
  g.budgets.push_back(budget(1906700000));
  Indicator i;
  i.level1 = "产出指标";
  i.level2 = "数量指标";
  i.name = "参保人数";
  i.target = Target::parse("289.89 万人");
  i.basis = "2020 年 12 月底数据";
  g.indicators.push_back(i);
  doc.goals.push_back(g);
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  bool basis = false;
  for (const auto& d : losses.items())
    basis = basis ||
            (d.rule == "MAP-LOSS-001" && d.message_zh.find("indicator.basis") != std::string::npos);
  CHECK(basis);
  const Submission back = read_ok(*t, book);
  REQUIRE(back.goals.size() == 1);
  REQUIRE(back.goals[0].indicators.size() == 1);
  CHECK(back.goals[0].indicators[0].target.value == i.target.value);
  CHECK(back.goals[0].indicators[0].target.unit == "万人");
  CHECK(back.goals[0].indicators[0].basis.empty());
}

TEST_CASE("splits and blank-kind are refused on indicator columns",
          "[sichuan][mapping][definition]") {
  const std::string xml =
      R"(<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="x.goal" region="x" model="goal" name="x" name-en="x">
  <table><title><pattern>*表</pattern></title>
    <grid><column name="indicator.name" splits="true"><label>三级指标</label></column></grid></table>
  <layout><grid/></layout>
</mapping>)";
  auto def = parse_mapping(xml, "bad.xml", Lang::zh);
  REQUIRE_FALSE(def);
  CHECK(def.error().message.find("splits") != std::string::npos);
  CHECK(def.error().message.find("bad.xml") != std::string::npos);
}
