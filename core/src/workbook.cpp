/// @file workbook.cpp
/// The sparse grid: cell factories, sheet look-ups and extents.
#include "budconv/workbook.hpp"

#include <algorithm>
#include <charconv>

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
