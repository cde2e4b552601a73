/// @file mapping_scan.cpp
/// Finds the tables of a definition on a sheet. A table starts at its anchor label (项目编码);
/// its title is looked for a few rows above; it ends where the next table's title or anchor
/// begins. Several tables stacked on one sheet and one table per sheet are the same case.
#include "mapping_scan.hpp"

#include <algorithm>
#include <limits>

#include "mapping_text.hpp"

namespace budconv::mapping_detail {

LabelIndex index_labels(const Sheet& sheet) {
  LabelIndex index;
  for (const auto& [r, cells] : sheet.rows) {
    for (const auto& [c, cell] : cells) {
      if (cell.type != CellType::text || cell.text.size() > kMaxLabelBytes) continue;
      std::string norm = normalize_label(cell.text);
      if (!norm.empty()) index.rows[r].push_back({c, std::move(norm)});
    }
  }
  return index;
}

LabelSet::LabelSet(const MappingDefinition& def) {
  const auto add = [&](const std::vector<MappingLabel>& labels) {
    for (const auto& l : labels) labels_.push_back(normalize_label(l.text));
  };
  for (const auto& f : def.fields) add(f.labels);
  for (const auto& c : def.columns) add(c.labels);
  for (const auto& l : def.lists) patterns_.push_back(l.pattern);
  for (const auto& row : def.layout.rows) {
    // Literal labels of the written layout ("预算规模及资金用途", "绩效目标") are labels too.
    for (const auto& cell : row.cells) {
      if (!cell.text.empty()) labels_.push_back(normalize_label(cell.text));
    }
    if (!row.label.empty()) labels_.push_back(normalize_label(row.label));
  }
}

bool LabelSet::contains(const std::string& norm) const {
  if (std::find(labels_.begin(), labels_.end(), norm) != labels_.end()) return true;
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const std::string& p) { return glob_match(p, norm); });
}

std::size_t required_columns(const MappingDefinition& def) {
  return static_cast<std::size_t>(std::count_if(def.columns.begin(), def.columns.end(),
                                                [](const MappingColumn& c) { return c.required; }));
}

bool label_matches(const std::vector<MappingLabel>& labels, const std::string& norm) {
  return std::any_of(labels.begin(), labels.end(),
                     [&](const MappingLabel& l) { return normalize_label(l.text) == norm; });
}

namespace {

/// Grid columns found on one row; `found` counts the required ones.
GridHeader header_on_row(const MappingDefinition& def, std::uint32_t row,
                         const std::vector<LabelCell>& cells, std::size_t& found) {
  GridHeader h;
  h.row = row;
  found = 0;
  // A label used twice (Henan's 二级指标 | 三级指标 | 指标值 for 实施期, then again for 年度) is
  // matched left to right: each column takes the leftmost cell no earlier column took.
  std::vector<bool> taken(cells.size(), false);
  for (const auto& col : def.columns) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (!taken[i] && label_matches(col.labels, cells[i].norm)) {
        h.columns[col.key()] = cells[i].col;
        taken[i] = true;
        if (col.required) ++found;
        break;
      }
    }
  }
  return h;
}

bool is_anchor_row(const MappingDefinition& def, const std::vector<LabelCell>& cells) {
  for (const auto& f : def.fields) {
    if (!f.anchor) continue;
    for (const auto& cell : cells) {
      if (label_matches(f.labels, cell.norm)) return true;
    }
  }
  return false;
}

/// Text of the first non-blank cell of a row ("" when none).
std::string first_text(const Sheet& sheet, std::uint32_t row) {
  const auto it = sheet.rows.find(row);
  if (it == sheet.rows.end()) return "";
  for (const auto& [c, cell] : it->second) {
    if (!cell.blank()) return cell.text;
  }
  return "";
}

bool title_matches(const MappingDefinition& def, const std::string& text) {
  if (text.empty() || text.size() > kMaxLabelBytes) return false;
  const std::string norm = normalize_label(strip_numbering(text));
  return std::any_of(def.title_patterns.begin(), def.title_patterns.end(),
                     [&](const std::string& p) { return glob_match(p, norm); });
}

}  // namespace

std::vector<TableSpan> locate_tables(const MappingDefinition& def, const Sheet& sheet,
                                     const LabelIndex& index) {
  const bool anchored = std::any_of(def.fields.begin(), def.fields.end(),
                                    [](const MappingField& f) { return f.anchor; });
  const std::size_t required = required_columns(def);
  std::vector<TableSpan> spans;
  for (const auto& [row, cells] : index.rows) {
    bool start = false;
    if (anchored) {
      start = is_anchor_row(def, cells);
    } else {
      std::size_t found = 0;
      header_on_row(def, row, cells, found);
      start = found == required;
    }
    if (start) {
      TableSpan t;
      t.start = t.block_begin = row;
      t.end = std::numeric_limits<std::uint32_t>::max();
      spans.push_back(std::move(t));
    }
  }
  // Titles first: each table's region ends where the next table's title begins.
  for (std::size_t i = 0; i < spans.size(); ++i) {
    TableSpan& t = spans[i];
    const std::uint32_t lower = i == 0 ? 0 : spans[i - 1].start + 1;
    const auto within = static_cast<std::uint32_t>(def.title_within);
    for (std::uint32_t r = t.start; r > lower && t.start - r < within;) {
      --r;
      const std::string text = first_text(sheet, r);
      if (title_matches(def, text)) {
        t.title_row = r;
        t.title = text;
        break;
      }
    }
    t.block_begin = anchored ? t.start : (t.title_row ? *t.title_row + 1 : t.start);
  }
  for (std::size_t i = 0; i + 1 < spans.size(); ++i) {
    spans[i].end = spans[i + 1].title_row.value_or(spans[i + 1].start);
  }
  for (auto& t : spans) {
    std::size_t best = 0;
    for (auto it = index.rows.lower_bound(t.start); it != index.rows.end() && it->first < t.end;
         ++it) {
      std::size_t found = 0;
      GridHeader h = header_on_row(def, it->first, it->second, found);
      best = std::max(best, found);
      if (found == required) {
        t.header = std::move(h);
        break;
      }
    }
    t.header_found = best;
  }
  return spans;
}

std::string expected_headers(const MappingDefinition& def) {
  std::string out;
  for (const auto& c : def.columns) {
    if (c.required) out += "「" + c.labels.front().text + "」";
  }
  return out;
}

std::string anchor_label(const MappingDefinition& def) {
  for (const auto& f : def.fields) {
    if (f.anchor) return f.labels.front().text;
  }
  return "";
}

}  // namespace budconv::mapping_detail
