/// @file workbook.cpp
/// The sparse grid: cell factories, sheet look-ups and extents.
#include "budconv/workbook.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "text_normalize.hpp"

namespace budconv {

const char* cell_type_id(CellType t) noexcept {
  switch (t) {
    case CellType::empty:
      return "empty";
    case CellType::number:
      return "number";
    case CellType::text:
      return "text";
    case CellType::boolean:
      return "bool";
    case CellType::date:
      return "date";
    case CellType::error:
      return "error";
  }
  return "empty";
}

Cell Cell::make_text(std::string s) {
  Cell c;
  c.type = CellType::text;
  c.text = std::move(s);
  return c;
}

Cell Cell::make_number(std::string exact, std::string number_format) {
  Cell c;
  c.type = CellType::number;
  // from_chars is locale-independent; the double is a convenience, the text stays authoritative.
  const char* first = exact.data();
  const char* last = exact.data() + exact.size();
  if (first != last && *first == '+') ++first;
  double v = 0.0;
  if (std::from_chars(first, last, v).ec != std::errc()) v = 0.0;
  c.number = v;
  c.text = std::move(exact);
  c.number_format = std::move(number_format);
  return c;
}

const char* halign_id(HAlign a) noexcept {
  switch (a) {
    case HAlign::left:
      return "left";
    case HAlign::center:
      return "center";
    case HAlign::right:
      return "right";
    case HAlign::general:
      break;
  }
  return "general";
}

const char* valign_id(VAlign a) noexcept {
  switch (a) {
    case VAlign::center:
      return "center";
    case VAlign::top:
      return "top";
    case VAlign::bottom:
      break;
  }
  return "bottom";
}

bool Cell::styled() const {
  return !number_format.empty() || bold || border || halign != HAlign::general ||
         valign != VAlign::bottom || wrap;
}

bool Cell::blank() const {
  if (type == CellType::empty) return true;
  if (type != CellType::text) return false;
  const std::u32string cps = detail::decode_utf8(text);
  return std::all_of(cps.begin(), cps.end(), detail::is_space);
}

std::string MergedRange::to_string() const {
  return a1(first) + ":" + a1(last);
}

const Cell* Sheet::find(std::uint32_t row, std::uint32_t col) const {
  const auto r = rows.find(row);
  if (r == rows.end()) return nullptr;
  const auto c = r->second.find(col);
  return c == r->second.end() ? nullptr : &c->second;
}

Cell& Sheet::at(std::uint32_t row, std::uint32_t col) {
  return rows[row][col];
}

std::string Sheet::text(std::uint32_t row, std::uint32_t col) const {
  const Cell* c = find(row, col);
  return c ? c->text : std::string();
}

const Cell* Sheet::find_merged(std::uint32_t row, std::uint32_t col) const {
  const CellPos p{row, col};
  for (const MergedRange& m : merges) {
    if (m.contains(p)) return find(m.first.row, m.first.col);
  }
  return find(row, col);
}

void Sheet::rule(CellPos first, CellPos last) {
  for (std::uint32_t r = first.row; r <= last.row; ++r) {
    for (std::uint32_t c = first.col; c <= last.col; ++c) at(r, c).border = true;
  }
}

namespace {

// Display width in Excel's "characters": a CJK or full-width character takes two.
double text_units(std::u32string_view line) {
  double units = 0;
  for (char32_t c : line) {
    const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                      (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
    units += wide ? 2.0 : 1.1;  // Latin letters and digits run a little wider than a digit
  }
  return units;
}

// Lines `text` takes in a column `width` characters wide.
int lines_needed(const std::string& text, double width) {
  const double usable = std::max(1.0, width - 1.0);  // the cell's own padding
  int lines = 0;
  const std::u32string t = detail::decode_utf8(text);
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = t.find(U'\n', start);
    const std::u32string_view line(t.data() + start,
                                   (nl == std::u32string::npos ? t.size() : nl) - start);
    lines += std::max(1, static_cast<int>(std::ceil(text_units(line) / usable)));
    if (nl == std::u32string::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace

void Sheet::fit_row_heights(std::uint32_t first, std::uint32_t last) {
  constexpr double kLinePoints = 15.0;  // one line of an 11-point font, as Excel spaces it
  const auto width_of = [this](std::uint32_t c) {
    auto it = column_widths.find(c);
    return it == column_widths.end() ? 8.43 : it->second;
  };
  for (auto it = rows.lower_bound(first); it != rows.end() && it->first <= last; ++it) {
    const std::uint32_t r = it->first;
    int lines = 1;
    for (const auto& [c, cell] : it->second) {
      if (!cell.wrap || cell.type != CellType::text || cell.text.empty()) continue;
      std::uint32_t last_col = c;
      bool tall_merge = false;
      for (const MergedRange& m : merges) {
        if (m.first.row == r && m.first.col == c) {
          last_col = m.last.col;
          tall_merge = m.last.row > m.first.row;
        }
      }
      if (tall_merge) continue;  // several rows share it: their own heights add up
      double width = 0;
      for (std::uint32_t k = c; k <= last_col; ++k) width += width_of(k);
      lines = std::max(lines, lines_needed(cell.text, width));
    }
    if (lines > 1) row_heights[r] = std::min(409.0, kLinePoints * lines);
  }
}

std::size_t Sheet::cell_count() const {
  std::size_t n = 0;
  for (const auto& [r, cells] : rows) {
    for (const auto& [c, cell] : cells) {
      if (!cell.blank()) ++n;
    }
  }
  return n;
}

CellPos Sheet::extent() const {
  std::uint32_t max_row = 0, max_col = 0;  // one past the last used row/column
  for (const auto& [r, cells] : rows) {
    for (const auto& [c, cell] : cells) {
      if (cell.blank()) continue;
      max_row = std::max(max_row, r + 1);
      max_col = std::max(max_col, c + 1);
    }
  }
  for (const MergedRange& m : merges) {
    max_row = std::max(max_row, m.last.row + 1);
    max_col = std::max(max_col, m.last.col + 1);
  }
  return CellPos{max_row, max_col};
}

const Sheet* Workbook::find_sheet(const std::string& name) const {
  for (const Sheet& s : sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Sheet& Workbook::add_sheet(std::string name) {
  Sheet& s = sheets.emplace_back();
  s.name = std::move(name);
  return s;
}

}  // namespace budconv
