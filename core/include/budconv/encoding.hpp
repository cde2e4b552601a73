/// @file encoding.hpp
/// Text encodings of legacy Chinese files: UTF-8 validation, BOMs, UTF-8 / GB18030 detection and
/// bounded conversion with glibc iconv. GBK and GB2312 are subsets of GB18030, so every GBK or
/// GB2312 file is read (and written) as GB18030. Pure functions; failures are values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// An encoding a text file can be read from or written in.
enum class TextEncoding {
  utf8,      ///< UTF-8 without BOM
  utf8_bom,  ///< UTF-8 with the EF BB BF signature
  gb18030,   ///< GB18030 (also used for GBK, GB2312, CP936)
  utf16le,   ///< UTF-16 little endian with BOM (Excel's "Unicode text")
  utf16be,   ///< UTF-16 big endian with BOM
};

/// Stable id: "utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be".
BUDCONV_API const char* encoding_id(TextEncoding e) noexcept;

/// Parses a user's encoding name, case-insensitive, '_' = '-': "utf-8", "utf8", "utf-8-bom",
/// "utf-8-sig", "gbk", "gb2312", "gb18030", "cp936", "936", "euc-cn", "utf-16le", "utf-16",
/// "unicode", "utf-16be". An unknown name is a usage Error listing the accepted names.
BUDCONV_API Result<TextEncoding> parse_encoding_name(std::string_view name, Lang lang);

/// Byte offset of the first byte that does not start a complete, valid UTF-8 sequence
/// (overlongs, surrogates, > U+10FFFF and a sequence cut by the end all count); nullopt if valid.
BUDCONV_API std::optional<std::size_t> find_invalid_utf8(std::string_view bytes) noexcept;

/// True when `bytes` is entirely valid UTF-8.
inline bool is_valid_utf8(std::string_view bytes) noexcept {
  return !find_invalid_utf8(bytes).has_value();
}

/// Byte offset of the first invalid or incomplete GB18030 sequence (as glibc iconv decodes it);
/// nullopt if the whole input is valid GB18030.
BUDCONV_API std::optional<std::size_t> find_invalid_gb18030(std::string_view bytes);

/// The encoding announced by a leading byte-order mark (utf8_bom, utf16le, utf16be), or nullopt.
BUDCONV_API std::optional<TextEncoding> detect_bom(std::string_view bytes) noexcept;

/// The signature bytes written for `e` ("" for utf8 and gb18030).
BUDCONV_API std::string_view bom_bytes(TextEncoding e) noexcept;

/// Guesses the encoding of a whole file: a BOM decides; else valid UTF-8 wins (pure ASCII is
/// utf8); else valid GB18030; else nullopt (neither fits). Text that is valid UTF-8 with several
/// Chinese characters before its first bad byte is nullopt too (mixed or damaged UTF-8), not
/// GB18030: decoding it as GB18030 would garble the UTF-8 part silently.
BUDCONV_API std::optional<TextEncoding> detect_encoding(std::string_view bytes);

/// The bytes of a bad sequence at `offset` in hex for messages ("CD FE"): the first byte and the
/// non-ASCII bytes after it, at most four, so the ASCII text that follows is not blamed.
BUDCONV_API std::string hex_at(std::string_view bytes, std::size_t offset);

/// A 1-based line and column (in characters) inside a text.
struct TextPosition {
  std::size_t line = 1;    ///< CR, LF and CRLF each end a line
  std::size_t column = 1;  ///< characters (code points) from the start of the line
};

/// Position of byte `offset` inside UTF-8 `text` (offset is clamped to the text's size).
BUDCONV_API TextPosition utf8_position(std::string_view text, std::size_t offset) noexcept;

/// Outcome of a raw conversion.
struct ConversionOutcome {
  std::string text;                       ///< converted bytes (up to the failure, if any)
  std::optional<std::size_t> bad_offset;  ///< input offset of the first sequence that failed
  bool incomplete = false;                ///< the input ended inside a multi-byte sequence
  bool too_large = false;                 ///< the output would exceed `max_output`
  /// True when the whole input was converted.
  bool ok() const noexcept { return !bad_offset && !too_large; }
};

/// Converts `input` from one encoding to another without touching BOMs (utf8_bom behaves as
/// utf8, utf16le/be as plain UTF-16LE/BE). Output is capped at `max_output` bytes. UTF-8 input
/// is validated first, so invalid UTF-8 is reported at its own offset.
BUDCONV_API ConversionOutcome convert_encoding(std::string_view input, TextEncoding from,
                                               TextEncoding to, std::size_t max_output);

/// Decodes a file's bytes to UTF-8: strips the BOM that `from` implies (and a UTF-8 BOM when
/// `from` is utf8), validates, converts. Errors (code format, or limit when the output would
/// exceed `max_output`) name `source` and the line and column of the first bad sequence.
BUDCONV_API Result<std::string> decode_to_utf8(std::string_view bytes, TextEncoding from,
                                               std::string_view source, Lang lang,
                                               std::size_t max_output);

/// Encodes UTF-8 `text` as `to`, prefixing the BOM that `to` implies. Errors (code
/// invalid_value) name `source` and the line and column of the first character that `to`
/// cannot represent (or the first invalid UTF-8 byte).
BUDCONV_API Result<std::string> encode_from_utf8(std::string_view text, TextEncoding to,
                                                 std::string_view source, Lang lang,
                                                 std::size_t max_output);

}  // namespace budconv
