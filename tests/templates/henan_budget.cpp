// The Henan budget tables (formats/henan/budget-tables.xml, model="budget") through the mapping
// engine: the eight budget tables of seed 004's canonical transcription (samples/henan-qinyang-
// 2020.xml, 万元) are laid out in the Henan form and read back unchanged; the seed's published
// lines, stacked on one sheet as the seed prints them, read as the sample; the program converts
// the sample to the Henan form and back, and to the Hebei form (元) and back, with every total
// exact to the 分.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "budconv/dump.hpp"
#include "budconv/mapping.hpp"
#include "budconv/submission_xml.hpp"
#include "henan_templates.hpp"
#include "seed_lines.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
namespace fs = std::filesystem;
using namespace budconv;

namespace {

const char* const kKinds[] = {
    "income-expenditure-summary", "expenditure",  "fiscal-summary",  "general-public-expenditure",
    "general-public-basic",       "three-public", "operating-costs", "state-capital-summary"};

std::shared_ptr<TemplateFormat> budget_template() {
  auto loaded = henan::load_henan_templates(bt::source_dir() / "formats" / "henan", Lang::zh);
  if (!loaded) FAIL(loaded.error().message);
  for (const auto& t : loaded.value()) {
    if (t->info().id == "henan.budget") return t;
  }
  FAIL("henan.budget not loaded");
  return nullptr;
}

fs::path sample_path() {
  return bt::source_dir() / "samples" / "henan-qinyang-2020.xml";
}

Submission parse_ok(const fs::path& path) {
  auto doc = parse_submission_xml(bt::read_file(path), path.string(), Lang::zh);
  if (!doc) FAIL(doc.error().message);
  return std::move(doc).value();
}

/// The sample's budget tables only (its goals belong to henan.goal.declaration).
Submission sample_tables() {
  Submission doc = parse_ok(sample_path());
  doc.goals.clear();
  doc.extras.clear();
  return doc;
}

void clear_sources(std::vector<BudgetRow>& rows) {
  for (auto& r : rows) {
    r.source = {};
    clear_sources(r.details);
  }
}

/// The tables as the sample records them: the sample keeps the 单位名称 of each table's header
/// line only once, as the document's agency, so the table-level agency is not compared.
std::vector<BudgetTable> comparable(std::vector<BudgetTable> tables) {
  for (auto& t : tables) {
    t.source = {};
    t.agency_code.clear();
    t.agency_name.clear();
    t.extras.clear();
    clear_sources(t.rows);
  }
  return tables;
}

void require_same_table(const BudgetTable& expected, const BudgetTable& got) {
  Submission a, b;
  a.budget_tables = comparable({expected});
  b.budget_tables = comparable({got});
  const std::string da = dump_submission(a), db = dump_submission(b);
  INFO("table " << expected.kind);
  if (da != db) {
    INFO("expected:\n" << da << "\ngot:\n" << db);
    CHECK(da == db);
  }
  CHECK(a.budget_tables == b.budget_tables);
}

const BudgetTable* find_table(const Submission& doc, const std::string& kind) {
  for (const auto& t : doc.budget_tables) {
    if (t.kind == kind) return &t;
  }
  return nullptr;
}

/// Every column total of every table, to the 分 (blank totals as "-").
std::map<std::string, std::string> totals(const Submission& doc) {
  std::map<std::string, std::string> out;
  for (const auto& t : doc.budget_tables) {
    for (const auto& c : t.columns) {
      const auto sum = table_total(t, c.id);
      out[t.kind + "/" + c.id] = sum ? std::to_string(sum->fen) : "-";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the henan budget definition loads with its eight tables and validates",
          "[henan][budget][definition]") {
  const auto path = bt::source_dir() / "formats" / "henan" / "budget-tables.xml";
  auto def = load_mapping(path, Lang::en);
  if (!def) FAIL(def.error().message);
  CHECK(def.value().id == "henan.budget");
  CHECK(def.value().model == "budget");
  REQUIRE(def.value().budget_tables.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(def.value().budget_tables[i].kind == kKinds[i]);
    CHECK(def.value().budget_tables[i].unit == AmountUnit::wan_yuan);
  }
  const auto xsd = bt::source_dir() / "formats" / "schema" / "mapping.xsd";
  const bt::RunResult r =
      bt::run({"/usr/bin/xmllint", "--noout", "--schema", xsd.string(), path.string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("every budget table of the qinyang sample survives the henan budget template",
          "[henan][budget][samples]") {
  const Submission doc = sample_tables();
  REQUIRE(doc.budget_tables.size() == 8);
  auto t = budget_template();
  Workbook book;
  Diagnostics losses;
  Status st = t->from_submission(doc, Options{}, book, losses);
  if (!st) FAIL(st.error().message);
  for (const auto& l : losses.items()) WARN(l.message_en);
  CHECK(losses.items().empty());
  CHECK(book.sheets.size() == 8);
  std::string why;
  CHECK(t->detect(book, why) == 100);
  INFO(why);

  Submission got;
  Diagnostics diags;
  st = t->to_submission(book, Options{}, got, diags);
  if (!st) FAIL(st.error().message);
  for (const auto& d : diags.items()) WARN(d.message_en);
  CHECK(got.agency_name == "沁阳市医疗保障局");
  CHECK(got.fiscal_year == 2020);
  CHECK(got.kind == "department-budget");
  REQUIRE(got.budget_tables.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(got.budget_tables[i].kind == kKinds[i]);
    CHECK(got.budget_tables[i].agency_name == "沁阳市医疗保障局");
    require_same_table(doc.budget_tables[i], got.budget_tables[i]);
  }
  CHECK(totals(doc) == totals(got));
}

TEST_CASE("the henan budget layout has split codes, the ** row and 万元",
          "[henan][budget][layout]") {
  auto t = budget_template();
  Workbook book;
  Diagnostics losses;
  Status st = t->from_submission(sample_tables(), Options{}, book, losses);
  if (!st) FAIL(st.error().message);
  REQUIRE(book.sheets.size() == 8);
  const Sheet& summary = book.sheets[0];
  CHECK(summary.name == "2020年部门收支总体情况表");
  CHECK(summary.text(0, 0) == "2020年部门收支总体情况表");
  const Sheet& s = book.sheets[1];
  bool unit_line = false, agency_line = false;
  std::uint32_t stars = 0, kuan = 0;
  for (const auto& [r, cells] : s.rows) {
    for (const auto& [c, cell] : cells) {
      if (cell.text == "单位：万元") unit_line = true;
      if (cell.text == "单位名称：沁阳市医疗保障局") agency_line = true;
    }
    if (s.text(r, 0) == "**") stars = r;
    if (s.text(r, 3) == "医疗保障管理事务") kuan = r;
  }
  CHECK(unit_line);
  CHECK(agency_line);
  CHECK(stars > 0);
  REQUIRE(kuan > 0);
  CHECK(s.text(kuan, 0) == "");  // 类 210 repeats the row above: blank
  CHECK(s.text(kuan, 1) == "15");
  CHECK(s.text(kuan + 1, 2) == "01");
  CHECK(s.text(kuan + 2, 0) == "210");  // a detail row carries its whole code
  CHECK(s.text(kuan + 2, 4) == "2.86");
}

TEST_CASE("seed 004's budget tables, stacked on one sheet as published, read as the sample",
          "[henan][budget][seed]") {
  // Lines 194–449: the eight tables one after the other, two of them over two pages.
  Workbook book;
  Sheet sheet;
  sheet.name = "预算表";
  bt::append_seed_lines(sheet, 0, "004_3f6deaa4e70e764f.txt", 194, 449);
  book.sheets.push_back(std::move(sheet));
  auto t = budget_template();
  Submission got;
  Diagnostics diags;
  Status st = t->to_submission(book, Options{}, got, diags);
  if (!st) FAIL(st.error().message);
  for (const auto& d : diags.items()) WARN(d.message_en);
  CHECK(diags.items().empty());
  CHECK(got.agency_name == "沁阳市医疗保障局");
  CHECK(got.fiscal_year == 2020);
  const Submission doc = sample_tables();
  REQUIRE(got.budget_tables.size() == 8);
  for (const char* kind : kKinds) {
    const BudgetTable* want = find_table(doc, kind);
    const BudgetTable* have = find_table(got, kind);
    REQUIRE(want != nullptr);
    REQUIRE(have != nullptr);
    CHECK(have->unit == AmountUnit::wan_yuan);
    require_same_table(*want, *have);
  }
  CHECK(totals(doc) == totals(got));
}

TEST_CASE("budconv converts the qinyang sample to the henan budget form and back",
          "[henan][budget][cli]") {
  bt::TempDir dir("henan-budget");
  const std::string xlsx = (dir / "qinyang.xlsx").string(), back = (dir / "back.xml").string();
  for (const bool recovery : {true, false}) {
    INFO("recovery sheet: " << recovery);
    std::vector<std::string> to{
        "convert", sample_path().string(), "--to", "henan.budget", "-o", xlsx, "--force"};
    if (!recovery) to.push_back("--no-recovery");
    bt::RunResult r = bt::run_budconv(to, {"BUDCONV_LANG=en"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    r = bt::run_budconv({"convert", xlsx, "--from", "henan.budget", "-o", back, "--force"},
                        {"BUDCONV_LANG=en"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const Submission doc = sample_tables();
    const Submission got = parse_ok(back);
    REQUIRE(got.budget_tables.size() == 8);
    CHECK(totals(doc) == totals(got));
    if (!recovery) {
      for (std::size_t i = 0; i < 8; ++i)
        require_same_table(doc.budget_tables[i], got.budget_tables[i]);
    }
  }
}

namespace {

/// A template built from a definition file (the Hebei one: test_henan links only the Henan
/// plugin, and the budget engine is core's).
std::shared_ptr<TemplateFormat> template_from(const fs::path& path) {
  auto def = load_mapping(path, Lang::en);
  if (!def) FAIL(def.error().message);
  auto t = MappingTemplate::create(std::move(def).value(), TransformSet{}, Lang::en);
  if (!t) FAIL(t.error().message);
  return t.value();
}

/// One line per row and detail row: side, code (with its level), name and the amounts (in 分)
/// of the columns in `held` — what a table keeps through a form that has only those columns.
/// The level of a names-only row and the total flag are the reading form's: Henan marks levels
/// by the 政府预算经济分类 and blank 三公 names, which the Hebei form has no place for, and Hebei
/// counts 当年收入合计 among the totals.
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

Submission write_read(const TemplateFormat& t, const Submission& doc, Diagnostics& losses) {
  Workbook book;
  Status st = t.from_submission(doc, Options{}, book, losses);
  if (!st) FAIL(st.error().message);
  Submission out;
  Diagnostics diags;
  st = t.to_submission(book, Options{}, out, diags);
  if (!st) FAIL(st.error().message);
  return out;
}

}  // namespace

TEST_CASE("henan 万元 tables go through the hebei 元 form and back with the amounts it holds",
          "[henan][budget][hebei]") {
  auto henan_t = budget_template();
  auto hebei_t = template_from(bt::source_dir() / "formats" / "hebei" / "budget-tables.xml");
  const Submission doc = sample_tables();
  Diagnostics to_hebei, to_henan;
  const Submission hebei = write_read(*hebei_t, doc, to_hebei);
  const Submission back = write_read(*henan_t, hebei, to_henan);

  // What the Hebei form cannot hold is reported: the two tables it has no form for, and the
  // columns of the shared tables it has no place for.
  std::string reported;
  for (const auto& l : to_hebei.items()) reported += l.message_en + "\n";
  INFO(reported);
  CHECK(reported.find("2020年机关运行经费") != std::string::npos);
  CHECK(reported.find("2020年国有资本经营预算收支情况表") != std::string::npos);
  for (const char* what :
       {"has no place for general_public of", "has no place for alt of",
        "has no place for funding_source of", "has no place for current_subtotal of"})
    CHECK(reported.find(what) != std::string::npos);
  CHECK(find_table(hebei, "operating-costs") == nullptr);
  CHECK(find_table(hebei, "state-capital-summary") == nullptr);

  int shared = 0;
  for (const auto& original : doc.budget_tables) {
    const BudgetTable* in_hebei = find_table(hebei, original.kind);
    if (in_hebei == nullptr) continue;
    ++shared;
    INFO("table " << original.kind);
    CHECK(in_hebei->unit == AmountUnit::yuan);
    const BudgetTable* home = find_table(back, original.kind);
    REQUIRE(home != nullptr);
    CHECK(home->unit == AmountUnit::wan_yuan);
    // The ids both forms have; what a correspondence carries under another id (Henan's 合计 as
    // Hebei's 支出 预算数) is tested in budget_correspondence.cpp.
    std::set<std::string> held;
    for (const auto& c : in_hebei->columns) {
      for (const auto& o : original.columns) {
        if (o.id == c.id) held.insert(c.id);
      }
    }
    // Every amount of a column both forms have, to the 分, on the same row, both ways.
    CHECK(held_rows(*in_hebei, held) == held_rows(original, held));
    CHECK(held_rows(*home, held) == held_rows(original, held));
    for (const auto& id : held) CHECK(table_total(*home, id) == table_total(original, id));
  }
  CHECK(shared == 6);
}
