// The xls reader on real third-party .xls files: values, dates, formulas, merges, sheets.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "xls_test_support.hpp"

using budconv::CellType;
using budconv::ErrorCode;
using budconv::Lang;
using budconv::MergedRange;
using budconv::Sheet;
using xls_test::corpus;
using xls_test::read_xls;

// FreeXL 1.0.6 leaks small blocks on some inputs (12843-1.xls, and error paths after a
// damaged sheet); LeakSanitizer should judge our code here, not the library's.
// Exported, or the sanitizer runtime does not see it under -fvisibility=hidden.
extern "C" __attribute__((visibility("default"), used)) const char* __lsan_default_suppressions() {
  return "leak:libfreexl.so\n";
}

namespace {

/// The cell at an A1 reference; fails the test when it is absent.
const budconv::Cell& at(const Sheet& sheet, const std::string& ref) {
  const auto pos = budconv::parse_a1(ref);
  REQUIRE(pos.has_value());
  const budconv::Cell* c = sheet.find(pos->row, pos->col);
  INFO("cell " << sheet.name << "!" << ref);
  REQUIRE(c != nullptr);
  return *c;
}

bool has_merge(const Sheet& sheet, const std::string& range) {
  return std::any_of(sheet.merges.begin(), sheet.merges.end(),
                     [&](const MergedRange& m) { return m.to_string() == range; });
}

}  // namespace

TEST_CASE("xls reads 1904-system dates as ISO dates", "[xls]") {
  auto r = read_xls(corpus("apache-poi/1904DateWindowing.xls"));
  REQUIRE(r.status.ok());
  CHECK(r.book.date1904);
  const Sheet& s = r.sheet("Sheet1");
  CHECK(at(s, "A1").type == CellType::date);
  CHECK(at(s, "A1").text == "2000-01-01");
  CHECK(at(s, "A1").number == 35064.0);  // the 1904 serial; 1900 would be 36526
  CHECK(at(s, "B1").text == "2000-01-01");

  auto c = read_xls(corpus("calamine/date_1904.xls"));
  REQUIRE(c.status.ok());
  CHECK(c.book.date1904);
  CHECK(at(c.sheet("Sheet1"), "A1").text == "2021-01-01");
  CHECK(at(c.sheet("Sheet1"), "A2").text == "2021-01-02");
  CHECK(at(c.sheet("Sheet1"), "B1").type == CellType::number);
  CHECK(at(c.sheet("Sheet1"), "B1").text == "15");
}

TEST_CASE("xls reads 1900-system dates, including cached date formula results", "[xls]") {
  auto r = read_xls(corpus("apache-poi/Basic_Expense_Template_2011.xls"));
  REQUIRE(r.status.ok());
  CHECK_FALSE(r.book.date1904);
  // I6 is =TODAY() saved on 2014-12-15: FreeXL skips formulas, our scan reads the cached value.
  const auto& i6 = at(r.sheet("EXPENSES"), "I6");
  CHECK(i6.type == CellType::date);
  CHECK(i6.text == "2014-12-15");
  CHECK(i6.number == 41988.0);

  auto p = read_xls(corpus("phpspreadsheet/1904_Calendar.xls"));
  REQUIRE(p.status.ok());
  CHECK(at(p.sheet("Sheet1"), "A1").text == "2022-01-01");
  CHECK(at(p.sheet("Sheet1"), "B1").text == "2021-12-31");  // a formula: A1 - 1
}

TEST_CASE("xls reads the texts, numbers and formats of a real template", "[xls]") {
  auto r = read_xls(corpus("apache-poi/Basic_Expense_Template_2011.xls"));
  REQUIRE(r.status.ok());
  REQUIRE(r.book.sheets.size() == 4);
  CHECK(r.book.sheets[0].name == "EXPENSES");
  CHECK(r.book.sheets[1].name == "EmailXpenC");
  CHECK(r.book.sheets[2].name == "ExpenseTypes");
  CHECK(r.book.sheets[3].name == "Receipt images");
  const Sheet& e = r.sheet("EXPENSES");
  CHECK(at(e, "C2").type == CellType::text);
  CHECK(at(e, "C2").text == "EXPENSE REPORT");
  CHECK(at(e, "B12").text == "Taxi");
  CHECK(at(e, "E12").type == CellType::number);
  CHECK(at(e, "E12").text == "1");
  CHECK(at(e, "E13").text == "2");
  CHECK(at(e, "L12").text == "Sample.pdf");
  CHECK(e.find(10, 0) == nullptr);  // A11: blank stays absent, never zero
  const auto& f11 = at(r.sheet("EmailXpenC"), "F11");
  CHECK(f11.text == "1");
  CHECK(f11.number_format == "0.00");
  CHECK(at(e, "B12").number_format.empty());
}

