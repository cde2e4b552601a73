// XLSX reader: one generated package per feature, compared with a golden dump, plus corpus
// files with known cells.
#include <catch2/catch.hpp>

#include "budconv/safe_zip.hpp"
#include "xlsx_fixture.hpp"
#include "xlsx_parts.hpp"

namespace fs = std::filesystem;
using namespace budconv;
using namespace budconv::test;
using namespace budconv::test::xlsx;

namespace {

/// Writes `pkg` to a temp file and reads it; REQUIREs success.
Workbook read_ok(const TempDir& dir, const Package& pkg, const Options& o = opts()) {
  const fs::path p = dir / "a.xlsx";
  write_zip(p, pkg.parts());
  Workbook wb;
  Status st = read(p, wb, o);
  INFO((st ? std::string() : st.error().message));
  REQUIRE(st.ok());
  return wb;
}

/// Writes `parts` and returns the read error; REQUIREs failure.
Error read_fail(const TempDir& dir, const std::vector<Part>& parts, const Options& o = opts()) {
  const fs::path p = dir / "a.xlsx";
  write_zip(p, parts);
  Workbook wb;
  Status st = read(p, wb, o);
  REQUIRE_FALSE(st.ok());
  return st.error();
}

const Cell& cell(const Workbook& wb, std::size_t sheet, const char* ref) {
  REQUIRE(sheet < wb.sheets.size());
  auto pos = parse_a1(ref);
  REQUIRE(pos);
  const Cell* c = wb.sheets[sheet].find(pos->row, pos->col);
  INFO("cell " << ref);
  REQUIRE(c != nullptr);
  return *c;
}

fs::path corpus(const std::string& rel) {
  return shared_dir() / "corpus" / rel;
}

}  // namespace

TEST_CASE("xlsx: shared strings, numbers, booleans, errors and formulas", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.shared_strings = "<si><t>收入总表</t></si><si><t xml:space=\"preserve\"> 合计 </t></si>";
  pkg.styles = basic_styles();
  pkg.sheets.push_back(
      {"收入总表",
       "<sheetData>"
       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\" s=\"4\"><v>1</v></c></row>"
       "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>90816893.00</v></c><c r=\"B2\"><v>-0.1</v></c>"
       "<c r=\"C2\"><v>1.5E-3</v></c><c r=\"D2\" s=\"1\"/></row>"
       "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" t=\"b\"><v>0</v></c>"
       "<c r=\"C3\" t=\"e\"><v>#DIV/0!</v></c></row>"
       "<row r=\"4\"><c r=\"A4\"><f>SUM(A2:B2)</f><v>90816892.9</v></c>"
       "<c r=\"B4\" t=\"str\"><f>A1&amp;\"x\"</f><v>收入总表x</v></c>"
       "<c r=\"C4\"><f>A2*2</f></c>"
       "<c r=\"D4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>"
       "</sheetData>",
       ""});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "basic");
  // Money stays the file's exact text, never a reformatted double.
  CHECK(cell(wb, 0, "A2").text == "90816893.00");
  CHECK(cell(wb, 0, "A2").number_format == "#,##0.00");
  CHECK(cell(wb, 0, "B1").text == " 合计 ");
  CHECK(cell(wb, 0, "B1").bold);
  CHECK(cell(wb, 0, "C3").type == CellType::error);
  // A formula without a cached value is an empty cell that keeps its formula.
  CHECK(cell(wb, 0, "C4").type == CellType::empty);
  CHECK(cell(wb, 0, "C4").formula == "A2*2");
  CHECK(wb.sheets[0].find(1, 3) == nullptr);  // styled blank D2 costs nothing
}

