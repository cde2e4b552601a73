/// @file mapping.hpp
/// Field-mapping definitions (formats/schema/mapping.md) and the one engine that interprets them
/// in both directions: Workbook → PerformanceGoal per table found, and goals → Workbook laid out
/// as the template. Templates are data; region plugins only register definitions and transforms.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/model.hpp"
#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"
#include "budconv/value_transform.hpp"
#include "budconv/workbook.hpp"

namespace budconv {

/// Where a key–value field's value sits relative to its label cell.
enum class ValuePosition {
  right,     ///< first non-blank cell to the right on the label's row (not itself a label)
  below,     ///< the cell under the label (or under the label's merged range)
  next_row,  ///< first non-blank cell right of the label's column, on the row after the label
};

/// One accepted spelling of a label; `kind` set means "finding this label tells the goal kind".
struct MappingLabel {
  std::string text;  ///< as written in the definition ("专项资金名称")
  std::string kind;  ///< goal kind implied by this label ("special-fund"), or ""
};

/// A key–value field of the block above the grid (项目编码 → goal.code).
struct MappingField {
  std::string name;                     ///< canonical field ("goal.code", "budget.total" …)
  std::vector<MappingLabel> labels;     ///< aliases, first = the one written
  std::vector<std::string> transforms;  ///< named text transforms applied before the field's type
  ValuePosition position = ValuePosition::right;  ///< where the value is
  bool anchor = false;                            ///< a table starts at the row holding this label
  /// The label counts only inside the column block of this field's label ("其中：财政拨款" of
  /// 实施期 under 实施期资金总额, of 年度 under 年度资金总额 on the same row); "" = anywhere.
  std::string column_of;
  int line = 0;  ///< line in the definition file
};

/// A repeated item found by a label pattern (目标# → objectives, #月底 → milestones).
struct MappingList {
  std::string name;     ///< "objective" or "milestone"
  std::string pattern;  ///< glob on normalised text: '#' = digits, '*' = anything
  ValuePosition position = ValuePosition::right;  ///< where each item's value is
  bool split_lines = false;             ///< one value cell holds several items, one per line
  std::vector<std::string> transforms;  ///< named text transforms applied to each value
  int line = 0;                         ///< line in the definition file
};

/// One column of the indicator grid.
struct MappingColumn {
  std::string name;                     ///< "indicator.level1", "indicator.target" …
  std::vector<MappingLabel> labels;     ///< header aliases, first = the one written
  std::vector<std::string> transforms;  ///< named text transforms
  bool fill_down = false;               ///< blank/merged cells take the value above
  bool numbered_items = false;  ///< a cell may hold several numbered items ("1: ≥1次 2: ≥2次")
  std::string item_prefix;      ///< word before each item number ("指标" in "指标1:…")
  bool required = true;         ///< the header row must contain this column
  int span = 1;                 ///< columns the written cell spans
  bool splits = false;          ///< goal column: a new non-blank value starts a new goal
  std::string blank_kind;       ///< goal column: kind of a goal whose cell here is blank
  /// "implementation" / "annual": the column belongs to that period's side of a grid that holds
  /// both side by side (Henan); "" = shared by every period (一级指标) or a one-period grid.
  std::string period;
  int line = 0;  ///< line in the definition file

