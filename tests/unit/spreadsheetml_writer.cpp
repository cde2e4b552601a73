// SpreadsheetML writer: document shape, styles, merges, escaping, refusals.
#include <catch2/catch.hpp>

#include "spreadsheetml_format.hpp"
#include "test_support.hpp"

using namespace budconv;
namespace sml = budconv::spreadsheetml;

namespace {

std::string write_ok(const Workbook& book) {
  auto r = sml::write_spreadsheetml(book, "out.xml", Lang::zh);
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("the document announces itself to Excel and declares the namespaces", "[spreadsheetml]") {
  Workbook book;
  book.add_sheet("表1").set(0, 0, Cell::make_text("x"));
  const std::string xml = write_ok(book);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application "
                  "progid=\"Excel.Sheet\"?>\n",
                  0) == 0);
  CHECK(contains(xml, "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\""));
  CHECK(contains(xml, "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\""));
  CHECK(contains(xml, "<Worksheet ss:Name=\"表1\">"));
  CHECK(contains(xml, "<Cell><Data ss:Type=\"String\">x</Data></Cell>"));
  CHECK(sml::sniff_spreadsheetml(xml.substr(0, 4096), "out.xml") == Sniff::yes);
}

TEST_CASE("styles are shared per (format, bold) and numbered by first use", "[spreadsheetml]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  Cell head = Cell::make_text("合计");
  head.bold = true;
  s.set(0, 0, head);
  s.set(0, 1, Cell::make_number("90816893.00", "#,##0.00"));
  s.set(1, 1, Cell::make_number("1", "#,##0.00"));
  s.set(1, 0, head);
  const std::string xml = write_ok(book);
  CHECK(contains(xml,
                 "<Style ss:ID=\"s1\">\n   <Font ss:FontName=\"宋体\" x:CharSet=\"134\" "
                 "ss:Size=\"11\" ss:Bold=\"1\"/>"));
  CHECK(contains(xml, "<Style ss:ID=\"s2\">\n   <NumberFormat ss:Format=\"#,##0.00\"/>"));
  CHECK_FALSE(contains(xml, "ss:ID=\"s3\""));
  CHECK(
      contains(xml, "<Cell ss:StyleID=\"s2\"><Data ss:Type=\"Number\">90816893.00</Data></Cell>"));
}

TEST_CASE("indexes appear only at gaps, merges push the cursor", "[spreadsheetml]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_text("title"));
  s.merges.push_back({{0, 0}, {0, 2}});
  s.set(0, 3, Cell::make_text("after"));   // follows the merge: no Index
  s.set(0, 1, Cell::make_text("hidden"));  // covered by the merge: not written
  s.set(2, 4, Cell::make_text("gap"));
  s.merges.push_back({{5, 1}, {6, 1}});  // a merge without a stored cell
  const std::string xml = write_ok(book);
  CHECK(contains(
      xml,
      "<Row>\n    <Cell ss:MergeAcross=\"2\"><Data ss:Type=\"String\">title</Data></Cell>\n"
      "    <Cell><Data ss:Type=\"String\">after</Data></Cell>"));
  CHECK_FALSE(contains(xml, "hidden"));
  CHECK(contains(
      xml,
      "<Row ss:Index=\"3\">\n    <Cell ss:Index=\"5\"><Data ss:Type=\"String\">gap</Data></Cell>"));
  CHECK(contains(xml, "<Row ss:Index=\"6\">\n    <Cell ss:Index=\"2\" ss:MergeDown=\"1\"/>"));
}

TEST_CASE("overlapping merges keep the first; one-cell merges are dropped", "[spreadsheetml]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.merges.push_back({{0, 0}, {1, 1}});
  s.merges.push_back({{1, 1}, {2, 2}});
  s.merges.push_back({{4, 4}, {4, 4}});
  const std::string xml = write_ok(book);
  CHECK(contains(xml, "ss:MergeAcross=\"1\" ss:MergeDown=\"1\""));
  CHECK_FALSE(contains(xml, "<Row ss:Index=\"2\">"));
  CHECK_FALSE(contains(xml, "<Row ss:Index=\"5\">"));
}

