/// @file text_normalize.hpp
/// Internal helpers shared by the core parsers (amounts, decimals, targets): UTF-8 decoding,
/// folding full-width forms and exotic blanks to ASCII, and exact number lexing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace budconv::detail {

/// Decodes UTF-8; every invalid or truncated sequence becomes U+FFFD (never throws).
std::u32string decode_utf8(std::string_view text);
/// Encodes code points as UTF-8 (invalid code points become U+FFFD).
std::string encode_utf8(std::u32string_view text);

/// True for ASCII blanks, NBSP, ideographic space and the other Unicode space characters.
bool is_space(char32_t c) noexcept;
/// True for a CJK unified ideograph (basic block and extension A).
bool is_cjk(char32_t c) noexcept;
/// True for '-' and the Unicode dashes that tables use to mean "nothing here" (— – ― ‐).
bool is_dash(char32_t c) noexcept;

/// Folds one code point: full-width ASCII (０–９, ，．（）％＝ …) to ASCII, every space to ' ',
/// U+2212 MINUS SIGN to '-'. Other code points are returned unchanged.
char32_t fold_width(char32_t c) noexcept;
/// decode_utf8 + fold_width on every code point.
std::u32string normalize(std::string_view text);
/// `text` without leading and trailing is_space() characters.
std::u32string_view trim(std::u32string_view text) noexcept;
/// True when `text` ends with the ASCII/UTF-32 literal `suffix`.
bool ends_with(std::u32string_view text, std::u32string_view suffix) noexcept;
/// True when `text` starts with `prefix`.
bool starts_with(std::u32string_view text, std::u32string_view prefix) noexcept;

/// A number as written: sign, the digits without separators, where the point was, an exponent.
struct LexedNumber {
  bool negative = false;  ///< a leading '-'
  std::string digits;     ///< ASCII digits of integer and fraction parts, in order
  int frac = 0;           ///< how many of `digits` were after the decimal point
  long exponent = 0;      ///< power of ten from an "E±n" suffix (clamped to ±100000)
};

/// What lex_number accepts.
struct LexOptions {
  bool sign = true;       ///< a leading '+' or '-'
  bool exponent = false;  ///< an "e"/"E" exponent ("1.5E+7")
};

/// Lexes a number at the start of `text` (already folded): [sign] digits [,ddd]* [.digits] [E±n].
/// Thousands separators must group exactly three digits after a first group of one to three;
/// digits are required on both sides of the point. Returns the code points consumed, or 0 when
/// `text` does not start with a well-formed number (a malformed group or point makes it fail
/// rather than stop early, so "1,23" and "1.2.3" are never half-read).
std::size_t lex_number(std::u32string_view text, LexedNumber& out, LexOptions options = {});

}  // namespace budconv::detail
