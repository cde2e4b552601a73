/// @file money.hpp
/// Exact money: an integer number of 分 (0.01 元). Blank is represented by std::nullopt, never 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "budconv/export.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// The unit an amount was published in.
enum class AmountUnit {
  yuan,      ///< 元 — 1 元 = 100 分
  wan_yuan,  ///< 万元 — 1 万元 = 1 000 000 分
};

/// "元" or "万元".
BUDCONV_API const char* amount_unit_label(AmountUnit unit) noexcept;
/// "yuan" or "wan-yuan" (used in XML and JSON).
BUDCONV_API const char* amount_unit_id(AmountUnit unit) noexcept;
/// Accepts "元", "万元", "yuan", "wan-yuan" (with surrounding spaces); nullopt otherwise.
BUDCONV_API std::optional<AmountUnit> parse_amount_unit(std::string_view text);

/// An exact amount of money in 分.
struct BUDCONV_API Money {
  std::int64_t fen = 0;  ///< signed number of 分

  /// Adds; returns nullopt on 64-bit overflow.
  static std::optional<Money> checked_add(Money a, Money b) noexcept;
  /// Equality in 分.
  bool operator==(const Money&) const = default;
  /// Ordering in 分.
  auto operator<=>(const Money&) const = default;
};

/// How a text amount failed to parse.
enum class AmountParseError {
  not_a_number,  ///< letters, stray symbols, two decimal points …
  too_precise,   ///< more precision than 1 分 in the given unit (e.g. 1.234 元)
  out_of_range,  ///< does not fit in 64 bits of 分
};

/// Outcome of parsing an amount cell: blank, a value, or an error.
struct BUDCONV_API AmountParse {
  std::optional<Money> value;                               ///< set when the text holds an amount
  std::optional<AmountParseError> error;                    ///< set when the text is not an amount
  bool blank() const noexcept { return !value && !error; }  ///< empty / whitespace / "-" only
};

/// Options for parse_amount.
struct AmountParseOptions {
  bool allow_rounding = false;  ///< round half away from zero to 分 instead of too_precise
};

/// Parses a published amount ("2,565.19", "（12.50）", "-3", "１２３．４５", "90816893.00") in
/// `unit`. Accepts thousands separators, full-width digits/punctuation, a leading sign, parentheses
/// for negatives, surrounding blanks, and a trailing unit word matching `unit`. Blank → blank().
BUDCONV_API AmountParse parse_amount(std::string_view text, AmountUnit unit,
                                     AmountParseOptions options = {});

/// Formatting options for format_amount.
struct AmountFormat {
  int min_decimals = 2;    ///< at least this many decimals (more only when needed to be exact)
  bool thousands = false;  ///< insert "," every three digits
};

/// Formats `money` in `unit` exactly: 9081689300 分 in 万元 → "9081.6893"; in 元 → "90816893.00".
BUDCONV_API std::string format_amount(Money money, AmountUnit unit, AmountFormat format = {});

/// Human-readable message for an AmountParseError, Chinese or English.
BUDCONV_API std::string amount_error_text(AmountParseError error, bool english);

}  // namespace budconv
