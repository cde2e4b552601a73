// Workbook → Excel 2003 XML → Workbook is the identity for everything the grid holds.
#include <algorithm>
#include <catch2/catch.hpp>

#include "budconv/dump.hpp"
#include "spreadsheetml_format.hpp"
#include "test_support.hpp"

using namespace budconv;
namespace sml = budconv::spreadsheetml;

namespace {

Cell typed(CellType type, std::string text, double number = 0, std::string format = "") {
  Cell c;
  c.type = type;
  c.text = std::move(text);
  c.number = number;
  c.number_format = std::move(format);
  return c;
}

/// A workbook in the form the reader produces (dates carry their serial, etc.).
Workbook sample() {
  Workbook book;
  Sheet& s = book.add_sheet("部门预算收入总表");
  Cell title = Cell::make_text("部门预算收入总表");
  title.bold = true;
  s.set(0, 0, title);
  s.merges.push_back({{0, 0}, {0, 5}});
  s.set(1, 0, Cell::make_text("单位：450威县医疗保障局"));
  s.set(1, 4, Cell::make_text("单位：元"));
  s.set(3, 0, Cell::make_text("科目编码"));
  s.merges.push_back({{3, 0}, {4, 0}});
  s.set(3, 2, Cell::make_text("本年收入"));
  s.merges.push_back({{3, 2}, {3, 3}});
  s.merges.push_back({{6, 6}, {8, 7}});  // a merge with no value at all
  s.set(5, 0, typed(CellType::text, "2101202", 0, "@"));
  s.set(5, 1, Cell::make_text("多行\n名称\r\n& <特殊> \"字符\"\t制表"));
  s.set(5, 2, Cell::make_number("90816893.00", "#,##0.00"));
  Cell formula = Cell::make_number("90816893.00", "#,##0.00");
  formula.formula = "SUM(C6:C6)+'转换 备份'!$B$1*0";
  formula.bold = true;
  formula.border = true;
  formula.halign = HAlign::right;
  s.set(5, 3, formula);
  s.set(5, 4, typed(CellType::boolean, "TRUE"));
  s.set(5, 5, typed(CellType::error, "#N/A"));
  s.set(6, 0, typed(CellType::date, "2020-08-21", 44064, "yyyy-mm-dd"));
  s.set(6, 1, typed(CellType::date, "2020-08-21T08:30:00", 44064.354166666664, "yyyy/m/d h:mm"));
  s.set(6, 2, typed(CellType::date, "08:30:00", 0.3541666666666667, "h:mm"));
  s.set(6, 3, Cell::make_number("-0.0015"));
  Cell styled_blank;
  styled_blank.bold = true;
  styled_blank.border = true;
  styled_blank.valign = VAlign::top;
  styled_blank.wrap = true;
  styled_blank.number_format = "0.00%";
  s.set(7, 0, styled_blank);
  Cell blank_formula;
  blank_formula.formula = "A1";
  s.set(9, 9, blank_formula);
  s.set(1048575, 16383, Cell::make_text("XFD1048576"));
  s.column_widths[0] = 14.71;
  s.row_heights[5] = 42.5;
  s.column_widths[1] = 28;
  s.column_widths[7] = 8.43;
  s.frozen_rows = 5;

  Sheet& h = book.add_sheet("转换 备份");
  h.hidden = true;
  h.set(0, 0, Cell::make_text("权重"));
  h.set(0, 1, Cell::make_number("20"));
  book.add_sheet("空表");
  return book;
}

std::vector<MergedRange> sorted(std::vector<MergedRange> m) {
  std::sort(m.begin(), m.end(),
            [](const MergedRange& a, const MergedRange& b) { return a.first < b.first; });
  return m;
}

void check_equal(const Workbook& want, const Workbook& got) {
  REQUIRE(got.sheets.size() == want.sheets.size());
  for (std::size_t i = 0; i < want.sheets.size(); ++i) {
    const Sheet& w = want.sheets[i];
    const Sheet& g = got.sheets[i];
    INFO("sheet " << w.name);
    CHECK(g.name == w.name);
    CHECK(g.hidden == w.hidden);
    CHECK(g.frozen_rows == w.frozen_rows);
    CHECK(g.column_widths == w.column_widths);
    CHECK(g.row_heights == w.row_heights);
    CHECK(sorted(g.merges) == sorted(w.merges));
    CHECK(g.cell_count() == w.cell_count());
    for (const auto& [r, cells] : w.rows) {
      for (const auto& [c, cell] : cells) {
        INFO("cell " << a1(r, c));
        const Cell* found = g.find(r, c);
        REQUIRE(found != nullptr);
        CHECK(found->type == cell.type);
        CHECK(found->text == cell.text);
        CHECK(found->number_format == cell.number_format);
        CHECK(found->formula == cell.formula);
        CHECK(found->bold == cell.bold);
        CHECK(found->border == cell.border);
        CHECK(found->halign == cell.halign);
        CHECK(found->valign == cell.valign);
        CHECK(found->wrap == cell.wrap);
        CHECK(found->number == Approx(cell.number));
      }
    }
    CHECK(g.rows.size() == w.rows.size());
  }
}

Workbook through_file(const Workbook& book, std::string* bytes = nullptr) {
  test::TempDir dir("smlrt");
  sml::SpreadsheetMLFormat format;
  const auto path = dir / "out.xml";
  Status w = format.write(book, path, {});
  INFO((w.ok() ? std::string() : w.error().message));
  REQUIRE(w.ok());
  if (bytes) *bytes = test::read_file(path);
  Workbook back;
  Status r = format.read(path, {}, back);
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return back;
}

}  // namespace

TEST_CASE("Workbook → 2003 XML → Workbook keeps values, styles, merges and layout",
          "[spreadsheetml][roundtrip]") {
  const Workbook book = sample();
  check_equal(book, through_file(book));
}

TEST_CASE("writing is deterministic and a second trip changes nothing",
          "[spreadsheetml][roundtrip]") {
  std::string first;
  std::string second;
  const Workbook once = through_file(sample(), &first);
  const Workbook twice = through_file(once, &second);
  CHECK(first == second);
  CHECK(dump_workbook(once) == dump_workbook(twice));
}

TEST_CASE("the Excel 2003 fixture survives a write and re-read unchanged",
          "[spreadsheetml][roundtrip]") {
  sml::SpreadsheetMLFormat format;
  Workbook original;
  REQUIRE(
      format.read(test::source_dir() / "tests/fixtures/spreadsheetml/budget_2003.xml", {}, original)
          .ok());
  const Workbook again = through_file(original);
  check_equal(original, again);
  CHECK(dump_workbook(again) == dump_workbook(original));
}
