/// @file xlsx_parts.hpp
/// Internal pieces of the XLSX reader: limits, styles, shared strings, sheet parsing, package
/// relationships. Not part of the plugin boundary.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"
#include "budconv/safe_zip.hpp"
#include "budconv/workbook.hpp"

namespace budconv::xlsx {

/// Reader option that sets ReadLimits::max_cells (named in the message when the cap is hit).
inline constexpr std::string_view kMaxCellsOption = "max-cells";
/// Reader option that sets ReadLimits::max_text_bytes in MiB (named in the message likewise).
inline constexpr std::string_view kMaxTextOption = "max-text-mib";

/// Caps that keep one read bounded whatever the file declares. The whole-workbook caps are
/// sized for a finance bureau's biggest export (a full 1,048,576-row sheet of a few dozen
/// columns); the bomb defence proper is SafeZip's per-entry size and compression-ratio caps,
/// which bound what any part can inflate to.
struct ReadLimits {
  std::uint64_t max_cells = 50'000'000;          ///< stored cells, whole workbook
  std::uint64_t max_text_bytes = 2ull << 30;     ///< text held in cells, whole workbook
  std::uint64_t max_shared_bytes = 64ull << 20;  ///< text held in the shared-string table
  std::uint64_t max_shared_count = 4'000'000;    ///< entries of the shared-string table
  std::uint32_t max_string_chars = 32767;        ///< one string (Excel's own limit)
  std::size_t max_formula_bytes = 64 * 1024;     ///< one formula's text
  std::uint64_t max_small_part = 32ull << 20;    ///< workbook.xml, rels, styles (read whole)
  std::uint64_t max_merges = 1'000'000;          ///< merged ranges, whole workbook
};

/// Running totals checked against ReadLimits across all sheets of one read.
struct ReadBudget {
  std::uint64_t cells = 0;       ///< cells stored so far
  std::uint64_t text_bytes = 0;  ///< bytes of cell text stored so far
  std::uint64_t merges = 0;      ///< merged ranges stored so far
};

/// What the reader needs to know about one cellXfs entry.
struct CellStyle {
  std::string number_format;        ///< format code ("" = General)
  bool date = false;                ///< the format displays a date or time
  bool bold = false;                ///< the font is bold
  bool border = false;              ///< the cell's border draws a line on at least one side
  HAlign halign = HAlign::general;  ///< <alignment horizontal=…>
  VAlign valign = VAlign::bottom;   ///< <alignment vertical=…>
  bool wrap = false;                ///< <alignment wrapText="1">
};

/// The parts of styles.xml the reader uses: cellXfs by index.
struct Styles {
  std::vector<CellStyle> xfs;  ///< indexed by a cell's s= attribute
  /// The style for index `s`, or nullptr (General, not bold).
  const CellStyle* get(std::uint64_t s) const { return s < xfs.size() ? &xfs[s] : nullptr; }
};

/// Parses styles.xml; `context` prefixes messages.
Result<Styles> parse_styles(std::string_view xml, const std::string& context, Lang lang);

/// The shared-string table, flattened (rich-text runs concatenated, phonetic runs dropped).
using SharedStrings = std::vector<std::string>;

/// Streams sharedStrings.xml from `zip` into `out`, enforcing the shared-string caps.
Status parse_shared_strings(SafeZip& zip, const std::string& part, const ReadLimits& limits,
                            Lang lang, SharedStrings& out);

/// Everything a sheet parse needs besides the zip.
struct SheetContext {
  std::string file;                        ///< display name of the file
  std::string part;                        ///< zip part of the worksheet
  const SharedStrings* strings = nullptr;  ///< shared strings (may be empty)
  const Styles* styles = nullptr;          ///< styles (may be empty)
  bool date1904 = false;                   ///< workbook date system
  const ReadLimits* limits = nullptr;      ///< caps
  ReadBudget* budget = nullptr;            ///< running totals
  Lang lang = Lang::zh;                    ///< message language
};

/// Streams one worksheet part into `out` (whose name is already set).
Status parse_sheet(SafeZip& zip, const SheetContext& ctx, Sheet& out);

/// Streams one worksheet part into `sink` as rows (begin_sheet … end_sheet) under the name and
/// hidden flag of `meta`; parses the part a second time when the sink asks for a replay.
/// Shared formulas that precede their anchor keep an empty formula text here.
Status stream_sheet(SafeZip& zip, const SheetContext& ctx, const Sheet& meta, RowSink& sink);

/// One relationship of a part.
struct Relationship {
  std::string id;      ///< "rId1"
  std::string type;    ///< last segment of the Type URI ("worksheet", "styles" …)
  std::string target;  ///< resolved part name inside the zip ("" when external)
};

/// Parses a .rels part; targets are resolved against `source_part` ("xl/workbook.xml").
Result<std::vector<Relationship>> parse_relationships(std::string_view xml,
                                                      const std::string& source_part,
                                                      const std::string& context, Lang lang);

/// The .rels part name for `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string rels_part_for(const std::string& part);

/// Resolves a relationship target ("worksheets/sheet1.xml", "/xl/x.xml", "../a.xml") against
/// the part that holds the relationship.
std::string resolve_target(const std::string& source_part, std::string_view target);

/// Decodes ST_Xstring escapes: "_x000D_" → "\r", "_x005F_" → "_".
std::string decode_xstring(std::string_view s);

/// Number of Unicode code points in valid UTF-8 `s`.
std::size_t utf8_length(std::string_view s);

/// A cell reference parsed without clamping, so callers can tell "malformed" from "too far".
struct RawRef {
  std::uint64_t row = 0;  ///< 1-based; 0 when the reference has no row part
  std::uint64_t col = 0;  ///< 1-based; 0 when the reference has no column part
};

/// Parses "D7" / "$D$7"; nullopt when malformed (letters and digits only, in that order).
std::optional<RawRef> parse_raw_ref(std::string_view ref);

/// Rewrites a shared formula's text for a cell `drow` rows and `dcol` columns from its anchor,
/// moving relative references and leaving $-anchored parts, strings and sheet names alone.
std::string shift_formula(std::string_view formula, std::int64_t drow, std::int64_t dcol);

/// "a.xlsx: 收入总表!D7: " style location prefix (without the message).
std::string cell_location(const std::string& file, const std::string& sheet, std::uint32_t row,
                          std::uint32_t col);

}  // namespace budconv::xlsx
