// One sheet → delimited text, whole: the Workbook path of the csv writer (the line format is
// shared with the row-by-row writer in csv_row_writer.cpp through SheetLines).
#include <algorithm>
#include <string>
#include <vector>

#include "csv_format.hpp"
#include "csv_lines.hpp"

namespace budconv::csv {

namespace {

Result<const Sheet*> pick_sheet(const Workbook& book, const Options& options) {
  if (!options.has("sheet")) {
    if (book.sheets.empty()) return static_cast<const Sheet*>(nullptr);
    // Only the first sheet fits in one CSV file; the others are left out (documented).
    return &book.sheets.front();
  }
  const std::string wanted = options.get("sheet");
  if (const Sheet* s = book.find_sheet(wanted)) return s;
  if (const std::size_t n = sheet_position(wanted); n >= 1 && n <= book.sheets.size()) {
    return &book.sheets[n - 1];
  }
  std::vector<std::string> names;
  for (const Sheet& s : book.sheets) names.push_back(s.name);
  return no_such_sheet(wanted, names, options.english());
}

}  // namespace

Result<std::string> write_delimited(const Workbook& book, const Options& options,
                                    char default_delimiter, std::string_view source) {
  auto sheet_r = pick_sheet(book, options);
  if (!sheet_r) return sheet_r.error();
  auto delim_r = delimiter_option(options, default_delimiter);
  if (!delim_r) return delim_r.error();
  auto enc_r = output_encoding(options);
  if (!enc_r) return enc_r.error();
  const TextEncoding enc = enc_r.value();

  std::string result(bom_bytes(enc));
  const Sheet* sheet = sheet_r.value();
  if (!sheet) return result;
  SheetLines lines(delim_r.value(), enc, std::string(source), sheet->name, options.lang);
  lines.set_merges(sheet->merges);

  // The written area: rows and columns up to the last non-blank cell or merged range.
  std::uint32_t rows_used = 0;
  std::uint32_t cols_used = 0;
  for (const auto& [r, cells] : sheet->rows) {
    for (const auto& [c, cell] : cells) {
      if (!written_cell(cell)) continue;
      rows_used = std::max(rows_used, r + 1);
      cols_used = std::max(cols_used, c + 1);
    }
  }
  for (const MergedRange& m : sheet->merges) {
    rows_used = std::max(rows_used, std::min(m.last.row, kMaxRows - 1) + 1);
    cols_used = std::max(cols_used, std::min(m.last.col, kMaxCols - 1) + 1);
  }
  lines.set_layout(pads(rows_used, cols_used), cols_used);

  auto row_it = sheet->rows.begin();
  for (std::uint32_t r = 0; r < rows_used; ++r) {
    while (row_it != sheet->rows.end() && row_it->first < r) ++row_it;
    if (row_it != sheet->rows.end() && row_it->first == r) {
      lines.line(
          r, row_it->second, [](const auto& e) { return e.first; },
          [](const auto& e) -> const Cell& { return e.second; });
    } else {
      lines.blank_line(r);
    }
  }
  if (Status st = lines.drain(result); !st) return st.error();
  return result;
}

}  // namespace budconv::csv