TEST_CASE("xls reads Chinese text, codes as text and cached formula values", "[xls]") {
  auto r = read_xls(corpus("apache-poi/44235.xls"));
  REQUIRE(r.status.ok());
  const Sheet& s = r.sheet("Sheet1");
  CHECK(at(s, "A2").text == "还原利润表");
  CHECK(at(s, "D6").text == "金额");
  CHECK(at(s, "B7").text == "一、贷款利息收入类");
  CHECK(at(s, "A7").type == CellType::text);
  CHECK(at(s, "A7").text == "01");  // a code with its leading zero
  CHECK(at(s, "C7").text == " A5010002");
  CHECK(at(s, "A8").type == CellType::number);
  CHECK(at(s, "A8").text == "77101");
  // A283 holds a formula; FreeXL reports nothing there, the cached result comes from our scan.
  CHECK(at(s, "A283").type == CellType::number);
  CHECK(at(s, "A283").text == "4");

  auto p = read_xls(corpus("apache-poi/chinese-provinces.xls"));
  REQUIRE(p.status.ok());
  CHECK(at(p.sheet("provinces"), "B2").text == "安徽省");
  CHECK(at(p.sheet("provinces"), "B4").text == "重庆市");

  auto q = read_xls(corpus("apache-poi/19599-2.xls"));
  REQUIRE(q.status.ok());
  CHECK(q.book.find_sheet("汇总") != nullptr);
  CHECK(q.book.find_sheet("订阅上行列表") != nullptr);
}

TEST_CASE("xls reads merged ranges from MERGEDCELLS records", "[xls]") {
  auto r = read_xls(corpus("apache-poi/44235.xls"));
  REQUIRE(r.status.ok());
  const Sheet& s = r.sheet("Sheet1");
  CHECK(s.merges.size() == 2);
  CHECK(has_merge(s, "A2:H2"));  // the title row
  CHECK(has_merge(s, "B4:F4"));
  CHECK(s.find_merged(1, 5)->text == "还原利润表");

  auto m = read_xls(corpus("calamine/merged_range.xls"));
  REQUIRE(m.status.ok());
  CHECK(m.sheet("Sheet1").merges.size() == 9);
  CHECK(has_merge(m.sheet("Sheet1"), "C1:D2"));
  CHECK(m.sheet("Sheet2").merges.size() == 6);
  CHECK(has_merge(m.sheet("Sheet2"), "F1:H4"));

  auto k = read_xls(corpus("apache-poi/15556.xls"));
  REQUIRE(k.status.ok());
  CHECK(k.book.sheets.at(0).merges.size() == 314);
}

TEST_CASE("xls skips chart sheets and keeps sheet visibility", "[xls]") {
  auto r = read_xls(corpus("apache-poi/12843-1.xls"));
  REQUIRE(r.status.ok());
  // 40 BOUNDSHEETs, 17 of them charts (the 圖 and "-line" sheets).
  CHECK(r.book.sheets.size() == 23);
  CHECK(r.book.find_sheet("POTS-表") != nullptr);
  CHECK(r.book.find_sheet("POTS-圖") == nullptr);
  CHECK(r.book.find_sheet("SDH-line") == nullptr);

  auto h = read_xls(corpus("calamine/gh548_incorrect_sst_unique_count.xls"));
  REQUIRE(h.status.ok());
  CHECK(h.sheet("System Mapping").hidden);
  CHECK_FALSE(h.sheet("System Level Data").hidden);
}

