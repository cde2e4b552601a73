/// @file xls_dates.hpp
/// FreeXL hands dates over as text it computed from the serial number and the workbook's
/// DATEMODE ("2020-12-31", "2020-12-31 08:30:00", "08:30:00"); these become ISO 8601 date
/// cells with the serial number recomputed for Cell::number.
#pragma once

#include <optional>
#include <string_view>

#include "budconv/workbook.hpp"

namespace budconv::xls {

/// A date cell from FreeXL's text; a text cell holding it verbatim when it does not parse.
Cell freexl_date_cell(std::string_view text, bool date1904);

/// The Excel serial number of a civil date in the 1900 or 1904 system (1900-02-29, Excel's
/// phantom leap day, is serial 60); nullopt before the system's epoch.
std::optional<double> excel_serial(int year, int month, int day, bool date1904);

}  // namespace budconv::xls
