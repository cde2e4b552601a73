/// @file cli_regions_support.hpp
/// Helpers for the cross-region tests of the program: the goal samples of samples/goal-forms.tsv,
/// canonical dumps printed by `budconv inspect --dump`, and the indicator fields of the seeds.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace budconv::test::regions {

/// One line of samples/goal-forms.tsv: a canonical sample and its goal tables in a regional form.
struct GoalSample {
  std::string source;    ///< canonical sample file name in samples/ (…xml)
  std::string tmpl;      ///< template id of the form ("hebei.goal.project")
  std::string workbook;  ///< generated workbook file name in samples/ (…-goals.xlsx)
  std::string region;    ///< region of the template ("hebei")
  /// samples/<source>.
  std::filesystem::path source_path() const;
  /// samples/<workbook>.
  std::filesystem::path workbook_path() const;
  /// The file name without extension ("hebei-chengde-2021-goals").
  std::string stem() const;
};

/// Every line of samples/goal-forms.tsv.
std::vector<GoalSample> goal_samples();
/// Every line of a list in the same columns under samples/ ("budget-forms.tsv").
std::vector<GoalSample> form_samples(const std::string& list);
/// Lays the canonical sample out as `./build.sh samples` does (fixed SOURCE_DATE_EPOCH), into
/// `out`, with or without the hidden recovery sheet; fails the test when the program fails.
void generate_sample(const GoalSample& s, const std::filesystem::path& out, bool recovery);
/// False (with a warning) while the sample's template is not built; fails the test when the
/// committed workbook is missing.
bool sample_usable(const GoalSample& s);
/// Checks that the committed workbook is what `./build.sh samples` makes today (same dump, same
/// template, no hidden recovery sheet).
void check_current(const GoalSample& s);
/// Checks `dump` against tests/fixtures/golden/<stem>.dump, or rewrites that file when
/// BUDCONV_UPDATE_GOLDEN=1.
void check_golden(const GoalSample& s, const std::string& dump);
/// True when `budconv formats` lists the template id (helpers build regions one by one).
bool template_built(const std::string& id);
/// The goal template of a region, or "" when that region has none built.
std::string goal_template_of(const std::string& region);

/// `budconv inspect --dump FILE [args…]` from the line "submission" on (the canonical dump);
/// fails the test when the program fails. `template_line` receives the 模板 line when given.
std::string submission_dump(const std::filesystem::path& file,
                            const std::vector<std::string>& args = {},
                            std::string* template_line = nullptr);
/// The goals part of a dump without where things were read (sheet/cell), for comparing a
/// document with the same goals read from another file.
std::string goals_only(const std::string& dump);
/// The budget tables part of a dump in the same way (no sheet/cell, no source lines).
std::string budget_only(const std::string& dump);
/// Per (table kind, column id), every amount of the budget tables as "code|name|side|元", sorted.
using Amounts = std::map<std::pair<std::string, std::string>, std::vector<std::string>>;
/// The amounts of the budget tables of a dump, for comparing them across forms.
Amounts amounts_of(const std::string& dump);
/// The same amounts without the leading code ("name|side|元"), sorted.
std::vector<std::string> without_codes(const std::vector<std::string>& values);
/// `budconv convert FROM --to REGION -o TO --no-recovery` (the visible form only); fails the test
/// when the program fails or writes with another template than `want_template`.
void convert_visible(const std::filesystem::path& from, const std::string& region,
                     const std::filesystem::path& to, const std::string& want_template);
/// Which fields seed_fields() lists.
struct FieldSet {
  bool weight = true;        ///< 权重 and 指标方向性 (Sichuan)
  bool basis = true;         ///< 指标值确定依据 (Hebei)
  bool goal_names = true;    ///< each goal's kind and name (else only where a goal starts)
  bool annual_only = false;  ///< only 年度 indicators (only Henan has 实施期 ones)
  bool any_order = false;  ///< indicators sorted within a goal (Henan's grid groups them by level)
};
/// The fields of the seeds: per goal its kind and name, per indicator its period, level 1 and 2,
/// name, comparator, number(s) and unit, and as `set` asks weight, direction and basis.
std::string seed_fields(const std::string& dump, const FieldSet& set = {});
/// What every visible form has a column for (no weight, direction, basis, goal names, 实施期),
/// in any order within a goal.
inline constexpr FieldSet kVisibleEverywhere{false, false, false, true, true};

/// True when the workbook carries the hidden recovery sheet budconv-data (helper C's feature).
bool has_recovery_sheet(const std::filesystem::path& workbook);
/// The template a conversion wrote with ("写出所用模板：X" on stderr), or "".
std::string written_template(const std::string& err);
/// "" when equal; otherwise the first differing line with its number, for a readable failure.
std::string first_difference(const std::string& expected, const std::string& got);

}  // namespace budconv::test::regions