TEST_CASE("xls option sheet picks one sheet by name or position", "[xls]") {
  const auto path = corpus("apache-poi/Basic_Expense_Template_2011.xls");
  auto by_name = read_xls(path, {{"sheet", "ExpenseTypes"}});
  REQUIRE(by_name.status.ok());
  REQUIRE(by_name.book.sheets.size() == 1);
  CHECK(by_name.book.sheets[0].name == "ExpenseTypes");

  auto by_pos = read_xls(path, {{"sheet", "2"}});
  REQUIRE(by_pos.status.ok());
  REQUIRE(by_pos.book.sheets.size() == 1);
  CHECK(by_pos.book.sheets[0].name == "EmailXpenC");
  CHECK(at(by_pos.book.sheets[0], "F11").text == "1");

  auto chinese = read_xls(corpus("apache-poi/19599-2.xls"), {{"sheet", "汇总"}});
  REQUIRE(chinese.status.ok());
  REQUIRE(chinese.book.sheets.size() == 1);
  CHECK(chinese.book.sheets[0].name == "汇总");

  auto missing = read_xls(path, {{"sheet", "收入总表"}});
  REQUIRE_FALSE(missing.status.ok());
  CHECK(missing.status.error().code == ErrorCode::usage);
  CHECK_THAT(missing.status.error().message, Catch::Contains("收入总表"));
  CHECK_THAT(missing.status.error().message, Catch::Contains("EXPENSES"));
  CHECK(missing.status.error().message.find('\n') == std::string::npos);

  auto english = read_xls(path, {{"sheet", "9"}}, Lang::en);
  REQUIRE_FALSE(english.status.ok());
  CHECK_THAT(english.status.error().message, Catch::Contains("no sheet named \"9\""));
  CHECK_THAT(english.status.error().message, Catch::Contains("Basic_Expense_Template_2011.xls"));
}

TEST_CASE("xls reads Excel 95 (BIFF5) and raw BIFF3/BIFF4 files", "[xls]") {
  auto r = read_xls(corpus("apache-poi/testEXCEL_95.xls"));
  REQUIRE(r.status.ok());
  const Sheet& s = r.sheet("Feuil1");
  CHECK(at(s, "A1").text == "Sample Excel Worksheet - Numbers and their Squares");
  CHECK(at(s, "C9").text == "16");
  CHECK(at(s, "E7").text == "1.55");

  auto b4 = read_xls(corpus("apache-poi/testEXCEL_4.xls"));
  REQUIRE(b4.status.ok());
  REQUIRE(b4.book.sheets.size() == 1);
  CHECK(b4.book.sheets[0].cell_count() > 100);

  auto b3 = read_xls(corpus("apache-poi/testEXCEL_3.xls"));
  REQUIRE(b3.status.ok());
  CHECK(b3.book.sheets.at(0).cell_count() > 50);

  // Excel 5 rich-text labels (RSTRING), which FreeXL skips.
  auto rich = read_xls(corpus("phpspreadsheet/30templatebiff5.xls"));
  REQUIRE(rich.status.ok());
  CHECK_THAT(at(rich.sheet("Invoice"), "A10").text, Catch::StartsWith("This invoice is payable"));
}

TEST_CASE("xls reads a workbook whose stream FreeXL cannot find by itself", "[xls]") {
  // The stream is named "WORKBOOK"; FreeXL matches names case-sensitively, so it gets a copy.
  xls_test::ScopedTmpdir tmp;
  auto r = read_xls(corpus("calamine/capitalized_wbook_stream.xls"));
  REQUIRE(r.status.ok());
  CHECK(r.book.sheets.size() == 1);
  CHECK(tmp.leftovers() == 0);
}

TEST_CASE("xls reads workbooks with an empty shared string", "[xls]") {
  // FreeXL alone refuses an empty SST entry as a "crafted file"; the reader patches a copy.
  xls_test::ScopedTmpdir tmp;
  auto r = read_xls(corpus("phpspreadsheet/RichTextFontSize.xls"));
  REQUIRE(r.status.ok());
  CHECK(r.book.sheets.size() == 5);
  const Sheet& s = r.sheet("橱柜柜体");
  CHECK(at(s, "A1").text == "橱柜柜体清单");
  CHECK(at(s, "D2").text == "合同号");
  CHECK(s.merges.size() == 98);
  for (const Sheet& sheet : r.book.sheets)
    for (const auto& [row, cells] : sheet.rows)
      for (const auto& [col, cell] : cells)
        CHECK(cell.text.find("\xEF\xBB\xBF") == std::string::npos);
  CHECK(tmp.leftovers() == 0);
}

