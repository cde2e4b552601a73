/// @file xls_number.hpp
/// BIFF error literals. (Number text for BIFF doubles is budconv::excel_number_text, shared
/// with the XLSX reader.)
#pragma once

#include <cstdint>
#include <string>

namespace budconv::xls {

/// "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A" for a BIFF error code;
/// "#N/A" for unknown codes.
std::string biff_error_text(std::uint8_t code);

}  // namespace budconv::xls