TEST_CASE("xlsx: inline strings, rich text runs, phonetic runs and _x escapes", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.shared_strings =
      "<si><r><rPr><b/></rPr><t>部门</t></r><r><t xml:space=\"preserve\">预算 "
      "</t></r><r><t>表</t></r></si>"
      "<si><t>东京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
      "<si><t>line1_x000D_\nline2 _x005F_x0041_</t></si>"
      "<si/>";
  pkg.sheets.push_back(
      {"S",
       "<sheetData><row r=\"1\">"
       "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
       "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
       "<c r=\"E1\" t=\"inlineStr\"><is><t>内联</t></is></c>"
       "<c r=\"F1\" t=\"inlineStr\"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c>"
       "<c r=\"G1\" t=\"inlineStr\"><is><t><![CDATA[<cdata> & more]]></t></is></c>"
       "</row></sheetData>",
       ""});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "strings");
  CHECK(cell(wb, 0, "A1").text == "部门预算 表");
  CHECK(cell(wb, 0, "B1").text == "东京");
  CHECK(cell(wb, 0, "C1").text == "line1\r\nline2 _x0041_");
  CHECK(cell(wb, 0, "D1").text.empty());
  CHECK(cell(wb, 0, "F1").text == "富文本");
  CHECK(cell(wb, 0, "G1").text == "<cdata> & more");
}

TEST_CASE("xlsx: dates through styles in the 1900 and 1904 systems", "[xlsx][reader]") {
  TempDir dir("xlsx");
  const std::string body =
      "<sheetData><row r=\"1\"><c r=\"A1\" s=\"2\"><v>44196</v></c><c r=\"B1\" "
      "s=\"3\"><v>44196.5</v></c>"
      "<c r=\"C1\" s=\"2\"><v>60</v></c><c r=\"D1\"><v>44196</v></c>"
      "<c r=\"E1\" t=\"d\"><v>2021-06-30T12:00:00</v></c></row></sheetData>";
  Package pkg;
  pkg.styles = basic_styles();
  pkg.sheets.push_back({"D", body, ""});
  Workbook wb1900 = read_ok(dir, pkg);
  check_golden(wb1900, "dates1900");
  CHECK(cell(wb1900, 0, "A1").type == CellType::date);
  CHECK(cell(wb1900, 0, "A1").text == "2020-12-31");
  CHECK(cell(wb1900, 0, "B1").text == "2020-12-31T12:00:00");
  CHECK(cell(wb1900, 0, "C1").text == "1900-02-29");  // Lotus's phantom day, as Excel shows it
  CHECK(cell(wb1900, 0, "D1").type == CellType::number);

  pkg.date1904 = true;
  Workbook wb1904 = read_ok(dir, pkg);
  check_golden(wb1904, "dates1904");
  CHECK(wb1904.date1904);
  CHECK(cell(wb1904, 0, "A1").text == "2025-01-01");  // 44196 days after 1904-01-01
}

TEST_CASE("xlsx: Strict OOXML namespaces and absolute relationship targets", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.ns = Ns::strict();
  pkg.absolute_targets = true;
  pkg.shared_strings = "<si><t>严格</t></si>";
  pkg.styles = basic_styles(Ns::strict().main);
  pkg.sheets.push_back(
      {"Strict",
       "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" "
       "s=\"1\"><v>12.50</v></c>"
       "</row></sheetData><mergeCells count=\"1\"><mergeCell ref=\"A2:B3\"/></mergeCells>",
       ""});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "strict");
  CHECK(cell(wb, 0, "A1").text == "严格");
  CHECK(cell(wb, 0, "B1").number_format == "#,##0.00");
}

TEST_CASE("xlsx: rows and cells without r= attributes", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back(
      {"NoRef",
       "<sheetData><row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c></row>"
       "<row><c><v>2</v></c><c r=\"D2\"><v>4</v></c><c><v>5</v></c></row>"
       "<row r=\"7\"><c><v>7</v></c></row><row><c><v>8</v></c></row></sheetData>",
       ""});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "no_refs");
  CHECK(cell(wb, 0, "B1").text == "1");
  CHECK(cell(wb, 0, "E2").text == "5");
  CHECK(cell(wb, 0, "A8").text == "8");
}

