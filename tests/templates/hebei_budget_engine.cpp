// The budget side of the mapping engine on layouts Hebei does not use, with a definition in
// memory written in the Henan way (seed 004): codes split over 类/款/项 with inherited blanks,
// detail rows under a 项, three header rows with the year in them, a `**` column-number row,
// amounts in 万元, and the names-only 基本支出 table with 部门 and 政府 economic classes. Lines
// typed in from the seed read as the canonical sample (samples/henan-qinyang-2020.xml) and
// survive writing and reading back.
#include <catch2/catch.hpp>

#include "budconv/dump.hpp"
#include "budconv/mapping.hpp"
#include "budconv/submission_xml.hpp"
#include "seed_lines.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

namespace {

const char* const kHenanLike = R"(<?xml version="1.0" encoding="UTF-8"?>
<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="test.budget" region="test" model="budget"
         name="测试预算表" name-en="test budget tables">
  <budget-table kind="expenditure" unit="wan-yuan" numbers="**" inherit="blank">
    <title scope="department">{year}年部门支出总体情况表</title>
    <header-line>
      <item field="extra" key="单位名称" label="单位名称："/>
      <item field="unit" label="单位："/>
    </header-line>
    <column role="code-part" part="1" digits="3" header="科目编码/类" class="function"/>
    <column role="code-part" part="2" digits="2" header="科目编码/款" class="function"/>
    <column role="code-part" part="3" digits="2" header="科目编码/项" class="function"/>
    <column role="name" header="科目名称"/>
    <column id="total" header="总计"/>
    <column id="current_subtotal" header="{year}年/合计"/>
    <column id="basic" header="{year}年/基本支出/小计"/>
    <column id="personnel" header="{year}年/基本支出/人员经费支出"/>
    <column id="public_funds" header="{year}年/基本支出/公用经费支出"/>
    <column id="project" header="{year}年/项目支出/小计"/>
    <column id="project_department" header="{year}年/项目支出/部门支出"/>
    <column id="project_special" header="{year}年/项目支出/专项支出"/>
  </budget-table>
  <budget-table kind="general-public-basic" unit="wan-yuan" level-by-alt="true">
    <title scope="department">{year}年一般公共预算基本支出情况表</title>
    <header-line>
      <item field="extra" key="单位名称" label="单位名称："/>
      <item field="unit" label="单位："/>
    </header-line>
    <column role="name" header="部门预算经济分类" class="economic-department"/>
    <column role="alt-name" header="政府预算经济分类" class="economic-government"/>
    <column id="total" header="金额"/>
  </budget-table>
</mapping>)";

std::shared_ptr<TemplateFormat> henan_like() {
  auto def = parse_mapping(kHenanLike, "henan-like.xml", Lang::en);
  if (!def) FAIL(def.error().message);
  auto t = MappingTemplate::create(std::move(def).value(), TransformSet{}, Lang::en);
  if (!t) FAIL(t.error().message);
  return t.value();
}

/// Lines `first`..`last` (1-based) of seed 004 as a sheet.
Sheet seed_sheet(const std::string& name, int first, int last) {
  Sheet s;
  s.name = name;
  bt::append_seed_lines(s, 0, "004_3f6deaa4e70e764f.txt", first, last);
  return s;
}

/// The sample's table of `kind`, as this definition holds it (no agency: Henan's header line
/// names only the unit, kept as the extra header.单位名称).
BudgetTable sample_table(const std::string& kind) {
  const auto path = bt::source_dir() / "samples" / "henan-qinyang-2020.xml";
  auto doc = parse_submission_xml(bt::read_file(path), path.string(), Lang::zh);
  if (!doc) FAIL(doc.error().message);
  for (const auto& t : doc.value().budget_tables) {
    if (t.kind == kind) return t;
  }
  FAIL("no " << kind);
  return {};
}

void clear_sources(std::vector<BudgetRow>& rows) {
  for (auto& r : rows) {
    r.source = {};
    clear_sources(r.details);
  }
}

void require_same(BudgetTable expected, BudgetTable got) {
  Submission a, b;
  for (BudgetTable* t : {&expected, &got}) {
    t->source = {};
    t->extras.clear();
    clear_sources(t->rows);
  }
  a.budget_tables.push_back(expected);
  b.budget_tables.push_back(got);
  const std::string da = dump_submission(a), db = dump_submission(b);
  if (da != db) {
    INFO("expected:\n" << da << "\ngot:\n" << db);
    CHECK(da == db);
  }
}

}  // namespace

TEST_CASE("budget engine: split codes, detail rows, names-only rows and the year in headers",
          "[hebei][budget][engine]") {
  auto t = henan_like();
  Workbook book;
  book.sheets.push_back(seed_sheet("支出", 220, 272));  // two pages, the header repeated
  book.sheets.push_back(seed_sheet("基本支出", 370, 392));
  Submission got;
  Diagnostics diags;
  Status st = t->to_submission(book, Options{}, got, diags);
  if (!st) FAIL(st.error().message);
  for (const auto& d : diags.items()) WARN(d.message_en);
  CHECK(diags.items().empty());
  REQUIRE(got.budget_tables.size() == 2);
  CHECK(got.fiscal_year == 2020);
  const BudgetTable& expenditure = got.budget_tables[0];
  CHECK(expenditure.unit == AmountUnit::wan_yuan);
  REQUIRE(expenditure.extras.size() == 1);
  CHECK(expenditure.extras[0].key == "header.单位名称");
  CHECK(expenditure.extras[0].value == "沁阳市医疗保障局");
  require_same(sample_table("expenditure"), expenditure);
  require_same(sample_table("general-public-basic"), got.budget_tables[1]);

  // Written back: 类/款 blank where they repeat, detail rows with the whole code.
  Workbook written;
  Diagnostics losses;
  st = t->from_submission(got, Options{}, written, losses);
  if (!st) FAIL(st.error().message);
  CHECK(losses.items().empty());
  const Sheet& s = written.sheets[0];
  CHECK(s.name == "2020年部门支出总体情况表");
  CHECK(s.text(2, 5) == "2020年");
  CHECK(s.text(4, 6) == "小计");
  CHECK(s.text(5, 0) == "**");
  std::uint32_t kuan = 0;
  for (const auto& [r, cells] : s.rows) {
    if (s.text(r, 3) == "医疗保障管理事务") kuan = r;
  }
  REQUIRE(kuan > 0);
  CHECK(s.text(kuan, 0) == "");
  CHECK(s.text(kuan, 1) == "15");
  CHECK(s.text(kuan + 2, 0) == "210");  // the first detail row under 行政运行
  Submission again;
  st = t->to_submission(written, Options{}, again, diags);
  if (!st) FAIL(st.error().message);
  REQUIRE(again.budget_tables.size() == 2);
  require_same(got.budget_tables[0], again.budget_tables[0]);
  require_same(got.budget_tables[1], again.budget_tables[1]);
  CHECK(again.budget_tables[0].extras ==
        std::vector<Extra>{
            Extra{"header.单位名称", "沁阳市医疗保障局", again.budget_tables[0].extras[0].source}});
}
