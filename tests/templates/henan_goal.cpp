// The Henan 部门(单位)预算项目绩效目标申报表 (formats/henan/goal-declaration.xml) through the
// mapping engine. The four tables of seed 004 (tests/fixtures/henan/qinyang-2020-goals.txt: its
// lines 451–537 verbatim, one sheet row per line, one cell per tab-separated field) are laid out as
// a Workbook with the merges of the published form and read to the goals of
// samples/henan-qinyang-2020.xml: 实施期 and 年度 side by side in the block and in the grid,
// "指标1:… 指标2:…" cells split into grouped indicators, "指标:…" into one, "指标:" lines skipped.
// The sample's goals written in the template read back the same; variants of the form still read;
// Hebei goals written as Henan list what the form cannot hold.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <set>

#include "budconv/dump.hpp"
#include "budconv/mapping.hpp"
#include "budconv/registry.hpp"
#include "henan_templates.hpp"
#include "template_io.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

using bt::read_ok;
using bt::write_ok;

namespace {

std::shared_ptr<TemplateFormat> declaration() {
  auto loaded = henan::load_henan_templates(bt::source_dir() / "formats" / "henan", Lang::zh);
  if (!loaded) FAIL(loaded.error().message);
  for (const auto& t : loaded.value()) {
    if (t->info().id == "henan.goal.declaration") return t;
  }
  FAIL("henan.goal.declaration not loaded");
  return nullptr;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    const auto at = text.find(sep, from);
    out.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return out;
    from = at + 1;
  }
}

bool blank(const Sheet& s, std::uint32_t r, std::uint32_t c) {
  const Cell* cell = s.find(r, c);
  return cell == nullptr || cell->blank();
}

std::string squeezed(const std::string& text) {
  return normalize_label(text);
}

/// The grid header rows of the sheet (the rows holding 一级指标).
std::vector<std::uint32_t> header_rows(const Sheet& s) {
  std::vector<std::uint32_t> out;
  for (const auto& [r, cells] : s.rows) {
    for (const auto& [c, cell] : cells) {
      if (squeezed(cell.text) == "一级指标") out.push_back(r);
    }
  }
  return out;
}

/// Merges as the published form has them: in the block, a cell spans the blank cells after it;
/// in the grid, 一级指标 spans its rows, 绩效指标 the whole grid, and a blank cell under no
/// header belongs to the cell on its left (the 实施期 指标值 of tables 2 and 4 spans two
/// columns).
void merge_like_form(Sheet& s, const std::map<std::uint32_t, std::uint32_t>& widths) {
  const std::vector<std::uint32_t> headers = header_rows(s);
  std::uint32_t block_from = 0;
  for (const std::uint32_t h : headers) {
    // The grid: header row to the last non-blank row before an empty line.
    std::uint32_t last = h;
    while (s.rows.count(last + 1) && !s.rows[last + 1].empty()) ++last;
    std::set<std::uint32_t> header_cols;
    std::uint32_t level1_col = 0, first_label = 0;
    for (const auto& [c, cell] : s.rows[h]) {
      if (cell.blank()) continue;
      header_cols.insert(c);
      if (squeezed(cell.text) == "一级指标") level1_col = c;
      if (squeezed(cell.text) == "一级指标" && first_label == 0) first_label = c;
    }
    for (std::uint32_t r = block_from; r < h; ++r) {
      const auto it = widths.find(r);
      if (it == widths.end() || !s.rows.count(r)) continue;
      for (std::uint32_t c = 0; c < it->second; ++c) {
        if (blank(s, r, c)) continue;
        std::uint32_t end = c;
        while (end + 1 < it->second && blank(s, r, end + 1)) ++end;
        if (end > c) s.merges.push_back(MergedRange{CellPos{r, c}, CellPos{r, end}});
        c = end;
      }
    }
    s.merges.push_back(MergedRange{CellPos{h, 0}, CellPos{last, level1_col - 1}});
    for (std::uint32_t r = h + 1; r <= last; ++r) {
      for (std::uint32_t c = level1_col + 1; c < widths.at(r); ++c) {
        if (blank(s, r, c) && !header_cols.count(c) && !blank(s, r, c - 1)) {
          s.merges.push_back(MergedRange{CellPos{r, c - 1}, CellPos{r, c}});
        }
      }
    }
    for (std::uint32_t r = h + 1; r <= last;) {
      std::uint32_t end = r;
      while (end + 1 <= last && blank(s, end + 1, level1_col)) ++end;
      if (end > r)
        s.merges.push_back(MergedRange{CellPos{r, level1_col}, CellPos{end, level1_col}});
      r = end + 1;
    }
    block_from = last + 1;
  }
}

