/// @file seed_lines.hpp
/// Seeds (../shared/seeds/*.txt) hold published tables as lines of tab-separated cells; tests
/// lay those lines out as sheet rows to read them as a spreadsheet would hold them.
#pragma once

#include <cstdint>
#include <string>

#include "budconv/workbook.hpp"

namespace budconv::test {

/// Appends lines `first`..`last` (1-based) of the seed file `seed` (a name under
/// shared_dir()/seeds) to `sheet` from row `row` on: one row per line, one cell per tab-separated
/// field, number-like fields stored as numbers. Returns the row after the last one written.
std::uint32_t append_seed_lines(Sheet& sheet, std::uint32_t row, const std::string& seed, int first,
                                int last);

}  // namespace budconv::test
