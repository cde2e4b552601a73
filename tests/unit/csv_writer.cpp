// CSV/TSV writer: quoting, encodings, sheet choice, merges, exact numbers.
#include <catch2/catch.hpp>

#include "csv_format.hpp"
#include "test_support.hpp"

using namespace budconv;

namespace {

Options with(std::initializer_list<std::pair<const std::string, std::string>> values) {
  Options o;
  o.values = values;
  return o;
}

std::string write_ok(const Workbook& book, const Options& options = {}, char delimiter = ',') {
  auto r = csv::write_delimited(book, options, delimiter, "out.csv");
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

Workbook two_sheets() {
  Workbook book;
  Sheet& a = book.add_sheet("收入总表");
  a.set(0, 0, Cell::make_text("收入"));
  Sheet& b = book.add_sheet("支出总表");
  b.set(0, 0, Cell::make_text("支出"));
  return book;
}

}  // namespace

TEST_CASE("fields are quoted only when they must be, records end in CRLF", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_text("plain"));
  s.set(0, 1, Cell::make_text("a,b"));
  s.set(0, 2, Cell::make_text("say \"hi\""));
  s.set(1, 0, Cell::make_text("two\nlines"));
  s.set(1, 2, Cell::make_text("cr\ronly"));
  CHECK(write_ok(book) ==
        "plain,\"a,b\",\"say \"\"hi\"\"\"\r\n"
        "\"two\nlines\",,\"cr\ronly\"\r\n");
  // With ';' a comma needs no quotes, a semicolon does.
  CHECK(write_ok(book, with({{"delimiter", ";"}})).rfind("plain;a,b;", 0) == 0);
}

TEST_CASE("rows are padded to the sheet's width and gaps become empty records", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 2, Cell::make_text("c"));
  s.set(2, 0, Cell::make_text("a"));
  CHECK(write_ok(book) == ",,c\r\n,,\r\na,,\r\n");
}

TEST_CASE("numbers are written with their exact text", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_number("90816893.00", "#,##0.00"));
  s.set(0, 1, Cell::make_number("2101202"));
  // A fixed-decimals format fills the decimals a double dropped (1234.50 stored as 1234.5).
  s.set(0, 2, Cell::make_number("1234.5", "0.00"));
  s.set(0, 3, Cell::make_number("7", "0.0"));
  s.set(0, 4, Cell::make_number("0.125", "0.00"));  // never rounded
  CHECK(write_ok(book) == "90816893.00,2101202,1234.50,7.0,0.125\r\n");
}

TEST_CASE("booleans, dates and errors are written as their text", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  Cell b;
  b.type = CellType::boolean;
  b.text = "TRUE";
  Cell d;
  d.type = CellType::date;
  d.text = "2020-12-31";
  d.number = 44196;
  Cell e;
  e.type = CellType::error;
  e.text = "#DIV/0!";
  s.set(0, 0, b);
  s.set(0, 1, d);
  s.set(0, 2, e);
  CHECK(write_ok(book) == "TRUE,2020-12-31,#DIV/0!\r\n");
}

TEST_CASE("a merged range is written with its value in the top-left cell only", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_text("部门预算收入总表"));
  s.set(0, 1, Cell::make_text("stale copy"));
  s.set(1, 0, Cell::make_text("x"));
  s.merges.push_back({{0, 0}, {0, 2}});
  CHECK(write_ok(book) == "部门预算收入总表,,\r\nx,,\r\n");
}

TEST_CASE("without a sheet option the first sheet is written", "[csv]") {
  CHECK(write_ok(two_sheets()) == "收入\r\n");
}

TEST_CASE("the sheet option picks a sheet by name or by 1-based position", "[csv]") {
  CHECK(write_ok(two_sheets(), with({{"sheet", "支出总表"}})) == "支出\r\n");
  CHECK(write_ok(two_sheets(), with({{"sheet", "2"}})) == "支出\r\n");
  auto r = csv::write_delimited(two_sheets(), with({{"sheet", "基本支出表"}}), ',', "out.csv");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::usage);
  CHECK(r.error().message.find("收入总表、支出总表") != std::string::npos);
}

TEST_CASE("UTF-8 has no BOM unless asked for", "[csv]") {
  const Workbook book = two_sheets();
  CHECK(write_ok(book).rfind("\xEF\xBB\xBF", 0) == std::string::npos);
  CHECK(write_ok(book, with({{"bom", "true"}})) == "\xEF\xBB\xBF收入\r\n");
  CHECK(write_ok(book, with({{"encoding", "utf-8-bom"}})) == "\xEF\xBB\xBF收入\r\n");
  auto bad = csv::write_delimited(book, with({{"bom", "maybe"}}), ',', "out.csv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::usage);
}

TEST_CASE("encoding=gb18030 writes GB18030 bytes", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_number("450"));
  s.set(0, 1, Cell::make_text("威县医疗保障局"));
  CHECK(write_ok(book, with({{"encoding", "gb18030"}})) ==
        "450,\xCD\xFE\xCF\xD8\xD2\xBD\xC1\xC6\xB1\xA3\xD5\xCF\xBE\xD6\r\n");
}

TEST_CASE("encoding=utf-16le writes Excel's Unicode text", "[csv]") {
  Workbook book;
  book.add_sheet("t").set(0, 0, Cell::make_text("a"));
  CHECK(write_ok(book, with({{"encoding", "utf-16le"}}), '\t') == std::string("\xFF\xFE"
                                                                              "a\0\r\0\n\0",
                                                                              8));
}

TEST_CASE("text that cannot be encoded is an error naming the cell", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("收入总表");
  s.set(0, 0, Cell::make_text("ok"));
  s.set(1, 1, Cell::make_text("bad \xFF bytes"));
  for (const char* enc : {"gb18030", "utf-8"}) {
    INFO(enc);
    auto r = csv::write_delimited(book, with({{"encoding", enc}}), ',', "out.csv");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_value);
    CHECK(r.error().message.find("out.csv：收入总表!B2") != std::string::npos);
  }
}

TEST_CASE("an empty workbook writes an empty file", "[csv]") {
  CHECK(write_ok(Workbook{}).empty());
}

TEST_CASE("a stray far cell does not pad the output to gigabytes", "[csv]") {
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_text("a"));
  s.set(200000, 16000, Cell::make_text("z"));
  const std::string out = write_ok(book);
  CHECK(out.size() < 1'000'000);
  CHECK(out.rfind(std::string(16000, ',') + "z\r\n") == out.size() - 16003);
}

TEST_CASE("the format writes exactly the requested path", "[csv]") {
  test::TempDir dir("csvw");
  csv::DelimitedFormat tsv(csv::tsv_dialect());
  Workbook book;
  Sheet& s = book.add_sheet("t");
  s.set(0, 0, Cell::make_text("a,b"));
  s.set(0, 1, Cell::make_text("c\td"));
  REQUIRE(tsv.write(book, dir / "x.tsv", {}).ok());
  CHECK(test::read_file(dir / "x.tsv") == "a,b\t\"c\td\"\r\n");
}
