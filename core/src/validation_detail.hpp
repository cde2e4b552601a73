/// @file validation_detail.hpp
/// Internal pieces the validation steps share: locations, amounts in the table's unit, findings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "budconv/catalog.hpp"
#include "budconv/diagnostics.hpp"
#include "budconv/model.hpp"

namespace budconv::validation_detail {

/// What every step sees besides the document.
struct Context {
  const Catalog* catalog = nullptr;  ///< may be null
  std::string file;                  ///< file name for locations
  int year = 0;                      ///< the document's fiscal year (0 = unknown)
};

/// A validation step: reads the document, appends findings.
using Step = void (*)(const Submission& doc, const Context& ctx, Diagnostics& out);

/// Steps by area (one file each).
void check_hierarchy_sums(const Submission& doc, const Context& ctx, Diagnostics& out);
/// Row identities (合计 = 基本 + 项目 …).
void check_row_identities(const Submission& doc, const Context& ctx, Diagnostics& out);
/// 收入总计 = 支出总计 in two-sided tables.
void check_balance(const Submission& doc, const Context& ctx, Diagnostics& out);
/// Agreement between tables of the same scope.
void check_cross_tables(const Submission& doc, const Context& ctx, Diagnostics& out);
/// Codes and names against the catalog.
void check_catalog(const Submission& doc, const Context& ctx, Diagnostics& out);
/// Goal completeness, targets, weights, spending plans, budgets.
void check_goals(const Submission& doc, const Context& ctx, Diagnostics& out);
/// Self-evaluation balance.
void check_evaluations(const Submission& doc, const Context& ctx, Diagnostics& out);
/// VAL-NAR-*: the narrative (情况说明) against its own tables (validation_narrative.cpp).
void check_narrative(const Submission& doc, const Context& ctx, Diagnostics& out);

/// Location of a table row: the row's SourceRef (else the table's; the sheet falls back to the
/// table title so that canonical XML input still names the table), plus the row's code and name.
Location row_location(const Context& ctx, const BudgetTable& t, const BudgetRow* row);
/// "1,234.56 元" / "9,081.6893 万元": exact, in the table's unit (both languages).
std::string amount_text(Money m, AmountUnit unit);
/// The amount or 0 when blank (sums only: a blank cell adds nothing).
Money or_zero(const std::optional<Money>& m);
/// The row's amount in `column`, if any.
std::optional<Money> amount(const BudgetRow& row, const std::string& column);
/// Exact sum of the given amounts (blank adds nothing); nullopt on overflow.
std::optional<Money> add_all(const std::vector<Money>& parts);
/// The column's label, or its id when it has none.
std::string column_label(const BudgetTable& t, const std::string& column);
/// True when the table has a money column `id`.
bool has_column(const BudgetTable& t, const std::string& id);
/// True when any column has a side (收支总表 layouts).
bool two_sided(const BudgetTable& t);
/// True when the row has neither name nor amounts (a placeholder line of a two-sided table).
bool placeholder(const BudgetRow& r);

/// The last total row of one side of a two-sided table (收入总计 / 支出总计), or nullptr.
const BudgetRow* last_total(const BudgetTable& t, Side side);
/// That row's amount on its side ("total" column first), or nullopt.
std::optional<Money> side_total(const BudgetTable& t, Side side);

/// "功能分类" / "function classification" and so on.
std::string classification_label(Classification c, bool english);

/// Builds an amount comparison finding (expected/found in the table's unit).
Diagnostic mismatch(Severity s, const std::string& rule, std::string zh, std::string en,
                    Location loc, Money expected, Money found, AmountUnit unit);

}  // namespace budconv::validation_detail
