/// @file validation_balance.cpp
/// VAL-BAL-001: in a two-sided table (收支总表, 财政拨款收支总表, 国有资本经营预算收支表) the
/// last total row of the income side (收入总计) equals the last one of the expenditure side
/// (支出总计). Placeholder lines (no name, no amounts) are not rows and are ignored.
#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

/// The side's amount of a row: the "total" column when the side has one, else its first column.
std::optional<Money> side_amount(const BudgetTable& t, const BudgetRow& r, Side side) {
  for (const auto& c : t.columns) {
    if (c.side == side && c.id == "total") return amount(r, c.id);
  }
  for (const auto& c : t.columns) {
    if (c.side == side && c.type == ColumnType::money) return amount(r, c.id);
  }
  return std::nullopt;
}

}  // namespace

const BudgetRow* last_total(const BudgetTable& t, Side side) {
  const BudgetRow* last = nullptr;
  for (const auto& r : t.rows) {
    if (r.is_total && r.side == side) last = &r;
  }
  return last;
}

std::optional<Money> side_total(const BudgetTable& t, Side side) {
  const BudgetRow* r = last_total(t, side);
  return r ? side_amount(t, *r, side) : std::nullopt;
}

void check_balance(const Submission& doc, const Context& ctx, Diagnostics& out) {
  for (const auto& t : doc.budget_tables) {
    if (!two_sided(t)) continue;
    const BudgetRow* in = last_total(t, Side::income);
    const BudgetRow* ex = last_total(t, Side::expenditure);
    if (!in || !ex) continue;
    const auto income = side_amount(t, *in, Side::income);
    const auto spending = side_amount(t, *ex, Side::expenditure);
    if (!income && !spending) continue;
    if (or_zero(income) == or_zero(spending)) continue;
    out.add(mismatch(Severity::error, "VAL-BAL-001",
                     "支出总计不等于收入总计（" + (in->name.empty() ? "收入总计" : in->name) + "）",
                     "the expenditure total differs from the income total",
                     row_location(ctx, t, ex), or_zero(income), or_zero(spending), t.unit));
  }
}

}  // namespace budconv::validation_detail
