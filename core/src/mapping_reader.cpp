/// @file mapping_reader.cpp
/// Workbook → PerformanceGoal, one per table located (mapping_scan.cpp), and the detect score.
/// Values are found by their labels, never by fixed cell addresses, so moved titles, extra blank
/// rows and reordered columns read the same; a value that cannot be interpreted is reported with
/// its cell and kept as an extra, never dropped.
#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <utility>

#include "budconv/mapping.hpp"
#include "mapping_scan.hpp"
#include "mapping_text.hpp"
#include "mapping_values.hpp"

namespace budconv {

namespace {

using namespace mapping_detail;

/// Progress through the goals of a grid whose columns hold goal fields.
struct GoalRun {
  bool started = false;                     ///< a row of the current goal was read
  std::map<std::string, std::string> seen;  ///< goal column → its text in the current goal
  std::set<std::string> stored;             ///< goal columns already stored in the goal
};

/// Reads one sheet's tables of one definition.
class SheetReader {
 public:
  SheetReader(const MappingDefinition& def, const TransformSet& transforms, const Sheet& sheet,
              const Options& options, Diagnostics& diags)
      : def_(def),
        values_(transforms, options.english()),
        sheet_(sheet),
        merged_(sheet),
        options_(options),
        diags_(diags),
        labels_(def) {
    const auto unit = def.constants.find("goal.amount-unit");
    unit_ = unit == def.constants.end()
                ? AmountUnit::wan_yuan
                : parse_amount_unit(unit->second).value_or(AmountUnit::wan_yuan);
    // The periods of the grid in column order ("" alone: one period, the annual one).
    for (const auto& c : def.columns) {
      if (!c.period.empty() &&
          std::find(periods_.begin(), periods_.end(), c.period) == periods_.end()) {
        periods_.push_back(c.period);
      }
    }
    if (periods_.empty()) periods_.push_back("");
  }

  /// The fiscal year read from a line above a table (0 when none).
  int year() const { return year_; }

  /// Share of the block's non-blank cells that are labels of the definition or values it read:
  /// a template that leaves much of a table unexplained is a worse match than one that does not.
  /// `from` widens the block upwards (detection of an untitled table without anchor).
  double explained(const TableSpan& span, std::optional<std::uint32_t> from = {}) const {
    std::size_t cells = 0, known = 0;
    const std::uint32_t end = span.header ? span.header->row : span.start;
    for (auto it = sheet_.rows.lower_bound(from.value_or(span.block_begin));
         it != sheet_.rows.end() && it->first < end; ++it) {
      for (const auto& [c, cell] : it->second) {
        if (cell.blank()) continue;
        ++cells;
        if (consumed_.count({it->first, c}) ||
            (cell.text.size() <= kMaxLabelBytes && labels_.contains(normalize_label(cell.text)))) {
          ++known;
        }
      }
    }
    return cells == 0 ? 1.0 : static_cast<double>(known) / static_cast<double>(cells);
  }

  Status read(const LabelIndex& index, std::vector<PerformanceGoal>& out) {
    for (const TableSpan& span : locate_tables(def_, sheet_, index)) {
      if (!span.header) {
        return make_error(ErrorCode::format,
                          msg(options_.lang,
                              where(sheet_, span.start, 0) + " 处的表缺少指标表头：应有一行 " +
                                  expected_headers(def_) + "（模板 " + def_.id + "）",
                              where(sheet_, span.start, 0) +
                                  ": the table lacks its indicator header: expected a row " +
                                  expected_headers(def_) + " (template " + def_.id + ")"));
      }
      for (auto& g : read_table(span, index)) out.push_back(std::move(g));
    }
    return {};
  }

