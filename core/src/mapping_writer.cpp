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

class GoalWriter {
 public:
  GoalWriter(const MappingDefinition& def, const TransformSet& transforms, const Options& options)
      : def_(def), values_(transforms, options.english()) {
    const auto unit = def.constants.find("goal.amount-unit");
    unit_ = unit == def.constants.end() ? AmountUnit::wan_yuan
                                        : parse_amount_unit(unit->second).value_or(AmountUnit::wan_yuan);
    for (const auto& c : def.columns) {
      width_ += static_cast<std::uint32_t>(c.span);
      goal_columns_ = goal_columns_ || is_goal_column(c.name);
    }
  }

  /// Writes `goal` from `row` on; returns the first row after it.
  std::uint32_t write(const PerformanceGoal& goal, Sheet& sheet, std::uint32_t row) {
    return write(std::vector<const PerformanceGoal*>{&goal}, sheet, row);
  }

  /// Writes one table: the layout's rows from the first goal, and every goal's indicators in the
  /// grid (several goals only when goal fields are grid columns); returns the first row after it.
  std::uint32_t write(const std::vector<const PerformanceGoal*>& goals, Sheet& sheet, std::uint32_t row) {
    const PerformanceGoal& goal = *goals.front();
    for (std::size_t c = 0; c < def_.layout.widths.size(); ++c) {
      sheet.column_widths[static_cast<std::uint32_t>(c)] = def_.layout.widths[c];
    }
    for (const auto& r : def_.layout.rows) {
      switch (r.kind) {
        case LayoutRowKind::cells: row = cells(goal, r, sheet, row); break;
        case LayoutRowKind::milestones: row = milestones(goal, r, sheet, row); break;
        case LayoutRowKind::objectives: row = objectives(goal, r, sheet, row); break;
        case LayoutRowKind::grid: row = grid(goals, sheet, row); break;
      }
    }
    return row;
  }

 private:
  static void put(Sheet& sheet, std::uint32_t row, std::uint32_t col, Cell cell, int span = 1,
                  int down = 1) {
    sheet.set(row, col, std::move(cell));
    if (span > 1 || down > 1) {
      sheet.merges.push_back(MergedRange{
          CellPos{row, col}, CellPos{row + static_cast<std::uint32_t>(down - 1),
                                     col + static_cast<std::uint32_t>(span - 1)}});
    }
  }

