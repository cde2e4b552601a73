/// @file mapping_writer.cpp
/// PerformanceGoal → Workbook in a definition's layout (titles, key–value rows, milestones,
/// objectives, the indicator grid with merged level-1/level-2 runs, widths, bold headers), and
/// the loss report: every non-empty canonical field the layout has no place for is listed, so
/// that nothing disappears silently.
#include <algorithm>
#include <set>

#include "budconv/mapping.hpp"
#include "mapping_text.hpp"
#include "mapping_values.hpp"
#include "text_normalize.hpp"

namespace budconv {

namespace {

using namespace mapping_detail;

/// Excel's rules: ≤ 31 characters, none of []:*?/\ , unique in the workbook.
std::string sheet_name(const Workbook& book, std::string wanted) {
  std::u32string name;
  for (char32_t c : detail::decode_utf8(wanted)) {
    if (std::u32string_view(U"[]:*?/\\").find(c) != std::u32string_view::npos) c = U'_';
    if (c < 0x20) continue;
    if (name.size() < 31) name += c;
  }
  if (name.empty()) name = U"Sheet";
  std::string base = detail::encode_utf8(name);
  std::string out = base;
  for (int n = 2; book.find_sheet(out) != nullptr; ++n) {
    // Built piecewise: g++ 12 warns (-Wrestrict) falsely on "(" + to_string(n) + ")".
    std::string suffix = "(";
    suffix += std::to_string(n);
    suffix += ')';
    std::u32string cut = name.substr(0, 31 - std::min<std::size_t>(31, suffix.size()));
    out = detail::encode_utf8(cut) + suffix;
  }
  return out;
}

/// "315-乐山市医疗保障局" → "乐山市医疗保障局": the name without a leading agency code.
std::string without_code(const std::string& unit) {
  std::size_t i = 0;
  while (i < unit.size() && unit[i] >= '0' && unit[i] <= '9') ++i;
  if (i > 0 && i < unit.size() && (unit[i] == '-' || unit[i] == ' ')) return unit.substr(i + 1);
  return unit;
}

/// The value of a compose placeholder for one goal ("" when unknown).
std::string placeholder(std::string_view name, const Submission& doc, const PerformanceGoal& goal) {
  if (name == "year") return doc.fiscal_year == 0 ? "" : std::to_string(doc.fiscal_year);
  if (name == "agency") {
    if (!doc.agency_name.empty()) return doc.agency_name;
    const std::string unit = without_code(goal.unit_name);
    return unit.empty() ? goal.department : unit;
  }
  if (name == "unit") return goal.unit_name;
  if (name == "name") return goal.name;
  return "";
}

/// The first alternative of `compose` ('|'-separated) whose placeholders all have values.
std::string compose_text(std::string_view compose, const Submission& doc,
                         const PerformanceGoal& goal) {
  for (std::size_t from = 0; from <= compose.size();) {
    const auto bar = compose.find('|', from);
    const std::string_view alt =
        compose.substr(from, bar == std::string_view::npos ? std::string_view::npos : bar - from);
    std::string out;
    bool complete = true;
    for (std::size_t i = 0; i < alt.size();) {
      const auto close = alt[i] == '{' ? alt.find('}', i) : std::string_view::npos;
      if (close == std::string_view::npos) {
        out += alt[i++];
        continue;
      }
      const std::string value = placeholder(alt.substr(i + 1, close - i - 1), doc, goal);
      complete = complete && !value.empty();
      out += value;
      i = close + 1;
    }
    if (complete) return out;
    if (bar == std::string_view::npos) break;
    from = bar + 1;
  }
  return "";
}

/// A composed cell's text: a goal title that already has the form's shape (`keep-title`) as
/// published, else the composed text.
std::string composed_cell_text(const LayoutCell& c, const Submission& doc,
                               const PerformanceGoal& goal) {
  if (!c.keep_title.empty() && !goal.title.empty() &&
      glob_match(c.keep_title, normalize_label(goal.title))) {
    return goal.title;
  }
  return compose_text(c.compose, doc, goal);
}

/// The title the layout writes for a table whose block comes from `goal`; nullopt when the
/// layout has no title cell.
std::optional<std::string> written_title(const MappingDefinition& def, const Submission& doc,
                                         const PerformanceGoal& goal) {
  for (const auto& r : def.layout.rows) {
    for (const auto& c : r.cells) {
      if (c.field == "goal.title") {
        if (!goal.title.empty()) return goal.title;
        return goal.name + (def.name_suffix.empty() ? "绩效目标表" : def.name_suffix);
      }
      if (!c.compose.empty() && !c.keep_title.empty()) return composed_cell_text(c, doc, goal);
    }
  }
  return std::nullopt;
}

class GoalWriter {
 public:
  GoalWriter(const MappingDefinition& def, const TransformSet& transforms, const Submission& doc,
             const Options& options)
      : def_(def), doc_(doc), values_(transforms, options.english()) {
    const auto unit = def.constants.find("goal.amount-unit");
    unit_ = unit == def.constants.end()
                ? AmountUnit::wan_yuan
                : parse_amount_unit(unit->second).value_or(AmountUnit::wan_yuan);
    for (const auto& c : def.columns) {
      width_ += static_cast<std::uint32_t>(c.span);
      goal_columns_ = goal_columns_ || is_goal_column(c.name);
      if (!c.period.empty() &&
          std::find(periods_.begin(), periods_.end(), c.period) == periods_.end()) {
        periods_.push_back(c.period);
      }
    }
    if (periods_.empty()) periods_.push_back("annual");
  }

