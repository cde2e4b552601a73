// xlsx → Workbook → xlsx → Workbook: the second read must equal the first in values, types,
// formulas, merges, widths, frozen rows and visibility.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "../unit/xlsx_fixture.hpp"

namespace fs = std::filesystem;
using namespace budconv;
using namespace budconv::test;
using namespace budconv::test::xlsx;

namespace {

double to_double(const std::string& s) {
  std::size_t used = 0;
  double v = std::stod(s, &used);
  REQUIRE(used == s.size());
  return v;
}

// libxlsxwriter prints numbers with 16 significant digits, so a value that needs all 17 may
// come back a few units in the last place away (under 1e-15 relative); every decimal of 15
// significant digits or fewer — every amount in 分 below 10^13 元 — comes back exact.
bool same_number(const std::string& a, const std::string& b) {
  const double x = to_double(a), y = to_double(b);
  if (x == y) return true;
  return std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
}

void compare_cells(const std::string& where, const Cell& a, const Cell& b) {
  INFO(where << ": first " << cell_type_id(a.type) << " \"" << a.text << "\" formula \""
             << a.formula << "\"; second " << cell_type_id(b.type) << " \"" << b.text
             << "\" formula \"" << b.formula << "\"");
  if (a.type == CellType::boolean && !a.formula.empty()) {
    // Known limit: libxlsxwriter gives formulas numeric or string results only.
    CHECK(b.type == CellType::number);
    CHECK(b.text == (a.text == "TRUE" ? "1" : "0"));
    CHECK(b.formula == a.formula);
    return;
  }
  CHECK(a.type == b.type);
  if (a.type == CellType::number) {
    CHECK(same_number(a.text, b.text));
    CHECK(a.number_format == b.number_format);
  } else {
    CHECK(a.text == b.text);
  }
  if (a.type == CellType::date && !a.number_format.empty())
    CHECK(a.number_format == b.number_format);
  CHECK(a.formula == b.formula);
  CHECK(a.bold == b.bold);
  CHECK(a.border == b.border);
  CHECK(a.halign == b.halign);
  CHECK(a.valign == b.valign);
  CHECK(a.wrap == b.wrap);
}

// Blank cells carry nothing to compare. An empty string counts as blank too: libxlsxwriter
// writes "" as a blank cell, and a blank cell is what Excel shows for it.
bool nothing(const Cell& c) {
  return c.formula.empty() &&
         (c.type == CellType::empty || (c.type == CellType::text && c.text.empty()));
}

void compare_books(const Workbook& a, const Workbook& b) {
  REQUIRE(a.sheets.size() == b.sheets.size());
  for (std::size_t i = 0; i < a.sheets.size(); ++i) {
    const Sheet& sa = a.sheets[i];
    const Sheet& sb = b.sheets[i];
    INFO("sheet " << sa.name);
    CHECK(sa.name == sb.name);
    CHECK(sa.hidden == sb.hidden);
    CHECK(sa.frozen_rows == sb.frozen_rows);
    CHECK(sa.column_widths == sb.column_widths);
    std::set<std::string> ma, mb;
    for (const MergedRange& m : sa.merges) ma.insert(m.to_string());
    for (const MergedRange& m : sb.merges) mb.insert(m.to_string());
    CHECK(ma == mb);
    // Every non-blank cell of the first read is in the second, and nothing else is.
    std::size_t checked = 0;
    for (const auto& [r, cells] : sa.rows) {
      for (const auto& [c, cell] : cells) {
        if (nothing(cell)) continue;
        const Cell* other = sb.find(r, c);
        INFO("cell " << a1(r, c));
        REQUIRE(other != nullptr);
        compare_cells(sa.name + "!" + a1(r, c), cell, *other);
        ++checked;
      }
    }
    std::size_t second = 0;
    for (const auto& [r, cells] : sb.rows) {
      for (const auto& [c, cell] : cells) second += !nothing(cell);
    }
    CHECK(second == checked);
  }
}

void roundtrip(const fs::path& source) {
  INFO("file " << source.string());
  TempDir dir("xlsx-rt");
  Workbook first;
  Status st = read(source, first);
  INFO((st ? std::string() : st.error().message));
  REQUIRE(st.ok());
  budconv::xlsx::XlsxFormat fmt;
  Status wst = fmt.write(first, dir / "out.xlsx", opts("out.xlsx"));
  INFO((wst ? std::string() : wst.error().message));
  REQUIRE(wst.ok());
  Workbook second;
  REQUIRE(read(dir / "out.xlsx", second).ok());
  CHECK(second.date1904 == false);  // dates are written as 1900-system serials
  compare_books(first, second);
}

}  // namespace

