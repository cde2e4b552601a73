/// @file cell_ref.hpp
/// A1 cell references ("D7", "XFD1048576") ⇄ zero-based row/column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "budconv/export.hpp"

namespace budconv {

/// Largest row index + 1 a spreadsheet may have (Excel's limit).
inline constexpr std::uint32_t kMaxRows = 1048576;
/// Largest column index + 1 a spreadsheet may have (XFD).
inline constexpr std::uint32_t kMaxCols = 16384;

/// A zero-based cell position.
struct CellPos {
  std::uint32_t row = 0;  ///< 0 = spreadsheet row 1
  std::uint32_t col = 0;  ///< 0 = column A
  /// Row-major ordering.
  auto operator<=>(const CellPos&) const = default;
};

/// "A", "Z", "AA", … for a zero-based column.
BUDCONV_API std::string column_letters(std::uint32_t col);
/// "D7" for row 6, col 3.
BUDCONV_API std::string a1(std::uint32_t row, std::uint32_t col);
/// "D7" for a CellPos.
inline std::string a1(CellPos p) {
  return a1(p.row, p.col);
}
/// Parses "D7" / "$D$7" (case-insensitive); nullopt if malformed or beyond Excel's limits.
BUDCONV_API std::optional<CellPos> parse_a1(std::string_view ref);
/// Parses the column letters of a reference ("D7" → 3, "AA" → 26); nullopt if malformed.
BUDCONV_API std::optional<std::uint32_t> parse_column(std::string_view letters);

}  // namespace budconv
