// Shared formulas: Excel stores the text once, on the anchor cell, and every other cell of the
// group says only "same as si=N". Moving the relative references gives each cell its own text.
#include <cctype>

#include "xlsx_parts.hpp"

namespace budconv::xlsx {

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$' ||
         c == '\\' || (static_cast<unsigned char>(c) >= 0x80);
}

bool all_letters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A column part "$AB"/"AB" shifted by `d`; empty when it leaves the grid.
std::string shift_col(std::string_view part, std::int64_t d) {
  bool abs = !part.empty() && part[0] == '$';
  std::string_view letters = abs ? part.substr(1) : part;
  if (letters.size() > 3 || !all_letters(letters)) return {};
  std::int64_t col = 0;
  for (char c : letters) col = col * 26 + ((c & ~0x20) - 'A' + 1);
  if (!abs) col += d;
  if (col < 1 || col > kMaxCols) return {};
  std::string out(abs ? "$" : "");
  out += column_letters(static_cast<std::uint32_t>(col - 1));
  return out;
}

// A row part "$7"/"7" shifted by `d`; empty when it leaves the grid.
std::string shift_row(std::string_view part, std::int64_t d) {
  bool abs = !part.empty() && part[0] == '$';
  std::string_view digits = abs ? part.substr(1) : part;
  if (digits.size() > 7 || !all_digits(digits)) return {};
  std::int64_t row = 0;
  for (char c : digits) row = row * 10 + (c - '0');
  if (!abs) row += d;
  if (row < 1 || row > kMaxRows) return {};
  std::string out(abs ? "$" : "");
  out += std::to_string(row);
  return out;
}

// "A1", "$A$1", "a1" → shifted cell reference, or empty when `tok` is not one.
std::string shift_cell(std::string_view tok, std::int64_t drow, std::int64_t dcol, bool& is_ref) {
  std::size_t i = tok.size() && tok[0] == '$' ? 1 : 0;
  std::size_t letters_end = i;
  while (letters_end < tok.size() && std::isalpha(static_cast<unsigned char>(tok[letters_end])))
    ++letters_end;
  if (letters_end == i || letters_end - i > 3) {
    is_ref = false;
    return {};
  }
  std::size_t digits_start =
      letters_end < tok.size() && tok[letters_end] == '$' ? letters_end + 1 : letters_end;
  if (digits_start >= tok.size() || !all_digits(tok.substr(digits_start))) {
    is_ref = false;
    return {};
  }
  is_ref = true;
  std::string c = shift_col(tok.substr(0, letters_end), dcol);
  std::string r = shift_row(tok.substr(letters_end), drow);
  if (c.empty() || r.empty()) return "#REF!";
  return c + r;
}

}  // namespace

std::string shift_formula(std::string_view f, std::int64_t drow, std::int64_t dcol) {
  std::string out;
  out.reserve(f.size() + 8);
  std::size_t i = 0;
  while (i < f.size()) {
    const char c = f[i];
    if (c == '"' || c == '\'') {
      // String literal or quoted sheet name: copied as is ("" and '' are escaped quotes).
      std::size_t j = i + 1;
      while (j < f.size()) {
        if (f[j] == c) {
          if (j + 1 < f.size() && f[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      j = j < f.size() ? j + 1 : j;
      out.append(f.substr(i, j - i));
      i = j;
      continue;
    }
    if (c == '[') {
      // Structured or external-book references: nothing inside moves.
      int depth = 0;
      std::size_t j = i;
      for (; j < f.size(); ++j) {
        if (f[j] == '[') ++depth;
        if (f[j] == ']' && --depth == 0) break;
      }
      j = j < f.size() ? j + 1 : j;
      out.append(f.substr(i, j - i));
      i = j;
      continue;
    }
    if (!is_word_char(c)) {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < f.size() && is_word_char(f[j])) ++j;
    std::string_view tok = f.substr(i, j - i);
    const char next = j < f.size() ? f[j] : '\0';
    const bool after_word = i > 0 && is_word_char(f[i - 1]);
    if (after_word || next == '(' || next == '!' ||
        std::isdigit(static_cast<unsigned char>(tok[0]))) {
      // Function names, sheet names and numbers; a whole-row range "1:3" is handled below.
      if (next == ':' && all_digits(tok)) {
        std::size_t k = j + 1;
        std::size_t e = k;
        while (e < f.size() && (std::isdigit(static_cast<unsigned char>(f[e])) || f[e] == '$')) ++e;
        std::string_view rhs = f.substr(k, e - k);
        if (all_digits(rhs) || (rhs.size() > 1 && rhs[0] == '$' && all_digits(rhs.substr(1)))) {
          std::string a = shift_row(tok, drow), b = shift_row(rhs, drow);
          out += (a.empty() || b.empty()) ? "#REF!" : a + ":" + b;
          i = e;
          continue;
        }
      }
      out.append(tok);
      i = j;
      continue;
    }
    bool is_ref = false;
    std::string shifted = shift_cell(tok, drow, dcol, is_ref);
    if (is_ref) {
      out += shifted;
      i = j;
      continue;
    }
    // Whole-column ranges "A:C" / "$A:$C" / whole-row "$1:$3".
    std::string_view bare = !tok.empty() && tok[0] == '$' ? tok.substr(1) : tok;
    if (next == ':' && (all_letters(bare) || all_digits(bare))) {
      std::size_t k = j + 1;
      std::size_t e = k;
      while (e < f.size() && is_word_char(f[e])) ++e;
      std::string_view rhs = f.substr(k, e - k);
      std::string_view rhs_bare = !rhs.empty() && rhs[0] == '$' ? rhs.substr(1) : rhs;
      if (all_letters(bare) && all_letters(rhs_bare) && bare.size() <= 3 && rhs_bare.size() <= 3) {
        std::string a = shift_col(tok, dcol), b = shift_col(rhs, dcol);
        out += (a.empty() || b.empty()) ? "#REF!" : a + ":" + b;
        i = e;
        continue;
      }
      if (all_digits(bare) && all_digits(rhs_bare)) {
        std::string a = shift_row(tok, drow), b = shift_row(rhs, drow);
        out += (a.empty() || b.empty()) ? "#REF!" : a + ":" + b;
        i = e;
        continue;
      }
    }
    out.append(tok);
    i = j;
  }
  return out;
}

}  // namespace budconv::xlsx