  /// The goals of one table: one, or one per run of grid rows when goal fields are grid columns.
  std::vector<PerformanceGoal> read_table(const TableSpan& span, const LabelIndex& index) {
    PerformanceGoal goal;
    goal.amount_unit = unit_;
    const auto kind = def_.constants.find("goal.kind");
    goal.kind = kind == def_.constants.end() ? "project" : kind->second;
    const auto dept = def_.constants.find("goal.department");
    if (dept != def_.constants.end()) goal.department = dept->second;
    goal.source = SourceRef{sheet_.name, a1(span.title_row.value_or(span.start), 0)};
    if (span.title_row)
      goal.title = def_.title_strip_numbering ? strip_numbering(span.title) : trim_text(span.title);
    const std::uint32_t block_end = span.header->row;
    read_year(span, index);
    for (const auto& f : def_.fields) {
      const MappingLabel* which = nullptr;
      const auto label = f.column_of.empty()
                             ? find_label(index, span.block_begin, block_end, f.labels, &which)
                             : find_in_block(index, span.block_begin, block_end, f, &which);
      if (!label) continue;
      if (which && !which->kind.empty()) goal.kind = which->kind;
      const auto at = value_at(*label, f.position);
      if (!at) continue;
      consumed_.insert({at->row, at->col});
      const std::string text = merged_.text(at->row, at->col);
      report_value(values_.set_goal_field(goal, f.name, f.transforms, text), *at, f.name, goal);
    }
    for (const auto& l : def_.lists) read_list(l, index, span.block_begin, block_end, goal);
    const std::string& suffix = def_.name_suffix;
    if (goal.name.empty() && !suffix.empty() && goal.title.size() > suffix.size() &&
        goal.title.compare(goal.title.size() - suffix.size(), suffix.size(), suffix) == 0) {
      // County forms name the project only in the title ("…经费绩效目标表").
      goal.name = trim_text(goal.title.substr(0, goal.title.size() - suffix.size()));
    }
    std::vector<PerformanceGoal> goals{std::move(goal)};
    read_grid(span, goals);
    return goals;
  }

 private:
  /// The position of the first cell in rows [begin, end) whose label matches.
  std::optional<CellPos> find_label(const LabelIndex& index, std::uint32_t begin, std::uint32_t end,
                                    const std::vector<MappingLabel>& labels,
                                    const MappingLabel** which) const {
    for (auto it = index.rows.lower_bound(begin); it != index.rows.end() && it->first < end; ++it) {
      for (const auto& cell : it->second) {
        for (const auto& l : labels) {
          if (normalize_label(l.text) == cell.norm) {
            if (which) *which = &l;
            return CellPos{it->first, cell.col};
          }
        }
      }
    }
    return std::nullopt;
  }

  /// A label that occurs once per column block (Henan's "其中：财政拨款" under 实施期资金总额 and
  /// again under 年度资金总额): the block runs from the column of the `column_of` field's label to
  /// the next such head label on its row; the label is looked for from the head's row down.
  std::optional<CellPos> find_in_block(const LabelIndex& index, std::uint32_t begin,
                                       std::uint32_t end, const MappingField& f,
                                       const MappingLabel** which) const {
    std::vector<CellPos> heads;
    std::optional<CellPos> head;
    for (const auto& h : def_.fields) {
      const bool is_head =
          std::any_of(def_.fields.begin(), def_.fields.end(),
                      [&](const MappingField& o) { return o.column_of == h.name; });
      if (!is_head) continue;
      const auto at = find_label(index, begin, end, h.labels, nullptr);
      if (!at) continue;
      heads.push_back(*at);
      if (h.name == f.column_of) head = at;
    }
    if (!head) return std::nullopt;
    std::uint32_t block_end = std::numeric_limits<std::uint32_t>::max();
    for (const CellPos& h : heads) {
      if (h.row == head->row && h.col > head->col) block_end = std::min(block_end, h.col);
    }
    for (auto it = index.rows.lower_bound(head->row); it != index.rows.end() && it->first < end;
         ++it) {
      for (const auto& cell : it->second) {
        if (cell.col < head->col || cell.col >= block_end) continue;
        for (const auto& l : f.labels) {
          if (normalize_label(l.text) == cell.norm) {
            if (which) *which = &l;
            return CellPos{it->first, cell.col};
          }
        }
      }
    }
    return std::nullopt;
  }

  /// "(2020 年度)" between the title and the table start: the submission's fiscal year.
  void read_year(const TableSpan& span, const LabelIndex& index) {
    if (def_.year_pattern.empty()) return;
    const auto within = static_cast<std::uint32_t>(def_.title_within);
    const std::uint32_t from = span.start - std::min(span.start, within);
    for (auto it = index.rows.lower_bound(from); it != index.rows.end() && it->first <= span.start;
         ++it) {
      for (const auto& cell : it->second) {
        if (!glob_match(def_.year_pattern, cell.norm)) continue;
        // The last run of digits: "(2020年度)" → 2020, "…申报表(2022年度)" → 2022.
        const auto last = cell.norm.find_last_of("0123456789");
        if (last == std::string::npos) continue;
        auto first = last;
        while (first > 0 && cell.norm[first - 1] >= '0' && cell.norm[first - 1] <= '9') --first;
        if (last - first > 3) continue;  // not a year: at most four digits
        year_ = std::stoi(cell.norm.substr(first, last - first + 1));
        return;
      }
    }
  }

