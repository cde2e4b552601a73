/// @file validation_sums.cpp
/// Hierarchy sums: 合计 = Σ top-level rows (VAL-SUM-001), 类 = Σ款 (002), 款 = Σ项 (003),
/// 项 = Σ detail rows (004). Every money column, exact in 分; "其中" rows restate a part of the
/// row above and are never added; two-sided tables (收支总表) have no hierarchy and are skipped.
#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

bool is_part(const BudgetRow& r) {
  return r.label.rfind("其中", 0) == 0;
}

/// Sum of `column` over `rows`; nullopt when every row is blank there.
std::optional<Money> sum_of(const std::vector<const BudgetRow*>& rows, const std::string& column) {
  std::vector<Money> parts;
  for (const BudgetRow* r : rows) {
    if (auto m = amount(*r, column)) parts.push_back(*m);
  }
  if (parts.empty()) return std::nullopt;
  return add_all(parts);
}

struct What {
  const char* rule;
  const char* zh;
  const char* en;
};

void compare(const Context& ctx, const BudgetTable& t, const BudgetRow& row,
             const std::string& column, const std::optional<Money>& expected, const What& what,
             Diagnostics& out) {
  const auto found = amount(row, column);
  if (!found && !expected) return;
  if (or_zero(found) == or_zero(expected)) return;
  const std::string label = column_label(t, column);
  out.add(mismatch(Severity::error, what.rule, "“" + label + "”列：" + what.zh,
                   "column '" + label + "': " + what.en, row_location(ctx, t, &row),
                   or_zero(expected), or_zero(found), t.unit));
}

void check_table(const BudgetTable& t, const Context& ctx, Diagnostics& out) {
  std::vector<std::string> columns;
  for (const auto& c : t.columns) {
    if (c.type == ColumnType::money) columns.push_back(c.id);
  }
  // VAL-SUM-001: the first total row against the top-level rows.
  bool has_body = false;
  for (const auto& r : t.rows) has_body = has_body || !r.is_total;
  for (const auto& r : t.rows) {
    if (!r.is_total) continue;
    if (has_body) {
      for (const auto& c : columns) {
        compare(ctx, t, r, c, column_sum(t.rows, c),
                {"VAL-SUM-001", "合计行不等于各顶层行之和",
                 "the total row is not the sum of the top-level rows"},
                out);
      }
    }
    break;
  }
  // VAL-SUM-002/003: a 类 or 款 row against the rows one level below it, up to the next row of
  // its own level or higher.
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const BudgetRow& parent = t.rows[i];
    if (parent.is_total || is_part(parent) || (parent.level != 1 && parent.level != 2)) continue;
    std::vector<const BudgetRow*> children;
    for (std::size_t j = i + 1; j < t.rows.size() && t.rows[j].level > parent.level; ++j) {
      const BudgetRow& r = t.rows[j];
      if (!r.is_total && !is_part(r) && r.level == parent.level + 1) children.push_back(&r);
    }
    if (children.empty()) continue;
    const What what = parent.level == 1 ? What{"VAL-SUM-002", "类不等于其下各款之和",
                                               "the 类 row is not the sum of its 款 rows"}
                                        : What{"VAL-SUM-003", "款不等于其下各项之和",
                                               "the 款 row is not the sum of its 项 rows"};
    for (const auto& c : columns) compare(ctx, t, parent, c, sum_of(children, c), what, out);
  }
  // VAL-SUM-004: a 项 row against its detail rows.
  for (const auto& r : t.rows) {
    if (r.details.empty()) continue;
    std::vector<const BudgetRow*> details;
    for (const auto& d : r.details) details.push_back(&d);
    for (const auto& c : columns) {
      compare(
          ctx, t, r, c, sum_of(details, c),
          {"VAL-SUM-004", "项不等于其下明细之和", "the 项 row is not the sum of its detail rows"},
          out);
    }
  }
}

}  // namespace

void check_hierarchy_sums(const Submission& doc, const Context& ctx, Diagnostics& out) {
  for (const auto& t : doc.budget_tables) {
    if (!two_sided(t)) check_table(t, ctx, out);
  }
}

}  // namespace budconv::validation_detail