TEST_CASE("xls reads BOOLERR cells as booleans and errors, not integers", "[xls]") {
  // Turn Sheet1!A1 and B1 of a small file into BOOLERR records: TRUE and #DIV/0!.
  std::string stream = xls_test::workbook_stream(corpus("apache-poi/1904DateWindowing.xls"));
  int changed = 0;
  for (const auto& rec : xls_test::records(stream)) {
    if ((rec.type == 0x0203 || rec.type == 0x027E) && changed < 2) {
      budconv::xls::put16(stream, rec.offset, 0x0205);
      stream[rec.offset + 4 + 6] = changed == 0 ? '\x01' : '\x07';
      stream[rec.offset + 4 + 7] = changed == 0 ? '\x00' : '\x01';
      ++changed;
    }
  }
  REQUIRE(changed == 2);
  budconv::test::TempDir dir("xls-boolerr");
  xls_test::write_workbook(dir / "boolerr.xls", stream);
  auto r = read_xls(dir / "boolerr.xls");
  REQUIRE(r.status.ok());
  const Sheet& s = r.sheet("Sheet1");
  CHECK(at(s, "A1").type == CellType::boolean);
  CHECK(at(s, "A1").text == "TRUE");
  CHECK(at(s, "B1").type == CellType::error);
  CHECK(at(s, "B1").text == "#DIV/0!");
}

TEST_CASE("xls ignores inflated DIMENSIONS instead of allocating them", "[xls]") {
  // Every sheet declares 65536 × 256 (50 M cells in all, over the 32 M limit) around its few
  // real cells; the reader must shrink the declaration rather than refuse or allocate it.
  std::string stream = xls_test::workbook_stream(corpus("apache-poi/1904DateWindowing.xls"));
  int dims = 0;
  for (const auto& rec : xls_test::records(stream)) {
    if (rec.type == 0x0200 && rec.size >= 12) {
      budconv::xls::put32(stream, rec.offset + 4 + 4, 65536);
      budconv::xls::put16(stream, rec.offset + 4 + 10, 256);
      ++dims;
    }
  }
  REQUIRE(dims == 3);
  budconv::test::TempDir dir("xls-dims");
  xls_test::write_workbook(dir / "dims.xls", stream);
  xls_test::ScopedTmpdir tmp;
  auto r = read_xls(dir / "dims.xls");
  REQUIRE(r.status.ok());
  CHECK(r.book.sheets.size() == 3);
  CHECK(r.sheet("Sheet1").cell_count() == 2);
  CHECK(at(r.sheet("Sheet1"), "A1").text == "2000-01-01");
  CHECK(tmp.leftovers() == 0);
}

TEST_CASE("xls refuses workbooks whose cells exceed the visit limit", "[xls]") {
  budconv::xls::Limits small;
  small.max_cell_visits = 100;
  auto r = read_xls(corpus("apache-poi/44235.xls"), {}, Lang::en, small);
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.status.error().code == ErrorCode::limit);
  CHECK_THAT(r.status.error().message, Catch::Contains("limit 100"));
  CHECK_THAT(r.status.error().message, Catch::Contains("44235.xls"));
}

TEST_CASE("xls sniffs compound files and raw BIFF", "[xls]") {
  budconv::xls::XlsFormat f;
  auto sniff = [&](const std::string& head, const std::string& name) {
    return f.sniff(std::span(reinterpret_cast<const std::byte*>(head.data()), head.size()), name);
  };
  const std::string real =
      budconv::test::read_file(corpus("apache-poi/SampleSS.xls")).substr(0, 4096);
  CHECK(sniff(real, "a.xls") == budconv::Sniff::yes);
  CHECK(sniff(real, "a.bin") != budconv::Sniff::no);
  const std::string raw =
      budconv::test::read_file(corpus("apache-poi/testEXCEL_4.xls")).substr(0, 4096);
  CHECK(sniff(raw, "old.xls") == budconv::Sniff::yes);
  const std::string encrypted_xlsx = budconv::xls::build_single_stream_cfb("EncryptedPackage", "x");
  CHECK(sniff(encrypted_xlsx, "secret.xlsx") == budconv::Sniff::maybe);
  CHECK(sniff(std::string("PK\x03\x04", 4) + std::string(100, 'x'), "a.xls") == budconv::Sniff::no);
  CHECK(sniff("<html><table>", "export.xls") == budconv::Sniff::no);
  CHECK(sniff("", "a.xls") == budconv::Sniff::no);

  const budconv::FormatInfo info = f.info();
  CHECK(info.id == "xls");
  CHECK(info.can_read);
  CHECK_FALSE(info.can_write);
  CHECK(std::find(info.extensions.begin(), info.extensions.end(), "xls") != info.extensions.end());
}