TEST_CASE("xlsx: backslash entry names are normalised", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.shared_strings = "<si><t>反斜杠</t></si>";
  pkg.sheets.push_back(
      {"S", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>", ""});
  std::vector<Part> parts = pkg.parts();
  for (Part& p : parts) {
    for (char& c : p.name) {
      if (c == '/') c = '\\';
    }
  }
  const fs::path p = dir / "a.xlsx";
  write_zip(p, parts);
  Workbook wb;
  REQUIRE(read(p, wb).ok());
  check_golden(wb, "backslash");
  CHECK(normalize_zip_name("xl\\worksheets\\sheet1.xml") == "xl/worksheets/sheet1.xml");
}

TEST_CASE("xlsx: a nearly empty sheet declaring A1:XFD1048576 costs nothing",
          "[xlsx][reader][limits]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back(
      {"Huge",
       "<dimension ref=\"A1:XFD1048576\"/><cols><col min=\"1\" max=\"16384\" width=\"9\"/></cols>"
       "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
       "<row r=\"1048576\"><c r=\"XFD1048576\" s=\"0\"/></row></sheetData>",
       ""});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "huge_dimension");
  CHECK(wb.sheets[0].cell_count() == 1);
  CHECK(wb.sheets[0].column_widths.size() == 1);  // widths past the content are dropped
}

TEST_CASE("xlsx: merges, hidden sheets, widths, frozen rows and bold headers", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.styles = basic_styles();
  pkg.sheets.push_back(
      {"表一",
       "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"2\" topLeftCell=\"A3\" "
       "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
       "<cols><col min=\"1\" max=\"1\" width=\"30.7109375\" customWidth=\"1\"/>"
       "<col min=\"2\" max=\"3\" width=\"12.7109375\" customWidth=\"1\"/>"
       "<col min=\"4\" max=\"4\" width=\"8\" customWidth=\"0\"/></cols>"
       "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\" s=\"4\"><is><t>标题</t></is></c>"
       "<c r=\"B1\" s=\"4\"/><c r=\"C1\" s=\"4\"/></row>"
       "<row r=\"2\"><c r=\"D2\"><v>3</v></c></row></sheetData>"
       "<mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A5\"/></mergeCells>",
       ""});
  pkg.sheets.push_back({"隐藏", "<sheetData/>", "hidden"});
  pkg.sheets.push_back({"很隐藏", "<sheetData/>", "veryHidden"});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "layout");
  REQUIRE(wb.sheets.size() == 3);
  CHECK_FALSE(wb.sheets[0].hidden);
  CHECK(wb.sheets[1].hidden);
  CHECK(wb.sheets[2].hidden);
  CHECK(wb.sheets[0].frozen_rows == 2);
  REQUIRE(wb.sheets[0].merges.size() == 1);
  CHECK(wb.sheets[0].merges[0].to_string() == "A1:C1");
  // Widths are in characters, as Excel's dialog shows them: the file's padding is removed.
  CHECK(wb.sheets[0].column_widths.at(0) == 30.0);
  CHECK(wb.sheets[0].column_widths.at(1) == 12.0);
  CHECK(wb.sheets[0].column_widths.count(3) == 0);
  CHECK(cell(wb, 0, "A1").bold);
}

TEST_CASE("xlsx: a cell with any drawn side reads as ruled and style none does not",
          "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.styles =
      "<styleSheet xmlns=\"" + Ns{}.main +
      "\"><fonts count=\"1\"><font/></fonts>"
      "<borders count=\"4\"><border><left/><right/><top/><bottom/></border>"
      "<border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/>"
      "<bottom style=\"thin\"/></border>"
      "<border><bottom style=\"medium\"/></border>"
      "<border><left style=\"none\"/><top style=\"none\"/></border></borders>"
      "<cellXfs count=\"5\"><xf borderId=\"0\"/><xf borderId=\"1\"/><xf borderId=\"2\"/>"
      "<xf borderId=\"3\"/><xf borderId=\"9\"/></cellXfs></styleSheet>";
  pkg.sheets.push_back({"R",
                        "<sheetData><row r=\"1\"><c r=\"A1\" s=\"0\"><v>1</v></c>"
                        "<c r=\"B1\" s=\"1\"><v>2</v></c><c r=\"C1\" s=\"2\"><v>3</v></c>"
                        "<c r=\"D1\" s=\"3\"><v>4</v></c><c r=\"E1\" s=\"4\"><v>5</v></c>"
                        "<c r=\"F1\" s=\"1\"/></row></sheetData>",
                        ""});
  Workbook wb = read_ok(dir, pkg);
  CHECK_FALSE(cell(wb, 0, "A1").border);
  CHECK(cell(wb, 0, "B1").border);
  CHECK(cell(wb, 0, "C1").border);  // only the bottom line: still part of a ruled grid
  CHECK_FALSE(cell(wb, 0, "D1").border);
  CHECK_FALSE(cell(wb, 0, "E1").border);  // a borderId past the list is no border, not a crash
  // Blank cells are not kept for their style: a ruled but empty grid of a million cells must not
  // cost a million cells (templates rule their own layout on writing).
  CHECK(wb.sheets[0].find(0, 5) == nullptr);
}

