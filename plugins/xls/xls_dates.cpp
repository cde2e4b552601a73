// Parsing FreeXL's date/time text into ISO 8601 date cells.
#include "xls_dates.hpp"

#include <cstdint>
#include <string>

namespace budconv::xls {

namespace {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// Reads `n` digits at `pos`; -1 when they are not all digits.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool parse_date(std::string_view s, int& y, int& m, int& d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  y = digits(s, 0, 4);
  m = digits(s, 5, 2);
  d = digits(s, 8, 2);
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

bool parse_time(std::string_view s, int& h, int& mi, int& se) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return false;
  h = digits(s, 0, 2);
  mi = digits(s, 3, 2);
  se = digits(s, 6, 2);
  return h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 60;
}

}  // namespace

std::optional<double> excel_serial(int year, int month, int day, bool date1904) {
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (date1904) {
    const std::int64_t serial = days - days_from_civil(1904, 1, 1);
    if (serial < 0) return std::nullopt;
    return static_cast<double>(serial);
  }
  if (year == 1900 && month == 2 && day == 29) return 60.0;
  std::int64_t serial = days - days_from_civil(1899, 12, 31);
  if (serial < 0) return std::nullopt;
  if (serial >= 60) ++serial;  // Excel counts the phantom 1900-02-29
  return static_cast<double>(serial);
}

Cell freexl_date_cell(std::string_view text, bool date1904) {
  Cell c;
  c.type = CellType::date;
  int y = 0, m = 0, d = 0, h = 0, mi = 0, se = 0;
  if (parse_time(text, h, mi, se)) {
    c.text = std::string(text);
    c.number = (h * 3600 + mi * 60 + se) / 86400.0;
    c.number_format = "hh:mm:ss";
    return c;
  }
  if (!parse_date(text, y, m, d)) return Cell::make_text(std::string(text));
  const auto serial = excel_serial(y, m, d, date1904);
  if (text.size() == 10) {
    c.text = std::string(text);
    c.number = serial.value_or(0.0);
    c.number_format = "yyyy-mm-dd";
    return c;
  }
  if (text.size() != 19 || text[10] != ' ' || !parse_time(text.substr(11), h, mi, se))
    return Cell::make_text(std::string(text));
  c.text = std::string(text.substr(0, 10)) + "T" + std::string(text.substr(11));
  c.number = serial.value_or(0.0) + (h * 3600 + mi * 60 + se) / 86400.0;
  c.number_format = "yyyy-mm-dd hh:mm:ss";
  return c;
}

}  // namespace budconv::xls
