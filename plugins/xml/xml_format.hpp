/// @file xml_format.hpp
/// Internal declarations of the canonical XML plugin (formats/schema/submission-xml.md):
/// the document format, the byte-level reader and writer, and the rules both of them share.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "budconv/model.hpp"
#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"

namespace budconv::xml {

/// Namespace of every element of the canonical XML.
inline constexpr std::string_view kNamespace = "urn:budconv:submission:1";
/// The only `format-version` this build reads and writes.
inline constexpr std::string_view kFormatVersion = "1";
/// Largest file the reader accepts. One agency's submission is well under 1 MiB; 64 MiB leaves
/// room for hundreds while keeping the DOM (see kMaxMarkup) bounded.
inline constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;
/// Most '<' plus '=' (each a pugixml node or attribute, ~64 bytes of DOM) a document may hold:
/// `<a/>` repeated would otherwise cost 16 times the file size. Real files have one per ~20 bytes.
inline constexpr std::size_t kMaxMarkup = std::size_t{8} << 20;
/// Largest single attribute value or element text; real values are a few hundred bytes.
inline constexpr std::size_t kMaxValueBytes = std::size_t{1} << 20;
/// Deepest nesting of <detail> inside <row>; bounds recursion in reader and writer alike.
inline constexpr int kMaxDetailDepth = 8;

/// Serialises `doc` to canonical XML bytes (deterministic, UTF-8, LF, two-space indent).
/// Fails with invalid_value when a field cannot be represented (unknown kind, control character,
/// invalid UTF-8, out-of-range decimal).
Result<std::string> write_xml(const Submission& doc, Lang lang);

/// Parses canonical XML `bytes` into `out` (replaced only on success); `file` names the source in
/// messages. Refuses DTDs, unknown elements and attributes, and anything the writer cannot produce.
Status read_xml(std::string_view bytes, const std::string& file, Lang lang, Submission& out);

/// Content sniff: yes for a <submission> root in kNamespace, maybe for other XML named *.xml.
Sniff sniff_xml(std::span<const std::byte> head, std::string_view filename);

/// True for a known submission kind ("department-budget" …).
bool is_submission_kind(std::string_view id);
/// True for a known budget-table kind ("income", "three-public" …).
bool is_table_kind(std::string_view id);
/// True for a known performance-goal kind ("project", "special-fund", "department").
bool is_goal_kind(std::string_view id);
/// True for a known table scope ("department", "unit").
bool is_scope(std::string_view id);
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

/// The canonical XML as a DocumentFormat.
class XmlDocumentFormat final : public DocumentFormat {
 public:
  /// Self-description: id "xml", extension "xml", read and write.
  FormatInfo info() const override;
  /// See sniff_xml.
  Sniff sniff(std::span<const std::byte> head, std::string_view filename) const override;

 protected:
  /// Bounded read of `path`, then read_xml.
  Status do_read(const std::filesystem::path& path, const Options& options,
                 Submission& out) override;
  /// write_xml, then the bytes to exactly `path`.
  Status do_write(const Submission& doc, const std::filesystem::path& path,
                  const Options& options) override;
};

}  // namespace budconv::xml