  /// Writes `goal` from `row` on; returns the first row after it.
  std::uint32_t write(const PerformanceGoal& goal, Sheet& sheet, std::uint32_t row) {
    return write(std::vector<const PerformanceGoal*>{&goal}, sheet, row);
  }

  /// Writes one table: the layout's rows from the first goal, and every goal's indicators in the
  /// grid (several goals only when goal fields are grid columns); returns the first row after it.
  std::uint32_t write(const std::vector<const PerformanceGoal*>& goals, Sheet& sheet,
                      std::uint32_t row) {
    const PerformanceGoal& goal = *goals.front();
    for (std::size_t c = 0; c < def_.layout.widths.size(); ++c) {
      sheet.column_widths[static_cast<std::uint32_t>(c)] = def_.layout.widths[c];
    }
    // The form's ruled grid starts at the first row with a header cell (or the first
    // milestones/objectives/grid row); the title and unit lines above it stay unruled.
    std::optional<std::uint32_t> ruled_from;
    for (const auto& r : def_.layout.rows) {
      const bool has_header = std::any_of(r.cells.begin(), r.cells.end(), [](const LayoutCell& c) {
        return c.style == CellStyle::header;
      });
      if (!ruled_from && (r.kind != LayoutRowKind::cells || has_header)) ruled_from = row;
      switch (r.kind) {
        case LayoutRowKind::cells:
          row = cells(goal, r, sheet, row);
          break;
        case LayoutRowKind::milestones:
          row = milestones(goal, r, sheet, row);
          break;
        case LayoutRowKind::objectives:
          row = objectives(goal, r, sheet, row);
          break;
        case LayoutRowKind::grid:
          row = grid(goals, r, sheet, row);
          break;
      }
    }
    if (ruled_from && row > *ruled_from && width_ > 0) {
      sheet.rule({*ruled_from, 0}, {row - 1, width_ - 1});
      // Long texts (objectives, indicator descriptions) wrap inside their column, and every
      // value sits in the middle of its (often merged, several rows tall) cell.
      for (std::uint32_t r = *ruled_from; r < row; ++r) {
        for (std::uint32_t c = 0; c < width_; ++c) {
          Cell& cell = sheet.at(r, c);
          cell.valign = VAlign::center;
          cell.wrap = true;
        }
      }
      sheet.fit_row_heights(*ruled_from, row - 1);
    }
    return row;
  }

 private:
  static void put(Sheet& sheet, std::uint32_t row, std::uint32_t col, Cell cell, int span = 1,
                  int down = 1) {
    sheet.set(row, col, std::move(cell));
    if (span > 1 || down > 1) {
      sheet.merges.push_back(
          MergedRange{CellPos{row, col}, CellPos{row + static_cast<std::uint32_t>(down - 1),
                                                 col + static_cast<std::uint32_t>(span - 1)}});
    }
  }

