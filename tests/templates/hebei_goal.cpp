// The Hebei goal template (formats/hebei/goal-project.xml) through the mapping engine: goals
// built from real indicators of seed 000 are written in the template's layout and read back to
// the same canonical model, also after the edits real forms show (blank rows, a moved title,
// header text with blanks / line breaks / full-width brackets, 一级指标 repeated instead of
// merged, columns in another order, tables stacked on one sheet); wrong inputs name what was
// expected.
#include <algorithm>
#include <catch2/catch.hpp>

#include "budconv/dump.hpp"
#include "budconv/mapping.hpp"
#include "budconv/registry.hpp"
#include "hebei_templates.hpp"
#include "template_io.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

using bt::write_ok;

namespace {

std::shared_ptr<TemplateFormat> goal_template(const std::string& id = "hebei.goal.project") {
  return bt::template_by_id(
      hebei::load_hebei_templates(bt::source_dir() / "formats" / "hebei", Lang::zh), id);
}

Money wan(std::int64_t w) {
  return Money{w * 1000000};
}

Indicator indicator(std::string level1, std::string level2, std::string name,
                    std::string description, std::string target, std::string basis = "") {
  Indicator ind;
  ind.level1 = canonical_level1(level1);
  if (ind.level1 != level1) ind.level1_text = level1;
  ind.level2 = canonical_level2(level2);
  if (ind.level2 != level2) ind.level2_text = level2;
  ind.name = std::move(name);
  ind.description = std::move(description);
  ind.target = Target::parse(target);
  ind.basis = std::move(basis);
  return ind;
}

// Two tables of seed 000: a special fund (merged 一级指标 runs, 效果指标, a range target) and a
// project (a 项目编码, 可持续性影响, qualitative targets).
Submission seed_goals() {
  Submission doc;
  doc.kind = "performance-goals";
  doc.region = "hebei";
  doc.template_id = "hebei.goal.project";

  PerformanceGoal fund;
  fund.kind = "special-fund";
  fund.name = "城乡居民基本医疗保险专项资金";
  fund.title = "城乡居民基本医疗保险专项资金绩效目标表";
  fund.budgets.push_back(
      GoalBudget{Period::annual, Money{1906700000}, Money{1906700000}, std::nullopt});
  fund.purpose =
      "用于对参加城乡居民基本医疗保险的参保人按照筹资标准予以补助，保障城乡居民享受基本医疗保险保障"
      "待遇。";
  for (const char* m : {"3月底", "6月底", "10月底"})
    fund.spending_plan.push_back(Milestone{m, std::nullopt});
  fund.spending_plan[0].percent = Decimal{25, 0};
  fund.spending_plan[1].percent = Decimal{50, 0};
  fund.spending_plan[2].percent = Decimal{75, 0};
  fund.objectives = {{Period::annual, "稳定全市城乡居民基本医疗保险参保人数"},
                     {Period::annual, "稳步提高保障水平"},
                     {Period::annual, "实现基金收支平衡"}};
  fund.indicators = {
      indicator("产出指标", "数量指标", "参保人数", "全市城乡居民参保人数", "289.89 万人",
                "2020 年 12 月底数据"),
      indicator("产出指标", "数量指标", "住院报销人次", "城乡居民住院报销人次", "42.73 万",
                "2020 年 12 月底数据"),
      indicator("产出指标", "质量指标", "当年统筹基金结余率",
                "当年基金结余率=（当年统筹基金结余数÷当年筹集的统筹基金总额）×100%", "≤15%",
                "河北省人民政府关于建立统一的城乡居民基本医疗保险制度的意见（冀政发〔2017〕5号）"),
      indicator("产出指标", "质量指标", "基金滚存结余可支配月数", "统筹基金滚存结余/月均支出",
                "6-9 个月"),
      indicator("产出指标", "成本指标", "财政补助标准", "城乡居民基本医疗保险各级财政补助标准",
                "580 元/人"),
      indicator("效果指标", "社会效益指标", "政策范围内住院报销比例",
                "参加城乡居民医疗保险患者享受住院就医政策范围内按比例报销待遇比例", "≥75%"),
      indicator("满意度指标", "服务对象满意度指标", "参保居民政策满意度",
                "参保居民对医保政策效果的满意度。", "≥90%"),
  };
  doc.goals.push_back(fund);

  PerformanceGoal project;
  project.kind = "project";
  project.code = "1308002180NBHMV4FV2C2";
  project.name = "局机关及医保经办服务大厅运行项目经费";
  project.title = "局机关及医保经办服务大厅运行项目绩效目标表";
  project.budgets.push_back(GoalBudget{Period::annual, wan(40), wan(40), std::nullopt});
  project.purpose = "保障局机关及医保经办服务大厅的正常运转";
  project.spending_plan = {{"3月底", Decimal{25, 0}},
                           {"6月底", Decimal{50, 0}},
                           {"10月底", Decimal{75, 0}},
                           {"12月底", std::nullopt}};
  project.objectives = {{Period::annual, "提供更加便捷可及的医疗保障公共服务"},
                        {Period::annual, "提升医疗保障经办管理水平"}};
  project.indicators = {
      indicator("产出指标", "数量指标", "基金监管县(市)范围", "全市范围内基金监管",
                "市本级和 8 个县(市)", "工作计划"),
      indicator("产出指标", "时效指标", "医保报销情况", "符合政策范围的医保待遇报销是否及时",
                "及时", "工作计划"),
      indicator("产出指标", "成本指标", "系统运行情况", "医保信息系统正常运行率", ">=90%",
                "经验标准"),
      indicator("效果指标", "社会效益指标", "异地就医网上备案率", "异地就医网上备案率", "有所提高",
                "工作计划"),
      indicator("效果指标", "可持续性影响", "医保经办服务能力", "提高医保经办服务能力", "有所提高",
                "工作计划"),
      indicator("满意度指标", "服务对象满意度指标", "医疗保障服务对象满意度",
                "通过调查或抽查, 服务对象对医疗保障工作和服务水平的满意度", ">=90%", "工作计划"),
  };
  doc.goals.push_back(project);
  return doc;
}

void clear_sources(Submission& doc) {
  for (auto& g : doc.goals) {
    g.source = {};
    for (auto& i : g.indicators) i.source = {};
    for (auto& e : g.extras) e.source = {};
  }
}

Submission read_ok(const TemplateFormat& t, const Workbook& book, Diagnostics* diags = nullptr) {
  Diagnostics local;  // these tests inspect findings themselves, so errors do not fail here
  Submission out = bt::read_ok(t, book, diags ? diags : &local);
  clear_sources(out);
  return out;
}

void require_same(const Submission& expected, const Submission& got) {
  const std::string a = dump_submission(expected), b = dump_submission(got);
  if (a != b) {
    INFO("expected:\n" << a << "\ngot:\n" << b);
    CHECK(a == b);
  }
}

/// Inserts `n` blank rows before `at`, moving cells and merges as a spreadsheet program does.
void insert_rows(Sheet& sheet, std::uint32_t at, std::uint32_t n) {
  std::map<std::uint32_t, std::map<std::uint32_t, Cell>> rows;
  for (auto& [r, cells] : sheet.rows) rows[r >= at ? r + n : r] = std::move(cells);
  sheet.rows = std::move(rows);
  for (auto& m : sheet.merges) {
    if (m.first.row >= at) m.first.row += n;
    if (m.last.row >= at) m.last.row += n;
  }
}

/// The row holding a cell whose text is `text`.
std::uint32_t row_of(const Sheet& sheet, const std::string& text) {
  for (const auto& [r, cells] : sheet.rows) {
    for (const auto& [c, cell] : cells) {
      if (cell.text == text) return r;
    }
  }
  FAIL("no cell " << text);
  return 0;
}

void replace_text(Workbook& book, const std::string& from, const std::string& to) {
  int n = 0;
  for (auto& s : book.sheets) {
    for (auto& [r, cells] : s.rows) {
      for (auto& [c, cell] : cells) {
        if (cell.text == from) cell.text = to, ++n;
      }
    }
  }
  REQUIRE(n > 0);
}

}  // namespace

