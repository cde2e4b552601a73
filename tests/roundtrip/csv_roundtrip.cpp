// Workbook → CSV/TSV file → Workbook keeps every value, in UTF-8, UTF-8 BOM, GB18030, UTF-16LE.
#include <catch2/catch.hpp>

#include "csv_format.hpp"
#include "test_support.hpp"

using namespace budconv;

namespace {

/// A sheet in the form the reader produces: typed the way the reader types fields.
Sheet budget_sheet() {
  Sheet s;
  s.name = "收入总表";
  const char* header[] = {"功能分类科目编码", "科目名称", "合计", "备注"};
  for (std::uint32_t c = 0; c < 4; ++c) s.set(0, c, Cell::make_text(header[c]));
  s.set(1, 0, Cell::make_number("2101202"));
  s.set(1, 1, Cell::make_text("行政运行"));
  s.set(1, 2, Cell::make_number("445900.00", "0.00"));
  s.set(1, 3, Cell::make_text("含 \"年终一次性奖金\", 28600.00 元"));
  s.set(2, 0, Cell::make_text("030101"));
  s.set(2, 1, Cell::make_text("多行\n名称\r\n第三行"));
  s.set(2, 2, Cell::make_number("-0.5"));
  s.set(2, 3, Cell::make_text(" 前后空格 "));
  s.set(4, 0, Cell::make_text("130533199001011234"));
  s.set(4, 1, Cell::make_text("€😀 é ；全角；"));
  s.set(4, 2, Cell::make_number("0"));
  s.set(4, 3, Cell::make_text("a;b|c\td"));
  return s;
}

void check_same_cells(const Sheet& want, const Sheet& got) {
  CHECK(got.cell_count() == want.cell_count());
  for (const auto& [r, cells] : want.rows) {
    for (const auto& [c, cell] : cells) {
      INFO("cell " << a1(r, c));
      const Cell* g = got.find(r, c);
      REQUIRE(g != nullptr);
      CHECK(g->type == cell.type);
      CHECK(g->text == cell.text);
      CHECK(g->number_format == cell.number_format);
      CHECK(*g == cell);
    }
  }
}

Workbook round_trip(const Sheet& sheet, const csv::Dialect& dialect, const Options& write_options,
                    std::string* bytes = nullptr) {
  test::TempDir dir("csvrt");
  const auto path = dir / ("收入总表." + dialect.extensions.front());
  csv::DelimitedFormat format(dialect);
  Workbook book;
  book.sheets.push_back(sheet);
  Status w = format.write(book, path, write_options);
  INFO((w.ok() ? std::string() : w.error().message));
  REQUIRE(w.ok());
  if (bytes) *bytes = test::read_file(path);
  Workbook back;
  Status r = format.read(path, {}, back);  // the encoding is detected, never told
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  REQUIRE(back.sheets.size() == 1);
  CHECK(back.sheets[0].name == "收入总表");
  return back;
}

Options with(std::initializer_list<std::pair<const std::string, std::string>> values) {
  Options o;
  o.values = values;
  return o;
}

}  // namespace

TEST_CASE("csv round trip in UTF-8 keeps every value", "[csv][roundtrip]") {
  std::string bytes;
  const Workbook back = round_trip(budget_sheet(), csv::csv_dialect(), {}, &bytes);
  CHECK(bytes.rfind("功能分类科目编码,", 0) == 0);
  check_same_cells(budget_sheet(), back.sheets[0]);
}

TEST_CASE("csv round trip in UTF-8 with BOM keeps every value", "[csv][roundtrip]") {
  std::string bytes;
  const Workbook back =
      round_trip(budget_sheet(), csv::csv_dialect(), with({{"bom", "true"}}), &bytes);
  CHECK(bytes.rfind("\xEF\xBB\xBF", 0) == 0);
  check_same_cells(budget_sheet(), back.sheets[0]);
}

TEST_CASE("csv round trip in GB18030 keeps every value", "[csv][roundtrip]") {
  std::string bytes;
  const Workbook back =
      round_trip(budget_sheet(), csv::csv_dialect(), with({{"encoding", "gb18030"}}), &bytes);
  CHECK(bytes.find("\xD0\xD0\xD5\xFE\xD4\xCB\xD0\xD0") != std::string::npos);  // 行政运行
  CHECK(bytes.find("行政运行") == std::string::npos);
  check_same_cells(budget_sheet(), back.sheets[0]);
}

TEST_CASE("tsv round trip in UTF-16LE keeps every value", "[csv][roundtrip]") {
  std::string bytes;
  const Workbook back =
      round_trip(budget_sheet(), csv::tsv_dialect(), with({{"encoding", "utf-16le"}}), &bytes);
  CHECK(bytes.rfind("\xFF\xFE", 0) == 0);
  check_same_cells(budget_sheet(), back.sheets[0]);
}

TEST_CASE("semicolon-separated round trip keeps every value", "[csv][roundtrip]") {
  Workbook book;
  book.sheets.push_back(budget_sheet());
  auto text = csv::write_delimited(book, with({{"delimiter", ";"}}), ',', "x.csv");
  REQUIRE(text.ok());
  Workbook back;
  REQUIRE(csv::read_delimited(text.value(), "s", with({{"delimiter", ";"}}), ',', csv::Limits{},
                              "x.csv", back)
              .ok());
  check_same_cells(budget_sheet(), back.sheets[0]);
}

TEST_CASE("csv → workbook → csv reproduces the file byte for byte", "[csv][roundtrip]") {
  const std::string original =
      "代码,名称,金额\r\n2101202,行政运行,445900.00\r\n030101,\"a,b\",0.5\r\n,,\r\nx,\"q\"\"q\","
      "\r\n";
  Workbook book;
  REQUIRE(csv::read_delimited(original, "s", {}, ',', csv::Limits{}, "x.csv", book).ok());
  auto again = csv::write_delimited(book, {}, ',', "x.csv");
  REQUIRE(again.ok());
  // Padding to the sheet's width brings the empty record and the empty last field back too.
  CHECK(again.value() == original);
}