/// The seed's four tables as a Workbook, one row per line and one cell per field. The seed's
/// text lost one blank of tables 2 and 4's header (the 实施期 指标值 spans two columns, as their
/// data rows show): the header's 年度 labels move right by one to stand over their data.
Workbook seed_workbook() {
  const std::string text =
      bt::read_file(bt::source_dir() / "tests" / "fixtures" / "henan" / "qinyang-2020-goals.txt");
  Workbook book;
  Sheet& s = book.add_sheet("绩效目标申报表");
  std::map<std::uint32_t, std::uint32_t> widths;
  std::uint32_t r = 0;
  for (const std::string& line : split(text, '\n')) {
    const auto fields = split(line, '\t');
    widths[r] = static_cast<std::uint32_t>(fields.size());
    for (std::uint32_t c = 0; c < fields.size(); ++c) {
      if (!fields[c].empty()) s.set(r, c, Cell::make_text(fields[c]));
    }
    ++r;
  }
  for (const std::uint32_t h : header_rows(s)) {
    std::vector<std::uint32_t> level2;
    for (const auto& [c, cell] : s.rows[h]) {
      if (squeezed(cell.text) == "二级指标") level2.push_back(c);
    }
    REQUIRE(level2.size() == 2);
    const auto& data = s.rows[h + 1];
    std::vector<std::uint32_t> data_level2;
    for (const auto& [c, cell] : data) {
      if (squeezed(cell.text) == "数量指标") data_level2.push_back(c);
    }
    REQUIRE(data_level2.size() == 2);
    if (data_level2[1] == level2[1] + 1) {
      auto& row = s.rows[h];
      for (std::uint32_t c = widths[h] - 1; c > level2[1]; --c) row[c] = row[c - 1];
      row.erase(level2[1]);
    }
  }
  merge_like_form(s, widths);
  return book;
}

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

/// The goals as a dump, without where they were read from, without the transcriber's notes
/// (goal extras "note.…", which no form cell holds) and without budgets whose every figure is
/// blank (the sample records table 3's empty 实施期 block as `<budget period="implementation"/>`;
/// a blank block reads as no budget, so that goals of forms without 实施期 stay unchanged through
/// Henan).
std::string goals_dump(const Submission& doc) {
  Submission out;
  out.goals = doc.goals;
  for (auto& g : out.goals) {
    g.source = {};
    g.budgets.erase(
        std::remove_if(g.budgets.begin(), g.budgets.end(),
                       [](const GoalBudget& b) { return !b.total && !b.fiscal && !b.other; }),
        g.budgets.end());
    g.extras.erase(std::remove_if(g.extras.begin(), g.extras.end(),
                                  [](const Extra& e) { return e.key.rfind("note.", 0) == 0; }),
                   g.extras.end());
    for (auto& i : g.indicators) i.source = {};
  }
  return dump_submission(out);
}

Indicator indicator(std::string level1, std::string level2, std::string name, std::string target,
                    std::string description = "", std::string basis = "") {
  Indicator ind;
  ind.level1 = std::move(level1);
  ind.level2 = std::move(level2);
  ind.name = std::move(name);
  ind.target = Target::parse(target);
  ind.description = std::move(description);
  ind.basis = std::move(basis);
  return ind;
}