  static Cell bold(std::string text) {
    Cell c = Cell::make_text(std::move(text));
    c.bold = true;
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

  std::uint32_t cells(const PerformanceGoal& goal, const LayoutRow& r, Sheet& sheet, std::uint32_t row) {
    std::uint32_t cursor = 0;
    for (const auto& c : r.cells) {
      const std::uint32_t col = c.col.value_or(cursor);
      std::optional<Cell> cell;
      if (!c.text.empty()) {
        cell = Cell::make_text(c.text);
      } else if (!c.label_of.empty()) {
        cell = Cell::make_text(label_of(goal, c.label_of));
      } else if (c.field == "goal.title" && goal.title.empty()) {
        // A goal from a template without titles still needs one to be found again.
        cell = Cell::make_text(goal.name + (def_.name_suffix.empty() ? "绩效目标表" : def_.name_suffix));
      } else {
        cell = values_.goal_cell(goal, c.field, field_transforms(c.field), unit_, def_.layout.money_format);
      }
      if (!cell) cell = Cell{};
      cell->bold = c.style == CellStyle::title || c.style == CellStyle::header;
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
      if (const auto at = label.find("{n}"); at != std::string::npos) label.replace(at, 3, std::to_string(i + 1));
      const auto rr = row + static_cast<std::uint32_t>(i);
      put(sheet, rr, 1, Cell::make_text(label));
      Cell text = i < static_cast<int>(items.size()) ? Cell::make_text(items[i]->text) : Cell{};
      put(sheet, rr, 2, std::move(text), r.span);
    }
    return row + static_cast<std::uint32_t>(rows);
  }

  std::uint32_t grid(const std::vector<const PerformanceGoal*>& goals, Sheet& sheet, std::uint32_t row) {
    std::uint32_t col = 0;
    std::vector<std::uint32_t> cols;
    for (const auto& c : def_.columns) {
      cols.push_back(col);
      put(sheet, row, col, bold(c.labels.front().text), c.span);
      col += static_cast<std::uint32_t>(c.span);
    }
    ++row;
    // One sheet row per indicator, or per run of grouped indicators (group 1, 2, …) that share
    // their levels, when the grid has numbered-item columns to hold them.
    const bool numbered = std::any_of(def_.columns.begin(), def_.columns.end(),
                                      [](const MappingColumn& c) { return c.numbered_items; });
    std::vector<std::vector<const Indicator*>> items;
    std::vector<std::size_t> owner;  // goal index of each item
    for (std::size_t gi = 0; gi < goals.size(); ++gi) {
    const std::size_t first_item = items.size();
    for (const auto& ind : goals[gi]->indicators) {
      if (ind.period != Period::annual) continue;
      const bool joins = numbered && ind.group > 1 && items.size() > first_item &&
                         items.back().back()->group == ind.group - 1 &&
                         items.back().back()->level1 == ind.level1 &&
                         items.back().back()->level2 == ind.level2;
      if (joins) {
        items.back().push_back(&ind);
      } else {
        items.push_back({&ind});
        owner.push_back(gi);
      }
    }
    if (items.size() == first_item && goal_columns_) {
      items.emplace_back();  // a goal without indicators still needs its row
      owner.push_back(gi);
    }
    }
    // goal_start[k]: first row of the current goal, where its goal columns are merged from.
    std::uint32_t goal_start = row;
    const auto close_goal = [&](std::uint32_t end) {
      for (std::size_t k = 0; k < def_.columns.size(); ++k) {
        if (!is_goal_column(def_.columns[k].name) || end <= goal_start + 1) continue;
        sheet.merges.push_back(MergedRange{CellPos{goal_start, cols[k]},
                                           CellPos{end - 1, cols[k] + static_cast<std::uint32_t>(def_.columns[k].span - 1)}});
      }
    };
    // run_start[k]: first row of the current run of equal values in fill-down column k.
    std::vector<std::uint32_t> run_start(def_.columns.size(), row);
    std::vector<std::string> run_text(def_.columns.size());
    const auto close_run = [&](std::size_t k, std::uint32_t end) {
      if (end > run_start[k] + 1) {
        sheet.merges.push_back(MergedRange{CellPos{run_start[k], cols[k]},
                                           CellPos{end - 1, cols[k] + static_cast<std::uint32_t>(def_.columns[k].span - 1)}});
        // Only the top-left cell of a merge holds the value.
        for (std::uint32_t r = run_start[k] + 1; r < end; ++r) sheet.rows[r].erase(cols[k]);
      }
    };
    for (std::size_t i = 0; i < items.size(); ++i, ++row) {
      const bool new_goal = i == 0 || owner[i] != owner[i - 1];
      if (new_goal && i > 0) {
        close_goal(row);
        goal_start = row;
      }
      bool upper_changed = new_goal && i > 0;  // level runs restart with each goal
      for (std::size_t k = 0; k < def_.columns.size(); ++k) {
        const MappingColumn& c = def_.columns[k];
        if (is_goal_column(c.name)) {
          // Only the goal's first row holds the value; the column is merged over its rows.
          std::optional<Cell> cell = new_goal ? goal_column_cell(*goals[owner[i]], c) : std::nullopt;
          put(sheet, row, cols[k], cell.value_or(Cell{}), c.span);
          continue;
        }
        std::optional<Cell> cell = items[i].empty() ? std::nullopt : row_cell(items[i], c);
        const std::string text = cell ? cell->text : std::string();
        if (c.fill_down) {
          const bool same = i > 0 && !upper_changed && text == run_text[k] && !text.empty();
          if (!same) {
            if (i > 0) close_run(k, row);
            run_start[k] = row;
            run_text[k] = text;
            upper_changed = true;
          }
        }
        put(sheet, row, cols[k], cell.value_or(Cell{}), c.span);
      }
    }
    for (std::size_t k = 0; k < def_.columns.size(); ++k) {
      if (def_.columns[k].fill_down && !is_goal_column(def_.columns[k].name) && !items.empty()) close_run(k, row);
    }
    if (!items.empty()) close_goal(row);
    return row;
  }

  /// The cell of a goal column: the goal field, or the annual objectives one per line.
  std::optional<Cell> goal_column_cell(const PerformanceGoal& goal, const MappingColumn& c) const {
    if (c.name != "objective") return values_.goal_cell(goal, c.name, c.transforms, unit_, def_.layout.money_format);
    std::string text;
    for (const auto& o : goal.objectives) {
      if (o.period == Period::annual) text += (text.empty() ? "" : "\n") + o.text;
    }
    if (text.empty()) return std::nullopt;
    return Cell::make_text(std::move(text));
  }

  /// The cell of column `c` for a run of grouped indicators (or a single one).
  std::optional<Cell> row_cell(const std::vector<const Indicator*>& run, const MappingColumn& c) const {
    const bool grouped = run.front()->group > 0;
    if (!c.numbered_items || !grouped) return values_.indicator_cell(*run.front(), c.name, c.transforms);
    std::vector<std::string> texts;
    for (const Indicator* ind : run) {
      const auto cell = values_.indicator_cell(*ind, c.name, c.transforms);
      texts.push_back(cell ? cell->text : std::string());
    }
    // One value shared by every item is written once ("≥90%"), as the forms do; a word before
    // the numbers ("指标1:") always numbers, so that a group of one reads back as a group.
    const bool same = std::all_of(texts.begin(), texts.end(), [&](const std::string& t) { return t == texts.front(); });
    if (c.item_prefix.empty() && same) {
      if (texts.front().empty()) return std::nullopt;
      return Cell::make_text(texts.front());
    }
    return Cell::make_text(join_numbered(texts, c.item_prefix));
  }

  const MappingDefinition& def_;
  ValueCodec values_;
  AmountUnit unit_ = AmountUnit::wan_yuan;
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
    }
    if (r.kind == LayoutRowKind::milestones) held.insert("milestone");
    if (r.kind == LayoutRowKind::objectives) held.insert("objective");
    if (r.kind == LayoutRowKind::grid) {
      for (const auto& c : def.columns) held.insert(c.name);
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
    d.message_en = "template " + def_.id + " has no place for " + what + " of " + where + ": " + value;
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
  if (!doc.agency_code.empty()) report.add("文档", "agency_code", doc.agency_code);
  if (!doc.agency_name.empty()) report.add("文档", "agency_name", doc.agency_name);
  if (doc.fiscal_year != 0) report.add("文档", "fiscal_year", std::to_string(doc.fiscal_year));
  for (const auto& e : doc.extras) report.add("文档", "extra " + e.key, e.value);
  if (!doc.budget_tables.empty()) report.add("文档", "budget_tables", std::to_string(doc.budget_tables.size()));
  if (!doc.evaluations.empty()) report.add("文档", "evaluations", std::to_string(doc.evaluations.size()));
  static const std::vector<std::string> kGoalFields{
      "goal.code", "goal.name", "goal.title", "goal.purpose", "goal.department", "goal.unit-name",
      "budget.total", "budget.fiscal", "budget.other", "budget.implementation.total",
      "budget.implementation.fiscal", "budget.implementation.other"};
  static const std::vector<std::string> kIndicatorFields{
      "indicator.level1", "indicator.level2", "indicator.name", "indicator.description",
      "indicator.target", "indicator.basis", "indicator.weight", "indicator.direction"};
  for (const auto& g : doc.goals) {
    const std::string where = "「" + g.name + "」";
    // A name carried by the title ("<name>绩效目标表") is read back from it.
    const bool name_in_title = held.count("goal.title") && !def.name_suffix.empty() &&
                               (g.title.empty() || g.title == g.name + def.name_suffix);
    const bool one_table = std::any_of(def.columns.begin(), def.columns.end(),
                                       [](const MappingColumn& c) { return is_goal_column(c.name); });
    for (const auto& f : kGoalFields) {
      if (f == "goal.title" && g.title.empty()) continue;
      // One table holds every goal: only the first goal's title is written.
      if (f == "goal.title" && one_table && held.count(f) && g.title != doc.goals.front().title) {
        report.add(where, f, g.title);
        continue;
      }
      if (f == "goal.name" && name_in_title) continue;
      if (!held.count(f) && ValueCodec::has_goal_field(g, f)) report.add(where, f, "");
    }
    if (!held.count("milestone") && !g.spending_plan.empty()) report.add(where, "milestone", "");
    for (const auto& o : g.objectives) {
      if (o.period != Period::annual || !held.count("objective")) report.add(where, "objective", o.text);
    }
    for (const auto& e : g.extras) report.add(where, "extra " + e.key, e.value);
    for (const auto& ind : g.indicators) {
      if (ind.period != Period::annual) {
        report.add(where, "indicator(" + std::string(period_id(ind.period)) + ")", ind.name);
        continue;
      }
      for (const auto& f : kIndicatorFields) {
        if (!held.count(f) && ValueCodec::has_indicator_field(ind, f)) report.add(where, f, ind.name);
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
    GoalWriter writer(def, transforms, options);
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
        Sheet& s = out.add_sheet(sheet_name(out, std::to_string(i + 1) + "." + (g.name.empty() ? def.layout.sheet_name : g.name)));
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
