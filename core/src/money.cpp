/// @file money.cpp
/// Exact amounts in 分: parsing published text in 元 or 万元, and formatting it back.
#include "budconv/money.hpp"

#include <algorithm>
#include <limits>

#include "text_normalize.hpp"

namespace budconv {

namespace {

/// Power of ten from the unit to 分: 元 → 2, 万元 → 6.
int fen_exponent(AmountUnit unit) {
  return unit == AmountUnit::wan_yuan ? 6 : 2;
}

AmountParse fail(AmountParseError e) {
  AmountParse r;
  r.error = e;
  return r;
}

AmountParse ok(std::int64_t fen) {
  AmountParse r;
  r.value = Money{fen};
  return r;
}

/// The digit string as an unsigned magnitude; false on overflow past INT64_MAX.
bool magnitude(std::string_view digits, std::uint64_t& out) {
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  out = 0;
  for (char d : digits) {
    const auto v = static_cast<std::uint64_t>(d - '0');
    if (out > (kMax - v) / 10) return false;
    out = out * 10 + v;
  }
  return true;
}

}  // namespace

const char* amount_unit_label(AmountUnit unit) noexcept {
  return unit == AmountUnit::wan_yuan ? "万元" : "元";
}

const char* amount_unit_id(AmountUnit unit) noexcept {
  return unit == AmountUnit::wan_yuan ? "wan-yuan" : "yuan";
}

std::optional<AmountUnit> parse_amount_unit(std::string_view text) {
  const std::u32string folded = detail::normalize(text);
  const std::u32string_view s = detail::trim(folded);
  if (s == U"元" || s == U"yuan") return AmountUnit::yuan;
  if (s == U"万元" || s == U"wan-yuan") return AmountUnit::wan_yuan;
  return std::nullopt;
}

std::optional<Money> Money::checked_add(Money a, Money b) noexcept {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.fen, b.fen, &sum)) return std::nullopt;
  return Money{sum};
}

AmountParse parse_amount(std::string_view text, AmountUnit unit, AmountParseOptions options) {
  const std::u32string folded = detail::normalize(text);
  std::u32string_view s = detail::trim(folded);
  if (s.empty() || std::all_of(s.begin(), s.end(), detail::is_dash)) return AmountParse{};

  // A trailing unit word is accepted only when it names the table's unit: "580元" in a 万元
  // table is a different number than it looks, so it is refused rather than guessed.
  bool unit_seen = false;
  auto strip_unit = [&]() {
    if (unit_seen) return true;
    if (detail::ends_with(s, U"万元")) {
      if (unit != AmountUnit::wan_yuan) return false;
      s = detail::trim(s.substr(0, s.size() - 2));
      unit_seen = true;
    } else if (detail::ends_with(s, U"元")) {
      if (unit != AmountUnit::yuan) return false;
      s = detail::trim(s.substr(0, s.size() - 1));
      unit_seen = true;
    }
    return true;
  };
  if (!strip_unit()) return fail(AmountParseError::not_a_number);

  bool negative = false;
  if (!s.empty() &&
      s.front() == U'(') {  // accounting negative "(12.50)" / "（12.50）" / "（12元）"
    if (s.back() != U')') return fail(AmountParseError::not_a_number);
    s = detail::trim(s.substr(1, s.size() - 2));
    negative = true;
    if (!strip_unit()) return fail(AmountParseError::not_a_number);
  }
  if (!s.empty() && (s.front() == U'-' || s.front() == U'+')) {
    if (negative) return fail(AmountParseError::not_a_number);  // "(-12)" is not a thing
    negative = s.front() == U'-';
    s.remove_prefix(1);
  }
  if (!s.empty() && (s.front() == 0x00A5 || s.front() == 0xFFE5)) s.remove_prefix(1);  // ¥ ￥

  detail::LexedNumber lex;
  const std::size_t used = detail::lex_number(s, lex, {.sign = false, .exponent = true});
  if (used == 0 || used != s.size()) return fail(AmountParseError::not_a_number);

  // value in 分 = digits × 10^(exponent + fen_exponent − frac); k > 0 digits fall below 1 分.
  const long shift = lex.exponent + fen_exponent(unit) - lex.frac;
  std::string_view digits = lex.digits;
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  const bool zero = digits.find_first_not_of('0') == std::string_view::npos;
  if (zero) return ok(0);

  std::uint64_t mag = 0;
  if (shift >= 0) {
    if (shift > 19 || !magnitude(digits, mag)) return fail(AmountParseError::out_of_range);
    for (long i = 0; i < shift; ++i) {
      if (mag > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / 10) {
        return fail(AmountParseError::out_of_range);
      }
      mag *= 10;
    }
  } else {
    const auto drop = static_cast<std::size_t>(-shift);
    std::string_view head, tail;
    if (drop >= digits.size()) {
      tail = digits;  // every digit is below 1 分 (plus `drop - size` implied leading zeros)
    } else {
      head = digits.substr(0, digits.size() - drop);
      tail = digits.substr(digits.size() - drop);
    }
    if (!magnitude(head, mag)) return fail(AmountParseError::out_of_range);
    const bool exact = tail.find_first_not_of('0') == std::string_view::npos;
    if (!exact) {
      if (!options.allow_rounding) return fail(AmountParseError::too_precise);
      // Half away from zero: look at the first dropped digit (0 when implied zeros precede tail).
      const char first = drop > digits.size() ? '0' : tail.front();
      if (first >= '5') {
        if (mag == static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
          return fail(AmountParseError::out_of_range);
        }
        ++mag;
      }
    }
  }
  const auto v = static_cast<std::int64_t>(mag);
  return ok(negative ? -v : v);
}

