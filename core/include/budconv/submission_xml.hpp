/// @file submission_xml.hpp
/// The canonical XML serialisation of a Submission (formats/schema/submission-xml.md) as text:
/// the xml document plugin reads and writes files with it, and the recovery data that a laid-out
/// workbook carries (recovery.hpp) is this same text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/model.hpp"
#include "budconv/result.hpp"

namespace budconv {

namespace xml {

/// Namespace of every element of the canonical XML.
inline constexpr std::string_view kNamespace = "urn:budconv:submission:1";
/// The only `format-version` this build reads and writes.
inline constexpr std::string_view kFormatVersion = "1";
/// Most '<' plus '=' (each a pugixml node or attribute, ~64 bytes of DOM) a document may hold:
/// `<a/>` repeated would otherwise cost 16 times the file size. Real files have one per ~20 bytes.
inline constexpr std::size_t kMaxMarkup = std::size_t{8} << 20;
/// Largest single attribute value or element text; real values are a few hundred bytes.
inline constexpr std::size_t kMaxValueBytes = std::size_t{1} << 20;
/// Deepest nesting of <detail> inside <row>; bounds recursion in reader and writer alike.
inline constexpr int kMaxDetailDepth = 8;

/// True for a known submission kind ("department-budget" …).
BUDCONV_API bool is_submission_kind(std::string_view id);
/// True for a known budget-table kind ("income", "three-public" …).
BUDCONV_API bool is_table_kind(std::string_view id);
/// True for a known performance-goal kind ("project", "special-fund", "department").
BUDCONV_API bool is_goal_kind(std::string_view id);
/// True for a known table scope ("department", "unit").
BUDCONV_API bool is_scope(std::string_view id);

}  // namespace xml

/// Serialises `doc` to canonical XML bytes (deterministic, UTF-8, LF, two-space indent).
/// Fails with invalid_value when a field cannot be represented (unknown kind, control character,
/// invalid UTF-8, out-of-range decimal). `source_file` is never written.
BUDCONV_API Result<std::string> to_submission_xml(const Submission& doc, Lang lang);

/// Parses canonical XML; `display_name` names the source in messages. Refuses DTDs, unknown
/// elements and attributes, and anything to_submission_xml cannot produce; never throws.
BUDCONV_API Result<Submission> parse_submission_xml(std::string_view bytes,
                                                    const std::string& display_name, Lang lang);

}  // namespace budconv
