// The sparse Workbook grid, Excel serial dates and number formats.
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "budconv/workbook.hpp"

using budconv::Cell;
using budconv::CellPos;
using budconv::CellType;
using budconv::excel_serial_to_iso;
using budconv::MergedRange;
using budconv::Sheet;
using budconv::Workbook;

TEST_CASE("cell factories keep the exact text", "[workbook]") {
  const Cell t = Cell::make_text("收入总表");
  CHECK(t.type == CellType::text);
  CHECK(t.text == "收入总表");
  const Cell n = Cell::make_number("90816893.00", "#,##0.00");
  CHECK(n.type == CellType::number);
  CHECK(n.text == "90816893.00");
  CHECK(n.number == 90816893.0);
  CHECK(n.number_format == "#,##0.00");
  CHECK(Cell::make_number("-1.5E3").number == -1500.0);
  CHECK(Cell::make_number("+2").number == 2.0);
  CHECK(Cell::make_number("junk").number == 0.0);  // text stays, the double is only a convenience
  CHECK(Cell::make_number("junk").text == "junk");
}

TEST_CASE("blank cells: empty, or text of blanks only", "[workbook]") {
  CHECK(Cell{}.blank());
  CHECK(Cell::make_text("").blank());
  CHECK(Cell::make_text(" \t\xC2\xA0\xE3\x80\x80").blank());
  CHECK_FALSE(Cell::make_text("0").blank());
  CHECK_FALSE(Cell::make_number("0").blank());  // zero is a value
  Cell b;
  b.type = CellType::boolean;
  b.text = "FALSE";
  CHECK_FALSE(b.blank());
  CHECK(std::string(budconv::cell_type_id(CellType::boolean)) == "bool");
  CHECK(std::string(budconv::cell_type_id(CellType::date)) == "date");
}

TEST_CASE("a sheet stores only the cells that exist", "[workbook]") {
  Sheet s;
  s.name = "收入总表";
  CHECK(s.extent() == CellPos{0, 0});
  CHECK(s.cell_count() == 0);
  CHECK(s.find(0, 0) == nullptr);
  CHECK(s.text(5, 5).empty());

  s.set(1048575, 16383, Cell::make_text("far corner"));  // XFD1048576 costs one entry
  CHECK(s.rows.size() == 1);
  CHECK(s.cell_count() == 1);
  CHECK(s.extent() == CellPos{1048576, 16384});

  Sheet t;
  t.set(6, 3, Cell::make_number("445900.00"));
  t.set(2, 1, Cell::make_text("科目"));
  t.set(9, 0, Cell::make_text("  "));  // blank text does not widen the extent
  t.at(12, 12);                        // nor does an empty cell created by at()
  CHECK(t.cell_count() == 2);
  CHECK(t.extent() == CellPos{7, 4});
  CHECK(t.text(6, 3) == "445900.00");
  REQUIRE(t.find(2, 1) != nullptr);
  CHECK(t.find(2, 1)->text == "科目");
  t.at(2, 1).bold = true;
  CHECK(t.find(2, 1)->bold);
}

TEST_CASE("find_merged answers with the merge's top-left cell", "[workbook]") {
  Sheet s;
  s.set(0, 0, Cell::make_text("部门预算收入总表"));
  s.merges.push_back(MergedRange{{0, 0}, {0, 5}});
  s.set(3, 2, Cell::make_text("单位名称"));
  s.merges.push_back(MergedRange{{3, 2}, {5, 2}});  // vertical, Sichuan style
  CHECK(s.find_merged(0, 0)->text == "部门预算收入总表");
  CHECK(s.find_merged(0, 5)->text == "部门预算收入总表");
  CHECK(s.find(0, 5) == nullptr);
  CHECK(s.find_merged(5, 2)->text == "单位名称");
  CHECK(s.find_merged(6, 2) == nullptr);
  CHECK(s.find_merged(1, 0) == nullptr);
  // A merge reaches the extent even where no cell is stored.
  CHECK(s.extent() == CellPos{6, 6});
  CHECK(s.merges[1].to_string() == "C4:C6");
  CHECK(s.merges[1].contains(CellPos{4, 2}));
  CHECK_FALSE(s.merges[1].contains(CellPos{4, 3}));
}

TEST_CASE("a workbook finds sheets by name", "[workbook]") {
  Workbook b;
  b.add_sheet("封面").set(0, 0, Cell::make_text("x"));
  b.add_sheet("收入总表");
  REQUIRE(b.find_sheet("收入总表") != nullptr);
  CHECK(b.find_sheet("收入总表") == &b.sheets[1]);
  CHECK(b.find_sheet("封面")->text(0, 0) == "x");
  CHECK(b.find_sheet("支出总表") == nullptr);
  CHECK(b.sheets.size() == 2);
}

