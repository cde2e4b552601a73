// Hostile SpreadsheetML: every case ends in a one-line Error, never a crash, hang or blow-up.
#include <catch2/catch.hpp>
#include <random>

#include "spreadsheetml_format.hpp"
#include "test_support.hpp"

using namespace budconv;
namespace sml = budconv::spreadsheetml;

namespace {

const std::string kHead =
    "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""
    " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">";

std::string sheet_doc(const std::string& rows) {
  return kHead + "<Worksheet ss:Name=\"收入总表\"><Table>" + rows +
         "</Table></Worksheet></Workbook>";
}

Error parse_fail(const std::string& xml, const sml::Limits& limits = {}, Lang lang = Lang::en) {
  Workbook book;
  Status st = sml::read_spreadsheetml(xml, limits, "bad.xml", lang, book);
  REQUIRE_FALSE(st.ok());
  CHECK(book.sheets.empty());
  CHECK(st.error().message.find('\n') == std::string::npos);
  CHECK(st.error().message.find("bad.xml") != std::string::npos);
  return st.error();
}

}  // namespace

TEST_CASE("a DOCTYPE with an entity bomb is refused before expansion", "[spreadsheetml][corrupt]") {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
      "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet><Table><Row>"
      "<Cell><Data ss:Type=\"String\">&lol3;</Data></Cell></Row></Table></Worksheet></Workbook>";
  const Error e = parse_fail(bomb);
  CHECK(e.code == ErrorCode::limit);
  CHECK(e.message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("an external entity is refused", "[spreadsheetml][corrupt]") {
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
      sheet_doc("<Row><Cell><Data ss:Type=\"String\">&x;</Data></Cell></Row>")
          .substr(kHead.find("<Workbook"));
  CHECK(parse_fail(xxe).message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("binary garbage is refused", "[spreadsheetml][corrupt]") {
  std::mt19937 rng(7);
  std::string bytes(32 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  CHECK(parse_fail(bytes).code == ErrorCode::format);
  CHECK(parse_fail("").code == ErrorCode::format);
}

TEST_CASE("every truncation of a valid document fails cleanly", "[spreadsheetml][corrupt]") {
  const std::string full =
      test::read_file(test::source_dir() / "tests/fixtures/spreadsheetml/budget_2003.xml");
  const std::size_t end = full.rfind("</Workbook>");
  for (std::size_t n = 0; n < end; n += 13) {
    Workbook book;
    Status st = sml::read_spreadsheetml(full.substr(0, n), {}, "cut.xml", Lang::zh, book);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == ErrorCode::format);
    CHECK(book.sheets.empty());
  }
}

TEST_CASE("a root that is not a SpreadsheetML Workbook is refused", "[spreadsheetml][corrupt]") {
  const Error e = parse_fail("<submission xmlns=\"urn:budconv:submission:1\"/>");
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("submission") != std::string::npos);
  CHECK(parse_fail("<Workbook><Worksheet/></Workbook>").message.find("namespace") !=
        std::string::npos);
  CHECK(parse_fail(kHead + "</Workbook>").message.find("no worksheet") != std::string::npos);
}

TEST_CASE("absurd indexes and spans are refused naming the sheet", "[spreadsheetml][corrupt]") {
  CHECK(parse_fail(sheet_doc("<Row ss:Index=\"1048577\"/>")).message.find("收入总表") !=
        std::string::npos);
  CHECK(parse_fail(sheet_doc("<Row ss:Index=\"0\"/>")).code == ErrorCode::format);
  CHECK(parse_fail(sheet_doc("<Row ss:Index=\"-3\"/>")).code == ErrorCode::format);
  CHECK(parse_fail(sheet_doc("<Row ss:Index=\"99999999999999999999\"/>")).code ==
        ErrorCode::format);
  CHECK(parse_fail(sheet_doc("<Row ss:Span=\"1048576\"/>")).code == ErrorCode::format);
  CHECK(parse_fail(sheet_doc("<Row><Cell ss:Index=\"16385\"/></Row>")).code == ErrorCode::format);
  CHECK(parse_fail(sheet_doc("<Row><Cell ss:MergeAcross=\"16384\"/></Row>")).message.find("A1") !=
        std::string::npos);
  CHECK(parse_fail(sheet_doc("<Row ss:Index=\"1048576\"><Cell ss:MergeDown=\"1\"/></Row>")).code ==
        ErrorCode::format);
  CHECK(parse_fail(sheet_doc("<Column ss:Index=\"16385\"/>")).code == ErrorCode::format);
  // Cells walking past XFD without any Index.
  std::string row = "<Row ss:Index=\"2\"><Cell ss:Index=\"16384\"/>";
  row += "<Cell><Data ss:Type=\"String\">x</Data></Cell></Row>";
  const Error past = parse_fail(sheet_doc(row));
  CHECK(past.code == ErrorCode::limit);
  CHECK(past.message.find("收入总表!XFD2") != std::string::npos);
}

TEST_CASE("a Number that is not a number names its cell", "[spreadsheetml][corrupt]") {
  const Error e = parse_fail(
      sheet_doc(
          "<Row/><Row><Cell ss:Index=\"3\"><Data ss:Type=\"Number\">12,5x</Data></Cell></Row>"),
      {}, Lang::zh);
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("bad.xml：收入总表!C2") != std::string::npos);
  CHECK(e.message.find("12,5x") != std::string::npos);
}

TEST_CASE("a huge cell text hits the text limit", "[spreadsheetml][corrupt]") {
  sml::Limits small;
  small.max_text_bytes = 1000;
  const std::string xml = sheet_doc("<Row><Cell><Data ss:Type=\"String\">" +
                                    std::string(5000, 'x') + "</Data></Cell></Row>");
  const Error e = parse_fail(xml, small);
  CHECK(e.code == ErrorCode::limit);
  CHECK(e.message.find("收入总表!A1") != std::string::npos);
}

TEST_CASE("cell, sheet, style and merge counts are limited", "[spreadsheetml][corrupt]") {
  sml::Limits small;
  small.max_cells = 3;
  small.max_sheets = 1;
  small.max_styles = 1;
  small.max_merges = 1;
  std::string cells = "<Row>";
  for (int i = 0; i < 5; ++i) cells += "<Cell><Data ss:Type=\"Number\">1</Data></Cell>";
  cells += "</Row>";
  CHECK(parse_fail(sheet_doc(cells), small).code == ErrorCode::limit);
  CHECK(parse_fail(kHead + "<Worksheet/><Worksheet/></Workbook>", small).code == ErrorCode::limit);
  CHECK(parse_fail(kHead + "<Styles><Style ss:ID=\"a\"/><Style ss:ID=\"b\"/></Styles></Workbook>",
                   small)
            .code == ErrorCode::limit);
  CHECK(parse_fail(sheet_doc("<Row><Cell ss:MergeAcross=\"1\"/><Cell ss:MergeAcross=\"1\"/></Row>"),
                   small)
            .code == ErrorCode::limit);
}

TEST_CASE("a file larger than the limit is refused", "[spreadsheetml][corrupt]") {
  sml::Limits tiny;
  tiny.max_file_bytes = 64;
  CHECK(parse_fail(sheet_doc(""), tiny).code == ErrorCode::limit);
  test::TempDir dir("smlbig");
  test::write_file(dir / "big.xml", sheet_doc(""));
  sml::SpreadsheetMLFormat format(tiny);
  Workbook book;
  Status st = format.read(dir / "big.xml", {}, book);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::limit);
}

TEST_CASE("invalid UTF-8 and bad GB2312 bytes are refused", "[spreadsheetml][corrupt]") {
  CHECK(parse_fail(sheet_doc("<Row><Cell><Data ss:Type=\"String\">\xFF\xFE</Data></Cell></Row>"))
            .code == ErrorCode::format);
  const std::string gb = "<?xml version=\"1.0\" encoding=\"gbk\"?>" +
                         sheet_doc("<Row><Cell><Data ss:Type=\"String\">\x80</Data></Cell></Row>")
                             .substr(kHead.find("<Workbook"));
  CHECK(parse_fail(gb).code == ErrorCode::format);
}

TEST_CASE("mismatched tags are a format error with a line number", "[spreadsheetml][corrupt]") {
  const Error e = parse_fail(kHead + "\n<Worksheet>\n<Table></Row></Worksheet></Workbook>");
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("line 4") != std::string::npos);
}

TEST_CASE("deep nesting does not exhaust the stack", "[spreadsheetml][corrupt]") {
  std::string deep = kHead + "<Worksheet ss:Name=\"d\"><Table><Row><Cell><Data ss:Type=\"String\">";
  for (int i = 0; i < 100000; ++i) deep += "<B>";
  deep += "x";
  for (int i = 0; i < 100000; ++i) deep += "</B>";
  deep += "</Data></Cell></Row></Table></Worksheet></Workbook>";
  Workbook book;
  Status st = sml::read_spreadsheetml(deep, {}, "deep.xml", Lang::en, book);
  REQUIRE(st.ok());
  CHECK(book.sheets[0].text(0, 0) == "x");
}
