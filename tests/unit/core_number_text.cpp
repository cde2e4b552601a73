// Number text at Excel's precision, shared by the .xls and .xlsx readers.
#include <catch2/catch.hpp>
#include <string>

#include "budconv/number_text.hpp"

using budconv::excel_number_text;
using budconv::normalize_number_text;
using budconv::significant_digits;

TEST_CASE("doubles print as the shortest decimal that reads back", "[core][number]") {
  CHECK(excel_number_text(0.1) == "0.1");
  CHECK(excel_number_text(1234.5) == "1234.5");
  CHECK(excel_number_text(90816893.0) == "90816893");
  CHECK(excel_number_text(2565.19) == "2565.19");
  CHECK(excel_number_text(-1.25) == "-1.25");
  CHECK(excel_number_text(-0.0) == "0");
  CHECK(excel_number_text(1e-7) == "0.0000001");
  CHECK(excel_number_text(1e21) == "1000000000000000000000");  // never "1e+21"
}

TEST_CASE("doubles drop binary noise beyond Excel's 15 digits", "[core][number]") {
  // A SUM cached by Excel: 90816893.00000001 is one ulp away from the true total.
  CHECK(excel_number_text(90816893.00000001) == "90816893");
  CHECK(excel_number_text(0.1 + 0.2) == "0.3");
  CHECK(excel_number_text(1234567.8900000001) == "1234567.89");
  CHECK(excel_number_text(123456789012345678.0) == "123456789012346000");
  CHECK(excel_number_text(-583602.8199999999) == "-583602.82");
}

TEST_CASE("significant digits count the mantissa from first to last non-zero digit",
          "[core][number]") {
  CHECK(significant_digits("0") == 0);
  CHECK(significant_digits("90816893.00") == 8);
  CHECK(significant_digits("583602.8199999999") == 16);
  CHECK(significant_digits("0.30000000000000004") == 17);
  CHECK(significant_digits("-0.00120") == 2);
  CHECK(significant_digits("1.5E+300") == 2);
}

TEST_CASE("stored number text keeps up to 15 digits exactly and rounds longer text",
          "[core][number]") {
  // %.16G text from libxlsxwriter / XlsxWriter for 583,602.82 and 0.1 + 0.2.
  CHECK(normalize_number_text("583602.8199999999") == "583602.82");
  CHECK(normalize_number_text("0.30000000000000004") == "0.3");
  CHECK(normalize_number_text("-583602.8199999999") == "-583602.82");
  CHECK(normalize_number_text("+583602.8199999999") == "583602.82");
  CHECK(normalize_number_text("5.836028199999999E+5") == "583602.82");  // no exponent out
  CHECK(normalize_number_text("90816893.00000001") == "90816893");
  // 15 digits or fewer: the exact text as stored, trailing zeros and exponents included.
  CHECK(normalize_number_text("90816893.00") == "90816893.00");
  CHECK(normalize_number_text("90816893") == "90816893");
  CHECK(normalize_number_text("123456789012345") == "123456789012345");
  CHECK(normalize_number_text("1.5E+3") == "1.5E+3");
  CHECK(normalize_number_text("0") == "0");
  // 16 digits that are all real (an ID typed as a number) still become Excel's 15.
  CHECK(normalize_number_text("1234567890123456") == "1234567890123460");
  // Not a finite double: left alone for the caller to judge.
  CHECK(normalize_number_text("1234567890123456789e999") == "1234567890123456789e999");
  CHECK(normalize_number_text("12345678901234567x") == "12345678901234567x");
}