TEST_CASE("hebei goal template loads from formats/hebei and describes itself", "[hebei][mapping]") {
  auto t = goal_template();
  const TemplateInfo info = t->info();
  CHECK(info.region == "hebei");
  CHECK(info.definition.find("goal-project.xml") != std::string::npos);
  CHECK(hebei::hebei_formats_dir().filename() == "hebei");
}

TEST_CASE("hebei goals written in the template read back to the same model",
          "[hebei][mapping][roundtrip]") {
  auto t = goal_template();
  const Submission doc = seed_goals();
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  CHECK(losses.items().empty());
  REQUIRE(book.sheets.size() == 2);
  const Sheet& s = book.sheets[0];
  CHECK(s.text(0, 0) == "城乡居民基本医疗保险专项资金绩效目标表");
  CHECK(s.find(0, 0)->bold);
  CHECK_FALSE(s.find(0, 0)->border);  // the title stands above the ruled form
  CHECK(s.find(0, 0)->halign == HAlign::center);
  CHECK(s.find(1, 0)->halign == HAlign::center);   // 项目编码: a header label
  CHECK(s.find(1, 1)->halign == HAlign::general);  // the code itself
  // Rows whose wrapped texts (objectives, descriptions) need several lines are made taller.
  CHECK_FALSE(s.row_heights.empty());
  CHECK(s.row_heights.count(0) == 0);
  CHECK(s.text(1, 3) == "专项资金名称");
  // Every cell from the first header row to the last indicator is ruled, blanks included.
  const CellPos end = s.extent();
  for (std::uint32_t r = 1; r < end.row; ++r) {
    for (std::uint32_t c = 0; c < 7; ++c) {
      INFO("row " << r << " col " << c);
      REQUIRE(s.find(r, c) != nullptr);
      CHECK(s.find(r, c)->border);
      CHECK(s.find(r, c)->valign == VAlign::center);
      CHECK(s.find(r, c)->wrap);
    }
  }
  CHECK(book.sheets[1].text(1, 3) == "项目名称");
  CHECK(s.find(2, 2)->type == CellType::number);
  CHECK(s.find(2, 2)->text == "1906.70");
  CHECK(s.column_widths.at(6) == Approx(26));
  // 产出指标 spans the five 产出 rows as one merged cell.
  const std::uint32_t header = row_of(s, "一级指标");
  CHECK(std::count(s.merges.begin(), s.merges.end(),
                   MergedRange{{header + 1, 0}, {header + 5, 0}}) == 1);
  require_same(doc, read_ok(*t, book));

  std::string why;
  CHECK(t->detect(book, why) == 100);
  CHECK(why.find("hebei.goal.project") != std::string::npos);
}

