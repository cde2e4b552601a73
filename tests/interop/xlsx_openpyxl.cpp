// What we write, read by an independent reader: openpyxl dumps every cell and merge of our
// XLSX, and the dump must say exactly what the Workbook said.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "../unit/xlsx_fixture.hpp"

namespace fs = std::filesystem;
using namespace budconv;
using namespace budconv::test;
using namespace budconv::test::xlsx;

namespace {

// One line per sheet, merge and cell; numbers as %.15g so C and Python print them alike.
const char* kDumpScript = R"PY(
import sys, datetime, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
values = openpyxl.load_workbook(path, data_only=True)
def show(v):
    if isinstance(v, bool):
        return "bool", "TRUE" if v else "FALSE"
    if isinstance(v, datetime.datetime):
        return "date", (v.date().isoformat() if v.time() == datetime.time(0) else v.isoformat())
    if isinstance(v, (int, float)):
        return "number", "%.15g" % v
    return "text", str(v)
for ws in wb.worksheets:
    print("sheet\t%s\t%s" % (ws.title, ws.sheet_state))
    for m in sorted(str(r) for r in ws.merged_cells.ranges):
        print("merge\t%s" % m)
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            if c.data_type == "f":
                print("%s\tformula\t%s\t%s" % (c.coordinate, c.value, c.number_format))
                t, s = show(values[ws.title][c.coordinate].value)
                print("%s\tcached\t%s\t%s" % (c.coordinate, t, s))
            else:
                t, s = show(c.value)
                print("%s\t%s\t%s\t%s" % (c.coordinate, t, s, c.number_format))
)PY";

std::string pct15g(const std::string& exact) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", std::strtod(exact.c_str(), nullptr));
  return buf;
}

// What openpyxl should print for `book`, built from the cells themselves.
std::string expected_dump(const Workbook& book) {
  std::ostringstream out;
  for (const Sheet& s : book.sheets) {
    out << "sheet\t" << s.name << "\t" << (s.hidden ? "hidden" : "visible") << "\n";
    std::vector<std::string> merges;
    for (const MergedRange& m : s.merges) merges.push_back(m.to_string());
    std::sort(merges.begin(), merges.end());
    for (const auto& m : merges) out << "merge\t" << m << "\n";
    for (const auto& [r, cells] : s.rows) {
      for (const auto& [c, cell] : cells) {
        const std::string ref = a1(r, c);
        const std::string fmt = cell.number_format.empty()
                                    ? (cell.type == CellType::date ? "yyyy-mm-dd" : "General")
                                    : cell.number_format;
        std::string type = cell.type == CellType::boolean ? "bool" : cell_type_id(cell.type);
        std::string value = cell.type == CellType::number ? pct15g(cell.text) : cell.text;
        if (!cell.formula.empty()) {
          out << ref << "\tformula\t=" << cell.formula << "\t" << fmt << "\n";
          out << ref << "\tcached\t" << type << "\t" << value << "\n";
        } else {
          out << ref << "\t" << type << "\t" << value << "\t" << fmt << "\n";
        }
      }
    }
  }
  return out.str();
}

Workbook budget_book() {
  Workbook book;
  Sheet& s = book.add_sheet("收入总表");
  Cell title = Cell::make_text("部门收入总表（单位：元）");
  title.bold = true;
  s.set(0, 0, title);
  s.merges.push_back({{0, 0}, {0, 3}});
  const char* heads[] = {"科目编码", "科目名称", "金额", "日期"};
  for (std::uint32_t c = 0; c < 4; ++c) {
    Cell h = Cell::make_text(heads[c]);
    h.bold = true;
    s.set(1, c, h);
  }
  s.set(2, 0, Cell::make_text("2101202"));
  s.set(2, 1, Cell::make_text("行政运行"));
  s.set(2, 2, Cell::make_number("90816893.00", "#,##0.00"));
  Cell d1;
  d1.type = CellType::date;
  d1.text = "2021-01-01";
  s.set(2, 3, d1);
  s.set(3, 0, Cell::make_text("2101299"));
  s.set(3, 1, Cell::make_text("其他医疗保障管理事务支出"));
  s.set(3, 2, Cell::make_number("-2565.19", "#,##0.00"));
  Cell d2;
  d2.type = CellType::date;
  d2.text = "2021-12-31T08:30:00";
  d2.number_format = "yyyy-mm-dd hh:mm:ss";
  s.set(3, 3, d2);
  Cell sum = Cell::make_number("90814327.81", "#,##0.00");
  sum.formula = "SUM(C3:C4)";
  s.set(4, 2, sum);
  Cell yes, no;
  yes.type = no.type = CellType::boolean;
  yes.text = "TRUE";
  no.text = "FALSE";
  s.set(4, 0, yes);
  s.set(4, 1, no);
  s.set(5, 0, Cell::make_text("注：无政府性基金预算，空表列示。"));
  s.merges.push_back({{5, 0}, {6, 1}});
  s.column_widths[1] = 30;
  s.frozen_rows = 2;
  Sheet& h = book.add_sheet("隐藏");
  h.hidden = true;
  h.set(0, 0, Cell::make_number("1"));
  return book;
}

}  // namespace

