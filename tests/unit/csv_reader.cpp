// CSV/TSV reader: RFC 4180 quoting, line ends, delimiters, encodings, cautious number typing.
#include <catch2/catch.hpp>

#include "budconv/encoding.hpp"
#include "csv_format.hpp"
#include "test_support.hpp"

using namespace budconv;
using budconv::csv::read_delimited;

namespace {

const std::string kWeiGb = "\xCD\xFE\xCF\xD8\xD2\xBD\xC1\xC6\xB1\xA3\xD5\xCF\xBE\xD6";

/// Reads `bytes` as CSV (or with `options`), requiring success.
Sheet read_ok(const std::string& bytes, Options options = {}, char delimiter = ',') {
  Workbook book;
  Status st = read_delimited(bytes, "t", options, delimiter, csv::Limits{}, "t.csv", book);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  REQUIRE(book.sheets.size() == 1);
  return book.sheets.front();
}

/// Reads `bytes`, requiring failure; returns the error.
Error read_fail(const std::string& bytes, Options options = {}, char delimiter = ',') {
  Workbook book;
  Status st = read_delimited(bytes, "t", options, delimiter, csv::Limits{}, "t.csv", book);
  REQUIRE_FALSE(st.ok());
  CHECK(book.sheets.empty());
  return st.error();
}

Options with(std::initializer_list<std::pair<const std::string, std::string>> values) {
  Options o;
  o.values = values;
  return o;
}

}  // namespace

TEST_CASE("plain CSV fills one sheet row by row", "[csv]") {
  const Sheet s = read_ok("代码,名称,金额\r\n2101202,行政运行,445900.00\r\n");
  CHECK(s.text(0, 0) == "代码");
  CHECK(s.text(0, 2) == "金额");
  CHECK(s.text(1, 1) == "行政运行");
  CHECK(s.text(1, 2) == "445900.00");
  CHECK(s.cell_count() == 6);
  CHECK(s.rows.size() == 2);
}

TEST_CASE("RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes", "[csv]") {
  const Sheet s = read_ok(
      "\"a,b\",\"he said \"\"hi\"\"\",\"line1\r\nline2\",\"\"\r\n"
      "x,\"lf\nonly\",\"\"\"\"\n");
  CHECK(s.text(0, 0) == "a,b");
  CHECK(s.text(0, 1) == "he said \"hi\"");
  CHECK(s.text(0, 2) == "line1\r\nline2");
  CHECK(s.find(0, 3) == nullptr);  // "" is blank, and blank is not stored
  CHECK(s.text(1, 0) == "x");
  CHECK(s.text(1, 1) == "lf\nonly");
  CHECK(s.text(1, 2) == "\"");
}

TEST_CASE("quotes inside an unquoted field and text after a closing quote are kept", "[csv]") {
  const Sheet s = read_ok("5\" disk,\"ab\"cd,e\n");
  CHECK(s.text(0, 0) == "5\" disk");
  CHECK(s.text(0, 1) == "abcd");
  CHECK(s.text(0, 2) == "e");
}

TEST_CASE("LF, CRLF and CR-only line ends all end a record", "[csv]") {
  for (const std::string nl : {"\n", "\r\n", "\r"}) {
    INFO("newline bytes: " << nl.size());
    const Sheet s = read_ok("a,b" + nl + "c,d" + nl + nl + "e" + nl);
    CHECK(s.text(0, 1) == "b");
    CHECK(s.text(1, 0) == "c");
    CHECK(s.rows.count(2) == 0);  // the empty line is an empty row
    CHECK(s.text(3, 0) == "e");
    CHECK(s.rows.size() == 3);
  }
}

TEST_CASE("a CR-only file with a quoted CR keeps the CR in the value", "[csv]") {
  const Sheet s = read_ok("h1,h2\r\"x\ry\",z\r");
  CHECK(s.text(1, 0) == "x\ry");
  CHECK(s.text(1, 1) == "z");
}

TEST_CASE("the last record may lack a line end; trailing delimiters make blank fields", "[csv]") {
  const Sheet s = read_ok("a,\nb,c");
  CHECK(s.text(0, 0) == "a");
  CHECK(s.find(0, 1) == nullptr);
  CHECK(s.text(1, 1) == "c");
  CHECK(read_ok("").rows.empty());
}

TEST_CASE("the delimiter option accepts , ; tab | and rejects others", "[csv]") {
  CHECK(read_ok("a;b\n", with({{"delimiter", ";"}})).text(0, 1) == "b");
  CHECK(read_ok("a|b\n", with({{"delimiter", "|"}})).text(0, 1) == "b");
  CHECK(read_ok("a\tb\n", with({{"delimiter", "tab"}})).text(0, 1) == "b");
  CHECK(read_ok("a\tb\n", with({{"delimiter", "\\t"}})).text(0, 1) == "b");
  CHECK(read_ok("a\tb,c\n", {}, '\t').text(0, 1) == "b,c");  // the TSV default
  const Error e = read_fail("a\n", with({{"delimiter", "x"}}));
  CHECK(e.code == ErrorCode::usage);
  CHECK(e.message.find("delimiter") != std::string::npos);
}

