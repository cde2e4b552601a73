/// @file cell_ref.cpp
/// A1 references ⇄ zero-based positions, bounded by Excel's grid (XFD1048576).
#include "budconv/cell_ref.hpp"

#include <algorithm>

namespace budconv {

namespace {

bool is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Reads "[$]LETTERS" at the start of `ref`; advances `i`. Letters are capped at three (XFD).
std::optional<std::uint32_t> read_column(std::string_view ref, std::size_t& i) {
  if (i < ref.size() && ref[i] == '$') ++i;
  std::uint32_t col = 0;
  std::size_t n = 0;
  while (i < ref.size() && is_letter(ref[i])) {
    if (++n > 3) return std::nullopt;
    const char up = static_cast<char>(ref[i] & ~0x20);
    col = col * 26 + static_cast<std::uint32_t>(up - 'A' + 1);
    ++i;
  }
  if (n == 0 || col > kMaxCols) return std::nullopt;
  return col - 1;
}

}  // namespace

std::string column_letters(std::uint32_t col) {
  std::string s;
  std::uint64_t n = static_cast<std::uint64_t>(col) + 1;  // bijective base 26
  while (n > 0) {
    const auto rem = static_cast<char>((n - 1) % 26);
    s.push_back(static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  std::reverse(s.begin(), s.end());
  return s;
}

std::string a1(std::uint32_t row, std::uint32_t col) {
  return column_letters(col) + std::to_string(static_cast<std::uint64_t>(row) + 1);
}

std::optional<CellPos> parse_a1(std::string_view ref) {
  std::size_t i = 0;
  const auto col = read_column(ref, i);
  if (!col) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  // Rows are written without leading zeros; "A01" is not a reference Excel writes.
  if (i >= ref.size() || !is_digit(ref[i]) || ref[i] == '0') return std::nullopt;
  std::uint32_t row = 0;
  for (; i < ref.size(); ++i) {
    if (!is_digit(ref[i])) return std::nullopt;
    row = row * 10 + static_cast<std::uint32_t>(ref[i] - '0');
    if (row > kMaxRows) return std::nullopt;
  }
  return CellPos{row - 1, *col};
}

std::optional<std::uint32_t> parse_column(std::string_view letters) {
  std::size_t i = 0;
  const auto col = read_column(letters, i);
  if (!col) return std::nullopt;
  if (i == letters.size()) return col;
  // A full reference is accepted too ("D7" → 3): the rest must be a row number.
  if (letters[i] == '$') ++i;
  if (i == letters.size()) return std::nullopt;
  for (; i < letters.size(); ++i) {
    if (!is_digit(letters[i])) return std::nullopt;
  }
  return col;
}

}  // namespace budconv
