/// @file workbook.hpp
/// The neutral spreadsheet grid that container plugins read and write. Sparse by design:
/// only cells that exist are stored, so a declared dimension of XFD1048576 costs nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "budconv/cell_ref.hpp"
#include "budconv/export.hpp"

namespace budconv {

/// What a cell holds.
enum class CellType {
  empty,    ///< exists only for its style/format (or not at all)
  number,   ///< numeric; `text` holds the exact decimal as stored in the file
  text,     ///< string (shared, inline, rich text flattened)
  boolean,  ///< TRUE/FALSE; `text` is "TRUE" or "FALSE"
  date,     ///< a number formatted as a date; `text` is ISO 8601 ("2020-12-31" /
            ///< "2020-12-31T08:30:00")
  error,    ///< "#DIV/0!", "#N/A" …; `text` holds the error literal
};

/// "empty", "number", "text", "bool", "date", "error".
BUDCONV_API const char* cell_type_id(CellType t) noexcept;

/// Horizontal alignment of a cell's text ("general": numbers right, text left).
enum class HAlign : std::uint8_t { general, left, center, right };
/// Vertical alignment of a cell's text (Excel's default is bottom).
enum class VAlign : std::uint8_t { bottom, center, top };
/// "general", "left", "center", "right".
BUDCONV_API const char* halign_id(HAlign a) noexcept;
/// "bottom", "center", "top".
BUDCONV_API const char* valign_id(VAlign a) noexcept;

/// One cell. Numbers keep their exact file text so money never passes through double.
struct BUDCONV_API Cell {
  CellType type = CellType::empty;  ///< kind of value
  std::string text;                 ///< value as exact text (see CellType)
  double number = 0.0;        ///< numeric value for number/date (convenience; never for money)
  std::string number_format;  ///< Excel number format code ("#,##0.00", "yyyy-mm-dd", "" = General)
  std::string formula;        ///< formula text without "=" when the cell had one
  bool bold = false;          ///< header styling hint (written by writers, read where cheap)
  bool border = false;        ///< thin lines on every side: the ruled grid of an official form
  HAlign halign = HAlign::general;  ///< horizontal alignment (centred titles and headers)
  VAlign valign = VAlign::bottom;   ///< vertical alignment (centred in tall merged cells)
  bool wrap = false;                ///< text wraps inside the column width

  /// Text cell.
  static Cell make_text(std::string s);
  /// Number cell from exact decimal text ("90816893.00"); `number` is derived.
  static Cell make_number(std::string exact, std::string number_format = "");
  /// True for empty cells and text cells holding only whitespace.
  bool blank() const;
  /// True when the cell carries any styling: number format, bold, border, alignment or wrap.
  bool styled() const;
  /// Member-wise equality.
  bool operator==(const Cell&) const = default;
};

/// A rectangular merged range, inclusive, zero-based.
struct BUDCONV_API MergedRange {
  CellPos first;  ///< top-left
  CellPos last;   ///< bottom-right
  /// "A1:C2".
  std::string to_string() const;
  /// True when `p` lies inside.
  bool contains(CellPos p) const {
    return p.row >= first.row && p.row <= last.row && p.col >= first.col && p.col <= last.col;
  }
  /// Member-wise equality.
  bool operator==(const MergedRange&) const = default;
};

/// One sheet: sparse rows of sparse cells, plus merges and layout.
struct BUDCONV_API Sheet {
  std::string name;                                             ///< sheet name as in the file
  bool hidden = false;                                          ///< hidden or very hidden
  std::map<std::uint32_t, std::map<std::uint32_t, Cell>> rows;  ///< row → col → cell
  std::vector<MergedRange> merges;                              ///< merged ranges
  std::map<std::uint32_t, double> column_widths;                ///< col → width in characters
  std::map<std::uint32_t, double> row_heights;  ///< row → height in points (rows set by hand)
  std::uint32_t frozen_rows = 0;                ///< rows frozen at the top

  /// The cell at (row, col), or nullptr.
  const Cell* find(std::uint32_t row, std::uint32_t col) const;
  /// The cell at (row, col), creating it.
  Cell& at(std::uint32_t row, std::uint32_t col);
  /// Sets a cell.
  void set(std::uint32_t row, std::uint32_t col, Cell cell) { at(row, col) = std::move(cell); }
  /// Text of a cell, "" when absent.
  std::string text(std::uint32_t row, std::uint32_t col) const;
  /// Value of the cell, or of the top-left cell of the merge that covers it.
  const Cell* find_merged(std::uint32_t row, std::uint32_t col) const;
  /// Number of stored non-empty cells.
  std::size_t cell_count() const;
  /// Bounding box of non-empty cells and merges (rows, cols); {0,0} for an empty sheet.
  CellPos extent() const;
  /// Rules the rectangle `first`..`last` (inclusive) as a form grid: every cell gets a border,
  /// blank cells are created to carry it.
  void rule(CellPos first, CellPos last);
  /// Makes each row in `first`..`last` tall enough for its wrapped texts: a cell (or a merge
  /// one row tall) whose text needs more lines than its columns' widths hold sets the height.
  /// Columns without a width count as Excel's default 8.43 characters.
  void fit_row_heights(std::uint32_t first, std::uint32_t last);
};

/// A workbook: ordered sheets.
struct BUDCONV_API Workbook {
  std::vector<Sheet> sheets;  ///< in file order
  bool date1904 = false;      ///< the file used the 1904 date system (dates are already converted)

  /// The sheet named `name`, or nullptr.
  const Sheet* find_sheet(const std::string& name) const;
  /// Appends a sheet and returns it.
  Sheet& add_sheet(std::string name);
};

/// Converts an Excel serial date to ISO 8601 text; nullopt when out of range. Rounded to the
/// second; "2020-12-31" without a time part at midnight. In the 1900 system serial 60 is the
/// phantom 1900-02-29 and serials in [0, 1) are a time of day alone ("08:30:00").
BUDCONV_API std::optional<std::string> excel_serial_to_iso(double serial, bool date1904);
/// True when an Excel number format code displays a date or time ("yyyy-mm-dd", "m/d/yy h:mm",
/// built-in ids 14–22, 45–47).
BUDCONV_API bool is_date_format(const std::string& format_code);
/// Built-in number format code for an id (0–49, plus the zh-CN date ids 50–58), "" when the id
/// is not built in. Ids 27–36 and 50–58 are the zh-CN forms Chinese files use undeclared.
BUDCONV_API std::string builtin_number_format(int id);

}  // namespace budconv
