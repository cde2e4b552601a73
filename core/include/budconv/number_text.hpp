/// @file number_text.hpp
/// Decimal text for spreadsheet numbers at Excel's precision (15 significant digits), shared
/// by the readers that meet binary doubles: BIFF records (.xls) and `%.16G`/`%.17g` text that
/// libxlsxwriter, XlsxWriter and many finance exports store in .xlsx.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "budconv/export.hpp"

namespace budconv {

/// The shortest plain decimal text (no exponent) that reads back as `value`; values that need
/// more than 15 significant digits are first rounded to 15, Excel's own precision, so binary
/// noise (90816893.00000001, 0.30000000000000004) never reaches the money parser.
/// "-0" and non-finite values become "0".
BUDCONV_API std::string excel_number_text(double value);

/// Significant digits of a number's stored text: from the first to the last non-zero digit of
/// the mantissa ("90816893.00" → 8, "583602.8199999999" → 16, "1.5E+3" → 2, "0" → 0).
BUDCONV_API std::size_t significant_digits(std::string_view number_text);

/// Stored number text as Excel would show it: text with at most 15 significant digits is
/// returned unchanged (exact, e.g. "90816893.00"); longer text is read as a double and printed
/// by excel_number_text ("583602.8199999999" → "583602.82"). Text that is not a finite number
/// is returned unchanged.
BUDCONV_API std::string normalize_number_text(std::string_view exact);

}  // namespace budconv
