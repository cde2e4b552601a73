// The Hebei budget tables (formats/hebei/budget-tables.xml, model="budget") through the mapping
// engine: the 22 budget tables of seed 001's canonical transcription (samples/hebei-weixian-
// 2021.xml) are laid out in the Hebei form and read back unchanged; tables typed in from the
// seed's published lines read as the sample; the edits real files show still read; a goal table
// and a budget table given to the wrong template say so.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "budconv/cell_ref.hpp"
#include "budconv/dump.hpp"
#include "budconv/mapping.hpp"
#include "budconv/submission_xml.hpp"
#include "hebei_templates.hpp"
#include "template_io.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

using bt::write_ok;

namespace {

std::shared_ptr<TemplateFormat> hebei_template(const std::string& id) {
  return bt::template_by_id(
      hebei::load_hebei_templates(bt::source_dir() / "formats" / "hebei", Lang::zh), id);
}

std::shared_ptr<TemplateFormat> budget_template() {
  return hebei_template("hebei.budget");
}

/// The budget tables of the Wei County sample, as the template holds them (no goals; sources
/// are not compared).
Submission sample_tables() {
  const auto path = bt::source_dir() / "samples" / "hebei-weixian-2021.xml";
  auto doc = parse_submission_xml(bt::read_file(path), path.string(), Lang::zh);
  if (!doc) FAIL(doc.error().message);
  Submission out;
  out.agency_code = doc.value().agency_code;
  out.agency_name = doc.value().agency_name;
  out.fiscal_year = doc.value().fiscal_year;
  out.kind = doc.value().kind;
  out.region = "hebei";
  out.template_id = "hebei.budget";
  out.budget_tables = doc.value().budget_tables;
  return out;
}

void clear_sources(std::vector<BudgetRow>& rows) {
  for (auto& r : rows) {
    r.source = {};
    clear_sources(r.details);
  }
}

void clear_sources(Submission& doc) {
  for (auto& t : doc.budget_tables) {
    t.source = {};
    for (auto& e : t.extras) e.source = {};
    clear_sources(t.rows);
  }
}

Submission read_ok(const TemplateFormat& t, const Workbook& book, Diagnostics* diags = nullptr) {
  Diagnostics local;  // these tests inspect findings themselves, so errors do not fail here
  Submission out = bt::read_ok(t, book, diags ? diags : &local);
  clear_sources(out);
  return out;
}

void require_same_tables(const std::vector<BudgetTable>& expected,
                         const std::vector<BudgetTable>& got) {
  Submission a, b;
  a.budget_tables = expected;
  b.budget_tables = got;
  clear_sources(a);
  clear_sources(b);
  const std::string da = dump_submission(a), db = dump_submission(b);
  if (da != db) {
    INFO("expected:\n" << da << "\ngot:\n" << db);
    CHECK(da == db);
  }
  CHECK(a.budget_tables == b.budget_tables);
}

const BudgetTable& table_of(const Submission& doc, const std::string& kind,
                            const std::string& scope) {
  for (const auto& t : doc.budget_tables) {
    if (t.kind == kind && t.scope == scope) return t;
  }
  FAIL("no table " << kind << " " << scope);
  throw std::logic_error("unreachable");
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

}  // namespace

TEST_CASE("the hebei budget definition loads with all eleven tables",
          "[hebei][budget][definition]") {
  auto def = load_mapping(bt::source_dir() / "formats" / "hebei" / "budget-tables.xml", Lang::en);
  if (!def) FAIL(def.error().message);
  CHECK(def.value().model == "budget");
  CHECK(def.value().id == "hebei.budget");
  REQUIRE(def.value().budget_tables.size() == 11);
  for (const auto& t : def.value().budget_tables) {
    CHECK(t.titles.size() == 2);
    CHECK(t.unit == AmountUnit::yuan);
  }
}

TEST_CASE("the hebei budget definition validates against mapping.xsd", "[hebei][budget][schema]") {
  const auto xsd = bt::source_dir() / "formats" / "schema" / "mapping.xsd";
  const auto def = bt::source_dir() / "formats" / "hebei" / "budget-tables.xml";
  const bt::RunResult r =
      bt::run({"/usr/bin/xmllint", "--noout", "--schema", xsd.string(), def.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("budget definitions with mistakes name the line", "[hebei][budget][definition]") {
  const std::string good =
      bt::read_file(bt::source_dir() / "formats" / "hebei" / "budget-tables.xml");
  const auto edited = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
    return s;
  };
  const auto error_of = [](const std::string& xml) {
    auto r = parse_mapping(xml, "budget-tables.xml", Lang::en);
    REQUIRE_FALSE(r);
    return r.error().message;
  };
  CHECK_THAT(error_of(edited("kind=\"income\"", "kind=\"incom\"")),
             Catch::Contains("unknown table kind \"incom\"") && Catch::Contains("line"));
  CHECK_THAT(error_of(edited("levels=\"3 5 7\"", "levels=\"3 x 7\"")), Catch::Contains("levels"));
  CHECK_THAT(
      error_of(edited("<column id=\"total\" header=\"合计\"/>", "<column header=\"合计\"/>")),
      Catch::Contains("lacks attribute id"));
  CHECK_THAT(error_of(edited("side=\"income\"", "")), Catch::Contains("need a side"));
  CHECK_THAT(error_of(edited(
                 "<title scope=\"unit\">单位预算收入总表</title>",
                 "<title scope=\"unit\">单位预算收入总表</title><title scope=\"city\">x</title>")),
             Catch::Contains("scope must be department or unit"));
}

TEST_CASE("every budget table of the wei county sample survives the hebei budget template",
          "[hebei][budget][samples]") {
  const Submission doc = sample_tables();
  REQUIRE(doc.budget_tables.size() == 22);
  auto t = budget_template();
  Diagnostics losses;
  const Workbook book = write_ok(*t, doc, &losses);
  CHECK(book.sheets.size() == 22);
  for (const auto& l : losses.items()) WARN(l.message_en);
  CHECK(losses.items().empty());
  std::string why;
  CHECK(t->detect(book, why) == 100);
  INFO(why);
  const Submission got = read_ok(*t, book);
  CHECK(got.agency_code == "450");
  CHECK(got.agency_name == "威县医疗保障局");
  CHECK(got.fiscal_year == 2021);
  CHECK(got.kind == "department-budget");
  require_same_tables(doc.budget_tables, got.budget_tables);
  // The totals to the 分, table by table.
  for (std::size_t i = 0; i < doc.budget_tables.size() && i < got.budget_tables.size(); ++i) {
    for (const auto& c : doc.budget_tables[i].columns) {
      CHECK(table_total(doc.budget_tables[i], c.id) == table_total(got.budget_tables[i], c.id));
    }
  }
}

TEST_CASE("the hebei budget layout has the published header, 栏次 row and formats",
          "[hebei][budget][layout]") {
  const Submission doc = sample_tables();
  const Workbook book = write_ok(*budget_template(), doc);
  const Sheet* income = book.find_sheet("部门预算收入总表");
  REQUIRE(income != nullptr);
  CHECK(income->text(0, 0) == "部门预算收入总表");
  CHECK(income->text(1, 0) == "450威县医疗保障局");
  CHECK(income->text(1, 12) == "单位：元");
  CHECK(income->text(2, 0) == "序号");
  CHECK(income->text(2, 1) == "功能分类科目");
  CHECK(income->text(3, 1) == "科目  编码");
  CHECK(income->text(2, 4) == "本年收入");
  CHECK(income->text(3, 5) == "财政拨款 收入");
  CHECK(income->text(4, 0) == "栏次");
  CHECK(income->text(4, 12) == "12");
  const auto merged = [&](const std::string& range) {
    return std::any_of(income->merges.begin(), income->merges.end(),
                       [&](const MergedRange& m) { return m.to_string() == range; });
  };
  CHECK(merged("A1:M1"));  // title
  CHECK(merged("A3:A4"));  // 序号 down
  CHECK(merged("B3:C3"));  // 功能分类科目 across
  CHECK(merged("E3:L3"));  // 本年收入 across
  CHECK(merged("D3:D4"));  // 合计 down
  const Cell* total = income->find(5, 3);
  REQUIRE(total != nullptr);
  CHECK(total->type == CellType::number);
  CHECK(total->text == "90816893.00");
  CHECK(total->number_format == "#,##0.00");
  CHECK(income->text(6, 1) == "201");
  // Printed like the official form: title and header line unruled, header and body ruled, the
  // ruling reaching blank cells and the last column.
  CHECK_FALSE(income->find(0, 0)->border);
  CHECK_FALSE(income->find(1, 0)->border);
  CHECK(income->find(2, 0)->border);
  CHECK(income->find(0, 0)->halign == HAlign::center);  // the title, centred over the table
  CHECK(income->find(2, 1)->halign == HAlign::center);  // header labels centred and wrapped
  CHECK(income->find(2, 1)->valign == VAlign::center);
  CHECK(income->find(2, 1)->wrap);
  CHECK(total->border);
  const CellPos end = income->extent();
  for (std::uint32_t r = 2; r < end.row; ++r) {
    for (std::uint32_t c = 0; c <= 12; ++c) {
      INFO("row " << r << " col " << c);
      REQUIRE(income->find(r, c) != nullptr);
      CHECK(income->find(r, c)->border);
    }
  }
  const Sheet* summary = book.find_sheet("部门预算收支总表");
  REQUIRE(summary != nullptr);
  CHECK(summary->text(5, 1) == "一、一般公共预算拨款收入");
  CHECK(summary->text(5, 3) == "一、一般公共服务支出");
  CHECK(summary->text(14, 1) == "");
  CHECK(summary->text(14, 3) == "十、卫生健康支出");
  const Sheet* fund = book.find_sheet("单位预算政府基金预算财政拨款支出表");
  REQUIRE(fund != nullptr);
  CHECK(fund->text(1, 0) == "450001威县医疗保障局(本级）");
  CHECK(fund->text(5, 0) == "注：无政府基金预算财政拨款预算，空表列示。");
  const Sheet* procurement = book.find_sheet("单位政府采购预算");
  REQUIRE(procurement != nullptr);
  CHECK(procurement->text(2, 7) == "政府采购金额（当年单位预算安排资金）");
}

namespace {

/// One header cell of a hand-typed published header: text and how far it is merged.
struct HeaderCell {
  std::string text;
  std::uint32_t across = 1, down = 1;
};

/// The cell lines of seed 001 after the standalone line `title`, in blocks (one per printed
/// row), and the first non-cell line after them (a note, or the next title).
std::pair<std::vector<std::vector<std::string>>, std::string> seed_blocks(
    const std::string& title) {
  const std::string text = bt::read_file(bt::shared_dir() / "seeds" / "001_de9632e190c788f1.txt");
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    const auto nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    at = nl == std::string::npos ? text.size() : nl + 1;
  }
  const auto start = std::find(lines.begin(), lines.end(), title);
  REQUIRE(start != lines.end());
  std::vector<std::vector<std::string>> blocks(1);
  for (auto it = start + 1; it != lines.end(); ++it) {
    if (it->empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
      continue;
    }
    if ((*it)[0] != '\t') {
      if (blocks.back().empty()) blocks.pop_back();
      return {blocks, *it};
    }
    blocks.back().push_back(it->substr(1));
  }
  return {blocks, ""};
}

/// A cell as a spreadsheet holds the seed's text: plain numbers (amounts, codes) as numbers.
Cell seed_cell(const std::string& text) {
  const bool number = !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos;
  return number ? Cell::make_number(text) : Cell::make_text(text);
}

/// A sheet typed in from the seed's lines: title, header line, the published merged header
/// (`header`, rows of cells placed left to right around merges from above), then the seed's
/// rows after its own header rows (`skip` blocks) and the note under the table.
void add_seed_sheet(Workbook& book, const std::string& title,
                    const std::vector<std::vector<HeaderCell>>& header, std::size_t skip) {
  const auto [blocks, after] = seed_blocks(title);
  Sheet& s = book.add_sheet(title.substr(0, 20));
  s.set(0, 0, Cell::make_text(title));
  for (std::size_t c = 0; c < blocks[0].size(); ++c)
    s.set(1, static_cast<std::uint32_t>(c * 3), seed_cell(blocks[0][c]));
  std::set<std::pair<std::uint32_t, std::uint32_t>> covered;
  for (std::uint32_t r = 0; r < header.size(); ++r) {
    std::uint32_t c = 0;
    for (const auto& h : header[r]) {
      while (covered.count({r, c})) ++c;
      s.set(2 + r, c, Cell::make_text(h.text));
      if (h.across > 1 || h.down > 1)
        s.merges.push_back(MergedRange{{2 + r, c}, {2 + r + h.down - 1, c + h.across - 1}});
      for (std::uint32_t dr = 0; dr < h.down; ++dr) {
        for (std::uint32_t dc = 0; dc < h.across; ++dc) covered.insert({r + dr, c + dc});
      }
      c += h.across;
    }
  }
  auto row = static_cast<std::uint32_t>(2 + header.size());
  for (std::size_t b = 1 + skip; b < blocks.size(); ++b, ++row) {
    for (std::size_t c = 0; c < blocks[b].size(); ++c) {
      if (!blocks[b][c].empty()) s.set(row, static_cast<std::uint32_t>(c), seed_cell(blocks[b][c]));
    }
  }
  if (after.rfind("注", 0) == 0) s.set(row, 0, Cell::make_text(after));
}

}  // namespace

TEST_CASE("tables typed in from seed 001's published lines read as the sample",
          "[hebei][budget][seed]") {
  Workbook book;
  const std::vector<std::vector<HeaderCell>> two_sided{
      {{"序号", 1, 2}, {"收入", 2}, {"支出", 2}}, {{"项  目"}, {"预算数"}, {"项  目"}, {"预算数"}}};
  add_seed_sheet(book, "部门预算收支总表", two_sided, 3);
  add_seed_sheet(
      book, "部门预算收入总表",
      {{{"序号", 1, 2}, {"功能分类科目", 2}, {"合计", 1, 2}, {"本年收入", 8}, {"上年结转", 1, 2}},
       {{"科目  编码"},
        {"科目名称"},
        {"小计"},
        {"财政拨款 收入"},
        {"财政专户 收入"},
        {"事业收入"},
        {"经营收入"},
        {"上级补助收入"},
        {"附属单位上缴收入"},
        {"其他收入"}}},
      3);
  add_seed_sheet(book, "部门预算财政拨款收支总表",
                 {{{"序号", 1, 2}, {"收入", 2}, {"支出", 5}},
                  {{"项  目"},
                   {"金额"},
                   {"项  目"},
                   {"合计"},
                   {"一般公共预算财政拨款"},
                   {"政府性基金预算财政拨款"},
                   {"国有资本经营预算财政拨款"}}},
                 3);
  add_seed_sheet(book, "部门预算一般公共预算财政拨款基本支出表",
                 {{{"序号", 1, 2}, {"支出部门经济分类科目", 2}, {"一般公共预算基本支出", 3}},
                  {{"科目编码"}, {"科目名称"}, {"合计"}, {"人员经费"}, {"公用经费"}}},
                 3);
  const std::vector<std::vector<HeaderCell>> by_function{
      {{"序号", 1, 2}, {"功能分类科目", 2}, {"合计", 1, 2}, {"基本支出", 1, 2}, {"项目支出", 1, 2}},
      {{"科目编码"}, {"科目名称"}}};
  add_seed_sheet(book, "部门预算国有资本经营预算财政拨款支出表", by_function, 3);
  add_seed_sheet(book, "部门预算财政拨款“三公”经费支出表",
                 {{{"序号", 1, 2}, {"项  目", 1, 2}, {"资 金 性 质", 4}},
                  {{"合计"},
                   {"一般公共预算       财政拨款"},
                   {"政府性基金         预算拨款"},
                   {"国有资本经营       预算财政拨款"}}},
                 3);
  add_seed_sheet(book, "部门固定资产占用情况表",
                 {{{"项   目"}, {"数量"}, {"价值（金额单位：元）"}}}, 1);

  Diagnostics diags;
  const Submission got = read_ok(*budget_template(), book, &diags);
  for (const auto& d : diags.items()) WARN(d.message_en);
  CHECK(diags.items().empty());
  const Submission sample = sample_tables();
  REQUIRE(got.budget_tables.size() == 7);
  std::vector<BudgetTable> expected;
  for (const auto& t : got.budget_tables)
    expected.push_back(table_of(sample, t.kind, "department"));
  require_same_tables(expected, got.budget_tables);
  CHECK(got.fiscal_year == 2021);
  CHECK(got.agency_code == "450");
}

namespace {

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

Sheet& sheet_named(Workbook& book, const std::string& name) {
  for (auto& s : book.sheets) {
    if (s.name == name) return s;
  }
  FAIL("no sheet " << name);
  throw std::logic_error("unreachable");
}

/// "90816893.00" → "90,816,893.00".
std::string with_separators(const std::string& amount) {
  const auto dot = amount.find('.');
  std::string whole = amount.substr(0, dot), out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return out + (dot == std::string::npos ? "" : amount.substr(dot));
}

}  // namespace

TEST_CASE("edited hebei budget tables still read", "[hebei][budget][variants]") {
  const Submission doc = sample_tables();
  auto t = budget_template();
  Workbook book = write_ok(*t, doc);
  Sheet& income = sheet_named(book, "部门预算收入总表");
  // A moved title: two rows lower, in column C.
  income.rows[0][2] = income.rows[0][0];
  income.rows[0].erase(0);
  income.merges.erase(income.merges.begin());
  insert_rows(income, 0, 2);
  // Blank rows inside the data.
  insert_rows(income, find_cell(income, "20102").first, 1);
  insert_rows(income, find_cell(income, "210").first, 2);
  // Header text with line breaks, and 本年收入 typed over its first column only (no merge).
  income.rows[find_cell(income, "科目  编码").first][1] = Cell::make_text("科目\n编码");
  const auto [hr, hc] = find_cell(income, "本年收入");
  income.rows[hr][hc] = Cell::make_text("本年\n收入");
  std::erase_if(income.merges,
                [&](const MergedRange& m) { return m.first.row == hr && m.first.col == hc; });
  // Codes stored as numbers, amounts as text with thousands separators.
  for (auto& [r, cells] : income.rows) {
    for (auto& [c, cell] : cells) {
      if (c == 1 && cell.type == CellType::text &&
          cell.text.find_first_not_of("0123456789") == std::string::npos) {
        cell = Cell::make_number(cell.text + ".0");
      } else if (c >= 3 && cell.type == CellType::number) {
        cell = Cell::make_text(with_separators(cell.text));
      }
    }
  }
  CHECK(find_cell(income, "90,816,893.00").second == 3);
  Sheet& summary = sheet_named(book, "单位预算收支总表");
  insert_rows(summary, 5, 3);
  Diagnostics diags;
  const Submission got = read_ok(*t, book, &diags);
  CHECK(diags.items().empty());
  require_same_tables(doc.budget_tables, got.budget_tables);
}

TEST_CASE("a column the hebei form does not have is kept as text", "[hebei][budget][variants]") {
  Submission doc = sample_tables();
  auto t = budget_template();
  Workbook book = write_ok(*t, doc);
  Sheet& s = sheet_named(book, "部门预算支出总表");
  s.set(2, 9, Cell::make_text("备注"));
  const auto row = find_cell(s, "2101202").first;
  s.set(row, 9, Cell::make_text("含村级代办员补助"));
  Diagnostics diags;
  const Submission got = read_ok(*t, book, &diags);
  const BudgetTable& table = table_of(got, "expenditure", "department");
  REQUIRE(table.columns.back().label == "备注");
  CHECK(table.columns.back().type == ColumnType::text);
  const auto r = std::find_if(table.rows.begin(), table.rows.end(),
                              [](const BudgetRow& x) { return x.code == "2101202"; });
  REQUIRE(r != table.rows.end());
  CHECK(r->texts.at(table.columns.back().id) == "含村级代办员补助");
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].rule == "BUD-MAP-002");
  // Writing it back lists the column the form cannot hold.
  Diagnostics losses;
  write_ok(*t, got, &losses);
  REQUIRE(losses.items().size() == 1);
  CHECK_THAT(losses.items()[0].message_zh, Catch::Contains("含村级代办员补助"));
}

