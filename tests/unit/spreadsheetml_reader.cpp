// SpreadsheetML reader: placement rules (Index gaps, merges), types, styles, sheet options,
// sniffing, and a golden dump of a realistic Excel 2003 file.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "budconv/dump.hpp"
#include "spreadsheetml_format.hpp"
#include "test_support.hpp"

using namespace budconv;
namespace sml = budconv::spreadsheetml;

namespace {

const std::filesystem::path kFixtures = test::source_dir() / "tests/fixtures/spreadsheetml";

Workbook read_fixture() {
  sml::SpreadsheetMLFormat format;
  Workbook book;
  Status st = format.read(kFixtures / "budget_2003.xml", {}, book);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  return book;
}

/// Wraps worksheet XML in a minimal document.
std::string doc(const std::string& body, const std::string& styles = "") {
  return "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""
         " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\""
         " xmlns:x=\"urn:schemas-microsoft-com:office:excel\">" +
         (styles.empty() ? std::string() : "<Styles>" + styles + "</Styles>") + body +
         "</Workbook>";
}

Workbook parse_ok(const std::string& xml) {
  Workbook book;
  Status st = sml::read_spreadsheetml(xml, {}, "t.xml", Lang::en, book);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  return book;
}

bool has_merge(const Sheet& s, const char* range) {
  for (const MergedRange& m : s.merges) {
    if (m.to_string() == range) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the Excel 2003 fixture reads into three sheets", "[spreadsheetml]") {
  const Workbook book = read_fixture();
  REQUIRE(book.sheets.size() == 3);
  CHECK(book.sheets[0].name == "部门预算收入总表");
  CHECK(book.sheets[1].name == "转换备份");
  CHECK(book.sheets[2].name == "空表");
  CHECK_FALSE(book.sheets[0].hidden);
  CHECK(book.sheets[1].hidden);
  CHECK(book.sheets[2].rows.empty());
  CHECK(book.sheets[0].frozen_rows == 5);
}

TEST_CASE("merges and ss:Index gaps place cells where Excel shows them", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  CHECK(has_merge(s, "A1:F1"));
  CHECK(has_merge(s, "A4:A5"));
  CHECK(has_merge(s, "B4:B5"));
  CHECK(has_merge(s, "C4:D4"));
  CHECK(s.merges.size() == 4);
  CHECK(s.text(0, 0) == "部门预算收入总表");
  CHECK(s.text(1, 4) == "单位：元");     // ss:Index="5"
  CHECK(s.text(3, 4) == "备注");         // after MergeAcross="1" at C4
  CHECK(s.text(4, 2) == "合计");         // row without Index follows row 4
  CHECK(s.text(8, 0) == "444665.5015");  // Row ss:Index="9"
  CHECK(s.rows.count(7) == 0);
}

TEST_CASE("data types map to cell types with exact text", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  const Cell* code = s.find(5, 0);
  REQUIRE(code);
  CHECK(code->type == CellType::text);
  CHECK(code->text == "2101202");
  CHECK(code->number_format == "@");
  CHECK(s.text(6, 0) == "030101");
  const Cell* amount = s.find(5, 2);
  REQUIRE(amount);
  CHECK(amount->type == CellType::number);
  CHECK(amount->text == "445900");
  CHECK(amount->number_format == "#,##0.00");
  CHECK(s.find(6, 2)->text == "0.0015");  // 1.5E-3, exactly
  CHECK(s.find(6, 3)->text == "-1234.5");
  CHECK(s.find(6, 4)->type == CellType::boolean);
  CHECK(s.find(6, 4)->text == "TRUE");
  CHECK(s.find(6, 5)->type == CellType::error);
  CHECK(s.find(6, 5)->text == "#DIV/0!");
  CHECK(s.text(6, 1) == "第一行\n第二行");
}

TEST_CASE("dates: DateTime values and serials under a date format", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  const Cell* dt = s.find(8, 2);
  REQUIRE(dt);
  CHECK(dt->type == CellType::date);
  CHECK(dt->text == "2020-08-21");
  CHECK(dt->number == Approx(44064));
  CHECK(dt->number_format == "yyyy/m/d");  // "Short Date"
  const Cell* serial = s.find(8, 3);
  REQUIRE(serial);
  CHECK(serial->type == CellType::date);
  CHECK(serial->text == "2020-08-21");
  CHECK(serial->number_format == "yyyy\"年\"m\"月\"d\"日\"");
  const Cell* time = s.find(8, 4);
  REQUIRE(time);
  CHECK(time->type == CellType::date);
  CHECK(time->text == "08:30:00");
}

TEST_CASE("formulas are kept, rewritten from R1C1 to A1", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  CHECK(s.find(5, 3)->formula == "C6");
  CHECK(s.find(5, 3)->text == "445900");  // the cached value stays the value
  CHECK(s.find(8, 0)->formula == "SUM(A6:A7)");
}

TEST_CASE("rich text is flattened and comments are not values", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  CHECK(s.text(5, 4) == "含年终一次性奖金 28600 元");
  CHECK(s.text(5, 1) == "行政运行");
}

TEST_CASE("styles give bold and number formats, through ss:Parent", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  CHECK(s.find(0, 0)->bold);
  CHECK_FALSE(s.find(5, 2)->bold);
  const Cell* total = s.find(8, 0);
  CHECK(total->bold);
  CHECK(total->number_format == "#,##0.00");  // inherited from s22
  const Cell* styled_blank = s.find(8, 5);
  REQUIRE(styled_blank);
  CHECK(styled_blank->type == CellType::empty);
  CHECK(styled_blank->bold);
}

TEST_CASE("column widths in points become widths in characters", "[spreadsheetml]") {
  const Sheet s = read_fixture().sheets[0];
  CHECK(s.column_widths.at(0) == Approx(14.71));
  CHECK(s.column_widths.at(1) == Approx(28.0));
  CHECK(s.column_widths.count(2) == 0);
  CHECK(s.column_widths.at(3) == Approx(15.86));
  CHECK(s.column_widths.at(4) == Approx(15.86));  // ss:Span="1"
  CHECK(sml::points_to_chars(sml::chars_to_points(12.5)) == 12.5);
  CHECK(sml::points_to_chars(0) == 0);
}

TEST_CASE("golden dump of the Excel 2003 fixture", "[spreadsheetml]") {
  const std::string dump = dump_workbook(read_fixture());
  const auto golden = kFixtures / "budget_2003.golden";
  if (std::getenv("BUDCONV_UPDATE_GOLDEN")) test::write_file(golden, dump);
  CHECK(dump == test::read_file(golden));
}

TEST_CASE("rows and cells without Index follow their predecessor; Span skips", "[spreadsheetml]") {
  const Workbook book = parse_ok(doc(
      "<Worksheet ss:Name=\"s\"><Table>"
      "<Row ss:Span=\"2\"/>"
      "<Row><Cell ss:MergeAcross=\"2\" ss:MergeDown=\"1\"><Data ss:Type=\"String\">m</Data></Cell>"
      "<Cell><Data ss:Type=\"Number\">1</Data></Cell></Row>"
      "<Row><Cell ss:Index=\"4\"><Data ss:Type=\"Number\">2</Data></Cell></Row>"
      "</Table></Worksheet>"));
  const Sheet& s = book.sheets[0];
  CHECK(s.text(3, 0) == "m");  // Row Span=2 covers rows 1–3
  CHECK(s.text(3, 3) == "1");  // pushed past the merge
  CHECK(s.text(4, 3) == "2");
  CHECK(has_merge(s, "A4:C5"));
}

TEST_CASE("unprefixed attributes and a Number without digits are accepted", "[spreadsheetml]") {
  const Workbook book =
      parse_ok(doc("<Worksheet Name=\"plain\"><Table><Row><Cell Index=\"2\"><Data Type=\"Number\"> "
                   "</Data></Cell>"
                   "<Cell><Data Type=\"Number\">+7</Data></Cell></Row></Table></Worksheet>"));
  const Sheet& s = book.sheets[0];
  CHECK(s.name == "plain");
  CHECK(s.find(0, 1) == nullptr);  // a blank Number is blank, not zero
  CHECK(s.text(0, 2) == "7");
}

TEST_CASE("a GB2312-declared document is decoded", "[spreadsheetml]") {
  // 威县 in GB2312, inside a document that declares its encoding.
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"GB2312\"?>"
      "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""
      " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">"
      "<Worksheet ss:Name=\"\xB1\xED\"><Table><Row><Cell><Data ss:Type=\"String\">\xCD\xFE\xCF\xD8"
      "</Data></Cell></Row></Table></Worksheet></Workbook>";
  const Workbook book = parse_ok(xml);
  CHECK(book.sheets[0].name == "表");
  CHECK(book.sheets[0].text(0, 0) == "威县");
}

TEST_CASE("sniffing: SpreadsheetML yes, canonical XML and others no", "[spreadsheetml]") {
  const auto sniff = [](std::string_view head, std::string_view name) {
    return sml::sniff_spreadsheetml(head, name);
  };
  CHECK(sniff("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>",
              "a.xml") == Sniff::yes);
  CHECK(sniff("<?xml version=\"1.0\"?><!-- x --><ss:Workbook "
              "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">",
              "legacy.xls") == Sniff::yes);
  CHECK(sniff("\xEF\xBB\xBF<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
              "x.xls") == Sniff::yes);
  CHECK(sniff("<?xml version=\"1.0\"?>\n<submission xmlns=\"urn:budconv:submission:1\">",
              "a.xml") == Sniff::no);
  CHECK(sniff("<html><body>", "a.xls") == Sniff::no);
  CHECK(sniff("PK\x03\x04", "a.xml") == Sniff::no);
  CHECK(sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a.xls") == Sniff::no);
  CHECK(sniff("a,b,c", "a.xml") == Sniff::no);
  CHECK(sniff("<?xml version=\"1.0\"?><!-- a long comment", "a.xml") == Sniff::maybe);
  CHECK(sniff("<?xml version=\"1.0\"?><!-- a long comment", "a.txt") == Sniff::no);
  const std::string utf16("\xFF\xFE<\0W\0o\0r\0k\0b\0o\0o\0k\0 \0", 22);
  CHECK(sniff(utf16, "a.xml") == Sniff::maybe);
}

TEST_CASE("a .xls file that is SpreadsheetML inside reads like .xml", "[spreadsheetml]") {
  test::TempDir dir("sml");
  const auto path = dir / "2003格式.xls";
  test::write_file(path, test::read_file(kFixtures / "budget_2003.xml"));
  sml::SpreadsheetMLFormat format;
  const std::string head = test::read_file(path).substr(0, 4096);
  CHECK(format.sniff(std::as_bytes(std::span(head.data(), head.size())), path.string()) ==
        Sniff::yes);
  Workbook book;
  REQUIRE(format.read(path, {}, book).ok());
  CHECK(book.sheets.size() == 3);
}

TEST_CASE("the spreadsheetml plugin describes itself", "[spreadsheetml]") {
  auto plugin = sml::make_plugin();
  REQUIRE(plugin);
  CHECK(plugin->info().id == "spreadsheetml");
  const auto formats = plugin->containers();
  REQUIRE(formats.size() == 1);
  const FormatInfo fi = formats[0]->info();
  CHECK(fi.id == "spreadsheetml");
  CHECK(fi.can_read);
  CHECK(fi.can_write);
  CHECK(fi.extensions == std::vector<std::string>{"xml"});
}