  /// Identity of the column in a grid: its name, plus "@period" when it has one.
  std::string key() const { return period.empty() ? name : name + "@" + period; }
};

/// True when a grid column holds a goal field ("goal.name", "budget.total", "objective" …)
/// rather than an indicator field: the grid then holds several goals, one run of rows each.
BUDCONV_API bool is_goal_column(std::string_view name);

/// How cells of the written layout look.
enum class CellStyle { text, title, header, money, percent };

/// One cell of a written row.
struct LayoutCell {
  std::optional<std::uint32_t> col;  ///< zero-based column; default = after the previous cell
  std::string text;                  ///< literal text
  std::string field;                 ///< field whose value is written
  std::string label_of;              ///< write the label of this field that matches the goal kind
  /// Composed text: alternatives separated by '|', the first whose placeholders ({year},
  /// {agency}, {unit}, {name}) all have values ("{agency}预算项目绩效目标申报表（{year}年度）").
  std::string compose;
  std::string
      keep_title;  ///< with compose: a goal title matching this glob is written as published
  int span = 1;    ///< columns merged to the right
  int down = 1;    ///< rows merged downwards
  CellStyle style = CellStyle::text;  ///< look
  int line = 0;                       ///< line in the definition file
};

/// What a layout row produces.
enum class LayoutRowKind {
  cells,       ///< one row of literal/field cells
  milestones,  ///< a label row of milestones and a percent row under it
  objectives,  ///< one row per objective, the label merged down on the left
  grid,        ///< the grid header and one row per indicator
};

/// A row the form always lists in its grid, written with empty indicator cells when no
/// indicator has these levels (Henan lists 经济效益指标 / 生态效益指标 … with "指标:" and no
/// value).
struct StandardRow {
  std::string level1;  ///< 一级指标 as written ("效益指标")
  std::string level2;  ///< 二级指标 as written ("生态效益指标")
};

/// One row (or row group) of the written layout.
struct LayoutRow {
  LayoutRowKind kind = LayoutRowKind::cells;  ///< what it produces
  std::vector<LayoutCell> cells;              ///< for `cells`
  std::string label;        ///< left label for milestones/objectives ("绩效目标")
  std::string item_label;   ///< objective label with {n} ("目标{n}")
  int span = 1;             ///< columns per milestone / per objective text
  bool join_lines = false;  ///< objectives: all in one cell, one per line
  std::vector<StandardRow> standard_rows;  ///< grid: rows the form always lists, in order
  int line = 0;                            ///< line in the definition file
};

/// How goals are laid out when written.
struct MappingLayout {
  bool sheet_per_goal = true;         ///< one sheet per goal; else stacked on one sheet
  std::string sheet_name;             ///< sheet name when stacked (and fallback name)
  int gap = 2;                        ///< blank rows between stacked tables
  std::vector<double> widths;         ///< column widths from column A
  std::string money_format = "0.00";  ///< number format of money cells
  std::vector<LayoutRow> rows;        ///< rows in order
};

/// What a column of a budget table (model="budget") holds.
enum class BudgetColumnRole {
  serial,     ///< 序号: row numbers, rewritten on output
  code,       ///< the whole code in one column ("2101202")
  code_part,  ///< one part of a code split over columns (类 / 款 / 项), blanks inherited
  name,       ///< 科目名称 / 项目, with a published prefix ("一、", "其中：") split off
  alt_code,   ///< code of the row's second classification
  alt_name,   ///< name of the row's second classification (Henan 政府预算经济分类)
  value,      ///< a canonical column: money, quantity or text by `type`
};

/// How a budget money column takes its amount from other canonical columns when the table
/// being written does not have the column's own id (mapping-budget.md, "Correspondences").
enum class BudgetFrom {
  none,   ///< only the column's own id
  first,  ///< `from="a b"`: the first of the ids that has an amount on the row
  sum,    ///< `from-sum="a b"`: the exact sum of the ids; blank only when all are blank
};

/// One column of a budget table definition, in published (and written) order.
struct BudgetColumnMapping {
  BudgetColumnRole role = BudgetColumnRole::value;  ///< what the column holds
  std::string id;     ///< canonical column id for `value` columns ("total", "basic" …)
  std::string label;  ///< TableColumn::label given to the model ("本年收入 小计")
  ColumnType type = ColumnType::money;  ///< value type of `value` columns
  Side side = Side::none;               ///< side of a two-sided table
  std::vector<std::string> header;      ///< header path, top row first ("本年收入", "小计")
  std::vector<std::vector<std::string>> aliases;         ///< other accepted header paths
  Classification classification = Classification::none;  ///< for code / name / alt columns
  std::vector<int> levels;                  ///< code lengths of levels 1, 2, 3 … ("3 5 7")
  int part = 0;                             ///< code_part: 1 = 类, 2 = 款, 3 = 项
  int digits = 0;                           ///< code_part: digits of this part (3 / 2 / 2)
  double width = 0;                         ///< written column width (0 = by role)
  BudgetFrom from_kind = BudgetFrom::none;  ///< how `from` is combined
  std::vector<std::string> from;            ///< source column ids, in the order declared
  int line = 0;                             ///< line in the definition file
};

/// One item of a budget table's header line (under the title).
struct BudgetHeaderItem {
  std::string field;  ///< "agency", "year", "unit" or "extra"
  std::string label;  ///< written before the value ("预算年度：", "单位："); "" for agency
  std::string key;    ///< extra: Extra::key without "header." ("截止时间")
  std::optional<std::uint32_t> col;  ///< written column; default spreads items over the width
};

/// One budget table kind of a model="budget" definition (formats/schema/mapping.md).
struct BudgetTableMapping {
  std::string kind;  ///< canonical table kind ("income", "fiscal-summary" …)
  std::vector<std::pair<std::string, std::string>>
      titles;                          ///< (scope, title glob), first per scope is written
  AmountUnit unit = AmountUnit::yuan;  ///< unit written (and assumed when no unit line is read)
  bool two_sided = false;              ///< income on the left, expenditure on the right
  std::string serial_label;            ///< "序号" when the table has a serial column
  std::string numbers_label;           ///< "栏次" when a column-number row follows the header
  bool inherit_blank = false;  ///< split codes: parts equal to the row above are written blank
  bool level_by_alt = false;   ///< names-only rows: level 1 without, 2 with an alt class
  std::vector<std::string> totals{"*合计", "*总计"};  ///< name globs of total rows
  std::vector<BudgetHeaderItem> header_line;          ///< items of the line under the title
  std::vector<BudgetColumnMapping> columns;           ///< columns in published order
  int line = 0;                                       ///< line in the definition file
};

/// A parsed mapping definition: how to find a table, map it, and write it back.
struct MappingDefinition {
  std::string id;              ///< "hebei.goal.project"
  std::string region;          ///< "hebei"
  std::string name;            ///< Chinese display name
  std::string name_en;         ///< English display name
  std::string model;           ///< what a table becomes: "goal"
  std::filesystem::path path;  ///< file it was loaded from ("" when parsed from memory)
  std::map<std::string, std::string>
      constants;                            ///< field → value ("goal.amount-unit" → "wan-yuan")
  std::vector<std::string> title_patterns;  ///< globs of the title line
  int title_within = 3;                     ///< rows above the anchor searched for the title
  bool title_strip_numbering = true;  ///< drop "1." / "2、" / "（一）" in front of the title
  std::string name_suffix;  ///< "绩效目标表": goal.name = title without it when no field gives one
  /// Glob of a line from the title to the table start that gives the fiscal year (its last run
  /// of digits): "(#年度)"; "" = the form does not publish the year.
  std::string year_pattern;
  std::vector<MappingField> fields;               ///< key–value block
  std::vector<MappingList> lists;                 ///< repeated items of the block
  std::vector<MappingColumn> columns;             ///< indicator grid
  int grid_blank_rows = 2;                        ///< this many blank rows end the grid
  MappingLayout layout;                           ///< write layout
  std::string money_format = "#,##0.00";          ///< model="budget": number format of money cells
  std::vector<BudgetTableMapping> budget_tables;  ///< model="budget": one per table kind
};

/// Parses a definition from memory; errors name `display_name` and the line.
BUDCONV_API Result<MappingDefinition> parse_mapping(std::string_view xml,
                                                    const std::string& display_name, Lang lang);
/// Reads and parses a definition file (at most 4 MiB).
BUDCONV_API Result<MappingDefinition> load_mapping(const std::filesystem::path& path, Lang lang);

/// Names of the transforms the engine provides itself ("money", "percent", "target", "level1",
/// "level2", "text", "compact").
BUDCONV_API const std::vector<std::string>& builtin_transforms();

/// Checks that every transform a definition names exists; the error names the line.
BUDCONV_API Status check_transforms(const MappingDefinition& def, const TransformSet& transforms,
                                    Lang lang);

/// Score 0..100 of how well `book` matches `def`; `why` gets a one-line reason.
BUDCONV_API int detect_with_mapping(const MappingDefinition& def, const Workbook& book,
                                    std::string& why);
/// Reads every table of `def` found in `book` into `out.goals` (appended); never throws.
BUDCONV_API Status read_with_mapping(const MappingDefinition& def, const TransformSet& transforms,
                                     const Workbook& book, const Options& options, Submission& out,
                                     Diagnostics& diags) noexcept;
/// Lays out `doc.goals` in `def`'s layout; fields the layout cannot hold go to `losses`.
BUDCONV_API Status write_with_mapping(const MappingDefinition& def, const TransformSet& transforms,
                                      const Submission& doc, const Options& options, Workbook& out,
                                      Diagnostics& losses) noexcept;

/// model="budget": score 0..100 of how well `book` holds tables of `def`; `why` gets the reason.
BUDCONV_API int detect_budget_with_mapping(const MappingDefinition& def, const Workbook& book,
                                           std::string& why);
/// model="budget": reads every budget table of `def` found in `book` into `out.budget_tables`.
BUDCONV_API Status read_budget_with_mapping(const MappingDefinition& def, const Workbook& book,
                                            const Options& options, Submission& out,
                                            Diagnostics& diags) noexcept;
/// model="budget": lays out `doc.budget_tables`, one sheet per table; what the layout cannot
/// hold goes to `losses` (MAP-LOSS-001).
BUDCONV_API Status write_budget_with_mapping(const MappingDefinition& def, const Submission& doc,
                                             const Options& options, Workbook& out,
                                             Diagnostics& losses) noexcept;

/// A TemplateFormat driven by one mapping definition.
class BUDCONV_API MappingTemplate final : public TemplateFormat {
 public:
  /// Builds the template; fails when the definition names unknown transforms.
  static Result<std::shared_ptr<MappingTemplate>> create(MappingDefinition def,
                                                         TransformSet transforms, Lang lang);
  /// Self-description from the definition.
  TemplateInfo info() const override;
  /// The definition interpreted.
  const MappingDefinition& definition() const { return def_; }