  // A header label as the printed forms set it: bold, centred.
  static Cell bold(std::string text) {
    Cell c = Cell::make_text(std::move(text));
    c.bold = true;
    c.halign = HAlign::center;
    return c;
  }

  /// The label of `field` that names the goal's kind ("专项资金名称"), else its first label.
  std::string label_of(const PerformanceGoal& goal, const std::string& field) const {
    for (const auto& f : def_.fields) {
      if (f.name != field) continue;
      for (const auto& l : f.labels) {
        if (l.kind == goal.kind) return l.text;
      }
      for (const auto& l : f.labels) {
        if (l.kind.empty()) return l.text;
      }
      return f.labels.front().text;
    }
    return "";
  }

  std::vector<std::string> field_transforms(const std::string& field) const {
    for (const auto& f : def_.fields) {
      if (f.name == field) return f.transforms;
    }
    return {};
  }

  std::uint32_t cells(const PerformanceGoal& goal, const LayoutRow& r, Sheet& sheet,
                      std::uint32_t row) {
    std::uint32_t cursor = 0;
    for (const auto& c : r.cells) {
      const std::uint32_t col = c.col.value_or(cursor);
      std::optional<Cell> cell;
      if (!c.text.empty()) {
        cell = Cell::make_text(c.text);
      } else if (!c.label_of.empty()) {
        cell = Cell::make_text(label_of(goal, c.label_of));
      } else if (!c.compose.empty()) {
        const std::string text = composed_cell_text(c, doc_, goal);
        if (!text.empty()) cell = Cell::make_text(text);
      } else if (c.field == "objective" || c.field == "objective.implementation") {
        const Period period = c.field == "objective" ? Period::annual : Period::implementation;
        std::string text;
        for (const auto& o : goal.objectives) {
          if (o.period == period) text += (text.empty() ? "" : "\n") + o.text;
        }
        if (!text.empty()) cell = Cell::make_text(std::move(text));
      } else if (c.field == "goal.title" && goal.title.empty()) {
        // A goal from a template without titles still needs one to be found again.
        cell = Cell::make_text(goal.name +
                               (def_.name_suffix.empty() ? "绩效目标表" : def_.name_suffix));
      } else {
        cell = values_.goal_cell(goal, c.field, field_transforms(c.field), unit_,
                                 def_.layout.money_format);
      }
      if (!cell) cell = Cell{};
      cell->bold = c.style == CellStyle::title || c.style == CellStyle::header;
      if (cell->bold) cell->halign = HAlign::center;
      put(sheet, row, col, std::move(*cell), c.span, c.down);
      cursor = col + static_cast<std::uint32_t>(c.span);
    }
    return row + 1;
  }

  std::uint32_t milestones(const PerformanceGoal& goal, const LayoutRow& r, Sheet& sheet,
                           std::uint32_t row) {
    put(sheet, row, 0, bold(r.label), 1, 2);
    const auto n = static_cast<std::uint32_t>(goal.spending_plan.size());
    const int span = 1 + n * static_cast<std::uint32_t>(r.span) <= width_ ? r.span : 1;
    for (std::uint32_t i = 0; i < n; ++i) {
      const Milestone& m = goal.spending_plan[i];
      const std::uint32_t col = 1 + i * static_cast<std::uint32_t>(span);
      put(sheet, row, col, bold(m.label), span);
      Cell pct = m.percent ? Cell::make_number(m.percent->to_string()) : Cell{};
      put(sheet, row + 1, col, std::move(pct), span);
    }
    return row + 2;
  }

  std::uint32_t objectives(const PerformanceGoal& goal, const LayoutRow& r, Sheet& sheet,
                           std::uint32_t row) {
    std::vector<const Objective*> items;
    for (const auto& o : goal.objectives) {
      if (o.period == Period::annual) items.push_back(&o);
    }
    if (r.join_lines) {
      std::string text;
      for (const Objective* o : items) text += (text.empty() ? "" : "\n") + o->text;
      put(sheet, row, 0, bold(r.label));
      put(sheet, row, 1, text.empty() ? Cell{} : Cell::make_text(std::move(text)), r.span);
      return row + 1;
    }
    const int rows = std::max<int>(1, static_cast<int>(items.size()));
    put(sheet, row, 0, bold(r.label), 1, rows);
    for (int i = 0; i < rows; ++i) {
      std::string label = r.item_label;
      if (const auto at = label.find("{n}"); at != std::string::npos)
        label.replace(at, 3, std::to_string(i + 1));
      const auto rr = row + static_cast<std::uint32_t>(i);
      put(sheet, rr, 1, Cell::make_text(label));
      Cell text = i < static_cast<int>(items.size()) ? Cell::make_text(items[i]->text) : Cell{};
      put(sheet, rr, 2, std::move(text), r.span);
    }
    return row + static_cast<std::uint32_t>(rows);
  }

