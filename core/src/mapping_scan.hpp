/// @file mapping_scan.hpp
/// Internal: where the tables of a mapping definition are on a sheet (used by detect and read).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "budconv/mapping.hpp"

namespace budconv::mapping_detail {

/// A cell's normalised label text (short text cells only).
struct LabelCell {
  std::uint32_t col = 0;  ///< zero-based column
  std::string norm;       ///< normalize_label of the cell text
};

/// The short text cells of one sheet, normalised once: row → cells in column order.
struct LabelIndex {
  std::map<std::uint32_t, std::vector<LabelCell>> rows;  ///< row → label cells
};

/// Builds the label index of a sheet.
LabelIndex index_labels(const Sheet& sheet);

/// Every label and list pattern of a definition, to tell a value cell from a label cell.
class LabelSet {
 public:
  /// Collects the labels of `def`.
  explicit LabelSet(const MappingDefinition& def);
  /// True when `norm` is one of the definition's labels or matches a list pattern.
  bool contains(const std::string& norm) const;

 private:
  std::vector<std::string> labels_;
  std::vector<std::string> patterns_;
};

/// The grid header found for a table: row and the column of each grid column (by name).
struct GridHeader {
  std::uint32_t row = 0;                         ///< header row
  std::map<std::string, std::uint32_t> columns;  ///< column key (MappingColumn::key) → sheet column
};

/// One table located on a sheet.
struct TableSpan {
  std::uint32_t start = 0;                 ///< anchor row (or header row without anchor)
  std::uint32_t block_begin = 0;           ///< first row of the key–value block
  std::uint32_t end = 0;                   ///< first row after the table's region
  std::optional<std::uint32_t> title_row;  ///< title line above, when it matched
  std::string title;                       ///< title text as published (numbering kept)
  std::optional<GridHeader> header;        ///< grid header inside the region
  std::size_t header_found = 0;            ///< required header labels found (best row)
};

/// Number of required grid columns of `def`.
std::size_t required_columns(const MappingDefinition& def);
/// True when `norm` equals one of `labels` (normalised).
bool label_matches(const std::vector<MappingLabel>& labels, const std::string& norm);
/// Locates every table of `def` on `sheet`.
std::vector<TableSpan> locate_tables(const MappingDefinition& def, const Sheet& sheet,
                                     const LabelIndex& index);
/// "「一级指标」「二级指标」…": the first label of each required column.
std::string expected_headers(const MappingDefinition& def);
/// The first label of the anchor field ("项目编码"), or "" when the definition has none.
std::string anchor_label(const MappingDefinition& def);

}  // namespace budconv::mapping_detail
