/// @file text_normalize.cpp
/// UTF-8 decoding, width folding and number lexing for the core parsers.
#include "text_normalize.hpp"

namespace budconv::detail {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_digit(char32_t c) noexcept {
  return c >= U'0' && c <= U'9';
}

}  // namespace

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      out.push_back(b0);
      ++i;
      continue;
    }
    int len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    int k = 1;
    for (; k < len && i + k < n; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) break;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (k != len) {  // truncated or interrupted sequence: replace what was consumed
      out.push_back(kReplacement);
      i += k;
      continue;
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

bool is_space(char32_t c) noexcept {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\n':
    case U'\r':
    case U'\v':
    case U'\f':
    case 0x00A0:  // NO-BREAK SPACE (Excel exports, Word tables)
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:  // IDEOGRAPHIC SPACE
    case 0xFEFF:  // BOM / zero-width no-break space left in cells
      return true;
    default:
      return c >= 0x2000 && c <= 0x200B;
  }
}

bool is_cjk(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

bool is_dash(char32_t c) noexcept {
  switch (c) {
    case U'-':
    case 0x2010:  // HYPHEN
    case 0x2012:  // FIGURE DASH
    case 0x2013:  // EN DASH
    case 0x2014:  // EM DASH
    case 0x2015:  // HORIZONTAL BAR
    case 0x2212:  // MINUS SIGN
    case 0xFE58:  // SMALL EM DASH
    case 0xFF0D:  // FULLWIDTH HYPHEN-MINUS
      return true;
    default:
      return false;
  }
}

char32_t fold_width(char32_t c) noexcept {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  if (is_space(c)) return U' ';
  if (c == 0x2212) return U'-';
  return c;
}

std::u32string normalize(std::string_view text) {
  std::u32string s = decode_utf8(text);
  for (char32_t& c : s) c = fold_width(c);
  return s;
}

std::u32string_view trim(std::u32string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool ends_with(std::u32string_view text, std::u32string_view suffix) noexcept {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::u32string_view text, std::u32string_view prefix) noexcept {
  return text.substr(0, prefix.size()) == prefix;
}

std::size_t lex_number(std::u32string_view text, LexedNumber& out, LexOptions options) {
  out = LexedNumber{};
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (options.sign && i < n && (text[i] == U'+' || text[i] == U'-')) {
    out.negative = text[i] == U'-';
    ++i;
  }
  // Integer part with optional thousands groups.
  std::size_t group = 0;
  bool grouped = false;
  while (i < n && is_digit(text[i])) {
    out.digits.push_back(static_cast<char>(text[i]));
    ++i;
    ++group;
  }
  if (group == 0) return 0;
  while (i < n && text[i] == U',' && i + 1 < n && is_digit(text[i + 1])) {
    // A comma followed by a digit is a thousands separator and must be well formed.
    if ((!grouped && group > 3)) return 0;
    std::size_t k = 0;
    while (i + 1 + k < n && is_digit(text[i + 1 + k])) ++k;
    if (k != 3) return 0;
    for (std::size_t j = 0; j < 3; ++j) out.digits.push_back(static_cast<char>(text[i + 1 + j]));
    i += 4;
    grouped = true;
    group = 3;
  }
  // Fraction.
  if (i < n && text[i] == U'.' && i + 1 < n && is_digit(text[i + 1])) {
    ++i;
    while (i < n && is_digit(text[i])) {
      out.digits.push_back(static_cast<char>(text[i]));
      ++out.frac;
      ++i;
    }
    if (i < n && (text[i] == U'.' || text[i] == U',') && i + 1 < n && is_digit(text[i + 1])) {
      return 0;  // "1.2.3", "1.234,5": not one number
    }
  }
  // Exponent.
  if (options.exponent && i < n && (text[i] == U'e' || text[i] == U'E')) {
    std::size_t j = i + 1;
    bool neg = false;
    if (j < n && (text[j] == U'+' || text[j] == U'-')) neg = text[j++] == U'-';
    if (j < n && is_digit(text[j])) {
      long e = 0;
      while (j < n && is_digit(text[j])) {
        if (e < 100000) e = e * 10 + static_cast<long>(text[j] - U'0');
        ++j;
      }
      out.exponent = neg ? -e : e;
      i = j;
    }
  }
  return i;
}

}  // namespace budconv::detail