TEST_CASE("text is escaped; CR and LF survive as character references", "[spreadsheetml]") {
  Workbook book;
  book.add_sheet("a&b<c>\"d\"").set(0, 0, Cell::make_text("x < y & \"z\"\r\nnext\tcol"));
  const std::string xml = write_ok(book);
  CHECK(contains(xml, "ss:Name=\"a&amp;b&lt;c&gt;&quot;d&quot;\""));
  CHECK(contains(xml, ">x &lt; y &amp; \"z\"&#13;&#10;next\tcol</Data>"));
}

TEST_CASE("types are written with their SpreadsheetML names", "[spreadsheetml]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  Cell b;
  b.type = CellType::boolean;
  b.text = "FALSE";
  Cell e;
  e.type = CellType::error;
  e.text = "#N/A";
  Cell d;
  d.type = CellType::date;
  d.text = "2020-12-31T08:30:00";
  Cell t;
  t.type = CellType::date;
  t.text = "08:30:00";
  Cell f = Cell::make_number("3");
  f.formula = "A1+B1";
  s.set(0, 0, b);
  s.set(0, 1, e);
  s.set(0, 2, d);
  s.set(0, 3, t);
  s.set(1, 2, f);
  s.set(1, 3, Cell::make_number("not a number"));
  const std::string xml = write_ok(book);
  CHECK(contains(xml, "<Data ss:Type=\"Boolean\">0</Data>"));
  CHECK(contains(xml, "<Data ss:Type=\"Error\">#N/A</Data>"));
  CHECK(contains(xml, "<Data ss:Type=\"DateTime\">2020-12-31T08:30:00.000</Data>"));
  CHECK(contains(xml, "<Data ss:Type=\"DateTime\">1899-12-31T08:30:00.000</Data>"));
  CHECK(contains(xml, "<NumberFormat ss:Format=\"yyyy-mm-dd hh:mm:ss\"/>"));
  CHECK(contains(xml, "ss:Formula=\"=R[-1]C[-2]+R[-1]C[-1]\"><Data ss:Type=\"Number\">3</Data>"));
  CHECK(contains(xml, "<Data ss:Type=\"String\">not a number</Data>"));
}

TEST_CASE("hidden sheets, frozen rows and column widths are written", "[spreadsheetml]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.hidden = true;
  s.frozen_rows = 3;
  s.column_widths[0] = 12.5;
  s.column_widths[4] = 8.43;
  const std::string xml = write_ok(book);
  CHECK(contains(xml, "<Column ss:Index=\"1\" ss:AutoFitWidth=\"0\" ss:Width=\"69.38\"/>"));
  CHECK(contains(xml, "<Column ss:Index=\"5\" ss:AutoFitWidth=\"0\" ss:Width=\"48.01\"/>"));
  CHECK(contains(xml, "<Visible>SheetHidden</Visible>"));
  CHECK(contains(xml, "<SplitHorizontal>3</SplitHorizontal>"));
}

TEST_CASE("control characters and invalid UTF-8 are refused naming the cell", "[spreadsheetml]") {
  Workbook book;
  book.add_sheet("收入总表").set(3, 1, Cell::make_text("bell\x07"));
  auto r = sml::write_spreadsheetml(book, "out.xml", Lang::zh);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::invalid_value);
  CHECK(contains(r.error().message, "out.xml：收入总表!B4"));
  Workbook bad;
  bad.add_sheet("s").set(0, 0, Cell::make_text("\xFF"));
  auto r2 = sml::write_spreadsheetml(bad, "out.xml", Lang::en);
  REQUIRE_FALSE(r2.ok());
  CHECK(contains(r2.error().message, "out.xml: s!A1: the cell text is not valid UTF-8"));
}

TEST_CASE("a workbook without sheets cannot be written", "[spreadsheetml]") {
  auto r = sml::write_spreadsheetml(Workbook{}, "out.xml", Lang::en);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::invalid_value);
}

TEST_CASE("the written document is well-formed XML for xmllint", "[spreadsheetml]") {
  Workbook book;
  Sheet& s = book.add_sheet("收入总表");
  s.set(0, 0, Cell::make_text("a & b <c>"));
  s.set(1, 1, Cell::make_number("1.5", "0.00"));
  s.merges.push_back({{0, 0}, {0, 3}});
  test::TempDir dir("smlw");
  sml::SpreadsheetMLFormat format;
  REQUIRE(format.write(book, dir / "out.xml", {}).ok());
  const test::RunResult r = test::run({"xmllint", "--noout", (dir / "out.xml").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
}
