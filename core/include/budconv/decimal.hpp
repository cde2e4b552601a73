/// @file decimal.hpp
/// Exact decimal numbers for indicator targets and quantities (never double).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "budconv/export.hpp"

namespace budconv {

/// An exact decimal: value = mantissa / 10^scale. Keeps the published number of decimals.
struct BUDCONV_API Decimal {
  std::int64_t mantissa = 0;  ///< digits without the decimal point, signed
  int scale = 0;              ///< number of digits after the decimal point (0..18)

  /// Parses "289.89", "-3", "1,200.5", full-width digits; nullopt if not a plain number.
  static std::optional<Decimal> parse(std::string_view text);
  /// Formats with exactly `scale` decimals ("289.89", "6", "0.50").
  std::string to_string() const;
  /// Numeric comparison independent of scale (1.50 == 1.5).
  bool equals(const Decimal& other) const;
  /// Byte-wise identity (same mantissa and scale).
  bool operator==(const Decimal& other) const = default;
};

}  // namespace budconv
