// Number text at Excel's precision. std::to_chars gives the shortest round-trip form; fixed
// notation keeps the text acceptable to the exact decimal parser (no "1e+21").
#include "budconv/number_text.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace budconv {

namespace {

constexpr std::size_t kExcelDigits = 15;

std::string to_fixed_shortest(double v) {
  // DBL_MAX in fixed notation is 309 digits; 400 leaves room for sign and fraction.
  std::array<char, 400> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed);
  if (ec != std::errc{}) return "0";
  return std::string(buf.data(), end);
}

}  // namespace

std::size_t significant_digits(std::string_view s) {
  // Only the mantissa counts: the exponent's digits say where the point is, not precision.
  s = s.substr(0, s.find_first_of("eE"));
  std::size_t first = s.find_first_of("123456789");
  if (first == std::string_view::npos) return 0;
  std::size_t last = s.find_last_of("123456789");
  std::size_t n = 0;
  for (std::size_t i = first; i <= last; ++i)
    if (s[i] >= '0' && s[i] <= '9') ++n;
  return n;
}

std::string excel_number_text(double value) {
  if (!std::isfinite(value)) return "0";
  if (value == 0.0) return "0";
  std::string s = to_fixed_shortest(value);
  if (significant_digits(s) <= kExcelDigits) return s;
  // Round to 15 significant digits; any 15-digit decimal survives a trip through double, so
  // the shortest form of the rounded value is exactly those digits.
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                 std::chars_format::scientific, kExcelDigits - 1);
  if (ec != std::errc{}) return s;
  double rounded = 0.0;
  auto parsed = std::from_chars(buf.data(), end, rounded);
  if (parsed.ec != std::errc{} || rounded == 0.0) return s;
  return to_fixed_shortest(rounded);
}

std::string normalize_number_text(std::string_view exact) {
  if (significant_digits(exact) <= kExcelDigits) return std::string(exact);
  // Round the double the file stands for, as Excel does, rather than the decimal text: "%.16G"
  // text need not be the exact value, and a trailing 5 in it must not decide the rounding.
  std::string_view s = exact;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);  // from_chars takes no '+'
  double v = 0.0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || !std::isfinite(v))
    return std::string(exact);
  return excel_number_text(v);
}

}  // namespace budconv
