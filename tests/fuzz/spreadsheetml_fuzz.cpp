// Deterministic mutation fuzzing of the Excel 2003 XML reader: damaged variants of a workbook our
// writer produced (styles, merges, ss:Index gaps, formulas, dates) must be read or refused with one
// line naming the file, never crash or throw.
#include <catch2/catch.hpp>

#include "mutator.hpp"
#include "spreadsheetml_format.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
using namespace budconv;

namespace {

const std::vector<std::string> kTokens = {
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "&a;",
    "&#0;",
    "&#x4E2D;",
    "<![CDATA[",
    "]]>",
    " ss:Index=\"0\"",
    " ss:Index=\"4294967295\"",
    " ss:MergeAcross=\"16384\"",
    " ss:MergeDown=\"1048576\"",
    " ss:StyleID=\"s1\"",
    " ss:Parent=\"s1\"",
    "<Cell>",
    "</Cell>",
    "<Row>",
    "</Row>",
    "<Data ss:Type=\"Number\">",
    "<Data ss:Type=\"DateTime\">",
    "<Data ss:Type=\"Boolean\">",
    "</Data>",
    " ss:Formula=\"=R[-1]C+RC[-1]\"",
    "\xFF",
    "\xE4\xB8",
};

Workbook seed_book() {
  Workbook book;
  Sheet& s = book.add_sheet("部门预算收入总表");
  Cell title = Cell::make_text("部门预算收入总表");
  title.bold = true;
  s.set(0, 0, title);
  s.merges.push_back({{0, 0}, {0, 3}});
  Cell head = Cell::make_text("科目名称");
  head.bold = head.border = true;
  s.set(1, 0, head);
  s.set(2, 0, Cell::make_text("行政运行"));
  Cell amount = Cell::make_number("538500.00", "#,##0.00");
  amount.border = true;
  s.set(2, 3, amount);
  Cell sum = Cell::make_number("538500.00", "#,##0.00");
  sum.formula = "SUM(D3:D3)";
  s.set(3, 3, sum);
  Cell date;
  date.type = CellType::date;
  date.text = "2021-01-01";
  date.number_format = "yyyy-mm-dd";
  s.set(4, 1, date);
  s.column_widths[0] = 30;
  book.add_sheet("隐藏").hidden = true;
  return book;
}

}  // namespace

TEST_CASE("the Excel 2003 XML reader survives mutated workbooks", "[spreadsheetml][fuzz]") {
  auto written = spreadsheetml::write_spreadsheetml(seed_book(), "seed.xml", Lang::zh);
  REQUIRE(written.ok());
  bt::Mutator mutator(20261125, kTokens);
  bt::TempDir dir("spreadsheetml-fuzz");
  spreadsheetml::SpreadsheetMLFormat fmt;
  const bt::FuzzTally t = bt::fuzz_files(mutator.variants({written.value()}, 1500), dir.path(),
                                         "xml", bt::workbook_reader(fmt));
  CHECK(t.accepted > 0);
  CHECK(t.refused > 0);
}
