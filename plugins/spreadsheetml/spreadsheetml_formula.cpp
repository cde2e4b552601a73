// R1C1 ⇄ A1 reference rewriting for SpreadsheetML formulas. A small lexer, not a formula
// parser: it only has to find references and leave everything else byte for byte.
#include "spreadsheetml_formula.hpp"

#include <optional>

#include "budconv/cell_ref.hpp"

namespace budconv::spreadsheetml {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
/// Characters that continue a name or number: a reference must not be glued to one.
bool is_word(char c) {
  return is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '\\' ||
         static_cast<unsigned char>(c) >= 0x80;
}

/// Copies a quoted run starting at `i` ("…" strings or '…' sheet names, doubled quote = quote).
std::size_t copy_quoted(std::string_view f, std::size_t i, std::string& out) {
  const char q = f[i];
  out += q;
  ++i;
  while (i < f.size()) {
    out += f[i];
    if (f[i] == q) {
      if (i + 1 < f.size() && f[i + 1] == q) {
        out += q;
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return i;
}

/// Copies a bracketed run ([Book1.xls], Table1[Column]) unchanged.
std::size_t copy_bracketed(std::string_view f, std::size_t i, std::string& out) {
  int depth = 0;
  while (i < f.size()) {
    out += f[i];
    if (f[i] == '[') ++depth;
    if (f[i] == ']' && --depth == 0) return i + 1;
    ++i;
  }
  return i;
}

// ---- R1C1 → A1 -----------------------------------------------------------------------------

/// One axis of an R1C1 reference: absent, absolute (1-based) or relative offset.
struct Axis {
  bool present = false;
  bool absolute = false;
  long value = 0;
};

struct RcRef {
  Axis row;
  Axis col;
  std::size_t end = 0;
};

/// Parses "R", "R5", "R[-2]" (or the C forms) at `i`.
std::optional<Axis> parse_axis(std::string_view f, std::size_t& i, char letter) {
  Axis a;
  if (i >= f.size() || f[i] != letter) return a;
  ++i;
  a.present = true;
  if (i < f.size() && f[i] == '[') {
    std::size_t k = i + 1;
    bool neg = false;
    if (k < f.size() && (f[k] == '-' || f[k] == '+')) neg = f[k++] == '-';
    const std::size_t digits = k;
    long v = 0;
    while (k < f.size() && is_digit(f[k]) && k - digits < 8) v = v * 10 + (f[k++] - '0');
    if (k == digits || k >= f.size() || f[k] != ']') return std::nullopt;
    a.value = neg ? -v : v;
    i = k + 1;
  } else if (i < f.size() && is_digit(f[i])) {
    const std::size_t digits = i;
    long v = 0;
    while (i < f.size() && is_digit(f[i]) && i - digits < 8) v = v * 10 + (f[i++] - '0');
    if (v == 0 || (i < f.size() && is_digit(f[i]))) return std::nullopt;
    a.absolute = true;
    a.value = v;
  }
  return a;
}

std::optional<RcRef> parse_rc(std::string_view f, std::size_t i) {
  RcRef r;
  auto row = parse_axis(f, i, 'R');
  if (!row) return std::nullopt;
  auto col = parse_axis(f, i, 'C');
  if (!col) return std::nullopt;
  r.row = *row;
  r.col = *col;
  if (!r.row.present && !r.col.present) return std::nullopt;
  if (i < f.size() && (is_word(f[i]) || f[i] == '(')) return std::nullopt;
  r.end = i;
  return r;
}

/// Zero-based index an axis points at from `base`, or nullopt outside [0, limit).
std::optional<std::uint32_t> resolve(const Axis& a, std::uint32_t base, std::uint32_t limit) {
  const long v = a.absolute ? a.value - 1 : static_cast<long>(base) + a.value;
  if (v < 0 || v >= static_cast<long>(limit)) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

std::string a1_row(const Axis& a, std::uint32_t r) {
  std::string s(a.absolute ? "$" : "");
  s += std::to_string(r + 1);
  return s;
}

std::string a1_col(const Axis& a, std::uint32_t c) {
  std::string s(a.absolute ? "$" : "");
  s += column_letters(c);
  return s;
}

/// The A1 text of a whole-row or whole-column reference, or nullopt.
std::optional<std::string> line_ref(const RcRef& r, std::uint32_t row, std::uint32_t col) {
  if (r.row.present) {
    auto v = resolve(r.row, row, kMaxRows);
    if (!v) return std::nullopt;
    return a1_row(r.row, *v);
  }
  auto v = resolve(r.col, col, kMaxCols);
  if (!v) return std::nullopt;
  return a1_col(r.col, *v);
}

// ---- A1 → R1C1 -----------------------------------------------------------------------------

struct A1Part {
  bool col_abs = false;
  bool row_abs = false;
  std::optional<std::uint32_t> col;
  std::optional<std::uint32_t> row;
};

/// Parses a whole run as "$A$1", "A1", "$A" (column only) or "$1" (row only).
std::optional<A1Part> parse_a1_run(std::string_view run) {
  A1Part p;
  std::size_t i = 0;
  if (i < run.size() && run[i] == '$') {
    p.col_abs = true;
    ++i;
  }
  const std::size_t letters = i;
  while (i < run.size() && is_alpha(run[i])) ++i;
  if (i - letters > 3) return std::nullopt;
  if (i > letters) {
    p.col = parse_column(run.substr(letters, i - letters));
    if (!p.col || *p.col >= kMaxCols) return std::nullopt;
  } else if (p.col_abs) {
    // "$5": the '$' belongs to the row.
    p.col_abs = false;
    p.row_abs = true;
  }
  if (i < run.size() && run[i] == '$') {
    if (!p.col || p.row_abs) return std::nullopt;
    p.row_abs = true;
    ++i;
  }
  const std::size_t digits = i;
  while (i < run.size() && is_digit(run[i])) ++i;
  if (i != run.size()) return std::nullopt;
  if (i > digits) {
    if (i - digits > 7 || run[digits] == '0') return std::nullopt;
    const unsigned long v = std::stoul(std::string(run.substr(digits)));
    if (v == 0 || v > kMaxRows) return std::nullopt;
    p.row = static_cast<std::uint32_t>(v - 1);
  }
  if (!p.col && !p.row) return std::nullopt;
  if (p.row_abs && !p.row) return std::nullopt;
  return p;
}

std::string rc_axis(char letter, bool absolute, std::uint32_t target, std::uint32_t base) {
  std::string s(1, letter);
  if (absolute) return s + std::to_string(target + 1);
  const long off = static_cast<long>(target) - static_cast<long>(base);
  if (off != 0) {
    s += '[';
    s += std::to_string(off);
    s += ']';
  }
  return s;
}

/// Length of the name/number/reference run at `i` ('$' included so "$A$1" is one run).
std::size_t run_end(std::string_view f, std::size_t i) {
  while (i < f.size() && (is_word(f[i]) || f[i] == '$')) ++i;
  return i;
}

}  // namespace

std::string r1c1_to_a1(std::string_view f, std::uint32_t row, std::uint32_t col) {
  if (!f.empty() && f[0] == '=') f.remove_prefix(1);
  std::string out;
  out.reserve(f.size() + 8);
  std::size_t i = 0;
  while (i < f.size()) {
    const char c = f[i];
    if (c == '"' || c == '\'') {
      i = copy_quoted(f, i, out);
      continue;
    }
    if (c == '[') {
      i = copy_bracketed(f, i, out);
      continue;
    }
    if (c == 'R' || c == 'C') {
      if (auto ref = parse_rc(f, i)) {
        if (ref->row.present && ref->col.present) {
          auto r = resolve(ref->row, row, kMaxRows);
          auto k = resolve(ref->col, col, kMaxCols);
          if (r && k) {
            out += a1_col(ref->col, *k) + a1_row(ref->row, *r);
            i = ref->end;
            continue;
          }
        } else if (auto first = line_ref(*ref, row, col)) {
          // Whole rows/columns: "R2:R4" → "$2:$4"; a lone "R2" means "$2:$2".
          std::string second = *first;
          std::size_t end = ref->end;
          if (end < f.size() && f[end] == ':') {
            auto other = parse_rc(f, end + 1);
            if (other && other->row.present == ref->row.present &&
                other->col.present == ref->col.present) {
              if (auto text = line_ref(*other, row, col)) {
                second = *text;
                end = other->end;
              }
            }
          }
          out += *first + ":" + second;
          i = end;
          continue;
        }
        // A reference pointing outside the sheet stays in R1C1, whole.
        out.append(f.substr(i, ref->end - i));
        i = ref->end;
        continue;
      }
    }
    if (is_word(c)) {
      const std::size_t e = run_end(f, i);
      out.append(f.substr(i, e - i));
      i = e;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string a1_to_r1c1(std::string_view f, std::uint32_t row, std::uint32_t col) {
  if (!f.empty() && f[0] == '=') f.remove_prefix(1);
  std::string out;
  out.reserve(f.size() + 16);
  std::size_t i = 0;
  while (i < f.size()) {
    const char c = f[i];
    if (c == '"' || c == '\'') {
      i = copy_quoted(f, i, out);
      continue;
    }
    if (c == '[') {
      i = copy_bracketed(f, i, out);
      continue;
    }
    if (!is_word(c) && c != '$') {
      out += c;
      ++i;
      continue;
    }
    const std::size_t e = run_end(f, i);
    const std::string_view run = f.substr(i, e - i);
    const bool call = e < f.size() && f[e] == '(';
    auto part = call ? std::nullopt : parse_a1_run(run);
    if (part && part->col && part->row) {
      out += rc_axis('R', part->row_abs, *part->row, row) +
             rc_axis('C', part->col_abs, *part->col, col);
      i = e;
      continue;
    }
    if (part && e < f.size() && f[e] == ':') {
      // Whole columns "A:C" or whole rows "2:5": both sides must be of the same kind.
      const std::size_t e2 = run_end(f, e + 1);
      auto other = parse_a1_run(f.substr(e + 1, e2 - e - 1));
      const bool cols = part->col && !part->row && other && other->col && !other->row;
      const bool rows = part->row && !part->col && other && other->row && !other->col;
      if (cols) {
        out += rc_axis('C', part->col_abs, *part->col, col) + ":" +
               rc_axis('C', other->col_abs, *other->col, col);
        i = e2;
        continue;
      }
      if (rows) {
        out += rc_axis('R', part->row_abs, *part->row, row) + ":" +
               rc_axis('R', other->row_abs, *other->row, row);
        i = e2;
        continue;
      }
    }
    out.append(run);
    i = e;
  }
  return out;
}

}  // namespace budconv::spreadsheetml