TEST_CASE("xlsx interop: openpyxl reads what we write", "[xlsx][interop]") {
  // python3-openpyxl is a declared test dependency (DESIGN.md §10): its absence is a failure.
  RunResult probe = run({"/usr/bin/python3", "-c", "import openpyxl"});
  INFO("python3-openpyxl: " << probe.err);
  REQUIRE(probe.exit_code == 0);

  TempDir dir("xlsx-interop");
  const Workbook book = budget_book();
  budconv::xlsx::XlsxFormat fmt;
  Status st = fmt.write(book, dir / "budget.xlsx", opts("budget.xlsx"));
  INFO((st ? std::string() : st.error().message));
  REQUIRE(st.ok());

  RunResult r = run({"/usr/bin/python3", "-c", kDumpScript, (dir / "budget.xlsx").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == expected_dump(book));

  // And our own reader agrees with the book too.
  Workbook back;
  REQUIRE(read(dir / "budget.xlsx", back).ok());
  CHECK(back.sheets[0].column_widths.at(1) == 30.0);
  CHECK(back.sheets[0].frozen_rows == 2);
  CHECK(back.sheets[0].find(2, 2)->text == "90816893");  // the value, in the file's shortest form
  CHECK(back.sheets[0].find(3, 3)->text == "2021-12-31T08:30:00");
}

TEST_CASE("xlsx interop: openpyxl sees the ruled grid and alignment we write",
          "[xlsx][interop]") {
  // Each non-merged-interior cell's four sides as openpyxl reads them.
  static const char* kBorderScript = R"PY(
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
for row in ws.iter_rows():
    for c in row:
        if type(c).__name__ == "MergedCell":
            continue
        b = c.border
        a = c.alignment
        print(c.coordinate, b.left.style, b.right.style, b.top.style, b.bottom.style,
              a.horizontal, a.vertical, bool(a.wrap_text))
)PY";
  TempDir dir("xlsx-interop");
  Workbook book;
  Sheet& s = book.add_sheet("表");
  Cell title = Cell::make_text("一般公共预算支出表");
  title.bold = true;
  s.set(0, 0, title);
  s.merges.push_back({{0, 0}, {0, 1}});
  Cell head = Cell::make_text("科目名称");
  head.bold = head.border = head.wrap = true;
  head.halign = HAlign::center;
  head.valign = VAlign::center;
  s.set(1, 0, head);
  s.at(1, 1).border = true;
  Cell amount = Cell::make_number("538500.00", "#,##0.00");
  amount.border = true;
  s.set(2, 1, amount);
  budconv::xlsx::XlsxFormat fmt;
  REQUIRE(fmt.write(book, dir / "ruled.xlsx", opts("ruled.xlsx")).ok());
  RunResult r = run({"/usr/bin/python3", "-c", kBorderScript, (dir / "ruled.xlsx").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("A1 None None None None None None False\n") != std::string::npos);
  CHECK(r.out.find("A2 thin thin thin thin center center True\n") != std::string::npos);
  CHECK(r.out.find("B2 thin thin thin thin None None False\n") != std::string::npos);
  CHECK(r.out.find("B3 thin thin thin thin None None False\n") != std::string::npos);
  CHECK(r.out.find("A3 None None None None None None False\n") != std::string::npos);
}