TEST_CASE("hebei goal tables stacked on one sheet are each read", "[hebei][mapping]") {
  auto t = goal_template();
  const Submission doc = seed_goals();
  Workbook book = write_ok(*t, doc);
  Workbook stacked;
  Sheet& one = stacked.add_sheet("绩效目标");
  std::uint32_t offset = 2;  // a heading line and a blank row before the first table
  one.set(0, 0, Cell::make_text("承德市医疗保障局 2021 年部门预算绩效文本"));
  for (const Sheet& s : book.sheets) {
    for (const auto& [r, cells] : s.rows) {
      for (const auto& [c, cell] : cells) one.set(r + offset, c, cell);
    }
    for (auto m : s.merges) {
      m.first.row += offset;
      m.last.row += offset;
      one.merges.push_back(m);
    }
    offset += s.extent().row + 3;
  }
  require_same(doc, read_ok(*t, stacked));
}

TEST_CASE("hebei goal variants of the real forms still read", "[hebei][mapping][variants]") {
  auto t = goal_template();
  const Submission doc = seed_goals();
  Workbook book = write_ok(*t, doc);

  SECTION("extra blank rows in the block and the grid") {
    for (auto& s : book.sheets) {
      insert_rows(s, row_of(s, "预算数"), 1);
      insert_rows(s, row_of(s, "一级指标"), 2);
      insert_rows(s, row_of(s, "一级指标") + 2, 1);
    }
  }
  SECTION("a title moved right and away from the table") {
    for (auto& s : book.sheets) {
      Cell title = *s.find(0, 0);
      s.rows[0].erase(0);
      s.merges.erase(std::remove_if(s.merges.begin(), s.merges.end(),
                                    [](const MergedRange& m) { return m.first.row == 0; }),
                     s.merges.end());
      s.set(0, 2, title);
      insert_rows(s, 1, 1);
    }
  }
  SECTION("header text with blanks, line breaks and full-width forms") {
    replace_text(book, "一级指标", "一级\n指标");
    replace_text(book, "指标值确定依据", "指标值确定\n依据");
    replace_text(book, "项目编码", "项目 编码");
    replace_text(book, "其中：财政资金", "其中:财政资金");
    replace_text(book, "资金支出计划（%）", "资金支出计划(%)");
    replace_text(book, "三级指标", "三级指标 ");
    replace_text(book, "3月底", "3 月底");
  }
  SECTION("一级指标 and 二级指标 repeated on each row instead of merged") {
    for (auto& s : book.sheets) {
      std::vector<MergedRange> kept;
      const std::uint32_t header = row_of(s, "一级指标");
      for (const auto& m : s.merges) {
        if (m.first.row > header && m.first.col <= 1) {
          const Cell value = *s.find(m.first.row, m.first.col);
          for (auto r = m.first.row; r <= m.last.row; ++r) s.set(r, m.first.col, value);
        } else {
          kept.push_back(m);
        }
      }
      s.merges = kept;
    }
  }
  SECTION("grid columns in another order") {
    for (auto& s : book.sheets) {
      // 三级指标 (C) and 指标值 (F) swap places from the header down.
      const std::uint32_t header = row_of(s, "一级指标");
      for (auto& [r, cells] : s.rows) {
        if (r < header) continue;
        Cell c = cells.count(2) ? cells[2] : Cell{};
        Cell f = cells.count(5) ? cells[5] : Cell{};
        cells[2] = f;
        cells[5] = c;
      }
    }
  }
  require_same(doc, read_ok(*t, book));
}

TEST_CASE("hebei goal amounts and codes as people type them", "[hebei][mapping]") {
  auto t = goal_template();
  Workbook book = write_ok(*t, seed_goals());
  Sheet& project = book.sheets[1];
  project.set(2, 2, Cell::make_text("40 万元"));
  project.set(1, 1, Cell::make_text("1308002180 nbhmv4fv2c2"));
  const Submission got = read_ok(*t, book);
  REQUIRE(got.goals.size() == 2);
  CHECK(got.goals[1].budgets.at(0).total == wan(40));
  CHECK(got.goals[1].code == "1308002180NBHMV4FV2C2");
}

TEST_CASE("hebei goal values that cannot be read are reported with their cell and kept",
          "[hebei][mapping]") {
  auto t = goal_template();
  Workbook book = write_ok(*t, seed_goals());
  book.sheets[0].set(2, 2, Cell::make_text("约两千万"));
  Diagnostics diags;
  const Submission got = read_ok(*t, book, &diags);
  REQUIRE(diags.has_errors());
  const Diagnostic& d = diags.items().front();
  CHECK(d.rule == "MAP-VALUE-001");
  CHECK(d.location.cell == "C3");
  CHECK(d.message_zh.find("约两千万") != std::string::npos);
  REQUIRE(!got.goals[0].extras.empty());
  CHECK(got.goals[0].extras[0].value == "约两千万");
}