  /// One written grid row: the indicators of each period side by side (a run of grouped
  /// indicators each), or none (a standard row the form always lists, a goal without indicators).
  struct GridLine {
    std::size_t goal = 0;                             ///< index of the owning goal
    std::string level1, level2;                       ///< level texts for periods without a run
    std::vector<std::vector<const Indicator*>> runs;  ///< per grid period; empty = none
  };

  static Period period_of(const std::string& p) {
    return p == "implementation" ? Period::implementation : Period::annual;
  }

  /// The runs of one goal and period: consecutive indicators of groups 1, 2, … with the same
  /// levels share a row when the grid has numbered-item columns to hold them.
  std::vector<std::vector<const Indicator*>> runs_of(const PerformanceGoal& goal,
                                                     Period period) const {
    const bool numbered = std::any_of(def_.columns.begin(), def_.columns.end(),
                                      [](const MappingColumn& c) { return c.numbered_items; });
    std::vector<std::vector<const Indicator*>> runs;
    for (const auto& ind : goal.indicators) {
      if (ind.period != period) continue;
      const bool joins = numbered && ind.group > 1 && !runs.empty() &&
                         runs.back().back()->group == ind.group - 1 &&
                         runs.back().back()->level1 == ind.level1 &&
                         runs.back().back()->level2 == ind.level2;
      if (joins) {
        runs.back().push_back(&ind);
      } else {
        runs.push_back({&ind});
      }
    }
    return runs;
  }

  static std::string level_text(const Indicator& ind, bool one) {
    const std::string& published = one ? ind.level1_text : ind.level2_text;
    return published.empty() ? (one ? ind.level1 : ind.level2) : published;
  }

  /// The grid rows of one goal. One period without standard rows: one row per run, in order.
  /// Otherwise rows follow the levels (standard rows first, in the form's order; other levels
  /// after the last row of their 一级指标), and the n-th run of each period with those levels
  /// shares the n-th row: 实施期 and 年度 indicators of the same 二级指标 stand side by side.
  void lines_of(const PerformanceGoal& goal, std::size_t gi,
                const std::vector<StandardRow>& standard, std::vector<GridLine>& out) const {
    std::vector<std::vector<std::vector<const Indicator*>>> runs;
    for (const auto& p : periods_) runs.push_back(runs_of(goal, period_of(p)));
    if (periods_.size() == 1 && standard.empty()) {
      for (auto& run : runs[0]) {
        GridLine line{
            gi, level_text(*run.front(), true), level_text(*run.front(), false), {std::move(run)}};
        out.push_back(std::move(line));
      }
      return;
    }
    struct Key {
      std::string level1, level2;  // canonical
      std::string text1, text2;    // written when a period has nothing on the row
      bool standard = false;
    };
    std::vector<Key> keys;
    for (const auto& sr : standard) {
      const std::string l1 = canonical_level1(sr.level1), l2 = canonical_level2(sr.level2);
      keys.push_back(Key{l1.empty() ? sr.level1 : l1, l2.empty() ? sr.level2 : l2, sr.level1,
                         sr.level2, true});
    }
    const auto find_key = [&](const Indicator& ind) {
      return std::find_if(keys.begin(), keys.end(), [&](const Key& k) {
        return k.level1 == ind.level1 && k.level2 == ind.level2;
      });
    };
    for (const auto& period_runs : runs) {
      for (const auto& run : period_runs) {
        const Indicator& ind = *run.front();
        if (find_key(ind) != keys.end()) continue;
        auto at = keys.end();
        for (auto k = keys.begin(); k != keys.end(); ++k) {
          if (k->level1 == ind.level1) at = k + 1;
        }
        keys.insert(
            at, Key{ind.level1, ind.level2, level_text(ind, true), level_text(ind, false), false});
      }
    }
    for (const Key& k : keys) {
      std::vector<std::vector<std::vector<const Indicator*>>> mine(periods_.size());
      std::size_t n = 0;
      for (std::size_t p = 0; p < periods_.size(); ++p) {
        for (const auto& run : runs[p]) {
          if (run.front()->level1 == k.level1 && run.front()->level2 == k.level2)
            mine[p].push_back(run);
        }
        n = std::max(n, mine[p].size());
      }
      if (n == 0 && k.standard) n = 1;  // the form's empty line
      for (std::size_t i = 0; i < n; ++i) {
        GridLine line{gi, k.text1, k.text2,
                      std::vector<std::vector<const Indicator*>>(periods_.size())};
        for (std::size_t p = 0; p < periods_.size(); ++p) {
          if (i < mine[p].size()) line.runs[p] = mine[p][i];
        }
        out.push_back(std::move(line));
      }
    }
  }

