/// @file mapping_text.hpp
/// Internal helpers of the mapping engine: label matching, globs, numbering, messages.
#pragma once

#include <string>
#include <string_view>

#include "budconv/diagnostics.hpp"
#include "budconv/workbook.hpp"

namespace budconv::mapping_detail {

/// Longest cell text (in bytes) considered for label matching; longer cells are never labels.
inline constexpr std::size_t kMaxLabelBytes = 400;

/// Glob on normalised labels: '#' = one or more ASCII digits, '*' = any run (maybe empty).
bool glob_match(std::string_view pattern, std::string_view text);
/// Drops a leading "1." / "1、" / "(一)" / "一、" numbering and the blanks after it.
std::string strip_numbering(std::string_view text);
/// Text trimmed of leading/trailing blanks (any Unicode space).
std::string trim_text(std::string_view text);
/// The sheet's value at (row, col): the cell, or the top-left cell of a merge covering it.
std::string cell_text(const Sheet& sheet, std::uint32_t row, std::uint32_t col);
/// "Sheet1!B7".
std::string where(const Sheet& sheet, std::uint32_t row, std::uint32_t col);
/// Picks the message for the language.
inline std::string msg(Lang lang, std::string zh, std::string en) {
  return lang == Lang::en ? std::move(en) : std::move(zh);
}

}  // namespace budconv::mapping_detail
