/// @file mapping_text.hpp
/// Internal helpers of the mapping engine: label matching, globs, numbering, messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/workbook.hpp"

namespace budconv::mapping_detail {

/// Longest cell text (in bytes) considered for label matching; longer cells are never labels.
inline constexpr std::size_t kMaxLabelBytes = 400;

/// Glob on normalised labels: '#' = one or more ASCII digits, '*' = any run (maybe empty).
bool glob_match(std::string_view pattern, std::string_view text);
/// Drops a leading "1." / "1、" / "(一)" / "一、" numbering and the blanks after it.
std::string strip_numbering(std::string_view text);
/// Splits "指标1:A 指标2:B" (prefix "指标") or "1: x 2. y" into its items, in order. Markers must
/// number 1, 2, 3 … and stand at the start or after a blank; "1.5万人" is a number, not an item.
/// Returns no items when the text is not a numbered list (one item only counts with a prefix).
std::vector<std::string> split_numbered(std::string_view text, std::string_view prefix);
/// "指标:A" (prefix "指标", a colon and no number: one item the form still labels) → "A";
/// "指标:" alone → "" (the form's empty line); nullopt when the text does not start that way.
std::optional<std::string> strip_item_label(std::string_view text, std::string_view prefix);
/// Joins items as "<prefix>1:A <prefix>2:B" (the inverse of split_numbered).
std::string join_numbered(const std::vector<std::string>& items, std::string_view prefix);
/// Text trimmed of leading/trailing blanks (any Unicode space).
std::string trim_text(std::string_view text);
/// Which merged range covers a cell, in constant time: Sheet::find_merged scans every merge,
/// which a hostile sheet with many merges and many rows would turn into hours of work.
class MergeLookup {
 public:
  /// Indexes the merges of `sheet` (which must outlive the lookup).
  explicit MergeLookup(const Sheet& sheet);
  /// The merge covering (row, col), or nullptr.
  const MergedRange* find(std::uint32_t row, std::uint32_t col) const;
  /// The cell at (row, col), or the top-left cell of the merge covering it.
  const Cell* cell(std::uint32_t row, std::uint32_t col) const;
  /// Text of cell(row, col), "" when absent.
  std::string text(std::uint32_t row, std::uint32_t col) const;

 private:
  const Sheet& sheet_;
  std::unordered_map<std::uint64_t, std::uint32_t> covered_;  // (row, col) → merge index
  std::vector<std::uint32_t> large_;                          // merges too big to expand
};
/// "Sheet1!B7".
std::string where(const Sheet& sheet, std::uint32_t row, std::uint32_t col);
/// Picks the message for the language.
inline std::string msg(Lang lang, std::string zh, std::string en) {
  return lang == Lang::en ? std::move(en) : std::move(zh);
}

}  // namespace budconv::mapping_detail