/// A goal with both periods, grouped and single indicators, and a level the form does not list.
Submission small_goal() {
  Submission doc;
  doc.fiscal_year = 2020;
  PerformanceGoal g;
  g.kind = "project";
  g.name = "医保支付方式改革";
  g.title = "部门(单位)预算项目绩效目标申报表";
  g.department = "沁阳市医疗保障局";
  g.unit_name = "沁阳市医疗保障局";
  g.budgets.push_back(
      GoalBudget{Period::annual, Money{10000000}, Money{10000000}, Money{10000000}});
  g.budgets.push_back(
      GoalBudget{Period::implementation, Money{30000000}, std::nullopt, std::nullopt});
  g.objectives = {{Period::implementation, "目标: 三年内推开单病种付费"},
                  {Period::annual, "目标: 加强推进医保支付方式改革"}};
  Indicator a = indicator("产出指标", "数量指标", "召开医保工作会议", "≥1次");
  a.group = 1;
  Indicator b = indicator("产出指标", "数量指标", "召开医保工作培训", "≥2次");
  b.group = 2;
  Indicator c =
      indicator("产出指标", "时效指标", "100个单病种试点进展运行时间", "不晚于2020年第一季度");
  Indicator d = indicator("满意度指标", "服务对象满意度指标", "参保人员对医保服务的满意度", "≥95%");
  for (Indicator i : {a, b, c, d}) {
    i.period = Period::implementation;
    g.indicators.push_back(i);
  }
  Indicator e = indicator("产出指标", "质量指标", "推行医保支付方式改革", "逐步推开");
  g.indicators.push_back(e);
  g.indicators.push_back(c);
  g.indicators.push_back(d);
  doc.goals.push_back(g);
  return doc;
}

}  // namespace

TEST_CASE("the Qinyang declaration tables of seed 004 read to the sample's goals",
          "[henan][mapping][seed]") {
  const auto t = declaration();
  const Workbook book = seed_workbook();
  std::string why;
  const int score = t->detect(book, why);
  INFO(why);
  CHECK(score == 100);
  const Submission got = read_ok(*t, book);
  CHECK(got.fiscal_year == 2020);
  REQUIRE(got.goals.size() == 4);
  // Spot checks that do not depend on the xml plugin.
  const PerformanceGoal& g1 = got.goals[0];
  CHECK(g1.name == "医疗服务与保障能力提升");
  CHECK(g1.title == "部门(单位)预算项目绩效目标申报表");
  REQUIRE(g1.budgets.size() == 2);
  CHECK(g1.budgets[1].period == Period::implementation);
  CHECK(g1.budgets[1].total == Money{35000000});
  CHECK(g1.budgets[0].fiscal == Money{35000000});
  CHECK_FALSE(g1.budgets[0].other);
  CHECK(g1.indicators.size() == 20);
  CHECK(g1.indicators[5].name == "各项工作任务按时完成率");
  CHECK(g1.indicators[5].group == 0);
  CHECK(g1.indicators[10].period == Period::annual);
  CHECK(g1.objectives[0].text.rfind("目标:提升医保信息化水平", 0) == 0);
  // Table 3: no 实施期 figures; the 其他资金 of the 年度 block only.
  const PerformanceGoal& g3 = got.goals[2];
  REQUIRE(g3.budgets.size() == 1);
  CHECK(g3.budgets[0].other == Money{10000000});
  CHECK(g3.indicators[3].name == "厉行节约, 控制成本");
  const auto sample = read_sample("henan-qinyang-2020.xml");
  if (!sample) {
    WARN("budconv_xml.so is not built (BUDCONV_PLUGINS); comparison with the sample skipped");
    return;
  }
  CHECK(goals_dump(got) == goals_dump(*sample));
}

TEST_CASE("the sample's Henan goals written in the declaration read back the same",
          "[henan][mapping][roundtrip]") {
  const auto t = declaration();
  const auto sample = read_sample("henan-qinyang-2020.xml");
  if (!sample) {
    WARN("budconv_xml.so is not built (BUDCONV_PLUGINS); sample round trip skipped");
    return;
  }
  Diagnostics losses;
  const Workbook book = write_ok(*t, *sample, &losses);
  CHECK(book.sheets.size() == 4);
  std::string lost;
  for (const auto& d : losses.items()) lost += d.message_en + "\n";
  INFO(lost);
  // Budget tables, the agency and the notes have no place in the goal form; the year does.
  CHECK(lost.find("fiscal_year") == std::string::npos);
  CHECK(lost.find("budget_tables") != std::string::npos);
  CHECK(lost.find("indicator") == std::string::npos);
  std::string why;
  CHECK(t->detect(book, why) == 100);
  const Submission back = read_ok(*t, book);
  CHECK(back.fiscal_year == 2020);
  CHECK(goals_dump(back) == goals_dump(*sample));
}