TEST_CASE("codes keep their exact text; only plain decimals become numbers", "[csv]") {
  const Sheet s = read_ok(
      "2101202,030101,0.5,1234.50,-0,\"1,234.56\",130533199001011234,1e5, 12,+5,5.,.5,-3.25,0\n");
  const auto type = [&](std::uint32_t c) { return s.find(0, c)->type; };
  CHECK(type(0) == CellType::number);
  CHECK(s.text(0, 0) == "2101202");
  CHECK(type(1) == CellType::text);  // leading zero: a code
  CHECK(s.text(0, 1) == "030101");
  CHECK(type(2) == CellType::number);
  CHECK(s.find(0, 2)->number == Approx(0.5));
  CHECK(type(3) == CellType::number);
  CHECK(s.text(0, 3) == "1234.50");
  CHECK(s.find(0, 3)->number_format == "0.00");  // the published decimals are remembered
  CHECK(type(4) == CellType::text);              // "-0"
  CHECK(type(5) == CellType::text);              // thousands separators
  CHECK(type(6) == CellType::text);              // 18 digits do not survive a double
  CHECK(s.text(0, 6) == "130533199001011234");
  CHECK(type(7) == CellType::text);  // exponent
  CHECK(type(8) == CellType::text);  // leading space
  CHECK(s.text(0, 8) == " 12");
  CHECK(type(9) == CellType::text);   // explicit plus
  CHECK(type(10) == CellType::text);  // "5."
  CHECK(type(11) == CellType::text);  // ".5"
  CHECK(type(12) == CellType::number);
  CHECK(s.find(0, 12)->number_format.empty());
  CHECK(type(13) == CellType::number);
}

TEST_CASE("is_plain_number draws the line at 15 significant digits", "[csv]") {
  CHECK(csv::is_plain_number("123456789012345"));
  CHECK_FALSE(csv::is_plain_number("1234567890123456"));
  CHECK(csv::is_plain_number("0.000000000000001"));
  CHECK(csv::is_plain_number("-90816893.00"));
  CHECK_FALSE(csv::is_plain_number(""));
  CHECK_FALSE(csv::is_plain_number("-"));
  CHECK_FALSE(csv::is_plain_number("00"));
  CHECK_FALSE(csv::is_plain_number("１２"));  // full-width digits stay text
}

TEST_CASE("GB18030 files are detected and decoded", "[csv]") {
  const Sheet s = read_ok("450," + kWeiGb + "\r\n");
  CHECK(s.text(0, 1) == "威县医疗保障局");
  CHECK(s.find(0, 0)->type == CellType::number);
  // Forcing gbk (a GB18030 subset) reads the same bytes the same way.
  CHECK(read_ok(kWeiGb + "\n", with({{"encoding", "gbk"}})).text(0, 0) == "威县医疗保障局");
}

TEST_CASE("a UTF-8 BOM is removed from the first field", "[csv]") {
  const Sheet s = read_ok("\xEF\xBB\xBF代码,名称\n");
  CHECK(s.text(0, 0) == "代码");
  CHECK(read_ok("\xEF\xBB\xBF"
                "a\n",
                with({{"encoding", "utf-8"}}))
            .text(0, 0) == "a");
}

TEST_CASE("Excel's Unicode text (UTF-16LE TSV with BOM) is read", "[csv]") {
  const std::u16string text = u"功能分类科目编码\t科目名称\r\n2101202\t行政运行\r\n";
  std::string bytes("\xFF\xFE", 2);
  for (char16_t c : text) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  const Sheet s = read_ok(bytes, {}, '\t');
  CHECK(s.text(0, 0) == "功能分类科目编码");
  CHECK(s.text(1, 1) == "行政运行");
  CHECK(s.find(1, 0)->type == CellType::number);
}

TEST_CASE("an unterminated quote is an error naming the line where it opened", "[csv]") {
  const Error e = read_fail("a,b\r\n\"x\ny\",z\r\nc,\"never closed\r\nmore\r\n");
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("第 4 行") != std::string::npos);
  CHECK(e.message.find("B3") != std::string::npos);
  Options en;
  en.lang = Lang::en;
  const Error e2 = read_fail("\"open", en);
  CHECK(e2.message.find("t.csv: line 1, cell A1") != std::string::npos);
  CHECK(e2.message.find("never closed") != std::string::npos);
}

TEST_CASE("GBK bytes in a file forced as UTF-8 name the line and the cell", "[csv]") {
  const std::string bytes = "代码,名称\n450,ok\n2101202," + kWeiGb + "\n";
  const Error zh = read_fail(bytes, with({{"encoding", "utf-8"}}));
  CHECK(zh.code == ErrorCode::format);
  CHECK(zh.message.find("t.csv：第 3 行，单元格 B3") != std::string::npos);
  CHECK(zh.message.find("CD FE") != std::string::npos);
  CHECK(zh.message.find("encoding=gb18030") != std::string::npos);
  Options en = with({{"encoding", "utf8"}});
  en.lang = Lang::en;
  const Error e = read_fail(bytes, en);
  CHECK(e.message.find("t.csv: line 3, cell B3") != std::string::npos);
  CHECK(e.message.find("not valid UTF-8") != std::string::npos);
}

