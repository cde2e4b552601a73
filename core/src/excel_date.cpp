/// @file excel_date.cpp
/// Excel serial dates → ISO 8601, for the 1900 system (with Lotus 1-2-3's phantom 1900-02-29)
/// and the 1904 system.
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "budconv/workbook.hpp"

namespace budconv {

namespace {

struct Ymd {
  std::int64_t y;
  unsigned m, d;
};

/// Days since 1970-01-01 → proleptic Gregorian date (H. Hinnant's civil_from_days).
Ymd civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

constexpr std::int64_t kDays1899_12_30 = -25569;  // days from 1970-01-01
constexpr std::int64_t kDays1904_01_01 = -24107;
constexpr double kMaxSerial1900 = 2958466.0;  // 10000-01-01: Excel's last date is 9999-12-31
constexpr double kMaxSerial1904 = 2958466.0 - 1462.0;

}  // namespace

std::optional<std::string> excel_serial_to_iso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0) return std::nullopt;
  if (serial >= (date1904 ? kMaxSerial1904 : kMaxSerial1900)) return std::nullopt;
  // Whole seconds, rounded: Excel stores times as day fractions that rarely land exactly.
  auto seconds = static_cast<std::int64_t>(std::llround(serial * 86400.0));
  std::int64_t day = seconds / 86400;
  const std::int64_t sec = seconds % 86400;
  char time[16];
  {
    std::snprintf(time, sizeof time, "%02d:%02d:%02d", static_cast<int>(sec / 3600),
                  static_cast<int>(sec / 60 % 60), static_cast<int>(sec % 60));
  }
  if (!date1904 && day == 0) {
    // Serial 0.x in the 1900 system is a time of day with no date (Excel shows 1900-01-00).
    return std::string(time);
  }
  if (day >= (date1904 ? static_cast<std::int64_t>(kMaxSerial1904)
                       : static_cast<std::int64_t>(kMaxSerial1900))) {
    return std::nullopt;  // rounding up past 9999-12-31 23:59:59
  }
  char date[32];
  if (!date1904 && day == 60) {
    // Lotus 1-2-3 treated 1900 as a leap year and Excel kept the bug for compatibility.
    std::snprintf(date, sizeof date, "1900-02-29");
  } else {
    std::int64_t days;
    if (date1904) {
      days = kDays1904_01_01 + day;
    } else {
      // Serials 1..59 count from 1899-12-31; from 61 on the phantom day shifts them by one.
      days = day < 60 ? kDays1899_12_30 + day + 1 : kDays1899_12_30 + day;
    }
    const Ymd ymd = civil_from_days(days);
    std::snprintf(date, sizeof date, "%04lld-%02u-%02u", static_cast<long long>(ymd.y), ymd.m,
                  ymd.d);
  }
  std::string out = date;
  if (sec != 0) out += std::string("T") + time;
  return out;
}

}  // namespace budconv
