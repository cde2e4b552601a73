/// @file spreadsheetml_formula.hpp
/// SpreadsheetML stores formulas in R1C1 notation ("=R[-1]C+RC[2]"); the Workbook keeps them in
/// A1 notation like XLSX does, so that 2003 XML → XLSX → 2003 XML keeps working formulas.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace budconv::spreadsheetml {

/// Rewrites the R1C1 references of `formula` (with or without a leading '=') as A1 references
/// seen from the cell at zero-based (row, col); returns it without the '='. String literals,
/// quoted sheet names and anything that is not a reference stay as written; a reference that
/// would fall outside the sheet is left in R1C1 form.
std::string r1c1_to_a1(std::string_view formula, std::uint32_t row, std::uint32_t col);

/// The inverse: rewrites A1 references ("B3", "$B$3", "A1:C4", "A:C", "2:5") of `formula`
/// (without '=') as R1C1 references seen from (row, col); returns it without the '='.
std::string a1_to_r1c1(std::string_view formula, std::uint32_t row, std::uint32_t col);

}  // namespace budconv::spreadsheetml