std::string format_amount(Money money, AmountUnit unit, AmountFormat format) {
  const int exp = fen_exponent(unit);
  const bool neg = money.fen < 0;
  const std::uint64_t mag =
      neg ? 0 - static_cast<std::uint64_t>(money.fen) : static_cast<std::uint64_t>(money.fen);
  std::string digits = std::to_string(mag);
  if (static_cast<int>(digits.size()) <= exp) {
    digits.insert(0, static_cast<std::size_t>(exp + 1) - digits.size(), '0');
  }
  std::string int_part = digits.substr(0, digits.size() - static_cast<std::size_t>(exp));
  std::string frac = digits.substr(digits.size() - static_cast<std::size_t>(exp));
  // Only as many decimals as the value needs, but never fewer than asked for.
  std::size_t needed = frac.size();
  while (needed > 0 && frac[needed - 1] == '0') --needed;
  const auto wanted = static_cast<std::size_t>(std::clamp(format.min_decimals, 0, 18));
  if (wanted > needed) {
    frac.resize(std::max(frac.size(), wanted), '0');
    frac.resize(wanted);
  } else {
    frac.resize(needed);
  }
  if (format.thousands && int_part.size() > 3) {
    std::string grouped;
    const std::size_t lead = int_part.size() % 3 == 0 ? 3 : int_part.size() % 3;
    grouped = int_part.substr(0, lead);
    for (std::size_t i = lead; i < int_part.size(); i += 3) {
      grouped += ',';
      grouped += int_part.substr(i, 3);
    }
    int_part = grouped;
  }
  std::string out = neg ? "-" : "";
  out += int_part;
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::string amount_error_text(AmountParseError error, bool english) {
  switch (error) {
    case AmountParseError::not_a_number:
      return english ? "not a valid amount" : "不是有效的金额";
    case AmountParseError::too_precise:
      return english ? "more precise than 1 fen (0.01 yuan)" : "精度超过 1 分（0.01 元）";
    case AmountParseError::out_of_range:
      return english ? "amount out of range" : "金额超出可表示的范围";
  }
  return english ? "invalid amount" : "无效金额";
}

}  // namespace budconv
