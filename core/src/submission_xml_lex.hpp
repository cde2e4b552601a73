/// @file submission_xml_lex.hpp
/// Internal: the lexical rules that the canonical XML reader and writer share (and that
/// formats/schema/submission.xsd states as patterns).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace budconv::xml {

/// True for a column or figure id: [a-z][a-z0-9_]*.
bool is_identifier(std::string_view id);
/// True for an amount as written: -?[0-9]+\.[0-9]{2,6}.
bool is_amount_lexical(std::string_view text);
/// True for a decimal as written: -?[0-9]+(\.[0-9]{1,18})?.
bool is_decimal_lexical(std::string_view text);
/// Parses an integer written as -?[0-9]+ that fits in int.
std::optional<int> parse_int(std::string_view text);

/// Why a byte sequence is not XML 1.0 character data.
enum class CharProblem {
  bad_utf8,      ///< not well-formed UTF-8 (truncated, overlong, surrogate, > U+10FFFF)
  not_xml_char,  ///< a code point XML 1.0 forbids (controls other than TAB/LF/CR, U+FFFE/FFFF)
};

/// A character that cannot appear in an XML document.
struct BadChar {
  std::size_t offset = 0;                       ///< byte offset of the offending sequence
  CharProblem problem = CharProblem::bad_utf8;  ///< what is wrong
  char32_t code_point = 0;                      ///< the code point for not_xml_char
};

/// The first character of `text` that XML 1.0 cannot carry, if any.
std::optional<BadChar> find_bad_char(std::string_view text);
/// True when `cp` is an XML 1.0 Char (used for character references too).
bool is_xml_char(char32_t cp) noexcept;
/// One-line description of a BadChar ("无效的 UTF-8 字节 0xFF" / "control character U+0001").
std::string describe_bad_char(std::string_view text, const BadChar& bad, bool english);
/// At most ~60 bytes of `text`, cut on a character boundary, controls shown as spaces; for
/// messages.
std::string shorten(std::string_view text);

}  // namespace budconv::xml