TEST_CASE("a sheet without a goal table is refused naming what was expected",
          "[hebei][mapping][wrong-input]") {
  auto t = goal_template();
  Workbook book;
  Sheet& s = book.add_sheet("收入总表");
  s.set(0, 0, Cell::make_text("部门预算收入总表"));
  s.set(2, 0, Cell::make_text("科目编码"));
  s.set(2, 1, Cell::make_text("科目名称"));
  s.set(2, 2, Cell::make_text("合计"));
  s.set(3, 0, Cell::make_text("2101202"));
  s.set(3, 2, Cell::make_number("445900.00"));
  Submission out;
  Diagnostics diags;
  Status st = t->to_submission(book, Options{}, out, diags);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::format);
  CHECK(st.error().message.find("项目编码") != std::string::npos);
  CHECK(st.error().message.find("一级指标") != std::string::npos);
  std::string why;
  CHECK(t->detect(book, why) == 0);
  CHECK(why.find("项目编码") != std::string::npos);

  Options en;
  en.lang = Lang::en;
  st = t->to_submission(book, en, out, diags);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("expected") != std::string::npos);
}

TEST_CASE("a goal table whose indicator header is missing names the sheet and cell",
          "[hebei][mapping][wrong-input]") {
  auto t = goal_template();
  Workbook book = write_ok(*t, seed_goals());
  replace_text(book, "指标值", "目标值");
  Submission out;
  Diagnostics diags;
  Status st = t->to_submission(book, Options{}, out, diags);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("!A2") != std::string::npos);
  CHECK(st.error().message.find("指标值") != std::string::npos);
  std::string why;
  const int score = t->detect(book, why);
  CHECK(score > 0);
  CHECK(score < 100);
}

TEST_CASE("fields the hebei template cannot hold are listed as losses", "[hebei][mapping][loss]") {
  auto t = goal_template();
  Submission doc = seed_goals();
  doc.agency_name = "承德市医疗保障局";
  doc.goals[0].indicators[0].weight = Decimal{5, 0};
  doc.goals[0].indicators[0].direction = "正向指标";
  Indicator impl = doc.goals[0].indicators[1];
  impl.period = Period::implementation;
  doc.goals[0].indicators.push_back(impl);
  doc.goals[0].budgets.push_back(
      GoalBudget{Period::implementation, wan(35), std::nullopt, std::nullopt});
  Diagnostics losses;
  write_ok(*t, doc, &losses);
  std::string all;
  for (const auto& d : losses.items()) {
    CHECK(d.rule == "MAP-LOSS-001");
    all += d.message_en + "\n";
  }
  CHECK(all.find("agency_name") != std::string::npos);
  CHECK(all.find("indicator.weight") != std::string::npos);
  CHECK(all.find("indicator.direction") != std::string::npos);
  CHECK(all.find("indicator(implementation)") != std::string::npos);
  CHECK(all.find("budget.implementation.total") != std::string::npos);
  CHECK(losses.items().size() == 5);
}

