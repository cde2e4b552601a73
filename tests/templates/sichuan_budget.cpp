// The Sichuan budget tables (formats/sichuan/budget-tables.xml, model="budget"): the national
// 部门预算公开 set in 万元 (not taken from the seeds, which hold no Sichuan budget table). The
// budget tables of the Wei County (Hebei, 元) and Qinyang (Henan, 万元) samples are laid out in
// the Sichuan form and read back with every amount exact to the 分; the edits real files show
// still read; a Sichuan budget workbook given to another template, or another region's budget
// workbook given to the Sichuan one, says so.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "budconv/dump.hpp"
#include "budconv/mapping.hpp"
#include "budconv/submission_xml.hpp"
#include "sichuan_templates.hpp"
#include "template_io.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
namespace fs = std::filesystem;
using namespace budconv;

namespace {

const char* const kKinds[] = {"income-expenditure-summary",
                              "income",
                              "expenditure",
                              "fiscal-summary",
                              "general-public-expenditure",
                              "general-public-basic",
                              "three-public",
                              "gov-fund-expenditure",
                              "state-capital-expenditure"};

fs::path definition_path() {
  return bt::source_dir() / "formats" / "sichuan" / "budget-tables.xml";
}

std::shared_ptr<TemplateFormat> sichuan_template(const std::string& id) {
  return bt::template_by_id(
      sichuan::load_sichuan_templates(bt::source_dir() / "formats" / "sichuan", Lang::zh), id);
}

std::shared_ptr<TemplateFormat> budget_template() {
  return sichuan_template("sichuan.budget");
}

/// Another region's budget template, built from its definition file (test_sichuan links only
/// the Sichuan plugin; the budget engine is core's).
std::shared_ptr<TemplateFormat> region_template(const std::string& region) {
  auto def = load_mapping(bt::source_dir() / "formats" / region / "budget-tables.xml", Lang::en);
  if (!def) FAIL(def.error().message);
  auto t = MappingTemplate::create(std::move(def).value(), TransformSet{}, Lang::en);
  if (!t) FAIL(t.error().message);
  return t.value();
}

/// The budget tables of a canonical sample (goals and document extras belong to other templates).
Submission sample_tables(const std::string& file) {
  const auto path = bt::source_dir() / "samples" / file;
  auto doc = parse_submission_xml(bt::read_file(path), path.string(), Lang::zh);
  if (!doc) FAIL(doc.error().message);
  Submission out = std::move(doc).value();
  out.goals.clear();
  out.evaluations.clear();
  out.extras.clear();
  return out;
}

void clear_sources(std::vector<BudgetRow>& rows) {
  for (auto& r : rows) {
    r.source = {};
    clear_sources(r.details);
  }
}

void clear_sources(BudgetTable& t) {
  t.source = {};
  for (auto& e : t.extras) e.source = {};
  clear_sources(t.rows);
}

Submission read_back(const TemplateFormat& t, const Workbook& book, Diagnostics* diags = nullptr) {
  Submission out = bt::read_ok(t, book, diags);
  for (auto& table : out.budget_tables) clear_sources(table);
  return out;
}

void require_same_table(BudgetTable expected, BudgetTable got) {
  clear_sources(expected);
  clear_sources(got);
  Submission a, b;
  a.budget_tables = {expected};
  b.budget_tables = {got};
  const std::string da = dump_submission(a), db = dump_submission(b);
  INFO("table " << expected.kind << " " << expected.scope);
  if (da != db) {
    INFO("expected:\n" << da << "\ngot:\n" << db);
    CHECK(da == db);
  }
  CHECK(expected == got);
}

const BudgetTable* find_table(const Submission& doc, const std::string& kind,
                              const std::string& scope = "department") {
  for (const auto& t : doc.budget_tables) {
    if (t.kind == kind && t.scope == scope) return &t;
  }
  return nullptr;
}

bool sichuan_has(const std::string& kind) {
  return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

/// One line per row and detail row: side, code (with its level), label and name, and the
/// amounts (in 分) of the columns in `held` — what a table keeps through a form that has only
/// those columns. Levels of names-only rows and total flags are the reading form's (Henan marks
/// them by layout the Sichuan form does not have).
std::string held_rows(const BudgetTable& t, const std::set<std::string>& held) {
  std::string out;
  const auto line = [&](const BudgetRow& r) {
    out += std::to_string(static_cast<int>(r.side)) + "|" + r.code + "|" +
           (r.code.empty() ? "" : std::to_string(r.level)) + "|" + r.label + r.name;
    for (const auto& [id, m] : r.amounts) {
      if (held.count(id) != 0) out += "|" + id + "=" + std::to_string(m.fen);
    }
    out += "\n";
  };
  for (const auto& r : t.rows) {
    line(r);
    for (const auto& d : r.details) line(d);
  }
  return out;
}

/// The column ids both tables have.
std::set<std::string> shared_columns(const BudgetTable& a, const BudgetTable& b) {
  std::set<std::string> ids, out;
  for (const auto& c : a.columns) ids.insert(c.id);
  for (const auto& c : b.columns) {
    if (ids.count(c.id) != 0) out.insert(c.id);
  }
  return out;
}

Sheet& sheet_named(Workbook& book, const std::string& name) {
  for (auto& s : book.sheets) {
    if (s.name == name) return s;
  }
  FAIL("no sheet " << name);
  return book.sheets.front();
}

/// The first cell whose text is `text`: (row, col).
std::pair<std::uint32_t, std::uint32_t> find_cell(const Sheet& sheet, const std::string& text) {
  for (const auto& [r, cells] : sheet.rows) {
    for (const auto& [c, cell] : cells) {
      if (cell.text == text) return {r, c};
    }
  }
  FAIL("no cell " << text << " on " << sheet.name);
  return {0, 0};
}

/// The sheet with its rows from `at` on moved down by `n` (cells and merges), as inserting
/// blank rows in a spreadsheet program does.
void shift_down(Sheet& sheet, std::uint32_t at, std::uint32_t n) {
  std::map<std::uint32_t, std::map<std::uint32_t, Cell>> moved;
  for (auto& [r, cells] : sheet.rows) moved[r >= at ? r + n : r] = std::move(cells);
  sheet.rows = std::move(moved);
  for (auto& m : sheet.merges) {
    for (CellPos* p : {&m.first, &m.last}) {
      if (p->row >= at) p->row += n;
    }
  }
}

}  // namespace

TEST_CASE("the sichuan budget definition holds the national set in 万元 and validates",
          "[sichuan][budget][definition]") {
  auto def = load_mapping(definition_path(), Lang::en);
  if (!def) FAIL(def.error().message);
  CHECK(def.value().id == "sichuan.budget");
  CHECK(def.value().model == "budget");
  CHECK(def.value().region == "sichuan");
  REQUIRE(def.value().budget_tables.size() == std::size(kKinds));
  for (std::size_t i = 0; i < std::size(kKinds); ++i) {
    const auto& t = def.value().budget_tables[i];
    CHECK(t.kind == kKinds[i]);
    CHECK(t.unit == AmountUnit::wan_yuan);
    REQUIRE_FALSE(t.titles.empty());
    // The written title carries the table's number in the Sichuan set (表1, 表1-1 … 表5).
    CHECK(t.titles.front().second.rfind("表", 0) == 0);
  }
  // The file says where its layouts come from.
  CHECK_THAT(bt::read_file(definition_path()),
             Catch::Contains("NOT TAKEN FROM THE SEEDS") && Catch::Contains("national"));
  const auto xsd = bt::source_dir() / "formats" / "schema" / "mapping.xsd";
  const bt::RunResult r = bt::run(
      {"/usr/bin/xmllint", "--noout", "--schema", xsd.string(), definition_path().string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // The plugin registers it beside the goal table.
  CHECK(budget_template()->info().region == "sichuan");
  CHECK(sichuan_template("sichuan.goal.table6") != nullptr);
}

TEST_CASE("the wei county budget tables survive the sichuan budget form to the 分",
          "[sichuan][budget][samples]") {
  const Submission doc = sample_tables("hebei-weixian-2021.xml");
  REQUIRE(doc.budget_tables.size() == 22);
  auto t = budget_template();
  Diagnostics losses;
  const Workbook book = bt::write_ok(*t, doc, &losses);
  // 政府采购预算 and 固定资产占用情况表 (部门 and 单位) have no form in the national set.
  CHECK(book.sheets.size() == 18);
  REQUIRE(losses.items().size() == 4);
  for (const auto& l : losses.items()) {
    INFO(l.message_en);
    CHECK(l.rule == "MAP-LOSS-001");
    const bool dropped = l.message_zh.find("政府采购预算") != std::string::npos ||
                         l.message_zh.find("固定资产占用情况表") != std::string::npos;
    CHECK(dropped);
  }
  std::string why;
  CHECK(t->detect(book, why) == 100);
  INFO(why);

  const Submission got = read_back(*t, book);
  CHECK(got.agency_code == "450");
  CHECK(got.agency_name == "威县医疗保障局");
  CHECK(got.fiscal_year == 2021);
  CHECK(got.kind == "department-budget");
  CHECK(got.template_id == "sichuan.budget");
  REQUIRE(got.budget_tables.size() == 18);
  std::size_t compared = 0;
  for (const auto& original : doc.budget_tables) {
    if (!sichuan_has(original.kind)) continue;
    const BudgetTable* have = find_table(got, original.kind, original.scope);
    REQUIRE(have != nullptr);
    CHECK(have->unit == AmountUnit::wan_yuan);
    // Every Hebei column of these tables has its place in the Sichuan form except the fund
    // columns of the 三公 table, which Wei County publishes empty.
    for (const auto& c : original.columns) {
      if (original.kind == "three-public") continue;
      INFO(original.kind << " / " << c.id);
      CHECK(shared_columns(original, *have).count(c.id) == 1);
      CHECK(table_total(original, c.id) == table_total(*have, c.id));
    }
    // Everything else as it was: rows, codes, levels, labels, totals, sides, amounts, notes and
    // agency; only the form's own title, unit and column labels differ.
    BudgetTable expected = original;
    expected.title = have->title;
    expected.unit = have->unit;
    expected.columns = have->columns;
    require_same_table(expected, *have);
    ++compared;
  }
  CHECK(compared == 18);

  // The form read back is a fixed point: laid out again, it reads the same.
  const Submission again = read_back(*t, bt::write_ok(*t, got));
  REQUIRE(again.budget_tables.size() == got.budget_tables.size());
  for (std::size_t i = 0; i < got.budget_tables.size(); ++i)
    require_same_table(got.budget_tables[i], again.budget_tables[i]);
}

TEST_CASE("the qinyang budget tables go through the sichuan form with every amount it holds",
          "[sichuan][budget][samples][henan]") {
  const Submission doc = sample_tables("henan-qinyang-2020.xml");
  REQUIRE(doc.budget_tables.size() == 8);
  auto t = budget_template();
  auto henan = region_template("henan");
  Diagnostics to_sichuan;
  const Workbook book = bt::write_ok(*t, doc, &to_sichuan);
  std::string why;
  CHECK(t->detect(book, why) == 100);
  const Submission sichuan = read_back(*t, book);
  CHECK(sichuan.fiscal_year == 2020);
  CHECK(sichuan.agency_name == "沁阳市医疗保障局");

  // What the Sichuan form cannot hold is reported: the two tables it has no form for and the
  // columns it has no place for.
  std::string reported;
  for (const auto& l : to_sichuan.items()) reported += l.message_en + "\n";
  INFO(reported);
  CHECK(reported.find("2020年机关运行经费") != std::string::npos);
  CHECK(reported.find("2020年国有资本经营预算收支情况表") != std::string::npos);
  for (const char* what : {"has no place for alt of", "has no place for funding_source of",
                           "has no place for current_subtotal of"})
    CHECK(reported.find(what) != std::string::npos);
  // The 收支总表's expenditure 合计 is carried into 预算数 (from="total"), not lost.
  CHECK(reported.find("has no place for total of 「2020年部门收支总体情况表」") ==
        std::string::npos);
  CHECK(find_table(sichuan, "operating-costs") == nullptr);
  CHECK(find_table(sichuan, "state-capital-summary") == nullptr);

  // Back in the Henan form.
  const Submission back = read_back(*henan, bt::write_ok(*henan, sichuan));
  std::size_t shared = 0, amounts = 0;
  for (const auto& original : doc.budget_tables) {
    const BudgetTable* in_sichuan = find_table(sichuan, original.kind);
    if (in_sichuan == nullptr) continue;
    ++shared;
    INFO("table " << original.kind);
    CHECK(in_sichuan->unit == AmountUnit::wan_yuan);
    const BudgetTable* home = find_table(back, original.kind);
    REQUIRE(home != nullptr);
    const std::set<std::string> held = shared_columns(original, *in_sichuan);
    // Every amount of a column both forms have, to the 分, on the same row, both ways.
    CHECK(held_rows(*in_sichuan, held) == held_rows(original, held));
    CHECK(held_rows(*home, held) == held_rows(original, held));
    for (const auto& id : held) {
      CHECK(table_total(*in_sichuan, id) == table_total(original, id));
      CHECK(table_total(*home, id) == table_total(original, id));
    }
    for (const auto& r : original.rows) {
      for (const auto& [id, m] : r.amounts) amounts += held.count(id);
    }
  }
  CHECK(shared == 6);
  CHECK(amounts > 50);
  // The columns the national set shares with Henan's form.
  CHECK(shared_columns(*find_table(doc, "expenditure"), *find_table(sichuan, "expenditure")) ==
        std::set<std::string>{"basic", "project", "total"});
  CHECK(shared_columns(*find_table(doc, "general-public-expenditure"),
                       *find_table(sichuan, "general-public-expenditure")) ==
        std::set<std::string>{"basic", "personnel", "project", "public_funds", "total"});
}

TEST_CASE("the sichuan budget layout: numbered titles, header line and 万元",
          "[sichuan][budget][layout]") {
  const Workbook book = bt::write_ok(*budget_template(), sample_tables("hebei-weixian-2021.xml"));
  std::vector<std::string> names;
  for (const auto& s : book.sheets) names.push_back(s.name);
  CHECK(names[0] == "表1 部门收支总表");
  CHECK(std::count(names.begin(), names.end(), "表1-1 部门收入总表") == 1);
  CHECK(std::count(names.begin(), names.end(), "表2-2 单位一般公共预算基本支出表") == 1);
  CHECK(std::count(names.begin(), names.end(), "表3 一般公共预算“三公”经费支出表") == 1);
  CHECK(std::count(names.begin(), names.end(), "表5 国有资本经营预算支出表") == 1);
  Workbook copy = book;
  const Sheet& income = sheet_named(copy, "表1-1 部门收入总表");
  CHECK(income.text(0, 0) == "表1-1 部门收入总表");
  CHECK(income.text(1, 0) == "单位名称：450威县医疗保障局");
  CHECK(income.text(1, 13) == "单位：万元");
  CHECK(find_cell(income, "预算年度：2021").first == 1);
  // Codes in one column, no 序号 and no 栏次; 本年收入 over its sources.
  CHECK(income.text(2, 0) == "科目编码");
  CHECK(income.text(2, 1) == "科目名称");
  CHECK(income.text(2, 4) == "本年收入");
  CHECK(income.text(3, 5) == "一般公共预算 拨款收入");
  CHECK(income.text(4, 1) == "合计");
  CHECK(income.text(5, 0) == "201");
  CHECK(income.text(5, 1) == "一般公共服务支出");
  const auto [r, c] = find_cell(income, "2101202");
  CHECK(c == 0);
  CHECK(r > 4);
  // 元 become 万元, exactly: 90,816,893.00 元 is 9081.6893 万元.
  const auto total = find_cell(income, "9081.6893");
  const Cell* cell = income.find(total.first, total.second);
  REQUIRE(cell != nullptr);
  CHECK(cell->type == CellType::number);
  CHECK(cell->number_format == "#,##0.00");
  CHECK(total.second == 2);
  const Sheet& summary = sheet_named(copy, "表1 部门收支总表");
  CHECK(summary.text(2, 0) == "收    入");
  CHECK(summary.text(3, 1) == "预算数");
  CHECK(summary.text(4, 0) == "一、一般公共预算拨款收入");
  CHECK(summary.text(4, 2) == "一、一般公共服务支出");
  // The 三公 table has two columns: agency and unit on the header line, the year over 预算数.
  const Sheet& three = sheet_named(copy, "表3 一般公共预算“三公”经费支出表");
  CHECK(three.text(1, 0) == "单位名称：450威县医疗保障局");
  CHECK(three.text(1, 1) == "单位：万元");
  CHECK(three.text(2, 1) == "2021年预算数");
}

TEST_CASE("amounts finer than 0.01 万元 are written with up to six decimals and read back exact",
          "[sichuan][budget][units]") {
  Submission doc;
  doc.agency_name = "乐山市医疗保障局";
  doc.agency_code = "315";
  doc.fiscal_year = 2022;
  BudgetTable table;
  table.kind = "expenditure";
  table.scope = "department";
  table.columns = {{"total", "合计"}, {"basic", "基本支出"}};
  BudgetRow row;
  row.classification = Classification::function;
  row.code = "2101501";
  row.level = 3;
  row.name = "行政运行";
  row.amounts["total"] = Money{123};               // 1.23 元
  row.amounts["basic"] = Money{256519000000 + 7};  // 2,565,190,000.07 元
  table.rows.push_back(row);
  doc.budget_tables.push_back(table);
  auto t = budget_template();
  const Workbook book = bt::write_ok(*t, doc);
  REQUIRE(book.sheets.size() == 1);
  const auto [r, c] = find_cell(book.sheets[0], "0.000123");
  CHECK(book.sheets[0].text(r, c + 1) == "256519.000007");
  const Submission got = read_back(*t, book);
  REQUIRE(got.budget_tables.size() == 1);
  REQUIRE(got.budget_tables[0].rows.size() == 1);
  CHECK(got.budget_tables[0].rows[0].amounts == row.amounts);
  CHECK(got.agency_code == "315");
  CHECK(got.fiscal_year == 2022);
}

TEST_CASE("edited sichuan budget tables still read", "[sichuan][budget][variants]") {
  auto t = budget_template();
  const Workbook book = bt::write_ok(*t, sample_tables("hebei-weixian-2021.xml"));
  const Submission want = read_back(*t, book);
  Workbook edited = book;
  Sheet& income = sheet_named(edited, "表1-1 部门收入总表");
  // A moved title: two rows lower, in column C.
  income.rows[0][2] = income.rows[0][0];
  income.rows[0].erase(0);
  income.merges.erase(income.merges.begin());
  shift_down(income, 0, 2);
  // Blank rows inside the data.
  shift_down(income, find_cell(income, "20102").first, 1);
  shift_down(income, find_cell(income, "210").first, 2);
  // Codes stored as numbers, amounts as text with thousands separators.
  std::size_t separated = 0;
  for (auto& [r, cells] : income.rows) {
    for (auto& [c, cell] : cells) {
      if (c == 0 && cell.type == CellType::text &&
          cell.text.find_first_not_of("0123456789") == std::string::npos) {
        cell = Cell::make_number(cell.text + ".0");
      } else if (c >= 2 && cell.type == CellType::number) {
        const auto amount = parse_amount(cell.text, AmountUnit::wan_yuan);
        REQUIRE(amount.value);
        cell = Cell::make_text(format_amount(*amount.value, AmountUnit::wan_yuan, {2, true}));
        separated += cell.text.find(',') != std::string::npos;
      }
    }
  }
  CHECK(separated > 0);
  CHECK(find_cell(income, "9,081.6893").second == 2);
  // Blank lines in a two-sided table; a title with the agency and year before it.
  Sheet& summary = sheet_named(edited, "表1 部门收支总表");
  shift_down(summary, 5, 3);
  Sheet& expenditure = sheet_named(edited, "表1-2 部门支出总表");
  expenditure.rows[0][0] = Cell::make_text("威县医疗保障局2021年部门支出总表");

  Diagnostics diags;
  Submission got = read_back(*t, edited, &diags);
  for (const auto& d : diags.items()) WARN(d.message_en);
  CHECK(diags.items().empty());
  REQUIRE(got.budget_tables.size() == want.budget_tables.size());
  const BudgetTable* renamed = find_table(got, "expenditure");
  REQUIRE(renamed != nullptr);
  CHECK(renamed->title == "威县医疗保障局2021年部门支出总表");
  for (std::size_t i = 0; i < want.budget_tables.size(); ++i) {
    BudgetTable expected = want.budget_tables[i];
    expected.title = got.budget_tables[i].title;
    require_same_table(expected, got.budget_tables[i]);
  }
}

TEST_CASE("budget workbooks given to the wrong template say so", "[sichuan][budget][wrong]") {
  auto sichuan = budget_template();
  auto goal = sichuan_template("sichuan.goal.table6");
  auto hebei = region_template("hebei");
  auto henan = region_template("henan");
  Options en;
  en.lang = Lang::en;
  const Workbook book = bt::write_ok(*sichuan, sample_tables("henan-qinyang-2020.xml"));

  // A Sichuan budget workbook to the Hebei budget template and to the Sichuan goal template.
  std::string why;
  CHECK(hebei->detect(book, why) == 0);
  CHECK(henan->detect(book, why) == 0);
  Submission out;
  Diagnostics diags;
  Status st = hebei->to_submission(book, en, out, diags);
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("no Hebei budget disclosure tables found") &&
                                     Catch::Contains("hebei.budget"));
  CHECK(goal->detect(book, why) < 50);
  st = goal->to_submission(book, en, out, diags);
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("sichuan.goal.table6"));

  // The Hebei and Henan budget forms and a goal workbook are not Sichuan budget tables.
  for (const auto& other : {hebei, henan}) {
    const std::string sample = other == hebei ? "hebei-weixian-2021.xml" : "henan-qinyang-2020.xml";
    const Workbook theirs = bt::write_ok(*other, sample_tables(sample));
    CHECK(sichuan->detect(theirs, why) == 0);
    INFO(why);
    st = sichuan->to_submission(theirs, en, out, diags);
    REQUIRE_FALSE(st);
    CHECK_THAT(st.error().message, Catch::Contains("no Sichuan budget disclosure tables found") &&
                                       Catch::Contains("表1 部门收支总表") &&
                                       Catch::Contains("sichuan.budget"));
  }
  const auto goals_path = bt::source_dir() / "samples" / "sichuan-leshan-2022-goals.xml";
  auto goals = parse_submission_xml(bt::read_file(goals_path), goals_path.string(), Lang::zh);
  REQUIRE(goals);
  const Workbook goal_book = bt::write_ok(*goal, goals.value());
  CHECK(sichuan->detect(goal_book, why) == 0);
  Workbook none;
  Diagnostics losses;
  st = sichuan->from_submission(goals.value(), en, none, losses);
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("no budget tables"));
}
