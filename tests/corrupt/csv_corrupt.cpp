// Hostile CSV input: every case ends in a one-line Error, never a crash, hang or huge allocation.
#include <catch2/catch.hpp>
#include <random>

#include "csv_format.hpp"
#include "test_support.hpp"

using namespace budconv;

namespace {

Error read_fail(const std::string& bytes, const csv::Limits& limits = {}, Options options = {}) {
  Workbook book;
  Status st = csv::read_delimited(bytes, "t", options, ',', limits, "bad.csv", book);
  REQUIRE_FALSE(st.ok());
  CHECK(book.sheets.empty());
  CHECK(st.error().message.find('\n') == std::string::npos);  // one line
  CHECK(st.error().message.find("bad.csv") != std::string::npos);
  return st.error();
}

}  // namespace

TEST_CASE("binary garbage is refused", "[csv][corrupt]") {
  std::mt19937 rng(20240521);
  std::string bytes(64 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  const Error e = read_fail(bytes);
  CHECK(e.code == ErrorCode::format);
}

TEST_CASE("NUL bytes in otherwise valid text are refused", "[csv][corrupt]") {
  const Error e = read_fail(std::string("a,b\nc,\0d\n", 9));
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("B2") != std::string::npos);
  CHECK(e.message.find("NUL") != std::string::npos);
}

TEST_CASE("a huge field hits the field limit", "[csv][corrupt]") {
  const csv::Limits limits;
  const std::string huge = "a,\"" + std::string(limits.max_field_bytes + 10, 'x') + "\"\n";
  const Error e = read_fail(huge);
  CHECK(e.code == ErrorCode::limit);
  CHECK(e.message.find("B1") != std::string::npos);
  // Unquoted too.
  CHECK(read_fail(std::string(limits.max_field_bytes + 1, 'y')).code == ErrorCode::limit);
}

TEST_CASE("too many rows, columns or cells hit their limits", "[csv][corrupt]") {
  csv::Limits small;
  small.max_rows = 10;
  small.max_columns = 5;
  small.max_cells = 20;
  std::string rows;
  for (int i = 0; i < 11; ++i) rows += "x\n";
  CHECK(read_fail(rows, small).code == ErrorCode::limit);
  CHECK(read_fail("1,2,3,4,5,6\n", small).code == ErrorCode::limit);
  std::string cells;
  for (int i = 0; i < 6; ++i) cells += "1,2,3,4\n";
  CHECK(read_fail(cells, small).code == ErrorCode::limit);
  // Blank fields cost nothing and are not counted.
  Workbook book;
  REQUIRE(csv::read_delimited(",,,,\n,,,,\n", "t", {}, ',', small, "ok.csv", book).ok());
}

TEST_CASE("a file larger than the file limit is refused before parsing", "[csv][corrupt]") {
  csv::Limits tiny;
  tiny.max_file_bytes = 100;
  CHECK(read_fail(std::string(101, 'a'), tiny).code == ErrorCode::limit);
  test::TempDir dir("csvbig");
  test::write_file(dir / "big.csv", std::string(200, 'a'));
  csv::DelimitedFormat format(csv::csv_dialect(), tiny);
  Workbook book;
  Status st = format.read(dir / "big.csv", {}, book);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::limit);
}

TEST_CASE("invalid UTF-8 in a file forced as UTF-8 is refused with its place", "[csv][corrupt]") {
  Options o;
  o.values["encoding"] = "utf-8";
  o.lang = Lang::en;
  const Error e = read_fail("ok\n\xC0\xAF,x\n", {}, o);
  CHECK(e.code == ErrorCode::format);
  CHECK(e.message.find("line 2, cell A2") != std::string::npos);
}

TEST_CASE("a GB18030 file cut inside a character is refused", "[csv][corrupt]") {
  Options o;
  o.values["encoding"] = "gb18030";
  const Error e = read_fail("\xCD\xFE\xCF", {}, o);
  CHECK(e.code == ErrorCode::format);
}

TEST_CASE("truncated CSV: every prefix either reads or fails cleanly", "[csv][corrupt]") {
  const std::string full =
      "代码,\"名称\nwith break\",金额\r\n2101202,\"行政\"\"运行\"\"\",445900.00\r\n";
  for (std::size_t n = 0; n <= full.size(); ++n) {
    Workbook book;
    Status st = csv::read_delimited(full.substr(0, n), "t", {}, ',', {}, "cut.csv", book);
    if (!st.ok()) {
      CHECK(st.error().code == ErrorCode::format);
      CHECK_FALSE(st.error().message.empty());
    }
  }
}

TEST_CASE("missing files and directories are io errors", "[csv][corrupt]") {
  test::TempDir dir("csvio");
  csv::DelimitedFormat format(csv::csv_dialect());
  Workbook book;
  Status missing = format.read(dir / "nope.csv", {}, book);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::io);
  Status directory = format.read(dir.path(), {}, book);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.error().code == ErrorCode::io);
}

TEST_CASE("an XML bomb in a .csv file is just text", "[csv][corrupt]") {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">\n"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>\n";
  Workbook book;
  REQUIRE(csv::read_delimited(bomb, "t", {}, ',', {}, "bomb.csv", book).ok());
  CHECK(book.sheets[0].text(3, 0) == "<lolz>&lol2;</lolz>");
}
