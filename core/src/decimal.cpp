/// @file decimal.cpp
/// Exact decimals: parsing, formatting and scale-independent comparison.
#include "budconv/decimal.hpp"

#include <limits>

#include "text_normalize.hpp"

namespace budconv {

namespace {

constexpr int kMaxScale = 18;

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  const std::u32string folded = detail::normalize(text);
  const std::u32string_view s = detail::trim(folded);
  detail::LexedNumber lex;
  const std::size_t used = detail::lex_number(s, lex);
  if (used == 0 || used != s.size()) return std::nullopt;
  if (lex.frac > kMaxScale) return std::nullopt;
  // Accumulate as a negative number so that INT64_MIN itself is representable.
  std::int64_t m = 0;
  for (char d : lex.digits) {
    const int digit = d - '0';
    if (m < (std::numeric_limits<std::int64_t>::min() + digit) / 10) return std::nullopt;
    m = m * 10 - digit;
  }
  if (!lex.negative) {
    if (m == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
    m = -m;
  }
  return Decimal{m, lex.frac};
}

std::string Decimal::to_string() const {
  const int sc = scale < 0 ? 0 : scale;
  // Magnitude as unsigned so that INT64_MIN does not overflow on negation.
  const bool neg = mantissa < 0;
  std::uint64_t mag =
      neg ? 0 - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
  std::string digits = std::to_string(mag);
  if (static_cast<int>(digits.size()) <= sc) {
    digits.insert(0, static_cast<std::size_t>(sc + 1) - digits.size(), '0');
  }
  std::string out = neg ? "-" : "";
  if (sc == 0) return out + digits;
  out += digits.substr(0, digits.size() - static_cast<std::size_t>(sc));
  out += '.';
  out += digits.substr(digits.size() - static_cast<std::size_t>(sc));
  return out;
}

bool Decimal::equals(const Decimal& other) const {
  // Canonical form: 128-bit mantissa with no trailing zeros at a non-negative scale. Unique per
  // value, so comparing canonical forms compares values without any risk of overflow.
  auto canonical = [](const Decimal& d, __int128& m, int& sc) {
    m = d.mantissa;
    sc = d.scale;
    while (sc < 0 && sc > -19) m *= 10, ++sc;  // |mantissa| < 2^63, times 10^18 fits in 2^127
    if (sc < 0) {  // an absurd negative scale: only zero can still equal anything
      if (m != 0) return false;
      sc = 0;
    }
    while (sc > 0 && m % 10 == 0) m /= 10, --sc;
    if (m == 0) sc = 0;
    return true;
  };
  __int128 a = 0, b = 0;
  int as = 0, bs = 0;
  if (!canonical(*this, a, as) || !canonical(other, b, bs)) return *this == other;
  return a == b && as == bs;
}

}  // namespace budconv