TEST_CASE("xlsx roundtrip: generated workbook with every feature", "[xlsx][roundtrip]") {
  TempDir dir("xlsx-rt");
  Package pkg;
  pkg.styles = basic_styles();
  pkg.shared_strings = "<si><t>收入总表</t></si><si><t xml:space=\"preserve\"> 项目 </t></si>";
  pkg.sheets.push_back(
      {"收入总表",
       "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
       "state=\"frozen\"/>"
       "</sheetView></sheetViews><cols><col min=\"1\" max=\"1\" width=\"30.7109375\" "
       "customWidth=\"1\"/></cols>"
       "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\" s=\"4\"><v>0</v></c><c r=\"B1\" t=\"s\" "
       "s=\"4\"><v>1</v></c></row>"
       "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>90816893.00</v></c><c r=\"B2\" "
       "s=\"1\"><v>-2565.19</v></c>"
       "<c r=\"C2\" s=\"2\"><v>44196</v></c><c r=\"D2\" s=\"3\"><v>44196.25</v></c></row>"
       "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" t=\"e\"><v>#N/A</v></c>"
       "<c r=\"C3\"><f>A2+B2</f><v>90814327.81</v></c><c r=\"D3\" "
       "t=\"str\"><f>A1&amp;\"!\"</f><v>收入总表!</v></c>"
       "<c r=\"E3\"><f>C3*2</f></c><c r=\"F3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
       "<c r=\"G3\" t=\"inlineStr\"><is><t>line1_x000D_\nline2_x0001_</t></is></c></row>"
       "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A5:C6\"/></mergeCells>",
       ""});
  pkg.sheets.push_back(
      {"隐藏表", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>", "hidden"});
  write_zip(dir / "src.xlsx", pkg.parts());
  roundtrip(dir / "src.xlsx");
}

TEST_CASE("xlsx roundtrip: corpus files", "[xlsx][roundtrip][corpus]") {
  const fs::path c = shared_dir() / "corpus";
  for (const char* rel :
       {"apache-poi/stress020.xlsx", "apache-poi/59746_NoRowNums.xlsx", "apache-poi/50299.xlsx",
        "apache-poi/bug66675.xlsx", "apache-poi/FormulaEvalTestData_Copy.xlsx",
        "apache-poi/DateFormatTests.xlsx", "apache-poi/sample.strict.xlsx", "calamine/errors.xlsx",
        "calamine/merged_range.xlsx", "calamine/richtext-namespaced.xlsx", "excelize/Book1.xlsx",
        "libxlsxwriter/merge_range01.xlsx", "libxlsxwriter/date_1904_02.xlsx",
        "libxlsxwriter/optimize06.xlsx", "phpspreadsheet/1904_Calendar.xlsx",
        "phpspreadsheet/issue.3613.xlsx", "phpspreadsheet/issue.3093.xlsx",
        "tealeg-xlsx/testcelltypes.xlsx"}) {
    SECTION(rel) {
      roundtrip(c / rel);
    }
  }
}

TEST_CASE("xlsx writer: sheet names are sanitised and each rename reported", "[xlsx][writer]") {
  TempDir dir("xlsx-w");
  Workbook book;
  book.add_sheet("a/b:c*d?[e]").set(0, 0, Cell::make_text("x"));
  book.add_sheet("'quoted'");
  book.add_sheet("这是一个非常非常长的工作表名称超过三十一个字符的限制会被截断吗是的");
  book.add_sheet("SHEET");
  book.add_sheet("sheet");
  book.add_sheet("");
  book.add_sheet("History");
  Diagnostics diags;
  Options o = opts("out.xlsx");
  o.diagnostics = &diags;
  budconv::xlsx::XlsxFormat fmt;
  Status st = fmt.write(book, dir / "out.xlsx", o);
  INFO((st ? std::string() : st.error().message));
  REQUIRE(st.ok());
  Workbook back;
  REQUIRE(read(dir / "out.xlsx", back).ok());
  REQUIRE(back.sheets.size() == 7);
  CHECK(back.sheets[0].name == "a_b_c_d__e_");
  CHECK(back.sheets[1].name == "_quoted_");
  CHECK(back.sheets[2].name == "这是一个非常非常长的工作表名称超过三十一个字符的限制会被截断吗");
  CHECK(back.sheets[3].name == "SHEET");
  CHECK(back.sheets[4].name == "sheet (2)");
  CHECK(back.sheets[5].name == "Sheet6");
  CHECK(back.sheets[6].name == "History_");
  CHECK(back.sheets[0].text(0, 0) == "x");
  REQUIRE(diags.items().size() == 6);
  CHECK(diags.items()[0].rule == "XLSX-SHEETNAME");
  CHECK(diags.items()[0].message_zh ==
        "工作表名“a/b:c*d?[e]”不符合 Excel 规则，已改为“a_b_c_d__e_”");
}

TEST_CASE("xlsx writer: bad cell values become errors naming the cell", "[xlsx][writer]") {
  TempDir dir("xlsx-w");
  Workbook book;
  Sheet& s = book.add_sheet("表");
  Cell bad;
  bad.type = CellType::number;
  bad.text = "12,34";
  s.set(6, 3, bad);
  budconv::xlsx::XlsxFormat fmt;
  Status st = fmt.write(book, dir / "out.xlsx", opts("out.xlsx"));
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::invalid_value);
  CHECK(st.error().message == "out.xlsx: 表!D7: “12,34”不是数值");
  CHECK_FALSE(fs::exists(dir / "out.xlsx"));

  Workbook longtext;
  longtext.add_sheet("S").set(0, 0, Cell::make_text(std::string(40000, 'x')));
  Status lt = fmt.write(longtext, dir / "long.xlsx", opts("long.xlsx", Lang::en));
  REQUIRE_FALSE(lt.ok());
  CHECK(lt.error().message.rfind("long.xlsx: S!A1: cannot write XLSX: ", 0) == 0);
}

TEST_CASE("xlsx writer: ruled cells read back ruled and titles stay unruled",
          "[xlsx][writer][roundtrip]") {
  TempDir dir("xlsx-rt");
  Workbook book;
  Sheet& s = book.add_sheet("表");
  Cell title = Cell::make_text("部门收支总表");
  title.bold = true;
  s.set(0, 0, title);
  Cell head = Cell::make_text("项目");
  head.bold = head.border = head.wrap = true;
  head.halign = HAlign::center;
  head.valign = VAlign::center;
  s.set(1, 0, head);
  s.at(1, 1).border = true;  // a blank cell of the grid
  Cell merged = Cell::make_number("1906.70", "#,##0.00");
  merged.border = true;
  s.set(2, 0, merged);
  s.merges.push_back({{2, 0}, {3, 1}});
  s.row_heights[1] = 45;
  budconv::xlsx::XlsxFormat fmt;
  REQUIRE(fmt.write(book, dir / "ruled.xlsx", opts("ruled.xlsx")).ok());
  Workbook back;
  REQUIRE(read(dir / "ruled.xlsx", back).ok());
  const Sheet& b = back.sheets.at(0);
  REQUIRE(b.find(0, 0) != nullptr);
  CHECK(b.find(0, 0)->bold);
  CHECK_FALSE(b.find(0, 0)->border);
  // B2 and the merge's other cells are written ruled (openpyxl sees them, see the interop test)
  // but blank cells are not kept on reading: the merge's top-left carries the ruling, and the
  // writer rules a whole merge from it.
  CHECK(b.find(1, 1) == nullptr);
  for (auto [r, c] : {std::pair{1u, 0u}, {2u, 0u}}) {
    INFO("cell " << r << "," << c);
    REQUIRE(b.find(r, c) != nullptr);
    CHECK(b.find(r, c)->border);
  }
  CHECK(b.find(2, 0)->text == "1906.7");
  CHECK(b.row_heights == std::map<std::uint32_t, double>{{1, 45.0}});
  CHECK(b.find(1, 0)->halign == HAlign::center);
  CHECK(b.find(1, 0)->valign == VAlign::center);
  CHECK(b.find(1, 0)->wrap);
  CHECK(b.find(2, 0)->halign == HAlign::general);
  CHECK(b.find(2, 0)->valign == VAlign::bottom);
  CHECK_FALSE(b.find(2, 0)->wrap);
}