  std::size_t period_index(const std::string& period) const {
    const auto it = std::find(periods_.begin(), periods_.end(), period);
    return it == periods_.end() ? 0 : static_cast<std::size_t>(it - periods_.begin());
  }

  /// The cell of indicator column `c` on `line`: from the run of the column's period (a shared
  /// column takes the first period that has one); the form's empty line where there is none
  /// ("指标:" under a word-numbered column, the levels of the row).
  std::optional<Cell> line_cell(const GridLine& line, const MappingColumn& c) const {
    const std::vector<const Indicator*>* run = nullptr;
    if (c.period.empty()) {
      for (const auto& r : line.runs) {
        if (!r.empty()) {
          run = &r;
          break;
        }
      }
    } else if (!line.runs[period_index(c.period)].empty()) {
      run = &line.runs[period_index(c.period)];
    }
    if (run != nullptr) return row_cell(*run, c);
    const bool placeholder = !line.level1.empty() || !line.level2.empty();
    if (!placeholder) return std::nullopt;
    if (c.name == "indicator.level1" && !line.level1.empty()) return Cell::make_text(line.level1);
    if (c.name == "indicator.level2" && !line.level2.empty()) return Cell::make_text(line.level2);
    if (c.numbered_items && !c.item_prefix.empty()) return Cell::make_text(c.item_prefix + ":");
    return std::nullopt;
  }