  /// Last row/column covered by the merge that starts at `p` (p itself when unmerged).
  CellPos merge_end(CellPos p) const {
    const MergedRange* m = merged_.find(p.row, p.col);
    return m == nullptr ? p : m->last;
  }

  /// The first non-blank cell right of `after_col` on `row` that is not a label; nullopt if none.
  std::optional<CellPos> value_right(std::uint32_t row, std::uint32_t after_col) const {
    const auto it = sheet_.rows.find(row);
    if (it == sheet_.rows.end()) return std::nullopt;
    for (auto c = it->second.upper_bound(after_col); c != it->second.end(); ++c) {
      if (c->second.blank()) continue;
      if (c->second.text.size() <= kMaxLabelBytes &&
          labels_.contains(normalize_label(c->second.text))) {
        return std::nullopt;  // the next label: this value was left blank
      }
      return CellPos{row, c->first};
    }
    return std::nullopt;
  }

  /// Where the value of a label at `p` is, by `position`.
  std::optional<CellPos> value_at(CellPos p, ValuePosition position) const {
    const CellPos last = merge_end(p);
    switch (position) {
      case ValuePosition::right:
        return value_right(p.row, last.col);
      case ValuePosition::below: {
        const CellPos below{last.row + 1, p.col};
        const Cell* c = merged_.cell(below.row, below.col);
        if (c == nullptr || c->blank()) return std::nullopt;
        return below;
      }
      case ValuePosition::next_row:
        return value_right(p.row + 1, last.col);
    }
    return std::nullopt;
  }

  void report_value(const ValueOutcome& v, CellPos at, const std::string& field,
                    PerformanceGoal& goal) {
    if (v.ok) return;
    Diagnostic d;
    d.severity = Severity::error;
    d.rule = "MAP-VALUE-001";
    d.message_zh = "无法解读「" + field + "」的值「" + v.text + "」：" + v.error_zh;
    d.message_en = "cannot interpret the value \"" + v.text + "\" of " + field + ": " + v.error_en;
    d.location = Location{options_.display_name, sheet_.name, a1(at), "", goal.name};
    diags_.add(std::move(d));
    goal.extras.push_back(Extra{"field." + field, v.text, SourceRef{sheet_.name, a1(at)}});
  }

  void read_list(const MappingList& list, const LabelIndex& index, std::uint32_t begin,
                 std::uint32_t end, PerformanceGoal& goal) {
    for (auto it = index.rows.lower_bound(begin); it != index.rows.end() && it->first < end; ++it) {
      for (const auto& cell : it->second) {
        if (!glob_match(list.pattern, cell.norm)) continue;
        const CellPos p{it->first, cell.col};
        const auto at = value_at(p, list.position);
        if (at) consumed_.insert({at->row, at->col});
        const std::string text = at ? merged_.text(at->row, at->col) : std::string();
        if (!list.split_lines) {
          report_value(values_.add_list_item(goal, list.name, cell.norm, text, list.transforms),
                       at.value_or(p), list.name, goal);
          continue;
        }
        std::size_t from = 0;
        while (from <= text.size()) {
          const auto nl = text.find_first_of("\r\n", from);
          const std::string line =
              text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
          if (!trim_text(line).empty()) {
            report_value(values_.add_list_item(goal, list.name, cell.norm, line, list.transforms),
                         at.value_or(p), list.name, goal);
          }
          if (nl == std::string::npos) break;
          from = nl + 1;
        }
      }
    }
  }

  /// True when the row repeats the grid header (a page break in a printed form).
  bool is_header_repeat(const std::map<std::string, std::string>& row) const {
    for (const auto& c : def_.columns) {
      if (c.name != "indicator.name") continue;
      const auto name = row.find(c.key());
      return name != row.end() && label_matches(c.labels, normalize_label(name->second));
    }
    return false;
  }