TEST_CASE("Henan goals of both periods are laid out side by side with the form's empty lines",
          "[henan][mapping][layout]") {
  const auto t = declaration();
  const Submission doc = small_goal();
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  CHECK(losses.items().empty());
  REQUIRE(book.sheets.size() == 1);
  const Sheet& s = book.sheets[0];
  const std::vector<std::uint32_t> h = header_rows(s);
  REQUIRE(h.size() == 1);
  // The nine rows of the framework: 数量 holds both periods' grouped cell, 质量 only the annual
  // indicator (实施期 writes the empty "指标:"), 经济效益 is an empty line on both sides.
  const auto text = [&](std::uint32_t r, std::uint32_t c) {
    const Cell* cell = s.find(r, c);
    return cell ? cell->text : std::string();
  };
  CHECK(text(h[0], 0) == "绩效指标");
  CHECK(text(h[0] + 1, 3) == "指标1:召开医保工作会议 指标2:召开医保工作培训");
  CHECK(text(h[0] + 1, 4) == "1: ≥1次 2: ≥2次");
  CHECK(text(h[0] + 1, 6) == "指标:");
  CHECK(text(h[0] + 2, 3) == "指标:");
  CHECK(text(h[0] + 2, 6) == "指标:推行医保支付方式改革");
  CHECK(text(h[0] + 2, 7) == "逐步推开");
  CHECK(text(h[0] + 5, 2) == "经济效益指标");
  CHECK(text(h[0] + 5, 3) == "指标:");
  CHECK(text(h[0] + 9, 1) == "满意度指标");
  CHECK(s.rows.upper_bound(h[0] + 9) == s.rows.end());
  CHECK(text(1, 0) == "(2020年度)");
  const Submission back = read_ok(*t, book);
  CHECK(goals_dump(back) == goals_dump(doc));
}

TEST_CASE("Henan declaration variants still read", "[henan][mapping][variants]") {
  const auto t = declaration();
  const Submission want = read_ok(*t, seed_workbook());
  SECTION("extra blank rows") {
    Workbook book = seed_workbook();
    Sheet& s = book.sheets[0];
    // One blank row after every grid header: rows below each header move down.
    const auto headers = header_rows(s);
    const auto shift = [&](std::uint32_t r) {
      std::uint32_t by = 0;
      for (const auto h : headers) by += r > h ? 1 : 0;
      return r + by;
    };
    Sheet moved = s;
    moved.rows.clear();
    moved.merges.clear();
    for (const auto& [r, cells] : s.rows) moved.rows[shift(r)] = cells;
    for (const auto& m : s.merges) {
      moved.merges.push_back(MergedRange{CellPos{shift(m.first.row), m.first.col},
                                         CellPos{shift(m.last.row), m.last.col}});
    }
    s = moved;
    CHECK(goals_dump(read_ok(*t, book)) == goals_dump(want));
  }
  SECTION("header text with blanks, line breaks and full-width forms") {
    Workbook book = seed_workbook();
    for (auto& [r, cells] : book.sheets[0].rows) {
      for (auto& [c, cell] : cells) {
        if (squeezed(cell.text) == "一级指标") cell.text = "一级\n指标";
        if (squeezed(cell.text) == "指标值") cell.text = "指 标 值";
        if (squeezed(cell.text) == "实施期资金总额:") cell.text = "实施期资金总额：";
        if (squeezed(cell.text) == "其中:财政拨款") cell.text = "其中：财政拨款";
        if (squeezed(cell.text) == "年度目标") cell.text = "年度\r\n目标";
      }
    }
    CHECK(goals_dump(read_ok(*t, book)) == goals_dump(want));
  }
  SECTION("title and year lines missing") {
    Workbook book = seed_workbook();
    Sheet& s = book.sheets[0];
    for (auto it = s.rows.begin(); it != s.rows.end();) {
      const Cell* first = it->second.empty() ? nullptr : &it->second.begin()->second;
      const bool drop = first && (first->text.find("绩效目标申报表") != std::string::npos ||
                                  first->text.find("年度)") != std::string::npos);
      it = drop ? s.rows.erase(it) : std::next(it);
    }
    Submission expected = want;
    for (auto& g : expected.goals) g.title.clear();
    const Submission got = read_ok(*t, book);
    CHECK(got.fiscal_year == 0);
    CHECK(goals_dump(got) == goals_dump(expected));
  }
}