TEST_CASE("xlsx: shared formulas get their own text", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back({"F",
                        "<sheetData>"
                        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><f t=\"shared\" "
                        "ref=\"B1:B3\" si=\"0\">A1*2+$A$1+SUM(A:A)+'x y'!A1</f><v>4</v></c></row>"
                        "<row r=\"2\"><c r=\"A2\"><v>2</v></c><c r=\"B2\"><f t=\"shared\" "
                        "si=\"0\"/><v>7</v></c></row>"
                        "<row r=\"3\"><c r=\"C3\"><f t=\"shared\" si=\"1\"/><v>0</v></c></row>"
                        "<row r=\"4\"><c r=\"C4\"><f t=\"shared\" ref=\"C3:C4\" "
                        "si=\"1\">\"A1\"&amp;LOG10(B4)</f><v>0</v></c></row>"
                        "</sheetData>",
                        ""});
  Workbook wb = read_ok(dir, pkg);
  check_golden(wb, "shared_formulas");
  CHECK(cell(wb, 0, "B2").formula == "A2*2+$A$1+SUM(A:A)+'x y'!A2");
  // A member written before its anchor (Excel does this) is resolved at the end of the sheet.
  CHECK(cell(wb, 0, "C3").formula == "\"A1\"&LOG10(B3)");
  CHECK(budconv::xlsx::shift_formula("A1:B$2+$C3+Sheet1!D4+1:1", 1, 1) ==
        "B2:C$2+$C4+Sheet1!E5+2:2");
  CHECK(budconv::xlsx::shift_formula("A1", -1, 0) == "#REF!");
}

TEST_CASE("xlsx: missing optional parts (no styles, no shared strings)", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back(
      {"S", "<sheetData><row r=\"1\"><c r=\"A1\" s=\"7\"><v>3.14</v></c></row></sheetData>", ""});
  Workbook wb = read_ok(dir, pkg);
  CHECK(cell(wb, 0, "A1").text == "3.14");
  CHECK(cell(wb, 0, "A1").number_format.empty());
}

TEST_CASE("xlsx: option sheet restricts the read and lists names when absent", "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back(
      {"甲", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>", ""});
  pkg.sheets.push_back(
      {"乙", "<sheetData><row r=\"1\"><c r=\"A1\"><v>2</v></c></row></sheetData>", ""});
  Options o = opts();
  o.values["sheet"] = "乙";
  Workbook wb = read_ok(dir, pkg, o);
  REQUIRE(wb.sheets.size() == 1);
  CHECK(wb.sheets[0].name == "乙");

  o.values["sheet"] = "丙";
  Error e = read_fail(dir, pkg.parts(), o);
  CHECK(e.code == ErrorCode::usage);
  CHECK(e.message == "a.xlsx: 没有名为“丙”的工作表；现有工作表：甲、乙");
}

TEST_CASE("xlsx: shared-string index out of range names file, sheet and cell",
          "[xlsx][reader][errors]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.shared_strings = "<si><t>x</t></si>";
  pkg.sheets.push_back(
      {"收入总表", "<sheetData><row r=\"7\"><c r=\"D7\" t=\"s\"><v>5</v></c></row></sheetData>",
       ""});
  Error e = read_fail(dir, pkg.parts());
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message == "a.xlsx: 收入总表!D7: 共享字符串索引 5 超出范围（共 1 项）");
  Error en = read_fail(dir, pkg.parts(), opts("a.xlsx", Lang::en));
  CHECK(en.message ==
        "a.xlsx: 收入总表!D7: shared string index 5 is out of range (the table has 1 entries)");
}

