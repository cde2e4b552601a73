/// @file recovery.hpp
/// Nothing silently lost: what a template cannot hold is found by laying a document out and
/// reading it back (the *projection*), listed as loss entries, and kept recoverable in a hidden
/// sheet of the output that holds the original as canonical XML (submission_xml.hpp). Reading
/// such a workbook again restores the original where the visible form was not edited.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/model.hpp"
#include "budconv/result.hpp"
#include "budconv/workbook.hpp"

namespace budconv {

/// Name of the hidden sheet that carries the original document.
inline constexpr std::string_view kRecoverySheetName = "budconv-data";
/// Marker in A1 of that sheet.
inline constexpr std::string_view kRecoveryMarker = "budconv-recovery";
/// Version in B1 of that sheet; another version is ignored with a note.
inline constexpr std::string_view kRecoveryVersion = "1";
/// Largest part of the canonical XML in one cell. Excel holds 32,767 characters, but users save
/// our output as .xls, and FreeXL fails on a BIFF8 string that spans more than one CONTINUE
/// record: 4,000 bytes are at most 4,000 characters, 8,000 bytes as UTF-16, under one record.
inline constexpr std::size_t kRecoveryChunkBytes = 4000;
/// Largest canonical XML accepted from a recovery sheet (the xml plugin's file cap).
inline constexpr std::size_t kRecoveryMaxBytes = std::size_t{64} << 20;

/// One value a template could not hold.
struct LossEntry {
  std::string rule = "MAP-LOSS-001";      ///< stable rule id
  Severity severity = Severity::warning;  ///< warning for lost data
  std::optional<std::size_t> goal;        ///< index in Submission::goals; none = document level
  std::string goal_name;                  ///< the goal's name
  std::optional<std::size_t> indicator;   ///< index in the goal's indicators, when about one
  std::string indicator_name;             ///< the indicator's name
  std::string field;                      ///< "indicator.basis", "goal.code", "goal" (whole) …
  std::string value;                      ///< the lost value as text
  bool recoverable = false;               ///< kept in the output's hidden sheet
};

/// Chinese and English label of a loss field ("指标值确定依据", "basis of the target value").
BUDCONV_API std::pair<std::string, std::string> loss_field_label(std::string_view field);

/// What `reread` (the original laid out and read back) lacks of `original`: field-level
/// differences per goal and indicator, whole goals and indicators missing, document-level
/// fields, budget tables and evaluations. Provenance (region, template, source file, SourceRef)
/// is not compared.
BUDCONV_API std::vector<LossEntry> find_losses(const Submission& original,
                                               const Submission& reread);

/// True when the goals are equal apart from where they were read (SourceRef).
BUDCONV_API bool same_ignoring_source(const PerformanceGoal& a, const PerformanceGoal& b);

/// Appends the hidden recovery sheet holding `original` (without SourceRefs or source file),
/// naming the template(s) it was laid out with ("hebei.goal.project").
BUDCONV_API Status add_recovery_sheet(const Submission& original, const std::string& templates,
                                      Workbook& book, Lang lang);

/// The checksum written in B4 of the recovery sheet: FNV-1a 64 of the XML, 16 hex digits. It
/// catches damage, not forgery (a forged sheet is parsed as strictly as any canonical XML).
BUDCONV_API std::string recovery_checksum(std::string_view xml);

/// The original stored in a recovery sheet and the template(s) named there.
struct RecoveryData {
  Submission original;    ///< the document as it was before layout
  std::string templates;  ///< template id(s) it was laid out with
};

/// Reads the recovery sheet of `book`: nullopt when there is none; an Error (one line) when it
/// is corrupt, forged or of another version. Never throws.
BUDCONV_API Result<std::optional<RecoveryData>> read_recovery_sheet(const Workbook& book,
                                                                    Lang lang);

/// `book` without its recovery sheet (templates never see it).
BUDCONV_API Workbook without_recovery_sheet(const Workbook& book);

/// Restores `read` (the visible form read) from `original` given the projection (`original`
/// laid out and read back with the same templates). A goal equal to its projection becomes the
/// original goal; an edited goal keeps what was read and regains only the fields the template
/// dropped, for indicators that still match by (period, level1, level2, name), with a warning
/// in `notes`. Document-level fields, budget tables and evaluations follow the same rule.
BUDCONV_API void restore_from_recovery(const Submission& original, const Submission& projection,
                                       Submission& read, Diagnostics& notes);

}  // namespace budconv