  /// Goal columns of one grid row (Sichuan's 单位名称 | 项目名称 | 预算数 | 年度目标, merged over a
  /// goal's rows): starts a new goal in `goals` when a `splits` column shows a new value, and
  /// stores each goal field from the first non-blank cell of its goal.
  void read_goal_columns(std::uint32_t r, const GridHeader& header,
                         std::vector<PerformanceGoal>& goals, const PerformanceGoal& base,
                         GoalRun& run) {
    std::map<std::string, std::string> texts;
    bool splits = false;
    for (const auto& c : def_.columns) {
      if (!is_goal_column(c.name)) continue;
      const auto col = header.columns.find(c.name);
      if (col == header.columns.end()) continue;
      std::string text = trim_text(merged_.text(r, col->second));
      if (c.splits && !text.empty() && run.started && text != run.seen[c.name]) splits = true;
      texts[c.name] = std::move(text);
    }
    if (splits) {
      finish_goal(goals.back());
      PerformanceGoal next = base;
      next.source = SourceRef{sheet_.name, a1(r, 0)};
      goals.push_back(std::move(next));
      std::map<std::string, std::string> carried;
      for (const auto& c : def_.columns) {
        // 单位名称 merged over several goals carries into the next one.
        if (c.fill_down && is_goal_column(c.name)) carried[c.name] = run.seen[c.name];
      }
      run.seen = std::move(carried);
      run.stored.clear();
    }
    if (!run.started) goals.back().source = SourceRef{sheet_.name, a1(r, 0)};
    run.started = true;
    PerformanceGoal& goal = goals.back();
    for (const auto& c : def_.columns) {
      if (!is_goal_column(c.name)) continue;
      const auto col = header.columns.find(c.name);
      if (col == header.columns.end()) continue;
      std::string text = texts[c.name];
      if (text.empty()) text = run.seen[c.name];
      if (text.empty() || run.stored.count(c.name)) continue;
      run.seen[c.name] = text;
      run.stored.insert(c.name);
      consumed_.insert({r, col->second});
      if (c.name == "objective") {
        // One cell holds the goal's objectives, one per line.
        std::size_t from = 0;
        while (from <= text.size()) {
          const auto nl = text.find_first_of("\r\n", from);
          const std::string line =
              trim_text(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
          if (!line.empty())
            report_value(values_.add_list_item(goal, "objective", "", line),
                         CellPos{r, col->second}, c.name, goal);
          if (nl == std::string::npos) break;
          from = nl + 1;
        }
        continue;
      }
      report_value(values_.set_goal_field(goal, c.name, c.transforms, text),
                   CellPos{r, col->second}, c.name, goal);
    }
  }

  /// A goal read from grid columns without a name takes the column's blank-kind ("department").
  void finish_goal(PerformanceGoal& goal) const {
    for (const auto& c : def_.columns) {
      if (c.name == "goal.name" && !c.blank_kind.empty() && goal.name.empty())
        goal.kind = c.blank_kind;
    }
  }

  /// A grid cell's text as the model sees it: trimmed, and in a column whose items carry a word
  /// ("指标"), the label of a single unnumbered item dropped ("指标:A" → "A", "指标:" → "").
  std::string grid_text(const MappingColumn& c, std::uint32_t r, std::uint32_t col) const {
    std::string text = trim_text(merged_.text(r, col));
    if (c.numbered_items) {
      if (auto item = strip_item_label(text, c.item_prefix)) return std::move(*item);
    }
    return text;
  }

  void read_grid(const TableSpan& span, std::vector<PerformanceGoal>& goals) {
    const GridHeader& header = *span.header;
    const bool goal_columns =
        std::any_of(def_.columns.begin(), def_.columns.end(),
                    [](const MappingColumn& c) { return is_goal_column(c.name); });
    const PerformanceGoal base = goals.back();
    GoalRun run;
    std::map<std::string, std::string> carried;  // fill-down values by column key
    // Indicators by goal and period, appended period by period once the grid is read: a Henan
    // row holds an 实施期 and an 年度 indicator, the model lists each period in order.
    std::map<std::size_t, std::map<std::size_t, std::vector<Indicator>>> pending;
    std::uint32_t last_content = header.row;
    const auto first = sheet_.rows.upper_bound(header.row);
    for (auto it = first; it != sheet_.rows.end() && it->first < span.end; ++it) {
      const std::uint32_t r = it->first;
      if (r - last_content > static_cast<std::uint32_t>(def_.grid_blank_rows)) break;
      std::map<std::string, std::string> row;
      bool content = false;       // any non-blank mapped cell
      std::set<std::string> own;  // periods with a non-blank cell in a column not filled down
      // A new value at one level starts a new group: lower levels no longer carry over. A shared
      // level (一级指标) resets every period's lower levels, a period's level only its own.
      bool reset_shared = false;
      std::set<std::string> reset;
      bool goal_content = false;
      for (const auto& c : def_.columns) {
        const auto col = header.columns.find(c.key());
        if (col == header.columns.end()) continue;
        std::string text = grid_text(c, r, col->second);
        if (is_goal_column(c.name)) {
          goal_content = goal_content || !text.empty();
          continue;
        }
        if (!text.empty()) content = true;
        if (c.fill_down) {
          const bool reset_here = reset_shared || reset.count(c.period) > 0;
          if (!text.empty()) {
            if (carried[c.key()] != text) {
              if (c.period.empty()) reset_shared = true;
              reset.insert(c.period);
            }
            carried[c.key()] = text;
          } else if (!reset_here) {
            text = carried[c.key()];
          } else {
            carried[c.key()].clear();
          }
        } else if (!text.empty()) {
          own.insert(c.period);
        }
        row[c.key()] = std::move(text);
      }
      if (!content && !goal_content) continue;
      last_content = r;
      if (is_header_repeat(row)) continue;
      if (goal_columns) {
        // A goal's level cells restart with it: a new goal does not inherit 一级/二级指标.
        const std::size_t before = goals.size();
        read_goal_columns(r, header, goals, base, run);
        if (goals.size() != before) {
          carried.clear();
          for (const auto& c : def_.columns) {
            if (!c.fill_down || is_goal_column(c.name)) continue;
            const auto col = header.columns.find(c.key());
            if (col != header.columns.end()) row[c.key()] = grid_text(c, r, col->second);
            if (!row[c.key()].empty()) carried[c.key()] = row[c.key()];
          }
        }
      }
      bool noted = false;
      for (std::size_t p = 0; p < periods_.size(); ++p) {
        if (!own.count("") && !own.count(periods_[p])) continue;
        read_row(r, header, row, periods_[p], goals.back(), pending[goals.size() - 1][p], noted);
        noted = true;
      }
    }
    if (goal_columns) finish_goal(goals.back());
    for (auto& [g, by_period] : pending) {
      for (auto& [p, inds] : by_period) {
        for (auto& ind : inds) goals[g].indicators.push_back(std::move(ind));
      }
    }
  }

  /// One grid row → one indicator of `period` (the columns of that period and the shared ones),
  /// or several when cells hold numbered items ("指标1:… 指标2:…" with "1: ≥1次 2: ≥2次"):
  /// item n of every numbered column makes indicator n (group n); a column without numbering
  /// gives its whole text to each ("≥90%" for both).
  void read_row(std::uint32_t r, const GridHeader& header, std::map<std::string, std::string>& row,
                const std::string& period, PerformanceGoal& goal, std::vector<Indicator>& out,
                bool noted) {
    const auto in_period = [&](const MappingColumn& c) {
      return !is_goal_column(c.name) && (c.period.empty() || c.period == period);
    };
    std::map<std::string, std::vector<std::string>> items;
    std::size_t count = 0;
    std::string name_key = "indicator.name";
    for (const auto& c : def_.columns) {
      if (!in_period(c)) continue;
      if (c.name == "indicator.name") name_key = c.key();
      if (!c.numbered_items) continue;
      auto split = split_numbered(row[c.key()], c.item_prefix);
      count = std::max(count, split.size());
      items[c.key()] = std::move(split);
    }
    const auto name_col = header.columns.find(name_key);
    for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
      Indicator ind;
      ind.period = period == "implementation" ? Period::implementation : Period::annual;
      ind.group = count == 0 ? 0 : static_cast<int>(i + 1);
      ind.source =
          SourceRef{sheet_.name, a1(r, name_col == header.columns.end() ? 0 : name_col->second)};
      for (const auto& c : def_.columns) {
        if (!in_period(c)) continue;
        const auto col = header.columns.find(c.key());
        if (col == header.columns.end()) continue;
        std::string text = row[c.key()];
        if (const auto it = items.find(c.key()); it != items.end() && !it->second.empty()) {
          text = i < it->second.size() ? it->second[i] : std::string();
        }
        const ValueOutcome v = values_.set_indicator_field(ind, c.name, c.transforms, text);
        if (!v.ok) report_value(v, CellPos{r, col->second}, c.name, goal);
        if (!v.note_zh.empty() && i == 0 && !(noted && c.period.empty())) {
          diags_.add(
              Severity::warning, "MAP-LEVEL-001", v.note_zh, v.note_en,
              Location{options_.display_name, sheet_.name, a1(r, col->second), "", row[name_key]});
        }
      }
      values_.finish_indicator(ind);
      out.push_back(std::move(ind));
    }
  }
  const MappingDefinition& def_;
  ValueCodec values_;
  const Sheet& sheet_;
  MergeLookup merged_;
  const Options& options_;
  Diagnostics& diags_;
  LabelSet labels_;
  AmountUnit unit_ = AmountUnit::wan_yuan;
  std::set<std::pair<std::uint32_t, std::uint32_t>> consumed_;  // value cells read (row, col)
  std::vector<std::string> periods_;  // grid periods in column order ("" = the only one)
  int year_ = 0;                      // fiscal year from a line above a table
};

std::string no_table_message(const MappingDefinition& def, Lang lang) {
  const std::string anchor = anchor_label(def);
  return msg(lang,
             "未找到" + def.name + "：应有" +
                 (anchor.empty() ? "" : "「" + anchor + "」一行，以及") + "指标表头 " +
                 expected_headers(def) + "（模板 " + def.id + "）",
             "no " + def.name_en + " found: expected " +
                 (anchor.empty() ? "" : "a row with \"" + anchor + "\" and ") +
                 "the indicator header " + expected_headers(def) + " (template " + def.id + ")");
}

}  // namespace

int detect_with_mapping(const MappingDefinition& def, const Workbook& book, std::string& why) {
  static const TransformSet kNoTransforms;
  const std::size_t required = std::max<std::size_t>(1, required_columns(def));
  const Options options;
  Diagnostics scratch;
  int best = 0;
  std::size_t tables = 0;
  std::string best_why =
      "未找到" + (anchor_label(def).empty() ? std::string() : "「" + anchor_label(def) + "」或") +
      "指标表头 " + expected_headers(def);
  for (const auto& sheet : book.sheets) {
    const LabelIndex index = index_labels(sheet);
    SheetReader reader(def, kNoTransforms, sheet, options, scratch);
    bool first = true;
    for (const TableSpan& t : locate_tables(def, sheet, index)) {
      double explained = 0;
      if (t.header) {
        ++tables;
        (void)reader.read_table(t, index);
        // A first table found by its header alone, without a title, is judged with the rows
        // above it too: another template's key–value block there (项目编码 …) makes this one
        // the worse match instead of an equal one.
        std::optional<std::uint32_t> from;
        const auto within = static_cast<std::uint32_t>(std::max(def.title_within, 0));
        if (first && !t.title_row && t.block_begin == t.start) {
          from = t.start > within ? t.start - within : 0;
        }
        explained = reader.explained(t, from);
      }
      first = false;
      // Header 50, title 20, and 30 for how much of the block the definition accounts for
      // (10 when the table has no header at all).
      const int score = static_cast<int>(50 * t.header_found / required) + (t.title_row ? 20 : 0) +
                        (t.header ? static_cast<int>(30 * explained + 0.5) : 10);
      if (score > best) {
        best = score;
        best_why =
            sheet.name + "!" + a1(t.start, 0) + "：" +
            (t.title_row ? "标题「" + trim_text(t.title) + "」，" : std::string("无标题，")) +
            "表头 " + std::to_string(t.header_found) + "/" + std::to_string(required) +
            " 列，表头上方内容识别 " + std::to_string(static_cast<int>(100 * explained + 0.5)) +
            "%";
      }
    }
  }
  why = def.id + "：" + best_why + (tables > 1 ? "（共 " + std::to_string(tables) + " 个表）" : "");
  return std::min(best, 100);
}

Status read_with_mapping(const MappingDefinition& def, const TransformSet& transforms,
                         const Workbook& book, const Options& options, Submission& out,
                         Diagnostics& diags) noexcept {
  try {
    std::vector<PerformanceGoal> goals;
    int year = 0;
    for (const auto& sheet : book.sheets) {
      const LabelIndex index = index_labels(sheet);
      SheetReader reader(def, transforms, sheet, options, diags);
      if (Status s = reader.read(index, goals); !s) return s;
      if (year == 0) year = reader.year();
    }
    if (goals.empty()) {
      const std::string file = options.display_name.empty() ? "" : options.display_name + ": ";
      return make_error(ErrorCode::format, file + no_table_message(def, options.lang));
    }
    if (out.kind.empty()) out.kind = "performance-goals";
    if (out.region.empty()) out.region = def.region;
    if (out.template_id.empty()) out.template_id = def.id;
    if (out.fiscal_year == 0) out.fiscal_year = year;
    for (auto& g : goals) out.goals.push_back(std::move(g));
    return {};
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::limit, options.english() ? "out of memory" : "内存不足");
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, def.id + ": " + e.what());
  }
}

}  // namespace budconv