TEST_CASE("the hebei definition validates against mapping.xsd", "[hebei][mapping][schema]") {
  const auto xsd = bt::source_dir() / "formats" / "schema" / "mapping.xsd";
  const auto def = bt::source_dir() / "formats" / "hebei" / "goal-project.xml";
  const bt::RunResult r =
      bt::run({"/usr/bin/xmllint", "--noout", "--schema", xsd.string(), def.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

namespace {

std::string definition_text() {
  return bt::read_file(bt::source_dir() / "formats" / "hebei" / "goal-project.xml");
}

/// The definition with `from` replaced once by `to`.
std::string edited(const std::string& from, const std::string& to) {
  std::string s = definition_text();
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
  return s;
}

/// 1-based line of the first occurrence of `needle` in the shipped definition.
int line_of(const std::string& needle) {
  const std::string s = definition_text();
  const auto at = s.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 +
         static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string parse_error(const std::string& xml, Lang lang = Lang::zh) {
  auto r = parse_mapping(xml, "goal-project.xml", lang);
  REQUIRE_FALSE(r.ok());
  return r.error().message;
}

}  // namespace

TEST_CASE("mapping definitions: errors name the file and the line",
          "[hebei][mapping][definition]") {
  SECTION("an attribute the language does not have") {
    const std::string msg = parse_error(edited("<column name=\"indicator.name\">",
                                               "<column name=\"indicator.name\" colour=\"red\">"));
    CHECK(msg.find("goal-project.xml") != std::string::npos);
    CHECK(msg.find("第 " + std::to_string(line_of("<column name=\"indicator.name\">")) + " 行") !=
          std::string::npos);
    CHECK(msg.find("colour") != std::string::npos);
  }
  SECTION("an unknown field, in English") {
    const std::string msg =
        parse_error(edited("name=\"goal.purpose\"", "name=\"goal.porpose\""), Lang::en);
    CHECK(msg.find("line " + std::to_string(line_of("name=\"goal.purpose\""))) !=
          std::string::npos);
    CHECK(msg.find("goal.porpose") != std::string::npos);
  }
  SECTION("malformed XML") {
    const std::string msg = parse_error(edited("</grid>", "</gird>"));
    CHECK(msg.find("第 " + std::to_string(line_of("</grid>")) + " 行") != std::string::npos);
  }
  SECTION("a DOCTYPE is refused") {
    const std::string msg =
        parse_error(edited("<mapping ", "<!DOCTYPE mapping [<!ENTITY x \"y\">]>\n<mapping "));
    CHECK(msg.find("DOCTYPE") != std::string::npos);
  }
  SECTION("a grid without the indicator name column") {
    std::string s = definition_text();
    const auto from = s.find("<column name=\"indicator.name\">");
    const auto to = s.find("</column>", from) + std::string("</column>").size();
    s.erase(from, to - from);
    CHECK(parse_error(s).find("indicator.name") != std::string::npos);
  }
  SECTION("a cell with two sources") {
    const std::string msg = parse_error(
        edited("<cell field=\"goal.code\" span=\"2\"/>", "<cell field=\"goal.code\" text=\"x\"/>"));
    CHECK(msg.find("第 " + std::to_string(line_of("<cell field=\"goal.code\" span=\"2\"/>")) +
                   " 行") != std::string::npos);
  }
}

TEST_CASE("mapping definitions: a transform no plugin provides is refused",
          "[hebei][mapping][definition]") {
  auto def =
      parse_mapping(edited("transform=\"hebei.project-code\"", "transform=\"henan.split-items\""),
                    "goal-project.xml", Lang::zh);
  REQUIRE(def.ok());
  auto t = MappingTemplate::create(def.value(), hebei::hebei_transforms(), Lang::zh);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message.find("henan.split-items") != std::string::npos);
  CHECK(t.error().message.find("第 " + std::to_string(line_of("transform=\"hebei.project-code\"")) +
                               " 行") != std::string::npos);
}

TEST_CASE("indicator vocabulary folds the regional variants", "[hebei][mapping]") {
  CHECK(canonical_level1("效果指标") == "效益指标");
  CHECK(canonical_level1("产出") == "产出指标");
  CHECK(canonical_level1(" 满意度\n指标 ") == "满意度指标");
  CHECK(canonical_level1("数量指标").empty());
  CHECK(canonical_level2("可持续性影响") == "可持续影响指标");
  CHECK(canonical_level2("可持续影响") == "可持续影响指标");
  CHECK(canonical_level2("服务对象满意度") == "服务对象满意度指标");
  CHECK(canonical_level2("满意度").empty());
  CHECK(normalize_label("资金支出计划（%）") == normalize_label("资金支出 计划\n(%)"));
}

namespace {

// Two county tables of seed 001: the project is named only by its title, and the one 绩效目标
// cell holds numbered lines.
Submission county_goals() {
  Submission doc;
  doc.kind = "performance-goals";
  doc.region = "hebei";
  doc.template_id = "hebei.goal.county";
  PerformanceGoal a;
  a.kind = "project";
  a.name = "城乡居民医疗保险经办机构经费";
  a.title = "城乡居民医疗保险经办机构经费绩效目标表";
  a.objectives = {
      {Period::annual,
       "1.为提高全县城乡职工医疗保障水平，保障人民群众病有所医，营造我县和谐稳定的良好局面"}};
  a.indicators = {
      indicator("产出指标", "数量指标", "医疗保险政策宣传次数", "医疗保险政策宣传次数", "2次",
                "医疗保险政策宣传广度"),
      indicator("产出指标", "质量指标", "报销比率", "城乡居民、城镇职工和离退休干部医疗报销比率",
                "100%", "城乡居民、城镇职工和离退休干部医疗费实际享受人数占应享受人数之间的比率"),
      indicator("产出指标", "成本指标", "个人参保缴费", "个人参保缴费", "280元/人", "个人参保缴费"),
      indicator("效益指标", "社会效益指标", "贫困户医保扶贫政策知晓率",
                "建档立卡贫困户医保扶贫政策知晓率", "≥90%", "建档立卡贫困户医保扶贫政策知晓率"),
      indicator("满意度指标", "服务对象满意度指标", "参保人员满意度", "参保人员满意度", "≥90%",
                "参保人员满意度"),
  };
  doc.goals.push_back(a);
  PerformanceGoal b;
  b.kind = "project";
  b.name = "冀财社/2020/201号关于提前下达2021年省级财政城乡居民医保村级代办员补助资金的通知";
  b.title = b.name + "绩效目标表";
  b.objectives = {{Period::annual, "1.促进基层做好医疗保险工作"},
                  {Period::annual, "2.确保基层医疗保险工作顺利开展"},
                  {Period::annual, "3.做好医保征缴工作"}};
  b.indicators = {indicator("产出指标", "数量指标", "村级代办员人数", "村级代办员人数", "≥500人")};
  doc.goals.push_back(b);
  return doc;
}

/// All sheets of `book` copied onto one sheet, `gap` blank rows apart.
Workbook stack(const Workbook& book, std::uint32_t gap) {
  Workbook out;
  Sheet& one = out.add_sheet("绩效目标");
  std::uint32_t offset = 0;
  for (const Sheet& s : book.sheets) {
    for (const auto& [r, cells] : s.rows) {
      for (const auto& [c, cell] : cells) one.set(r + offset, c, cell);
    }
    for (auto m : s.merges) {
      m.first.row += offset;
      m.last.row += offset;
      one.merges.push_back(m);
    }
    offset += s.extent().row + gap;
  }
  return out;
}

}  // namespace

TEST_CASE("hebei county goal tables round-trip, one per sheet and stacked",
          "[hebei][mapping][county]") {
  auto t = goal_template("hebei.goal.county");
  const Submission doc = county_goals();
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  CHECK(losses.items().empty());
  REQUIRE(book.sheets.size() == 2);
  CHECK(book.sheets[1].text(1, 1) ==
        "1.促进基层做好医疗保险工作\n2.确保基层医疗保险工作顺利开展\n3.做好医保征缴工作");
  require_same(doc, read_ok(*t, book));
  Workbook stacked = stack(book, 3);
  // As in the published file: blank rows between 绩效目标 and the grid.
  insert_rows(stacked.sheets[0], row_of(stacked.sheets[0], "一级指标"), 2);
  require_same(doc, read_ok(*t, stacked));
}

TEST_CASE("each hebei goal template prefers its own form", "[hebei][mapping][detect]") {
  auto project = goal_template("hebei.goal.project");
  auto county = goal_template("hebei.goal.county");
  const Workbook project_book = write_ok(*project, seed_goals());
  const Workbook county_book = write_ok(*county, county_goals());
  std::string why;
  const int project_on_project = project->detect(project_book, why);
  const int county_on_project = county->detect(project_book, why);
  INFO(why);
  CHECK(project_on_project == 100);
  CHECK(county_on_project < project_on_project);
  CHECK(county->detect(county_book, why) == 100);
  CHECK(project->detect(county_book, why) < 50);
}

TEST_CASE("a goal grid with tens of thousands of merged rows is read in full",
          "[hebei][mapping][limits]") {
  // Quadratic merge lookups would make this take hours; the engine indexes merges once.
  auto t = goal_template();
  Submission doc = seed_goals();
  doc.goals.resize(1);
  const Indicator model = doc.goals[0].indicators[0];
  doc.goals[0].indicators.clear();
  for (int i = 0; i < 30000; ++i) {
    Indicator ind = model;
    ind.level2 = i % 2 == 0 ? "数量指标" : "质量指标";
    ind.name = "指标" + std::to_string(i);
    doc.goals[0].indicators.push_back(ind);
  }
  const Workbook book = write_ok(*t, doc);
  CHECK(book.sheets[0].merges.size() > 30000);
  const Submission got = read_ok(*t, book);
  REQUIRE(got.goals.size() == 1);
  REQUIRE(got.goals[0].indicators.size() == 30000);
  CHECK(got.goals[0].indicators[29999].name == "指标29999");
  CHECK(got.goals[0].indicators[29999].level1 == "产出指标");
  CHECK(got.goals[0].indicators[29999].level2 == "质量指标");
}

namespace {

/// The canonical sample read with the xml plugin library, loaded as the program loads it.
std::optional<Submission> read_sample(const std::string& name) {
  static Registry reg;
  static const bool loaded = reg.load_file(bt::plugin_dir() / "budconv_xml.so");
  if (!loaded) return std::nullopt;
  for (const auto& d : reg.documents()) {
    if (d->info().id != "xml") continue;
    Submission doc;
    Status st = d->read(bt::source_dir() / "samples" / name, Options{}, doc);
    if (!st) FAIL(st.error().message);
    return doc;
  }
  return std::nullopt;
}

/// The goals of `doc` as the template holds them: no document fields, no goal extras, and each
/// target as its one published cell reads.
Submission goals_only(const Submission& doc, const std::string& template_id) {
  Submission out;
  out.kind = "performance-goals";
  out.region = "hebei";
  out.template_id = template_id;
  out.goals = doc.goals;
  for (auto& g : out.goals) {
    g.extras.clear();
    g.source = {};
    for (auto& i : g.indicators) {
      i.source = {};
      i.target = Target::parse(i.target.text);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every goal table of the hebei samples survives its template",
          "[hebei][mapping][samples]") {
  const auto [sample, id] = GENERATE(table<std::string, std::string>({
      {"hebei-chengde-2021-goals.xml", "hebei.goal.project"},
      {"hebei-weixian-2021.xml", "hebei.goal.county"},
  }));
  const auto doc = read_sample(sample);
  if (!doc) {
    WARN("budconv_xml.so is not built (BUDCONV_PLUGINS); sample round trip skipped");
    return;
  }
  REQUIRE(doc->goals.size() == 11);
  auto t = goal_template(id);
  Diagnostics losses;
  const Workbook book = write_ok(*t, *doc, &losses);
  CHECK(book.sheets.size() == 11);
  // Document-level facts and goal extras have no place in the goal form: listed, not dropped.
  std::size_t extras = doc->extras.size();
  for (const auto& g : doc->goals) extras += g.extras.size();
  CHECK(losses.items().size() >= extras);
  const Submission expected = goals_only(*doc, id);
  require_same(expected, read_ok(*t, book));
  std::string why;
  CHECK(t->detect(book, why) == 100);
}

TEST_CASE("a hebei goal table without its title line still reads", "[hebei][mapping][variants]") {
  auto t = goal_template();
  Submission doc = seed_goals();
  Workbook book = write_ok(*t, doc);
  for (auto& s : book.sheets) {
    s.rows.erase(0);
    s.merges.erase(std::remove_if(s.merges.begin(), s.merges.end(),
                                  [](const MergedRange& m) { return m.first.row == 0; }),
                   s.merges.end());
  }
  for (auto& g : doc.goals) g.title.clear();
  require_same(doc, read_ok(*t, book));
  std::string why;
  const int score = t->detect(book, why);
  CHECK(score == 80);
  CHECK(why.find("无标题") != std::string::npos);
}

TEST_CASE("mapping engine: a target split over comparator, value and unit columns",
          "[hebei][mapping][engine]") {
  // Sichuan-style columns, to show the engine needs no code for them; a definition in memory.
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="test.split" region="test" model="goal">
  <table>
    <title><pattern>*绩效目标申报表</pattern></title>
    <grid>
      <column name="indicator.level1" fill-down="true"><label>一级指标</label></column>
      <column name="indicator.level2" fill-down="true"><label>二级指标</label></column>
      <column name="indicator.name"><label>三级指标</label></column>
      <column name="indicator.comparator"><label>指标性质</label></column>
      <column name="indicator.value"><label>指标值</label></column>
      <column name="indicator.unit"><label>度量单位</label></column>
      <column name="indicator.weight" required="false"><label>权重</label></column>
      <column name="indicator.direction" required="false"><label>指标方向性</label></column>
    </grid>
  </table>
  <layout arrangement="stacked" sheet-name="表6">
    <row><cell field="goal.title" span="8" style="title"/></row>
    <grid/>
  </layout>
</mapping>)";
  auto def = parse_mapping(xml, "split.xml", Lang::zh);
  if (!def) FAIL(def.error().message);
  auto t = MappingTemplate::create(def.value(), TransformSet{}, Lang::zh);
  REQUIRE(t.ok());
  Submission doc;
  doc.kind = "performance-goals";
  doc.region = "test";
  doc.template_id = "test.split";
  PerformanceGoal g;
  g.kind = "project";
  g.title = "预算项目绩效目标申报表";
  Indicator a;
  a.level1 = "产出指标";
  a.level2 = "数量指标";
  a.name = "开展医保集中宣传次数";
  a.target = Target::from_parts("≥", "2", "次");
  a.weight = Decimal{5, 0};
  a.direction = "正向指标";
  Indicator b = a;
  b.name = "群众满意度";
  b.target = Target::from_parts("定性", "高中低", "");
  b.weight = Decimal{10, 0};
  g.indicators = {a, b};
  doc.goals.push_back(g);
  doc.goals.push_back(g);
  doc.goals[1].title = "第二个预算项目绩效目标申报表";
  Workbook book;
  Diagnostics losses;
  REQUIRE(t.value()->from_submission(doc, Options{}, book, losses).ok());
  REQUIRE(book.sheets.size() == 1);
  CHECK(book.sheets[0].text(2, 3) == "≥");
  CHECK(book.sheets[0].text(2, 4) == "2");
  CHECK(book.sheets[0].text(2, 5) == "次");
  CHECK(book.sheets[0].find(2, 6)->type == CellType::number);
  require_same(doc, read_ok(*t.value(), book));
}

TEST_CASE("a user's definition file becomes a template without recompiling",
          "[hebei][mapping][definition]") {
  bt::TempDir dir("mapping");
  // The shipped definition under another id and with other widths: data only.
  std::string xml = definition_text();
  const auto at = xml.find("id=\"hebei.goal.project\"");
  REQUIRE(at != std::string::npos);
  xml.replace(at, std::string("id=\"hebei.goal.project\"").size(), "id=\"user.goal\"");
  bt::write_file(dir / "user.xml", xml);
  auto t = load_template_file(dir / "user.xml", hebei::hebei_transforms(), Lang::zh);
  if (!t) FAIL(t.error().message);
  CHECK(t.value()->info().id == "user.goal");
  Submission doc = seed_goals();
  doc.template_id = "user.goal";
  require_same(doc, read_ok(*t.value(), write_ok(*t.value(), doc)));

  // Without Hebei's transforms the same file is refused, naming the transform.
  auto bare = load_template_file(dir / "user.xml", TransformSet{}, Lang::en);
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.error().message.find("hebei.project-code") != std::string::npos);
  CHECK(bare.error().message.find("user.xml") != std::string::npos);
  // A missing file is an I/O error, not a crash.
  auto missing = load_template_file(dir / "nope.xml", TransformSet{}, Lang::zh);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::io);
}

TEST_CASE("mapping definitions: garbage and hostile files give one-line errors",
          "[hebei][mapping][definition][corrupt]") {
  const std::string garbage =
      GENERATE(std::string(""), std::string("\x00\xff\xfe<", 4), std::string("<mapping/>"),
               std::string(100000, '<'),
               std::string("<?xml version=\"1.0\"?><mapping xmlns=\"urn:budconv:mapping:1\" "
                           "format-version=\"2\"/>"));
  auto r = parse_mapping(garbage, "bad.xml", Lang::zh);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("bad.xml") != std::string::npos);
  CHECK(r.error().message.find('\n') == std::string::npos);
}

TEST_CASE("a sheet with an anchor label on every row is refused in bounded work",
          "[hebei][mapping][limits]") {
  auto t = goal_template();
  Workbook book;
  Sheet& s = book.add_sheet("Sheet1");
  for (std::uint32_t r = 0; r < 50000; ++r) {
    s.set(r, 0, Cell::make_text("项目编码"));
    s.merges.push_back(MergedRange{{r, 1}, {r, 2}});
  }
  std::string why;
  CHECK(t->detect(book, why) == 10);
  Submission out;
  Diagnostics diags;
  Status st = t->to_submission(book, Options{}, out, diags);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("Sheet1!A1") != std::string::npos);
}

TEST_CASE("the hebei plugin library offers both goal templates to the host", "[hebei][plugin]") {
  const auto lib = bt::plugin_dir() / "budconv_hebei.so";
  if (!std::filesystem::exists(lib)) {
    WARN("budconv_hebei.so is not built yet (only test_hebei was built); skipped");
    return;
  }
  Registry reg;
  REQUIRE(reg.load_file(lib));
  std::vector<std::string> ids;
  for (const auto& t : reg.templates()) ids.push_back(t->info().id);
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"hebei.budget", "hebei.goal.county", "hebei.goal.project"});
  REQUIRE(reg.plugins().size() == 1);
  CHECK(reg.plugins()[0].info.description.find("无法加载") == std::string::npos);
}

