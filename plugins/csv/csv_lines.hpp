/// @file csv_lines.hpp
/// Internal to the csv plugin: turning one sheet's rows into delimited lines, shared by the
/// whole-workbook writer (write_delimited) and the row-by-row writer (DelimitedRowWriter), so
/// both produce the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/encoding.hpp"
#include "budconv/options.hpp"
#include "budconv/result.hpp"
#include "budconv/workbook.hpp"

namespace budconv::csv {

/// Above this many row × column slots, rows are not padded to the sheet's width: a stray cell
/// at XFD1048576 must not turn into gigabytes of delimiters.
inline constexpr std::uint64_t kMaxPaddedSlots = 10'000'000;

/// True for cells that are written (a cell kept only for its style is not).
inline bool written_cell(const Cell& cell) {
  return !(cell.type == CellType::empty && cell.text.empty());
}

/// True when a sheet of `rows` × `cols` written slots is padded to its full width.
inline bool pads(std::uint64_t rows, std::uint64_t cols) {
  return rows * cols <= kMaxPaddedSlots;
}

/// The output encoding from the options "encoding" and "bom".
Result<TextEncoding> output_encoding(const Options& options);

/// The usage Error for a "sheet" option that names no sheet of `names`.
Error no_such_sheet(const std::string& wanted, const std::vector<std::string>& names, bool en);

/// The 1-based sheet position a "sheet" option spells ("2"), or 0 when it is not a position.
std::size_t sheet_position(const std::string& wanted);

/// How many delimiters one line got: for its cells, and in all (with the padding).
struct LineDelims {
  std::uint32_t content = 0;  ///< delimiters in front of the last written field
  std::uint32_t total = 0;    ///< after padding
};

/// Formats the lines of one sheet as UTF-8 and encodes them in chunks. Lines must come in
/// ascending row order (the merge sweep moves forward only).
class SheetLines {
 public:
  /// `source` and `sheet` name the file and sheet in messages.
  SheetLines(char delimiter, TextEncoding encoding, std::string source, std::string sheet,
             Lang lang);

  /// The merged ranges: cells they cover, except the top-left one, are left empty.
  void set_merges(std::vector<MergedRange> merges);
  /// Whether lines are padded with delimiters to `cols` fields.
  void set_layout(bool pad, std::uint32_t cols) {
    pad_ = pad;
    cols_ = cols;
  }

  /// Appends line `row` holding `cells`, a range of (column, Cell) pairs in ascending columns
  /// (std::map<uint32_t, Cell> or RowCell spans, through `col_of` and `cell_of`).
  template <class Range, class ColOf, class CellOf>
  LineDelims line(std::uint32_t row, const Range& cells, ColOf col_of, CellOf cell_of) {
    advance_merges(row);
    LineDelims d;
    for (const auto& entry : cells) {
      const std::uint32_t c = col_of(entry);
      const Cell& cell = cell_of(entry);
      if (!written_cell(cell) || covered(row, c)) continue;
      text_.append(c - d.content, delimiter_);
      d.content = c;
      marks_.push_back({text_.size(), row, c});
      append_cell(cell);
    }
    return end_line(d);
  }

  /// Appends line `row` without cells.
  LineDelims blank_line(std::uint32_t row) {
    advance_merges(row);
    return end_line(LineDelims{});
  }

  /// Bytes of UTF-8 text waiting to be encoded.
  std::size_t pending() const { return text_.size(); }
  /// Encodes the waiting text onto `out`; an invalid_value Error names the cell that failed.
  Status drain(std::string& out);

 private:
  struct FieldMark {
    std::size_t offset;
    std::uint32_t row;
    std::uint32_t col;
  };

  void advance_merges(std::uint32_t row);
  bool covered(std::uint32_t row, std::uint32_t col) const;
  void append_cell(const Cell& cell);
  LineDelims end_line(LineDelims d);

  char delimiter_;
  TextEncoding encoding_;
  std::string source_;
  std::string sheet_;
  Lang lang_;
  bool pad_ = false;
  std::uint32_t cols_ = 0;
  std::string text_;
  std::vector<FieldMark> marks_;
  std::vector<MergedRange> merges_;  // sorted by top-left cell
  std::size_t next_merge_ = 0;
  std::vector<MergedRange> active_;  // merges that reach the current row
};

}  // namespace budconv::csv