 protected:
  /// detect_with_mapping on the definition.
  int do_detect(const Workbook& book, std::string& why) const override;
  /// read_with_mapping on the definition.
  Status do_to_submission(const Workbook& book, const Options& options, Submission& out,
                          Diagnostics& diags) const override;
  /// write_with_mapping on the definition.
  Status do_from_submission(const Submission& doc, const Options& options, Workbook& out,
                            Diagnostics& losses) const override;

 private:
  /// Use create(), which checks the transforms first.
  MappingTemplate(MappingDefinition def, TransformSet transforms);
  MappingDefinition def_;
  TransformSet transforms_;
};

/// A template from a user's definition file (`--template FILE`), with `transforms` available to
/// it (built-in ones always are); errors name the file and line.
BUDCONV_API Result<std::shared_ptr<TemplateFormat>> load_template_file(
    const std::filesystem::path& path, const TransformSet& transforms, Lang lang);

/// The formats folder: $BUDCONV_FORMATS_DIR, else <exe dir>/../share/budconv/formats, else
/// `compiled_fallback` (a plugin passes its source-tree path); "" when none exists.
BUDCONV_API std::filesystem::path find_formats_dir(const std::filesystem::path& compiled_fallback);

/// One template per *.xml in `dir` (file-name order), each built with `transforms`; no file, an
/// unreadable folder or the first bad file is an Error naming `region_name` / the file and line.
BUDCONV_API Result<std::vector<std::shared_ptr<TemplateFormat>>> load_region_templates(
    const std::filesystem::path& dir, const std::string& region_name,
    const TransformSet& transforms, Lang lang);

/// Canonical 一级指标 for published text ("效果指标" → "效益指标"); "" when not in the framework.
BUDCONV_API std::string canonical_level1(std::string_view text);
/// Canonical 二级指标 for published text ("可持续性影响" → "可持续影响指标"); "" when unknown.
BUDCONV_API std::string canonical_level2(std::string_view text);
/// Label text for matching: blanks and line breaks removed, full-width forms folded to ASCII.
BUDCONV_API std::string normalize_label(std::string_view text);

}  // namespace budconv
