/// @file target.hpp
/// Indicator targets (指标值): the published text plus its parsed parts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "budconv/decimal.hpp"
#include "budconv/export.hpp"

namespace budconv {

/// How a target compares.
enum class Comparator {
  none,         ///< not parsed / empty
  eq,           ///< = (also a bare number: "289.89 万人")
  ge,           ///< ≥ >= 不低于 不少于
  le,           ///< ≤ <= 不高于 不超过 "…内"
  gt,           ///< > 超过 高于
  lt,           ///< < 低于
  range,        ///< "6-9 个月": value..value2
  qualitative,  ///< text only: "有所提升", "高中低", "长期", "及时"
};

/// ASCII id of a comparator: "eq", "ge", …, "qualitative".
BUDCONV_API const char* comparator_id(Comparator c) noexcept;
/// Symbol as written in Sichuan's 指标性质 column: "=", "≥", "≤", ">", "<", "定性" ("" for
/// none/range).
BUDCONV_API const char* comparator_symbol(Comparator c) noexcept;
/// Parses an id ("ge") or a symbol ("≥", ">=", "定性"); nullopt if unknown.
BUDCONV_API std::optional<Comparator> parse_comparator(std::string_view text);

/// A parsed indicator target; `text` is always the published text, kept exactly.
struct BUDCONV_API Target {
  std::string text;  ///< as published ("≥90%", "289.89 万人", "6-9 个月")
  Comparator comparator = Comparator::none;  ///< parsed comparator
  std::optional<Decimal> value;              ///< first (or only) number
  std::optional<Decimal> value2;             ///< upper bound of a range
  std::string unit;  ///< "%", "万人", "元/人", "个月", "小时", "" …

  /// Parses published text; never fails: unparseable text becomes qualitative, empty stays none.
  /// Dates and deadlines ("2021 年", "不晚于2020年第一季度", "每月 8 日 前") are qualitative;
  /// the grammar is documented in core/src/target.cpp.
  static Target parse(std::string_view text);
  /// Builds a target from Sichuan-style columns (指标性质, 指标值, 度量单位).
  static Target from_parts(std::string_view nature, std::string_view value, std::string_view unit);
  /// Canonical one-cell text for the parts ("≥90%", "6-9个月", "高中低"): used when no text was
  /// published.
  std::string compose() const;
  /// Member-wise equality.
  bool operator==(const Target&) const = default;
};

}  // namespace budconv
