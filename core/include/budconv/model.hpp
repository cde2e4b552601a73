/// @file model.hpp
/// The canonical model (DESIGN.md §3). Every template translates through it.
/// Money is exact (Money, in 分); a blank cell is an absent map entry, never zero.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "budconv/decimal.hpp"
#include "budconv/export.hpp"
#include "budconv/money.hpp"
#include "budconv/target.hpp"

namespace budconv {

/// Where a model element was read from (for diagnostics); empty when built in memory.
struct SourceRef {
  std::string sheet;  ///< sheet name
  std::string cell;   ///< A1 of the element's first cell ("B7")
  /// Member-wise equality.
  bool operator==(const SourceRef&) const = default;
};

/// Something read that has no canonical slot; kept so nothing is silently dropped.
struct Extra {
  std::string key;    ///< what it is ("header.截止时间", "note", "column.备注")
  std::string value;  ///< the text as read
  SourceRef source;   ///< where it came from
  /// Member-wise equality.
  bool operator==(const Extra&) const = default;
};

/// Which classification a row's code belongs to.
enum class Classification {
  none,                 ///< an item line without a code ("一、一般公共预算拨款收入")
  function,             ///< 支出功能分类 (3/5/7 digits)
  economic_department,  ///< 部门预算支出经济分类 (3/5 digits)
  economic_government,  ///< 政府预算支出经济分类 (3/5 digits)
};

/// "none", "function", "economic-department", "economic-government".
BUDCONV_API const char* classification_id(Classification c) noexcept;
/// Inverse of classification_id.
BUDCONV_API std::optional<Classification> parse_classification(std::string_view id);

/// A second classification carried by the same row (Henan: 部门经济分类 beside 政府经济分类).
struct AltClass {
  Classification classification = Classification::none;  ///< which catalog
  std::string code;  ///< code, may be empty in names-only tables
  std::string name;  ///< name as published
  /// Member-wise equality.
  bool operator==(const AltClass&) const = default;
};

/// Which side of a two-sided table (收支总表) a row stands on.
enum class Side { none, income, expenditure };

/// "", "income", "expenditure".
BUDCONV_API const char* side_id(Side s) noexcept;

/// One table row. Detail rows (below 项) hang under their 项 row.
struct BUDCONV_API BudgetRow {
  Classification classification = Classification::none;  ///< catalog of `code`
  std::string code;             ///< kept as text: "2101202", "30101"; "" when the row has none
  std::string name;             ///< as published (without 序号)
  std::string label;            ///< published prefix such as "一、" or "其中：" ("" when none)
  int level = 0;                ///< 0 = total/item, 1 = 类, 2 = 款, 3 = 项, 4 = detail
  Side side = Side::none;       ///< for two-sided tables
  bool is_total = false;        ///< the 合计 / 总计 row
  std::optional<AltClass> alt;  ///< second classification, if any
  std::map<std::string, Money> amounts;      ///< column id → amount (absent = blank)
  std::map<std::string, std::string> texts;  ///< column id → text for non-money columns
  std::vector<BudgetRow> details;            ///< detail rows (level 4) under a 项
  SourceRef source;                          ///< where the row was read
  /// Member-wise equality (source excluded is not possible with default; compare explicitly).
  bool operator==(const BudgetRow&) const = default;
};

/// The type of a table column's values.
enum class ColumnType { money, quantity, text };

/// One canonical column of a table.
struct TableColumn {
  std::string id;     ///< canonical id ("total", "basic", "fiscal_appropriation" …)
  std::string label;  ///< published header text ("合计", "财政拨款 收入")
  ColumnType type = ColumnType::money;  ///< value type
  Side side = Side::none;               ///< for two-sided tables: which side the column belongs to
  /// Member-wise equality.
  bool operator==(const TableColumn&) const = default;
};

/// One budget table (收支总表, 收入总表, 一般公共预算基本支出表 …).
struct BUDCONV_API BudgetTable {
  std::string kind;         ///< canonical kind id (see table_kinds() in vocabulary.hpp)
  std::string title;        ///< published title ("部门预算收入总表")
  std::string scope;        ///< "department" (部门) or "unit" (单位)
  std::string agency_code;  ///< table-level agency code when it differs ("450001")
  std::string agency_name;  ///< table-level agency name ("威县医疗保障局(本级）")
  AmountUnit unit = AmountUnit::yuan;  ///< unit the table was published in
  std::vector<TableColumn> columns;    ///< columns in published order
  std::vector<BudgetRow> rows;         ///< rows in published order
  std::vector<std::string> notes;      ///< "注：无…预算，空表列示。" and similar
  std::vector<Extra> extras;           ///< header facts with no canonical slot
  SourceRef source;                    ///< where the table starts
  /// Member-wise equality.
  bool operator==(const BudgetTable&) const = default;
};

/// Period of an indicator or objective.
enum class Period { annual, implementation };

/// "annual" / "implementation".
BUDCONV_API const char* period_id(Period p) noexcept;

/// One performance indicator (三级指标).
struct BUDCONV_API Indicator {
  Period period = Period::annual;  ///< 年度 or 实施期
  std::string level1;  ///< canonical 一级指标 ("产出指标", "效益指标", "满意度指标", "成本指标")
  std::string level1_text;        ///< as published when it differs ("效果指标"), else ""
  std::string level2;             ///< canonical 二级指标 ("数量指标" …)
  std::string level2_text;        ///< as published when it differs ("可持续性影响"), else ""
  std::string name;               ///< 三级指标
  std::string description;        ///< 绩效指标描述
  Target target;                  ///< 指标值 (+ parsed parts)
  std::optional<Decimal> weight;  ///< 权重 (Sichuan)
  std::string direction;  ///< 指标方向性 as published ("正向指标" / "反向指标"), "" when none
  std::string basis;  ///< 指标值确定依据
  int group = 0;      ///< >0: position inside a multi-indicator cell (Henan "指标2:…")
  SourceRef source;   ///< where it was read
  /// Member-wise equality.
  bool operator==(const Indicator&) const = default;
};

/// A spending-plan milestone (资金支出计划).
struct Milestone {
  std::string label;               ///< "3月底"
  std::optional<Decimal> percent;  ///< 25; absent when the cell was blank
  /// Member-wise equality.
  bool operator==(const Milestone&) const = default;
};

/// A budget figure of a goal (预算数 / 财政资金 / 其他资金) for one period.
struct GoalBudget {
  Period period = Period::annual;  ///< annual (年度) or implementation (实施期)
  std::optional<Money> total;      ///< 预算数 / 资金总额
  std::optional<Money> fiscal;     ///< 其中：财政资金 / 财政拨款
  std::optional<Money> other;      ///< 其他资金
  /// Member-wise equality.
  bool operator==(const GoalBudget&) const = default;
};

/// One objective text (目标1…n, 实施期目标, 年度目标).
struct Objective {
  Period period = Period::annual;  ///< which period
  std::string text;                ///< the objective
  /// Member-wise equality.
  bool operator==(const Objective&) const = default;
};

/// One performance goal table (项目 / 专项资金 / 部门整体).
struct BUDCONV_API PerformanceGoal {
  std::string kind;        ///< "project", "special-fund", "department"
  std::string code;        ///< 项目编码 ("1308002180NBHMV4FV2C2"), may be ""
  std::string name;        ///< 项目名称 / 专项资金名称
  std::string title;       ///< published title of the table
  std::string department;  ///< 主管部门
  std::string unit_name;  ///< 单位名称 (Sichuan "315-乐山市医疗保障局" keeps code+name)
  AmountUnit amount_unit = AmountUnit::wan_yuan;  ///< unit of the budget figures
  std::vector<GoalBudget> budgets;                ///< annual, and implementation where published
  std::string purpose;                            ///< 资金用途
  std::vector<Milestone> spending_plan;           ///< 资金支出计划(%)
  std::vector<Objective> objectives;              ///< goal texts in order
  std::vector<Indicator> indicators;              ///< indicators in published order
  std::vector<Extra> extras;                      ///< anything else read
  SourceRef source;                               ///< where the table starts
  /// Member-wise equality.
  bool operator==(const PerformanceGoal&) const = default;
};

/// A self-evaluation result (绩效自评, seed 003).
struct BUDCONV_API Evaluation {
  std::string title;                       ///< "部门整体支出绩效评价自评报告"
  int year = 0;                            ///< evaluated year
  std::optional<Decimal> score;            ///< 自评得分 (88)
  std::string grade;                       ///< 评价等级 ("良好")
  AmountUnit unit = AmountUnit::wan_yuan;  ///< unit the figures were published in
  std::map<std::string, Money> figures;    ///< id → amount ("opening_balance", "income", …)
  std::vector<std::string> findings;       ///< 存在的问题
  std::vector<Extra> extras;               ///< anything else read
  /// Member-wise equality.
  bool operator==(const Evaluation&) const = default;
};

/// The whole canonical document.
struct BUDCONV_API Submission {
  std::string agency_code;  ///< "450", "315"
  std::string agency_name;  ///< "威县医疗保障局"
  int fiscal_year = 0;      ///< 2021
  std::string kind;         ///< "department-budget", "unit-budget", "final-accounts",
                            ///< "performance-goals", "self-evaluation"
  std::string region;       ///< "hebei", "henan", "sichuan", "" when unknown
  std::string template_id;  ///< template it was read with ("hebei.goal.special-fund" …)
  std::string source_file;  ///< file it was read from (not written to canonical XML)
  std::vector<BudgetTable> budget_tables;  ///< budget tables in order
  std::vector<PerformanceGoal> goals;      ///< goal tables in order
  std::vector<Evaluation> evaluations;     ///< self-evaluations
  std::vector<Extra> extras;               ///< document-level extras
  /// Member-wise equality.
  bool operator==(const Submission&) const = default;
};

/// Sum of a column over a table's top-level rows that are not totals; nullopt when all blank
/// (or on 64-bit overflow). Top level = the smallest `level` among non-total rows; rows whose
/// label starts with "其中" restate part of the row above and are not added; details never are.
BUDCONV_API std::optional<Money> column_sum(const std::vector<BudgetRow>& rows,
                                            const std::string& column);
/// The table's 合计 row amount in `column` (first is_total row), or nullopt.
BUDCONV_API std::optional<Money> table_total(const BudgetTable& table, const std::string& column);

}  // namespace budconv