TEST_CASE("mapping engine: cells holding several numbered indicators", "[hebei][mapping][engine]") {
  // Henan's way (seed 004), with a definition in memory: the engine splits and joins the items.
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="test.items" region="test" model="goal">
  <table>
    <title><pattern>*绩效目标申报表</pattern></title>
    <grid>
      <column name="indicator.level1" fill-down="true"><label>一级指标</label></column>
      <column name="indicator.level2" fill-down="true"><label>二级指标</label></column>
      <column name="indicator.name" items="numbered" item-prefix="指标"><label>三级指标</label></column>
      <column name="indicator.target" items="numbered"><label>指标值</label></column>
    </grid>
  </table>
  <layout><row><cell field="goal.title" span="4" style="title"/></row><grid/></layout>
</mapping>)";
  auto def = parse_mapping(xml, "items.xml", Lang::zh);
  if (!def) FAIL(def.error().message);
  auto t = MappingTemplate::create(def.value(), TransformSet{}, Lang::zh);
  REQUIRE(t.ok());
  Workbook book;
  Sheet& s = book.add_sheet("绩效目标");
  s.set(0, 0, Cell::make_text("医疗保障工作经费项目绩效目标申报表"));
  const std::vector<std::vector<std::string>> rows{
      {"一级指标", "二级指标", "三级指标", "指标值"},
      {"产出指标", "数量指标", "指标1:召开医保工作会议 指标2:召开医保工作培训", "1: ≥1次 2: ≥2次"},
      {"", "质量指标",
       "指标1:医保信息系统正常运行率 指标2:医保信息系统重大安全事件响应时间 "
       "指标3:医保人才培训合格率",
       "1. ≥90% 2. ≤60分钟 3. ≥90%"},
      {"效益指标", "社会效益指标", "指标1:参保群众政策知晓率 指标2:跨省异地就医直接结算率", "≥90%"},
      {"满意度指标", "服务对象满意度指标", "参保人员满意度", "≥1.5分"},
  };
  for (std::uint32_t r = 0; r < rows.size(); ++r) {
    for (std::uint32_t c = 0; c < rows[r].size(); ++c) {
      if (!rows[r][c].empty()) s.set(r + 1, c, Cell::make_text(rows[r][c]));
    }
  }
  const Submission got = read_ok(*t.value(), book);
  REQUIRE(got.goals.size() == 1);
  const auto& inds = got.goals[0].indicators;
  REQUIRE(inds.size() == 8);
  CHECK(inds[1].name == "召开医保工作培训");
  CHECK(inds[1].group == 2);
  CHECK(inds[1].target.text == "≥2次");
  CHECK(inds[3].level2 == "质量指标");
  CHECK(inds[3].name == "医保信息系统重大安全事件响应时间");
  CHECK(inds[3].target.text == "≤60分钟");
  CHECK(inds[6].target.text == "≥90%");  // one value for both items
  CHECK(inds[6].group == 2);
  CHECK(inds[7].group == 0);
  CHECK(inds[7].target.text == "≥1.5分");
  // Joined back into the same cells, and read to the same model.
  Workbook again;
  Diagnostics losses;
  REQUIRE(t.value()->from_submission(got, Options{}, again, losses).ok());
  CHECK(again.sheets[0].text(2, 2) == "指标1:召开医保工作会议 指标2:召开医保工作培训");
  CHECK(again.sheets[0].text(2, 3) == "1: ≥1次 2: ≥2次");
  CHECK(again.sheets[0].text(4, 3) == "≥90%");
  require_same(got, read_ok(*t.value(), again));
}
