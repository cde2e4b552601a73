// Number, error and date text produced from BIFF values.
#include "xls_number.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "xls_dates.hpp"

using budconv::CellType;
using budconv::xls::biff_error_text;
using budconv::xls::freexl_date_cell;

TEST_CASE("xls error codes become Excel's error literals", "[xls]") {
  // Number text for BIFF doubles is budconv::excel_number_text, tested in core_number_text.
  CHECK(biff_error_text(0x07) == "#DIV/0!");
  CHECK(biff_error_text(0x2A) == "#N/A");
  CHECK(biff_error_text(0x17) == "#REF!");
  CHECK(biff_error_text(0xFF) == "#N/A");
}

TEST_CASE("xls dates from FreeXL text become ISO dates with their serial", "[xls]") {
  auto d = freexl_date_cell("2020-12-31", false);
  CHECK(d.type == CellType::date);
  CHECK(d.text == "2020-12-31");
  CHECK(d.number == 44196.0);
  CHECK(d.number_format == "yyyy-mm-dd");

  auto dt = freexl_date_cell("2020-12-31 08:30:00", false);
  CHECK(dt.type == CellType::date);
  CHECK(dt.text == "2020-12-31T08:30:00");
  CHECK(dt.number == Approx(44196.3541666667));

  auto t = freexl_date_cell("08:30:00", false);
  CHECK(t.type == CellType::date);
  CHECK(t.text == "08:30:00");
  CHECK(t.number == Approx(0.3541666667));

  CHECK(freexl_date_cell("1900-01-01", false).number == 1.0);
  CHECK(freexl_date_cell("1900-02-29", false).number == 60.0);  // Excel's phantom leap day
  CHECK(freexl_date_cell("1900-03-01", false).number == 61.0);
  CHECK(freexl_date_cell("1904-01-02", true).number == 1.0);
  CHECK(freexl_date_cell("2000-01-01", true).number == 35064.0);

  auto bad = freexl_date_cell("20x0-01-01", false);
  CHECK(bad.type == CellType::text);
  CHECK(bad.text == "20x0-01-01");
}