  std::uint32_t grid(const std::vector<const PerformanceGoal*>& goals, const LayoutRow& layout_row,
                     Sheet& sheet, std::uint32_t row) {
    const std::uint32_t header_row = row;
    std::uint32_t col = layout_row.label.empty() ? 0 : 1;
    std::vector<std::uint32_t> cols;
    for (const auto& c : def_.columns) {
      cols.push_back(col);
      put(sheet, row, col, bold(c.labels.front().text), c.span);
      col += static_cast<std::uint32_t>(c.span);
    }
    ++row;
    std::vector<GridLine> lines;
    for (std::size_t gi = 0; gi < goals.size(); ++gi) {
      const std::size_t before = lines.size();
      lines_of(*goals[gi], gi, layout_row.standard_rows, lines);
      if (lines.size() == before && goal_columns_) {
        // A goal without indicators still needs its row.
        lines.push_back(
            GridLine{gi, "", "", std::vector<std::vector<const Indicator*>>(periods_.size())});
      }
    }
    // goal_start: first row of the current goal, where its goal columns are merged from.
    std::uint32_t goal_start = row;
    const auto close_goal = [&](std::uint32_t end) {
      for (std::size_t k = 0; k < def_.columns.size(); ++k) {
        if (!is_goal_column(def_.columns[k].name) || end <= goal_start + 1) continue;
        sheet.merges.push_back(MergedRange{
            CellPos{goal_start, cols[k]},
            CellPos{end - 1, cols[k] + static_cast<std::uint32_t>(def_.columns[k].span - 1)}});
      }
    };
    // run_start[k]: first row of the current run of equal values in fill-down column k.
    std::vector<std::uint32_t> run_start(def_.columns.size(), row);
    std::vector<std::string> run_text(def_.columns.size());
    const auto close_run = [&](std::size_t k, std::uint32_t end) {
      if (end > run_start[k] + 1) {
        sheet.merges.push_back(MergedRange{
            CellPos{run_start[k], cols[k]},
            CellPos{end - 1, cols[k] + static_cast<std::uint32_t>(def_.columns[k].span - 1)}});
        // Only the top-left cell of a merge holds the value.
        for (std::uint32_t r = run_start[k] + 1; r < end; ++r) sheet.rows[r].erase(cols[k]);
      }
    };
    for (std::size_t i = 0; i < lines.size(); ++i, ++row) {
      const bool new_goal = i == 0 || lines[i].goal != lines[i - 1].goal;
      if (new_goal && i > 0) {
        close_goal(row);
        goal_start = row;
      }
      // A new run of an upper level starts new runs below it: a shared level (一级指标) for
      // every period, a period's level for that period only. Level runs restart with each goal.
      bool shared_changed = new_goal && i > 0;
      std::set<std::string> changed;
      for (std::size_t k = 0; k < def_.columns.size(); ++k) {
        const MappingColumn& c = def_.columns[k];
        if (is_goal_column(c.name)) {
          // Only the goal's first row holds the value; the column is merged over its rows.
          std::optional<Cell> cell =
              new_goal ? goal_column_cell(*goals[lines[i].goal], c) : std::nullopt;
          put(sheet, row, cols[k], cell.value_or(Cell{}), c.span);
          continue;
        }
        std::optional<Cell> cell = line_cell(lines[i], c);
        const std::string text = cell ? cell->text : std::string();
        if (c.fill_down) {
          const bool upper = shared_changed || (!c.period.empty() && changed.count(c.period));
          const bool same = i > 0 && !upper && text == run_text[k] && !text.empty();
          if (!same) {
            if (i > 0) close_run(k, row);
            run_start[k] = row;
            run_text[k] = text;
            if (c.period.empty()) shared_changed = true;
            changed.insert(c.period);
          }
        }
        put(sheet, row, cols[k], cell.value_or(Cell{}), c.span);
      }
    }
    for (std::size_t k = 0; k < def_.columns.size(); ++k) {
      if (def_.columns[k].fill_down && !is_goal_column(def_.columns[k].name) && !lines.empty())
        close_run(k, row);
    }
    if (!lines.empty()) close_goal(row);
    if (!layout_row.label.empty()) {
      // The grid's left label (Henan's 绩效指标) stands beside the header and every row.
      put(sheet, header_row, 0, bold(layout_row.label), 1, static_cast<int>(row - header_row));
    }
    return row;
  }

  /// The cell of a goal column: the goal field, or the annual objectives one per line.
  std::optional<Cell> goal_column_cell(const PerformanceGoal& goal, const MappingColumn& c) const {
    if (c.name != "objective")
      return values_.goal_cell(goal, c.name, c.transforms, unit_, def_.layout.money_format);
    std::string text;
    for (const auto& o : goal.objectives) {
      if (o.period == Period::annual) text += (text.empty() ? "" : "\n") + o.text;
    }
    if (text.empty()) return std::nullopt;
    return Cell::make_text(std::move(text));
  }

  /// The cell of column `c` for a run of grouped indicators (or a single one).
  std::optional<Cell> row_cell(const std::vector<const Indicator*>& run,
                               const MappingColumn& c) const {
    const bool grouped = run.front()->group > 0;
    if (c.numbered_items && !grouped && !c.item_prefix.empty()) {
      // One indicator in a cell whose items carry a word: the form still labels it ("指标:A").
      const auto cell = values_.indicator_cell(*run.front(), c.name, c.transforms);
      return Cell::make_text(c.item_prefix + ":" + (cell ? cell->text : std::string()));
    }
    if (!c.numbered_items || !grouped)
      return values_.indicator_cell(*run.front(), c.name, c.transforms);
    std::vector<std::string> texts;
    for (const Indicator* ind : run) {
      const auto cell = values_.indicator_cell(*ind, c.name, c.transforms);
      texts.push_back(cell ? cell->text : std::string());
    }
    // One value shared by every item is written once ("≥90%"), as the forms do; a word before
    // the numbers ("指标1:") always numbers, so that a group of one reads back as a group.
    const bool same = std::all_of(texts.begin(), texts.end(),
                                  [&](const std::string& t) { return t == texts.front(); });
    if (c.item_prefix.empty() && same) {
      if (texts.front().empty()) return std::nullopt;
      return Cell::make_text(texts.front());
    }
    return Cell::make_text(join_numbered(texts, c.item_prefix));
  }