TEST_CASE("xlsx: missing sheet part", "[xlsx][reader][errors]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back({"S", "<sheetData/>", ""});
  std::vector<Part> parts = pkg.parts();
  std::erase_if(parts, [](const Part& p) { return p.name == "xl/worksheets/sheet1.xml"; });
  Error e = read_fail(dir, parts);
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message == "a.xlsx: S: 工作表部件 xl/worksheets/sheet1.xml 在文件中缺失");
}

TEST_CASE("xlsx: truncated zip", "[xlsx][reader][errors]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back(
      {"S", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>", ""});
  write_zip(dir / "full.xlsx", pkg.parts());
  const std::string bytes = read_file(dir / "full.xlsx");
  write_file(dir / "a.xlsx", bytes.substr(0, bytes.size() / 2));
  Workbook wb;
  Status st = read(dir / "a.xlsx", wb);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::format);
  CHECK(st.error().message.rfind("a.xlsx: ", 0) == 0);
  CHECK(line_count(st.error().message) == 1);
}

TEST_CASE("xlsx: zip bomb refused by compression ratio", "[xlsx][reader][errors][limits]") {
  TempDir dir("xlsx");
  Package pkg;
  // 8 MiB of one repeated byte inside a cell compresses about 1000:1.
  pkg.sheets.push_back({"S",
                        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
                            std::string(8u << 20, 'A') + "</t></is></c></row></sheetData>",
                        ""});
  Error e = read_fail(dir, pkg.parts());
  CHECK(e.code == ErrorCode::limit);
  CHECK(e.message == "a.xlsx: S (xl/worksheets/sheet1.xml): 压缩比超过 100:1（疑似 zip 炸弹）");
}

TEST_CASE("xlsx: DOCTYPE entity bomb in a part is refused", "[xlsx][reader][errors][limits]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.shared_strings = "<si><t>&lol3;</t></si>";
  pkg.sheets.push_back({"S", "<sheetData/>", ""});
  std::vector<Part> parts = pkg.parts();
  for (Part& p : parts) {
    if (p.name == "xl/sharedStrings.xml") {
      p.data =
          "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
          "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
          "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
          "<sst xmlns=\"" +
          Ns{}.main + "\"><si><t>&lol3;</t></si></sst>";
    }
  }
  Error e = read_fail(dir, parts);
  CHECK(e.code == ErrorCode::limit);
  CHECK(e.message ==
        "a.xlsx: xl/sharedStrings.xml: 第 2 行: 不允许 DOCTYPE/实体声明（疑似 XML 炸弹）");

  // The same refusal for a part read as a DOM (workbook.xml).
  for (Part& p : parts) {
    if (p.name == "xl/sharedStrings.xml") p.data = "<sst xmlns=\"" + Ns{}.main + "\"/>";
    if (p.name == "xl/workbook.xml")
      p.data.insert(p.data.find("<workbook"), "<!DOCTYPE x [<!ENTITY a \"b\">]>");
  }
  Error e2 = read_fail(dir, parts);
  CHECK(e2.code == ErrorCode::limit);
  CHECK(e2.message.rfind("a.xlsx: xl/workbook.xml: ", 0) == 0);
}

TEST_CASE("xlsx: cells beyond XFD1048576 are refused", "[xlsx][reader][errors][limits]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back(
      {"S", "<sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData>", ""});
  Error e = read_fail(dir, pkg.parts());
  CHECK(e.code == ErrorCode::limit);
  CHECK(e.message == "a.xlsx: S: 单元格 XFE1 超出 XFD1048576 范围");

  Package rows;
  rows.sheets.push_back(
      {"S", "<sheetData><row r=\"1048577\"><c><v>1</v></c></row></sheetData>", ""});
  Error e2 = read_fail(dir, rows.parts(), opts("a.xlsx", Lang::en));
  CHECK(e2.code == ErrorCode::limit);
  CHECK(e2.message == "a.xlsx: S: row 1048577 lies beyond row 1048576");
}