TEST_CASE("Hebei goals written as Henan list what the declaration cannot hold",
          "[henan][mapping][loss]") {
  const auto t = declaration();
  Submission doc;
  PerformanceGoal g;
  g.kind = "special-fund";
  g.code = "1308002180NBHMV4FV2C2";
  g.name = "城乡居民基本医疗保险专项资金";
  g.title = "城乡居民基本医疗保险专项资金绩效目标表";
  g.purpose = "用于城乡居民基本医疗保险财政补助";
  g.budgets.push_back(
      GoalBudget{Period::annual, Money{1906700000}, Money{1906700000}, std::nullopt});
  g.spending_plan = {{"3月底", Decimal{25, 0}}, {"6月底", Decimal{50, 0}}};
  g.objectives = {{Period::annual, "目标1：巩固参保率"},
                  {Period::annual, "目标2：稳步提高保障水平"}};
  g.indicators = {indicator("产出指标", "数量指标", "参保人数", "289.89 万人",
                            "全市城乡居民参保人数", "2020 年 12 月底数据"),
                  indicator("产出指标", "数量指标", "参保率", "≥95%"),
                  indicator("效益指标", "社会效益指标", "群众负担", "有所减轻")};
  doc.goals.push_back(g);
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  std::set<std::string> lost;
  for (const auto& d : losses.items()) {
    CHECK(d.rule == "MAP-LOSS-001");
    for (const char* f : {"goal.kind", "goal.code", "goal.purpose", "goal.title", "milestone",
                          "indicator.description", "indicator.basis"}) {
      if (d.message_en.find(std::string(" ") + f + " ") != std::string::npos) lost.insert(f);
    }
  }
  CHECK(lost == std::set<std::string>{"goal.kind", "goal.code", "goal.purpose", "goal.title",
                                      "milestone", "indicator.description", "indicator.basis"});
  // Hebei has no 实施期: nothing of it is invented; the annual side reads back whole.
  const Submission back = read_ok(*t, book);
  REQUIRE(back.goals.size() == 1);
  const PerformanceGoal& b = back.goals[0];
  CHECK(b.kind == "project");
  CHECK(b.title == "部门(单位)预算项目绩效目标申报表");
  REQUIRE(b.objectives.size() == 2);
  CHECK(b.objectives[1].text == "目标2：稳步提高保障水平");
  REQUIRE(b.indicators.size() == 3);
  for (const auto& i : b.indicators) CHECK(i.period == Period::annual);
  CHECK(b.indicators[1].name == "参保率");
  CHECK(b.indicators[1].group == 0);
  CHECK(b.indicators[0].target.text == "289.89 万人");
  REQUIRE(b.budgets.size() == 1);
  CHECK(b.budgets[0].fiscal == Money{1906700000});
}

TEST_CASE("the Henan definition validates against mapping.xsd", "[henan][mapping][schema]") {
  const auto xsd = bt::source_dir() / "formats" / "schema" / "mapping.xsd";
  const auto def = bt::source_dir() / "formats" / "henan" / "goal-declaration.xml";
  const bt::RunResult r =
      bt::run({"/usr/bin/xmllint", "--noout", "--schema", xsd.string(), def.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("the Henan plugin's markup transform drops the system's paragraph tags",
          "[henan][mapping]") {
  const TransformSet set = henan::henan_transforms();
  const ValueTransform* t = set.find("henan.markup");
  REQUIRE(t != nullptr);
  CHECK(t->read("<p>目标:提升医保信息化水平。</p>") == "目标:提升医保信息化水平。");
  CHECK(t->read("<p>1.A</p><p>2.B</p>") == "1.A\n2.B");
  CHECK(t->read("目标: 加强推进") == "目标: 加强推进");
}