  const MappingDefinition& def_;
  const Submission& doc_;
  ValueCodec values_;
  AmountUnit unit_ = AmountUnit::wan_yuan;
  std::vector<std::string> periods_;  // grid periods in column order ("annual" alone by default)
  std::uint32_t width_ = 0;
  bool goal_columns_ = false;  // goal fields are grid columns: all goals share one grid

 public:
  /// True when all goals go into one table (goal fields are grid columns).
  bool one_table() const { return goal_columns_; }
};

/// Fields the layout writes, to tell what a goal loses.
std::set<std::string> held_fields(const MappingDefinition& def) {
  std::set<std::string> held;
  for (const auto& r : def.layout.rows) {
    for (const auto& c : r.cells) {
      if (!c.field.empty()) held.insert(c.field);
      // "{year}" in a title is read back when the definition reads the year line.
      if (c.compose.find("{year}") != std::string::npos && !def.year_pattern.empty())
        held.insert("fiscal_year");
    }
    if (r.kind == LayoutRowKind::milestones) held.insert("milestone");
    if (r.kind == LayoutRowKind::objectives) held.insert("objective");
    if (r.kind == LayoutRowKind::grid) {
      bool periods = false;
      for (const auto& c : def.columns) {
        held.insert(c.name);
        if (!c.period.empty()) held.insert("indicator@" + c.period);
        periods = periods || !c.period.empty();
      }
      if (!periods) held.insert("indicator@annual");
    }
  }
  const bool parts = held.count("indicator.comparator") && held.count("indicator.value");
  if (parts) held.insert("indicator.target");
  return held;
}

class LossReport {
 public:
  LossReport(const MappingDefinition& def, Diagnostics& losses) : def_(def), losses_(losses) {}

  void add(const std::string& where, const std::string& what, const std::string& value) {
    Diagnostic d;
    d.severity = Severity::warning;
    d.rule = "MAP-LOSS-001";
    d.message_zh = "模板 " + def_.id + " 无处存放" + where + "的「" + what + "」：" + value;
    d.message_en =
        "template " + def_.id + " has no place for " + what + " of " + where + ": " + value;
    d.location.name = where;
    losses_.add(std::move(d));
  }

