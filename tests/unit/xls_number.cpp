// Number and date text produced from BIFF values.
#include <catch2/catch.hpp>

#include <string>

#include "xls_dates.hpp"
#include "xls_number.hpp"

using budconv::CellType;
using budconv::xls::format_biff_number;
using budconv::xls::freexl_date_cell;

TEST_CASE("xls numbers print as the shortest decimal that reads back", "[xls]") {
  CHECK(format_biff_number(0.1) == "0.1");
  CHECK(format_biff_number(1234.5) == "1234.5");
  CHECK(format_biff_number(90816893.0) == "90816893");
  CHECK(format_biff_number(2565.19) == "2565.19");
  CHECK(format_biff_number(-1.25) == "-1.25");
  CHECK(format_biff_number(-0.0) == "0");
  CHECK(format_biff_number(1e-7) == "0.0000001");
  CHECK(format_biff_number(1e21) == "1000000000000000000000");  // never "1e+21"
}

TEST_CASE("xls numbers drop binary noise beyond Excel's 15 digits", "[xls]") {
  // A SUM cached by Excel: 90816893.00000001 is one ulp away from the true total.
  CHECK(format_biff_number(90816893.00000001) == "90816893");
  CHECK(format_biff_number(0.1 + 0.2) == "0.3");
  CHECK(format_biff_number(1234567.8900000001) == "1234567.89");
  CHECK(format_biff_number(123456789012345678.0) == "123456789012346000");
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