TEST_CASE("bad bytes inside a quoted multi-line field are located on their own line", "[csv]") {
  Options en = with({{"encoding", "utf-8"}});
  en.lang = Lang::en;
  const Error e = read_fail("h1,h2\n\"first\nsecond \xFF\",x\n", en);
  CHECK(e.message.find("line 3, cell A2") != std::string::npos);
}

TEST_CASE("bytes that fit neither UTF-8 nor GB18030 are reported, not guessed", "[csv]") {
  Options en;
  en.lang = Lang::en;
  const Error e = read_fail("ok,fine\nbad,\x80\xFF\n", en);
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("line 2, cell B2") != std::string::npos);
  CHECK(e.message.find("neither UTF-8 nor GB18030") != std::string::npos);
}

TEST_CASE("a UTF-8 file with a GBK cell is refused naming the cell, not garbled", "[csv]") {
  Options en;
  en.lang = Lang::en;
  const Error e = read_fail("代码,名称\n2101202,行政运行\n450," + kWeiGb + "\n", en);
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("line 3, cell B3") != std::string::npos);
  CHECK(e.message.find("mixes encodings") != std::string::npos);
}

TEST_CASE("an unknown forced encoding is a usage error", "[csv]") {
  const Error e = read_fail("a\n", with({{"encoding", "ebcdic"}}));
  CHECK(e.code == ErrorCode::usage);
}

TEST_CASE("the csv format reads a file into a sheet named after its stem", "[csv]") {
  test::TempDir dir("csv");
  const auto path = dir / "部门预算收入总表.csv";
  test::write_file(path, "450," + kWeiGb + "\n");
  csv::DelimitedFormat format(csv::csv_dialect());
  Workbook book;
  Status st = format.read(path, {}, book);
  REQUIRE(st.ok());
  REQUIRE(book.sheets.size() == 1);
  CHECK(book.sheets[0].name == "部门预算收入总表");
  CHECK(book.sheets[0].text(0, 1) == "威县医疗保障局");
}

TEST_CASE("sheet names from file names obey Excel's rules", "[csv]") {
  CHECK(csv::sheet_name_for("a[1]:b.csv") == "a_1__b");
  CHECK(csv::sheet_name_for(".csv") == ".csv");  // a dot file: its stem is the whole name
  CHECK(csv::sheet_name_for("/x/y.csv") == "y");
  const std::string long_name(40, 'x');
  CHECK(csv::sheet_name_for(long_name + ".csv").size() == 31);
  CHECK(csv::sheet_name_for(
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三.csv") ==
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
}

TEST_CASE("csv and tsv describe themselves and sniff by name, never claiming binaries", "[csv]") {
  csv::DelimitedFormat c(csv::csv_dialect());
  csv::DelimitedFormat t(csv::tsv_dialect());
  CHECK(c.info().id == "csv");
  CHECK(t.info().id == "tsv");
  CHECK(t.info().extensions == std::vector<std::string>{"tsv", "tab"});
  CHECK(c.info().can_read);
  CHECK(c.info().can_write);
  const auto sniff = [](const csv::DelimitedFormat& f, std::string_view head,
                        std::string_view name) {
    return f.sniff(std::as_bytes(std::span(head.data(), head.size())), name);
  };
  CHECK(sniff(c, "a,b\n", "x.csv") == Sniff::maybe);
  CHECK(sniff(c, "a,b\n", "x.CSV") == Sniff::maybe);
  CHECK(sniff(c, "a,b\n", "x.tsv") == Sniff::no);
  CHECK(sniff(t, "a\tb\n", "x.tab") == Sniff::maybe);
  CHECK(sniff(c, "PK\x03\x04rest", "x.csv") == Sniff::no);
  CHECK(sniff(c, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "x.csv") == Sniff::no);
  CHECK(sniff(c, "<?xml version=\"1.0\"?>", "x.csv") == Sniff::no);
  CHECK(sniff(c, std::string_view("a\0b", 3), "x.csv") == Sniff::no);
  CHECK(sniff(t,
              std::string_view("\xFF\xFE"
                               "a\0\t\0b\0",
                               8),
              "export.txt") == Sniff::maybe);
  CHECK(sniff(c,
              std::string_view("\xFF\xFE"
                               "a\0\t\0b\0",
                               8),
              "export.txt") == Sniff::no);
}

TEST_CASE("the csv plugin hands out both formats", "[csv]") {
  auto plugin = csv::make_plugin();
  REQUIRE(plugin);
  CHECK(plugin->info().id == "csv");
  const auto formats = plugin->containers();
  REQUIRE(formats.size() == 2);
  CHECK(formats[0]->info().id == "csv");
  CHECK(formats[1]->info().id == "tsv");
}