TEST_CASE("xlsx: numbers keep Excel's 15 significant digits, exact text otherwise",
          "[xlsx][reader]") {
  TempDir dir("xlsx");
  Package pkg;
  pkg.styles = basic_styles();
  // libxlsxwriter / XlsxWriter store doubles as %.16G: 583,602.82 arrives as 583602.8199999999.
  pkg.sheets.push_back({"S",
                        "<sheetData><row r=\"1\">"
                        "<c r=\"A1\" s=\"1\"><v>583602.8199999999</v></c>"
                        "<c r=\"B1\"><v>90816893</v></c>"
                        "<c r=\"C1\"><v>0.30000000000000004</v></c>"
                        "<c r=\"D1\" s=\"1\"><v>90816893.00</v></c>"
                        "<c r=\"E1\"><v>-1234567.8900000001</v></c>"
                        "<c r=\"F1\"><v>1.5E-3</v></c>"
                        "<c r=\"G1\"><f>SUM(A1:B1)</f><v>91400495.81999999</v></c>"
                        "</row></sheetData>",
                        ""});
  Workbook wb = read_ok(dir, pkg);
  CHECK(cell(wb, 0, "A1").text == "583602.82");
  CHECK(cell(wb, 0, "A1").type == CellType::number);
  CHECK(cell(wb, 0, "A1").number == 583602.82);
  CHECK(cell(wb, 0, "A1").number_format == "#,##0.00");
  CHECK(cell(wb, 0, "B1").text == "90816893");
  CHECK(cell(wb, 0, "C1").text == "0.3");
  CHECK(cell(wb, 0, "D1").text == "90816893.00");  // 15 digits or fewer: exactly as stored
  CHECK(cell(wb, 0, "E1").text == "-1234567.89");
  CHECK(cell(wb, 0, "F1").text == "1.5E-3");
  CHECK(cell(wb, 0, "G1").text == "91400495.82");  // a cached formula result too
  CHECK(cell(wb, 0, "G1").formula == "SUM(A1:B1)");
}