TEST_CASE("goal and budget tables given to the wrong hebei template say so",
          "[hebei][budget][wrong]") {
  const auto path = bt::source_dir() / "samples" / "hebei-weixian-2021.xml";
  auto doc = parse_submission_xml(bt::read_file(path), path.string(), Lang::zh);
  REQUIRE(doc);
  auto budget = budget_template();
  auto goal = hebei_template("hebei.goal.county");
  Submission goals_only;
  goals_only.goals = doc.value().goals;
  const Workbook goal_book = write_ok(*goal, goals_only);
  std::string why;
  CHECK(budget->detect(goal_book, why) == 0);
  CHECK_THAT(why, Catch::Contains("部门预算收支总表"));
  Submission out;
  Diagnostics diags;
  Options en;
  en.lang = Lang::en;
  Status st = budget->to_submission(goal_book, en, out, diags);
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("no Hebei budget disclosure tables found") &&
                                     Catch::Contains("部门预算收入总表") &&
                                     Catch::Contains("hebei.budget"));

  const Workbook budget_book = write_ok(*budget, sample_tables());
  CHECK(goal->detect(budget_book, why) < budget->detect(budget_book, why));
  Submission out2;
  st = goal->to_submission(budget_book, en, out2, diags);
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("hebei.goal.county"));

  // Nothing to write: a document of goals only.
  Workbook none;
  Diagnostics losses;
  st = budget->from_submission(goals_only, en, none, losses);
  REQUIRE_FALSE(st);
  CHECK_THAT(st.error().message, Catch::Contains("no budget tables"));
}

