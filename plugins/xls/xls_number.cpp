// Number text for BIFF doubles: std::to_chars gives the shortest round-trip form; fixed
// notation keeps the text acceptable to the exact decimal parser (no "1e+21").
#include "xls_number.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace budconv::xls {

namespace {

std::string to_fixed_shortest(double v) {
  // DBL_MAX in fixed notation is 309 digits; 400 leaves room for sign and fraction.
  std::array<char, 400> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed);
  if (ec != std::errc{}) return "0";
  return std::string(buf.data(), end);
}

std::size_t significant_digits(const std::string& s) {
  std::size_t first = s.find_first_of("123456789");
  if (first == std::string::npos) return 0;
  std::size_t last = s.find_last_of("123456789");
  std::size_t n = 0;
  for (std::size_t i = first; i <= last; ++i)
    if (s[i] >= '0' && s[i] <= '9') ++n;
  return n;
}

}  // namespace

std::string format_biff_number(double value) {
  if (!std::isfinite(value)) return "0";
  if (value == 0.0) return "0";
  std::string s = to_fixed_shortest(value);
  if (significant_digits(s) <= 15) return s;
  // Round to 15 significant digits; any 15-digit decimal survives a trip through double, so
  // the shortest form of the rounded value is exactly those digits.
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                 std::chars_format::scientific, 14);
  if (ec != std::errc{}) return s;
  double rounded = 0.0;
  auto parsed = std::from_chars(buf.data(), end, rounded);
  if (parsed.ec != std::errc{} || rounded == 0.0) return s;
  return to_fixed_shortest(rounded);
}

std::string biff_error_text(std::uint8_t code) {
  switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return "#N/A";
  }
}

}  // namespace budconv::xls
