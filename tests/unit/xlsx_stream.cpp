// XLSX read row by row (read_rows): the same cells, sheets, merges, caps and messages as the
// whole-workbook read.
#include <catch2/catch.hpp>
#include <set>

#include "xlsx_fixture.hpp"

using namespace budconv;
using namespace budconv::test::xlsx;

namespace {

/// Collects the streamed rows into a Workbook; can ask for one replay per sheet.
class Recorder final : public RowSink {
 public:
  bool ask_replay = false;         ///< answer the first end_sheet of each sheet with replay
  Workbook book;                   ///< what arrived
  int begins = 0;                  ///< begin_sheet calls
  std::vector<bool> merges_known;  ///< merges_known of each begin_sheet
  std::string order_error;         ///< set when rows or columns came out of order

 protected:
  Status do_begin_sheet(const SheetStart& start) override {
    ++begins;
    merges_known.push_back(start.merges_known);
    if (replaying_) {
      replaying_ = false;
      book.sheets.back().rows.clear();
      book.sheets.back().merges.clear();
    } else {
      book.add_sheet(start.name).hidden = start.hidden;
    }
    last_row_.reset();
    return {};
  }
  Status do_row(std::uint32_t index, std::span<const RowCell> cells) override {
    if (last_row_ && index <= *last_row_) order_error = "row " + std::to_string(index);
    last_row_ = index;
    std::optional<std::uint32_t> last_col;
    for (const RowCell& rc : cells) {
      if (last_col && rc.col <= *last_col) order_error = "col " + std::to_string(rc.col);
      last_col = rc.col;
      book.sheets.back().set(index, rc.col, rc.cell);
    }
    return {};
  }
  Result<SheetEnd> do_end_sheet(std::span<const MergedRange> merges) override {
    book.sheets.back().merges.assign(merges.begin(), merges.end());
    if (ask_replay && !replayed_.count(book.sheets.size())) {
      replayed_.insert(book.sheets.size());
      replaying_ = true;
      return SheetEnd::replay;
    }
    return SheetEnd::done;
  }

 private:
  std::optional<std::uint32_t> last_row_;
  std::set<std::size_t> replayed_;
  bool replaying_ = false;
};

Status stream(const std::filesystem::path& path, Recorder& rec, const Options& o = opts()) {
  budconv::xlsx::XlsxFormat fmt;
  REQUIRE(fmt.can_stream_read());
  return fmt.read_rows(path, o, rec);
}

/// Reads `pkg` both ways and requires the same sheets, cells and merges.
void check_same(const Package& pkg, const Options& o = opts(), bool ask_replay = false) {
  test::TempDir dir("xlsx-stream");
  const auto path = dir / "a.xlsx";
  write_zip(path, pkg.parts());
  Workbook whole;
  Status st_whole = read(path, whole, o);
  REQUIRE(st_whole.ok());
  Recorder rec;
  rec.ask_replay = ask_replay;
  Status st = stream(path, rec, o);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  CHECK(rec.order_error.empty());
  REQUIRE(rec.book.sheets.size() == whole.sheets.size());
  for (std::size_t i = 0; i < whole.sheets.size(); ++i) {
    INFO("sheet " << whole.sheets[i].name);
    CHECK(rec.book.sheets[i].name == whole.sheets[i].name);
    CHECK(rec.book.sheets[i].hidden == whole.sheets[i].hidden);
    CHECK(rec.book.sheets[i].rows == whole.sheets[i].rows);
    CHECK(rec.book.sheets[i].merges == whole.sheets[i].merges);
  }
}

Package mixed_package() {
  Package p;
  p.styles = basic_styles();
  p.shared_strings =
      "<si><t>部门预算收支总表（单位：万元）</t></si><si><r><t>一般公共</t></r><r><t>预算拨款</t></"
      "r></si>"
      "<si><t>A&amp;B \"quoted\", with comma</t></si>";
  p.sheets.push_back(
      {"收入总表",
       "<sheetData>"
       "<row r=\"1\"><c r=\"A1\" t=\"s\" s=\"4\"><v>0</v></c></row>"
       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" "
       "s=\"1\"><v>583602.8199999999</v></c>"
       "<c r=\"C2\"><v>123456789012345678</v></c><c r=\"D2\" s=\"2\"><v>44500</v></c>"
       "<c r=\"E2\" t=\"b\"><v>1</v></c><c r=\"F2\" t=\"e\"><v>#DIV/0!</v></c></row>"
       "<row r=\"4\"><c r=\"C4\" t=\"inlineStr\"><is><t>内联_x000D_文本</t></is></c>"
       "<c r=\"H4\" t=\"s\"><v>2</v></c><c r=\"I4\" s=\"1\"/></row>"
       "<row r=\"5\"><c r=\"A5\" s=\"3\"><v>44500.5</v></c><c r=\"B5\" "
       "t=\"str\"><f>A1</f><v>x</v></c></row>"
       "</sheetData>"
       "<mergeCells count=\"2\"><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"C7:D9\"/></mergeCells>",
       ""});
  p.sheets.push_back(
      {"隐藏", "<sheetData><row><c><v>1</v></c><c><v>2</v></c></row></sheetData>", "hidden"});
  return p;
}

}  // namespace

