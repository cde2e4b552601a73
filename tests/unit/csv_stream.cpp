// The row-by-row CSV writer (open_rows) writes the same bytes as write_delimited: padding,
// merges that arrive only at the end, gaps, encodings, sheet choice, and the same errors.
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

/// Plays `book` into `sink` as a reader that learns merges only at the end of each sheet
/// (as XLSX does), replaying a sheet when asked. Returns the replays done.
int play(const Workbook& book, RowSink& sink, Status& st) {
  int replays = 0;
  for (const Sheet& sheet : book.sheets) {
    SheetStart start;
    start.name = sheet.name;
    for (int pass = 0; pass < 2; ++pass) {
      if (st = sink.begin_sheet(start); !st) return replays;
      for (const auto& [r, cells] : sheet.rows) {
        std::vector<RowCell> row;
        for (const auto& [c, cell] : cells) row.push_back({c, cell});
        if (st = sink.row(r, row); !st) return replays;
      }
      auto end = sink.end_sheet(sheet.merges);
      if (!end) {
        st = end.error();
        return replays;
      }
      if (end.value() == SheetEnd::done) break;
      ++replays;
      start.merges_known = true;
      start.merges = sheet.merges;
    }
  }
  st = sink.finish();
  return replays;
}

/// Writes `book` both ways; requires the same outcome and returns the replays the stream needed.
int check_same(const Workbook& book, const Options& options = {}, char delimiter = ',') {
  test::TempDir dir("csv-stream");
  const auto path = dir / "out.csv";
  Options o = options;
  o.display_name = "out.csv";
  auto whole = csv::write_delimited(book, o, delimiter, "out.csv");
  auto sink = csv::open_delimited_rows(path, o, delimiter);
  if (!sink) {
    REQUIRE_FALSE(whole.ok());
    CHECK(sink.error().message == whole.error().message);
    return 0;
  }
  Status st;
  const int replays = play(book, *sink.value(), st);
  sink.value().reset();
  if (!whole.ok()) {
    INFO(whole.error().message);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == whole.error().code);
    CHECK(st.error().message == whole.error().message);
    return replays;
  }
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  CHECK(test::read_file(path) == whole.value());
  return replays;
}

Workbook budget_sheet() {
  Workbook book;
  Sheet& s = book.add_sheet("收入总表");
  s.set(0, 0, Cell::make_text("部门预算收支总表"));
  s.merges.push_back({{0, 0}, {0, 3}});
  s.set(1, 0, Cell::make_text("项目"));
  s.set(1, 1, Cell::make_text("金额, 元"));
  s.set(1, 2, Cell::make_text("说明 \"一\""));
  s.set(2, 0, Cell::make_text("一般公共预算拨款"));
  s.set(2, 1, Cell::make_number("90816893.00", "#,##0.00"));
  s.set(2, 2, Cell::make_number("1234.5", "0.00"));
  s.set(4, 1, Cell::make_number("123456789012345"));
  Cell date;
  date.type = CellType::date;
  date.text = "2021-11-04";
  s.set(4, 3, date);
  Cell flag;
  flag.type = CellType::boolean;
  flag.text = "TRUE";
  s.set(5, 0, flag);
  Cell err;
  err.type = CellType::error;
  err.text = "#DIV/0!";
  s.set(5, 1, err);
  s.set(5, 2, Cell{});  // a styled blank
  return book;
}

}  // namespace

TEST_CASE("streamed CSV equals the whole-workbook CSV for a budget table with a late merge",
          "[csv][stream]") {
  // The merge is known only at the end, so the writer needs one replay.
  CHECK(check_same(budget_sheet()) == 1);
}

TEST_CASE("a merge that covers a written cell leaves it empty in both paths", "[csv][stream]") {
  Workbook book = budget_sheet();
  book.sheets[0].set(0, 2, Cell::make_text("被合并覆盖"));
  CHECK(check_same(book) == 1);
}

TEST_CASE("a sheet wider below its first row is padded like the whole-workbook path",
          "[csv][stream]") {
  Workbook book;
  Sheet& s = book.add_sheet("S");
  s.set(0, 0, Cell::make_text("a"));
  s.set(3, 5, Cell::make_text("f"));
  s.set(7, 1, Cell{});  // styled blank after the last line: no line of its own
  CHECK(check_same(book) == 1);
}

TEST_CASE("a full-width sheet without merges streams in one pass", "[csv][stream]") {
  Workbook book;
  Sheet& s = book.add_sheet("S");
  for (std::uint32_t r = 0; r < 50; ++r) {
    for (std::uint32_t c = 0; c < 4; ++c) {
      if (r % 3 == 1 && c == 1) continue;  // a gap inside rows
      s.set(r * 2, c, Cell::make_number(std::to_string(r * 10 + c)));
    }
  }
  CHECK(check_same(book) == 0);
  CHECK(check_same(book, with({{"delimiter", "tab"}}), ',') == 0);
}

TEST_CASE("a sheet too large to pad is not padded when streamed either", "[csv][stream]") {
  Workbook book;
  Sheet& s = book.add_sheet("S");
  s.set(0, 0, Cell::make_text("a"));
  s.set(5000, 3000, Cell::make_text("far"));  // 5001 × 3001 slots: over the padding cap
  check_same(book);
}

TEST_CASE("streamed CSV in GB18030, with a BOM, and with other delimiters", "[csv][stream]") {
  check_same(budget_sheet(), with({{"encoding", "gb18030"}}));
  check_same(budget_sheet(), with({{"bom", "true"}}));
  check_same(budget_sheet(), with({{"delimiter", ";"}}));
  check_same(budget_sheet(), with({{"encoding", "klingon"}}));
  check_same(budget_sheet(), with({{"bom", "maybe"}}));
}

TEST_CASE("the streamed writer picks the same sheet and reports a missing one the same way",
          "[csv][stream]") {
  Workbook book = budget_sheet();
  book.add_sheet("支出总表").set(0, 0, Cell::make_text("支出"));
  check_same(book);
  check_same(book, with({{"sheet", "支出总表"}}));
  check_same(book, with({{"sheet", "2"}}));
  check_same(book, with({{"sheet", "没有"}}));
  check_same(Workbook{});
}

TEST_CASE("invalid UTF-8 in a cell gives the same message streamed", "[csv][stream][corrupt]") {
  Workbook book = budget_sheet();
  book.sheets[0].set(4, 2, Cell::make_text(std::string("bad \xFF byte")));
  check_same(book);
  check_same(book, with({{"encoding", "gb18030"}}));
}