 private:
  const MappingDefinition& def_;
  Diagnostics& losses_;
};

void report_losses(const MappingDefinition& def, const Submission& doc, Diagnostics& losses) {
  const std::set<std::string> held = held_fields(def);
  LossReport report(def, losses);
  // The goal kinds the template can tell apart: its default, labels that imply a kind
  // (专项资金名称), and the kind of a goal read without a name (Sichuan's department block).
  std::set<std::string> kinds;
  if (const auto k = def.constants.find("goal.kind"); k != def.constants.end())
    kinds.insert(k->second);
  if (!def.constants.count("goal.kind")) kinds.insert("project");
  for (const auto& f : def.fields) {
    for (const auto& l : f.labels) {
      if (!l.kind.empty()) kinds.insert(l.kind);
    }
  }
  for (const auto& c : def.columns) {
    if (!c.blank_kind.empty()) kinds.insert(c.blank_kind);
  }
  if (!doc.agency_code.empty()) report.add("文档", "agency_code", doc.agency_code);
  if (!doc.agency_name.empty()) report.add("文档", "agency_name", doc.agency_name);
  if (doc.fiscal_year != 0 && !held.count("fiscal_year")) {
    report.add("文档", "fiscal_year", std::to_string(doc.fiscal_year));
  }
  for (const auto& e : doc.extras) report.add("文档", "extra " + e.key, e.value);
  if (!doc.budget_tables.empty())
    report.add("文档", "budget_tables", std::to_string(doc.budget_tables.size()));
  if (!doc.evaluations.empty())
    report.add("文档", "evaluations", std::to_string(doc.evaluations.size()));
  static const std::vector<std::string> kGoalFields{"goal.code",
                                                    "goal.name",
                                                    "goal.title",
                                                    "goal.purpose",
                                                    "goal.department",
                                                    "goal.unit-name",
                                                    "budget.total",
                                                    "budget.fiscal",
                                                    "budget.other",
                                                    "budget.implementation.total",
                                                    "budget.implementation.fiscal",
                                                    "budget.implementation.other"};
  static const std::vector<std::string> kIndicatorFields{
      "indicator.level1", "indicator.level2", "indicator.name",   "indicator.description",
      "indicator.target", "indicator.basis",  "indicator.weight", "indicator.direction"};
  for (const auto& g : doc.goals) {
    const std::string where = "「" + g.name + "」";
    // A name carried by the title ("<name>绩效目标表") is read back from it.
    const bool name_in_title = held.count("goal.title") && !def.name_suffix.empty() &&
                               (g.title.empty() || g.title == g.name + def.name_suffix);
    const bool one_table =
        std::any_of(def.columns.begin(), def.columns.end(),
                    [](const MappingColumn& c) { return is_goal_column(c.name); });
    if (!g.kind.empty() && !kinds.count(g.kind)) report.add(where, "goal.kind", g.kind);
    for (const auto& f : kGoalFields) {
      if (f == "goal.title" && g.title.empty()) continue;
      // The title written is the table's (the first goal's when one table holds every goal),
      // or one composed in the form's shape: any other title is lost.
      const auto title = f == "goal.title"
                             ? written_title(def, doc, one_table ? doc.goals.front() : g)
                             : std::nullopt;
      if (title) {
        if (*title != g.title) report.add(where, f, g.title);
        continue;
      }
      if (f == "goal.name" && name_in_title) continue;
      if (!held.count(f) && ValueCodec::has_goal_field(g, f)) report.add(where, f, "");
    }
    if (!held.count("milestone") && !g.spending_plan.empty()) report.add(where, "milestone", "");
    for (const auto& o : g.objectives) {
      const std::string key = o.period == Period::annual ? "objective" : "objective.implementation";
      if (!held.count(key)) report.add(where, key, o.text);
    }
    for (const auto& e : g.extras) report.add(where, "extra " + e.key, e.value);
    for (const auto& ind : g.indicators) {
      if (!held.count("indicator@" + std::string(period_id(ind.period)))) {
        report.add(where, "indicator(" + std::string(period_id(ind.period)) + ")", ind.name);
        continue;
      }
      for (const auto& f : kIndicatorFields) {
        if (!held.count(f) && ValueCodec::has_indicator_field(ind, f))
          report.add(where, f, ind.name);
      }
    }
  }
}

}  // namespace

Status write_with_mapping(const MappingDefinition& def, const TransformSet& transforms,
                          const Submission& doc, const Options& options, Workbook& out,
                          Diagnostics& losses) noexcept {
  try {
    if (doc.goals.empty()) {
      return make_error(ErrorCode::unsupported,
                        msg(options.lang, "文档中没有绩效目标表，模板 " + def.id + " 无内容可写",
                            "the document has no performance goals for template " + def.id));
    }
    report_losses(def, doc, losses);
    GoalWriter writer(def, transforms, doc, options);
    Sheet* stacked = nullptr;
    std::uint32_t row = 0;
    if (writer.one_table()) {
      std::vector<const PerformanceGoal*> goals;
      for (const auto& g : doc.goals) goals.push_back(&g);
      Sheet& s = out.add_sheet(sheet_name(out, def.layout.sheet_name));
      writer.write(goals, s, 0);
      return {};
    }
    for (std::size_t i = 0; i < doc.goals.size(); ++i) {
      const PerformanceGoal& g = doc.goals[i];
      if (def.layout.sheet_per_goal) {
        Sheet& s = out.add_sheet(sheet_name(
            out, std::to_string(i + 1) + "." + (g.name.empty() ? def.layout.sheet_name : g.name)));
        writer.write(g, s, 0);
        continue;
      }
      if (stacked == nullptr) stacked = &out.add_sheet(sheet_name(out, def.layout.sheet_name));
      row = writer.write(g, *stacked, row) + static_cast<std::uint32_t>(def.layout.gap);
    }
    return {};
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::limit, options.english() ? "out of memory" : "内存不足");
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, def.id + ": " + e.what());
  }
}

}  // namespace budconv