TEST_CASE("hostile or broken budget sheets give a message, not a crash or a hang",
          "[hebei][budget][corrupt]") {
  auto t = budget_template();
  Workbook book;
  Sheet& s = book.add_sheet("收入");
  s.set(0, 0, Cell::make_text("部门预算收入总表"));
  s.set(1, 0, Cell::make_text("序号"));
  s.set(1, 16383, Cell::make_text("合计"));
  s.merges.push_back(MergedRange{{1, 1}, {1048575, 16383}});
  s.set(1048575, 0, Cell::make_text("1"));
  std::string why;
  CHECK(t->detect(book, why) >= 40);
  Submission out;
  Diagnostics diags;
  Status st = t->to_submission(book, Options{}, out, diags);
  CHECK(st.ok());

  // An amount that is not one: kept as text, reported with its cell.
  Workbook good = write_ok(*t, sample_tables());
  Sheet& income = sheet_named(good, "部门预算收入总表");
  const auto [r, c] = find_cell(income, "201");
  income.set(r, c + 2, Cell::make_text("约538万"));
  Submission got;
  Diagnostics found;
  REQUIRE(t->to_submission(good, Options{}, got, found).ok());
  REQUIRE(found.items().size() == 1);
  CHECK(found.items()[0].rule == "BUD-MAP-004");
  CHECK(found.items()[0].location.cell == a1(r, c + 2));
  const BudgetTable& table = table_of(got, "income", "department");
  const auto row = std::find_if(table.rows.begin(), table.rows.end(),
                                [](const BudgetRow& x) { return x.code == "201"; });
  REQUIRE(row != table.rows.end());
  CHECK(row->texts.at("total") == "约538万");
  CHECK(row->amounts.count("total") == 0);
}