TEST_CASE("1900 serial dates, with Lotus's 1900-02-29", "[workbook][date]") {
  CHECK(excel_serial_to_iso(1, false) == "1900-01-01");
  CHECK(excel_serial_to_iso(59, false) == "1900-02-28");
  CHECK(excel_serial_to_iso(60, false) == "1900-02-29");
  CHECK(excel_serial_to_iso(61, false) == "1900-03-01");
  CHECK(excel_serial_to_iso(43831, false) == "2020-01-01");
  CHECK(excel_serial_to_iso(44197, false) == "2021-01-01");
  CHECK(excel_serial_to_iso(44561, false) == "2021-12-31");
  CHECK(excel_serial_to_iso(45000, false) == "2023-03-15");
  CHECK(excel_serial_to_iso(2958465, false) == "9999-12-31");
  CHECK(excel_serial_to_iso(44197.5, false) == "2021-01-01T12:00:00");
  CHECK(excel_serial_to_iso(44197 + 8.5 / 24, false) == "2021-01-01T08:30:00");
  CHECK(excel_serial_to_iso(44197.99999999, false) == "2021-01-02");  // rounds to the second
  CHECK(excel_serial_to_iso(0.75, false) == "18:00:00");  // a time of day without a date
  CHECK(excel_serial_to_iso(60.25, false) == "1900-02-29T06:00:00");
}

TEST_CASE("1904 serial dates", "[workbook][date]") {
  CHECK(excel_serial_to_iso(0, true) == "1904-01-01");
  CHECK(excel_serial_to_iso(1, true) == "1904-01-02");
  CHECK(excel_serial_to_iso(42369, true) == "2020-01-01");
  CHECK(excel_serial_to_iso(2957003, true) == "9999-12-31");
  CHECK_FALSE(excel_serial_to_iso(2957004, true));
}

TEST_CASE("serials outside Excel's calendar have no date", "[workbook][date]") {
  CHECK_FALSE(excel_serial_to_iso(-1, false));
  CHECK_FALSE(excel_serial_to_iso(2958466, false));
  CHECK_FALSE(excel_serial_to_iso(2958465.999999999, false));
  CHECK_FALSE(excel_serial_to_iso(1e300, false));
  CHECK_FALSE(excel_serial_to_iso(std::numeric_limits<double>::quiet_NaN(), false));
  CHECK_FALSE(excel_serial_to_iso(std::numeric_limits<double>::infinity(), true));
}

TEST_CASE("date formats are told from number formats", "[workbook][format]") {
  for (const char* f : {"yyyy-mm-dd", "m/d/yy h:mm", "mm-dd-yy", "d-mmm-yy", "h:mm:ss", "[h]:mm:ss",
                        "mm:ss", "yyyy\"年\"m\"月\"d\"日\"", "[$-F800]dddd, mmmm dd, yyyy",
                        "[DBNum1][$-804]yyyy\"年\"m\"月\"", "YYYY/MM/DD",
                        "上午/下午h\"时\"mm\"分\"", "yyyy-mm-dd;@"}) {
    INFO(f);
    CHECK(budconv::is_date_format(f));
  }
  for (const char* f : {"", "General", "0", "0.00", "#,##0.00", "0%", "0.00E+00", "@",
                        "#,##0.00\"元\"", "[Red]#,##0.00", "\"days\" 0", "0\\d", "_(* #,##0_)",
                        "#,##0;[Red]-#,##0", "[$¥-804]#,##0.00", "0.00;yyyy", "\"unterminated"}) {
    INFO(f);
    CHECK_FALSE(budconv::is_date_format(f));
  }
}

TEST_CASE("built-in number formats", "[workbook][format]") {
  CHECK(budconv::builtin_number_format(0) == "General");
  CHECK(budconv::builtin_number_format(4) == "#,##0.00");
  CHECK(budconv::builtin_number_format(14) == "mm-dd-yy");
  CHECK(budconv::builtin_number_format(49) == "@");
  CHECK(budconv::builtin_number_format(31) == "yyyy\"年\"m\"月\"d\"日\"");
  CHECK(budconv::builtin_number_format(23).empty());
  CHECK(budconv::builtin_number_format(-1).empty());
  CHECK(budconv::builtin_number_format(164).empty());
  // Exactly the date ids are dates (14–22, 27–36, 45–47, 50–58).
  for (int id = 0; id < 60; ++id) {
    const bool date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
                      (id >= 50 && id <= 58);
    INFO("id " << id);
    CHECK(budconv::is_date_format(budconv::builtin_number_format(id)) == date);
  }
}

TEST_CASE("fit_row_heights makes wrapped texts fit their columns", "[workbook]") {
  Sheet s;
  s.column_widths[0] = 10;
  s.column_widths[1] = 10;
  s.column_widths[2] = 10;
  Cell long_text = Cell::make_text("城乡居民基本医疗保险补助资金");  // 14 CJK: 28 units
  long_text.wrap = true;
  s.set(0, 0, long_text);
  s.set(1, 0, long_text);
  s.merges.push_back({{1, 0}, {1, 2}});  // the same text over three columns fits one line
  Cell lines = Cell::make_text("目标1\n目标2");
  lines.wrap = true;
  s.set(2, 0, lines);
  Cell unwrapped = Cell::make_text(std::string(200, 'x'));
  s.set(3, 0, unwrapped);
  s.set(4, 0, long_text);
  s.merges.push_back({{4, 0}, {6, 0}});  // rows share a tall merge: they keep their heights
  s.fit_row_heights(0, 6);
  REQUIRE(s.row_heights.count(0) == 1);
  CHECK(s.row_heights.at(0) == Approx(60.0));  // 28 units / 9 per line: 4 lines of 15 pt
  CHECK(s.row_heights.count(1) == 0);
  CHECK(s.row_heights.at(2) == Approx(30.0));
  CHECK(s.row_heights.count(3) == 0);
  CHECK(s.row_heights.count(4) == 0);
}