TEST_CASE("streamed rows equal the whole-workbook read: text, numbers, dates, merges, gaps",
          "[xlsx][stream]") {
  check_same(mixed_package());
}

TEST_CASE("a replayed sheet arrives again with its merges known and counts its cells once",
          "[xlsx][stream]") {
  Options o = opts();
  o.values["max-cells"] = "13";  // exactly the cells of both sheets: a double count would fail
  check_same(mixed_package(), o, /*ask_replay=*/true);
  test::TempDir dir("xlsx-stream");
  write_zip(dir / "a.xlsx", mixed_package().parts());
  Recorder rec;
  rec.ask_replay = true;
  REQUIRE(stream(dir / "a.xlsx", rec, o).ok());
  CHECK(rec.begins == 4);
  CHECK(rec.merges_known == std::vector<bool>{false, true, false, true});
}

TEST_CASE("streaming with a sheet option sends only that sheet", "[xlsx][stream]") {
  Options o = opts();
  o.values["sheet"] = "隐藏";
  check_same(mixed_package(), o);
}

TEST_CASE("cells out of column order are sorted and a repeated cell keeps the last value",
          "[xlsx][stream]") {
  Package p;
  p.sheets.push_back({"S",
                      "<sheetData><row r=\"1\"><c r=\"C1\"><v>3</v></c><c r=\"A1\"><v>1</v></c>"
                      "<c r=\"C1\"><v>4</v></c></row><row r=\"1\"><c r=\"B1\"><v>2</v></c></row>"
                      "<row r=\"3\"><c r=\"A3\"><v>9</v></c></row></sheetData>",
                      ""});
  check_same(p);
}

TEST_CASE("rows out of order cannot be streamed and say so with an unsupported error",
          "[xlsx][stream]") {
  Package p;
  p.sheets.push_back({"S",
                      "<sheetData><row r=\"3\"><c r=\"A3\"><v>3</v></c></row>"
                      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>",
                      ""});
  test::TempDir dir("xlsx-stream");
  write_zip(dir / "a.xlsx", p.parts());
  Workbook whole;
  REQUIRE(read(dir / "a.xlsx", whole).ok());
  Recorder rec;
  Status st = stream(dir / "a.xlsx", rec);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::unsupported);
}

TEST_CASE("a broken sheet gives the same error streamed as read whole", "[xlsx][stream][corrupt]") {
  test::TempDir dir("xlsx-stream");
  Options o = opts();
  SECTION("bad shared string index in the second sheet") {
    Package p = mixed_package();
    p.sheets[1].body = "<sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData>";
    write_zip(dir / "a.xlsx", p.parts());
  }
  SECTION("cell cap") {
    o.values["max-cells"] = "5";
    write_zip(dir / "a.xlsx", mixed_package().parts());
  }
  SECTION("truncated file") {
    write_zip(dir / "full.xlsx", mixed_package().parts());
    const std::string bytes = test::read_file(dir / "full.xlsx");
    test::write_file(dir / "a.xlsx", bytes.substr(0, bytes.size() * 2 / 3));
  }
  SECTION("malformed sheet XML") {
    Package p = mixed_package();
    p.sheets[0].body = "<sheetData><row><c><v>1</v></row></sheetData>";
    write_zip(dir / "a.xlsx", p.parts());
  }
  Workbook whole;
  Status a = read(dir / "a.xlsx", whole, o);
  Recorder rec;
  Status b = stream(dir / "a.xlsx", rec, o);
  REQUIRE_FALSE(a.ok());
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().code == a.error().code);
  CHECK(b.error().message == a.error().message);
}
