/// @file xls_number.hpp
/// Decimal text for the IEEE doubles that BIFF stores, and BIFF error literals.
#pragma once

#include <cstdint>
#include <string>

namespace budconv::xls {

/// The shortest plain decimal text (no exponent) that reads back as `value`; values that need
/// more than 15 significant digits are first rounded to 15, Excel's own precision, so binary
/// noise from a formula (90816893.00000001) never reaches the money parser. "-0" becomes "0".
std::string format_biff_number(double value);

/// "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A" for a BIFF error code;
/// "#N/A" for unknown codes.
std::string biff_error_text(std::uint8_t code);

}  // namespace budconv::xls