TEST_CASE("xlsx: cell count and string length caps", "[xlsx][reader][errors][limits]") {
  TempDir dir("xlsx");
  Package pkg;
  std::string data = "<sheetData><row r=\"1\">";
  for (int i = 0; i < 20; ++i) data += "<c><v>" + std::to_string(i) + "</v></c>";
  data += "</row></sheetData>";
  pkg.sheets.push_back({"S", data, ""});
  Options o = opts();
  o.values["max-cells"] = "10";
  Error e = read_fail(dir, pkg.parts(), o);
  CHECK(e.code == ErrorCode::limit);
  // The message names the option that raises the cap, so a big export has a way through.
  CHECK(e.message ==
        "a.xlsx: S!K1: 工作簿单元格数超过 10（可加 -O max-cells=<单元格数> 调高上限）");
  Options en = opts("a.xlsx", Lang::en);
  en.values["max-cells"] = "10";
  CHECK(read_fail(dir, pkg.parts(), en).message ==
        "a.xlsx: S!K1: the workbook has more than 10 cells (raise the cap with -O "
        "max-cells=<cells>)");
  o.values["max-cells"] = "20";
  CHECK(read_ok(dir, pkg, o).sheets[0].find(0, 19) != nullptr);

  Package texts;
  std::string big = "<sheetData>";
  for (int r = 1; r <= 40; ++r)  // 30,000 characters a cell: under the per-string cap
    big += "<row r=\"" + std::to_string(r) + "\"><c t=\"inlineStr\"><is><t>" +
           std::string(30'000, 'y') + "</t></is></c></row>";
  big += "</sheetData>";
  texts.sheets.push_back({"T", big, ""});
  Options t = opts();
  t.values["max-text-mib"] = "1";
  std::vector<Part> text_parts = texts.parts();
  for (Part& part : text_parts)
    part.store = true;  // repeated text would trip the zip ratio cap first
  Error e3 = read_fail(dir, text_parts, t);
  CHECK(e3.code == ErrorCode::limit);
  CHECK(e3.message ==
        "a.xlsx: T!A35: 工作簿文本总量超过 1 MiB（可加 -O max-text-mib=<MiB> 调高上限）");

  Package longs;
  longs.shared_strings = "<si><t>" + std::string(40000, 'x') + "</t></si>";
  longs.sheets.push_back({"S", "<sheetData/>", ""});
  Error e2 = read_fail(dir, longs.parts());
  CHECK(e2.code == ErrorCode::limit);
  CHECK(e2.message == "a.xlsx: xl/sharedStrings.xml: 共享字符串 #0 超过 32767 个字符");
}

TEST_CASE("xlsx: sniff by zip magic, entry names and file name", "[xlsx][reader]") {
  budconv::xlsx::XlsxFormat fmt;
  auto bytes = [](const std::string& s) {
    return std::span<const std::byte>(reinterpret_cast<const std::byte*>(s.data()), s.size());
  };
  TempDir dir("xlsx");
  Package pkg;
  pkg.sheets.push_back({"S", "<sheetData/>", ""});
  write_zip(dir / "a.xlsx", pkg.parts());
  const std::string head = read_file(dir / "a.xlsx").substr(0, 4096);
  CHECK(fmt.sniff(bytes(head), "x.bin") == Sniff::yes);
  CHECK(fmt.sniff(bytes(std::string("PK\x03\x04", 4) + std::string(26, '\0')), "a.XLSX") ==
        Sniff::yes);
  std::string ods = std::string("PK\x03\x04", 4) + std::string(22, '\0') +
                    std::string("\x08\0\0\0", 4) + "mimetype";
  CHECK(fmt.sniff(bytes(ods), "a.xlsx") == Sniff::no);
  CHECK(fmt.sniff(bytes("a,b,c\n1,2,3\n"), "a.csv") == Sniff::no);
  CHECK(fmt.sniff(bytes(""), "empty.xlsx") == Sniff::maybe);
}

// ---- corpus files: concrete cells known from the files ----

TEST_CASE("xlsx corpus: inline strings and rows without numbers (apache-poi)", "[xlsx][corpus]") {
  Workbook wb;
  REQUIRE(read(corpus("apache-poi/InlineString.xlsx"), wb).ok());
  CHECK(cell(wb, 0, "A1").text ==
        "\xF0\x9F\x98\x9C"
        "more text");  // emoji outside the BMP

  Workbook nr;
  REQUIRE(read(corpus("apache-poi/59746_NoRowNums.xlsx"), nr).ok());
  CHECK(nr.sheets[0].name == "Features");
  CHECK(cell(nr, 0, "A1").text == "Checked");
  CHECK(cell(nr, 0, "K1").text == "Study File ID");
  CHECK(cell(nr, 0, "A2").type == CellType::boolean);
  CHECK(cell(nr, 0, "D2").text == "644.24222");
  CHECK(nr.sheets[0].cell_count() == 571);
}

TEST_CASE("xlsx corpus: 1904 date system (phpspreadsheet, libxlsxwriter)", "[xlsx][corpus]") {
  Workbook wb;
  REQUIRE(read(corpus("phpspreadsheet/1904_Calendar.xlsx"), wb).ok());
  CHECK(wb.date1904);
  CHECK(cell(wb, 0, "A1").type == CellType::date);
  CHECK(cell(wb, 0, "A1").text == "2022-01-01");
  CHECK(cell(wb, 0, "B1").text == "2021-12-31");
  CHECK(cell(wb, 0, "B1").formula == "A1-1");

  Workbook e1900, e1904;
  REQUIRE(read(corpus("libxlsxwriter/date_1904_01.xlsx"), e1900).ok());
  REQUIRE(read(corpus("libxlsxwriter/date_1904_02.xlsx"), e1904).ok());
  // Same serial 1000, two epochs.
  CHECK(cell(e1900, 0, "A2").text == "1902-09-26");
  CHECK(cell(e1904, 0, "A2").text == "1906-09-27");
  CHECK(cell(e1904, 0, "A1").text == "1904-01-01");
}

TEST_CASE("xlsx corpus: merges, CJK and formulas (libxlsxwriter, excelize, WPS)",
          "[xlsx][corpus]") {
  Workbook m;
  REQUIRE(read(corpus("libxlsxwriter/merge_range01.xlsx"), m).ok());
  REQUIRE(m.sheets[0].merges.size() == 1);
  CHECK(m.sheets[0].merges[0].to_string() == "B2:D2");
  CHECK(cell(m, 0, "B2").text == "Foo");

  Workbook cjk;
  REQUIRE(read(corpus("libxlsxwriter/gh42_01.xlsx"), cjk).ok());
  CHECK(cell(cjk, 0, "A1").text == "图\x14图");

  Workbook book1;
  REQUIRE(read(corpus("excelize/Book1.xlsx"), book1).ok());
  CHECK(cell(book1, 0, "B19").text == "237");
  CHECK(cell(book1, 0, "B19").formula == "SUM(Sheet2!D2,Sheet2!D11)");
  CHECK(cell(book1, 1, "E11").type == CellType::empty);  // formula with no cached value
  CHECK(cell(book1, 1, "E11").formula == "B2+B3");

  Workbook wps;
  REQUIRE(read(corpus("apache-poi/stress020.xlsx"), wps).ok());
  CHECK(cell(wps, 0, "A1").text == "2019年泰州市7月份银行业金融机构存贷款情况");
  CHECK(wps.sheets[0].merges.size() == 15);
  CHECK(wps.sheets[0].merges[0].to_string() == "A1:N1");
}

TEST_CASE("xlsx corpus: errors, Strict, phonetic runs, shared formulas", "[xlsx][corpus]") {
  Workbook err;
  REQUIRE(read(corpus("calamine/errors.xlsx"), err).ok());
  CHECK(cell(err, 0, "A1").type == CellType::error);
  CHECK(cell(err, 0, "A1").text == "#DIV/0!");
  CHECK(cell(err, 0, "A7").text == "#N/A");

  Workbook strict;
  REQUIRE(read(corpus("apache-poi/SimpleStrict.xlsx"), strict).ok());
  CHECK(cell(strict, 0, "A1").text == "test");
  CHECK(cell(strict, 0, "C2").text == "2");

  Workbook rph;
  REQUIRE(read(corpus("calamine/rph.xlsx"), rph).ok());
  CHECK(cell(rph, 0, "A1").text == "課きく　毛こ");

  Workbook rev;
  REQUIRE(read(corpus("calamine/shared_formula_reversed.xlsx"), rev).ok());
  CHECK(cell(rev, 0, "B2").formula == "A2");

  Workbook iso;
  REQUIRE(read(corpus("calamine/date_iso.xlsx"), iso).ok());
  CHECK(cell(iso, 0, "A1").type == CellType::date);
  CHECK(cell(iso, 0, "A1").text == "2021-01-01");
}

TEST_CASE("xlsx corpus: backslash separators read like forward slashes", "[xlsx][corpus]") {
  Workbook win, lin;
  REQUIRE(read(corpus("phpspreadsheet/Zip-Windows-Directory-Separator.xlsx"), win).ok());
  REQUIRE(read(corpus("phpspreadsheet/Zip-Linux-Directory-Separator.xlsx"), lin).ok());
  CHECK(dump_workbook(win) == dump_workbook(lin));
  CHECK(cell(win, 0, "A1").text == "Key ID");
}

TEST_CASE("xlsx corpus: used range to XFD1048576 stays sparse", "[xlsx][corpus][limits]") {
  Workbook wb;
  REQUIRE(read(corpus("libxlsxwriter/data03.xlsx"), wb).ok());
  CHECK(wb.sheets[0].cell_count() == 2);
  CHECK(cell(wb, 0, "XFD1048576").text == "456");
}

TEST_CASE("xlsx corpus: hostile files are refused cleanly", "[xlsx][corpus][errors]") {
  Workbook wb;
  Status enc = read(corpus("excelize/encryptAES.xlsx"), wb, opts("encryptAES.xlsx"));
  REQUIRE_FALSE(enc.ok());
  CHECK(enc.error().code == ErrorCode::encrypted);
  CHECK(enc.error().message.rfind("encryptAES.xlsx: 文件已加密", 0) == 0);

  Status bomb = read(corpus("apache-poi/poc-xmlbomb.xlsx"), wb, opts("poc-xmlbomb.xlsx"));
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.error().code == ErrorCode::limit);

  Status sst =
      read(corpus("apache-poi/poc-shared-strings.xlsx"), wb, opts("poc-shared-strings.xlsx"));
  REQUIRE_FALSE(sst.ok());
  CHECK(sst.error().code == ErrorCode::limit);
  CHECK(sst.error().message.find("poc-shared-strings.xlsx: xl/sharedStrings.xml") == 0);
}
