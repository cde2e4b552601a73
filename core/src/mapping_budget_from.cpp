/// @file mapping_budget_from.cpp
/// Column correspondences of budget definitions (mapping-budget.md, "Correspondences"): the
/// same money published under different canonical ids by different regions (Henan's 收支总表
/// 合计 is Hebei's 支出 预算数) is written in the target form's column instead of being lost.
#include "mapping_budget.hpp"

namespace budconv::mapping_detail {

namespace {

// Definitions loaded from files have no cycles (the loader refuses them); this bounds the
// resolution of one built in memory all the same.
constexpr int kMaxDepth = 16;

void collect(const std::vector<BudgetRow>& rows, std::set<std::pair<std::string, Side>>& out) {
  for (const auto& r : rows) {
    for (const auto& [id, m] : r.amounts) out.emplace(id, r.side);
    collect(r.details, out);
  }
}

}  // namespace

BudgetCorrespondence::BudgetCorrespondence(const BudgetTableMapping& def, const BudgetTable& table)
    : def_(def) {
  // A table "has" a column when it publishes it (its header) or any row carries an amount under
  // its id: then its own values are written, blanks included, and no other column stands in.
  for (const auto& c : table.columns) present_.emplace(c.id, def.two_sided ? c.side : Side::none);
  collect(table.rows, present_);
  if (!def.two_sided) {
    std::set<std::pair<std::string, Side>> flat;
    for (const auto& [id, side] : present_) flat.emplace(id, Side::none);
    present_ = std::move(flat);
  }
}

bool BudgetCorrespondence::has(const std::string& id, Side side) const {
  return present_.count({id, def_.two_sided ? side : Side::none}) > 0;
}

const BudgetColumnMapping* BudgetCorrespondence::column_of(const std::string& id, Side side) const {
  for (const auto& c : def_.columns) {
    if (c.role == BudgetColumnRole::value && c.id == id && c.side == side) return &c;
  }
  return nullptr;
}

bool BudgetCorrespondence::applies(const BudgetColumnMapping& column) const {
  return column.from_kind != BudgetFrom::none && !has(column.id, column.side);
}

BudgetCorrespondence::Value BudgetCorrespondence::value(const BudgetRow& row,
                                                        const BudgetColumnMapping& column) const {
  return resolve(row, column, 0);
}

BudgetCorrespondence::Value BudgetCorrespondence::resolve(const BudgetRow& row,
                                                          const BudgetColumnMapping& column,
                                                          int depth) const {
  Value out;
  if (depth > kMaxDepth) return out;
  // One source: the row's own amount when the table has the id; else, when this form derives
  // that column too, what it shows (a chain of correspondences); else blank.
  const auto source = [&](const std::string& id) -> Value {
    if (has(id, column.side)) {
      const auto a = row.amounts.find(id);
      if (a == row.amounts.end()) return {};
      return {a->second, {id}};
    }
    if (const BudgetColumnMapping* next = column_of(id, column.side);
        next != nullptr && next->from_kind != BudgetFrom::none) {
      return resolve(row, *next, depth + 1);
    }
    return {};
  };
  for (const auto& id : column.from) {
    Value v = source(id);
    if (!v.amount) continue;
    if (column.from_kind == BudgetFrom::first) return v;
    if (!out.amount) {
      out = std::move(v);
      continue;
    }
    const auto sum = Money::checked_add(*out.amount, *v.amount);
    // Beyond 64 bits of 分 nothing is written: the parts stay reported as not held.
    if (!sum) return {};
    out.amount = *sum;
    out.parts.insert(out.parts.end(), v.parts.begin(), v.parts.end());
  }
  return out;
}

std::map<std::string, BudgetCorrespondence::Carried> BudgetCorrespondence::carried(
    const BudgetRow& row, Side side) const {
  std::map<std::string, Carried> out;
  for (const auto& c : def_.columns) {
    if (c.side != (def_.two_sided ? side : Side::none) || !applies(c)) continue;
    const Value v = value(row, c);
    if (!v.amount) continue;
    for (const auto& id : v.parts) {
      auto it = out.find(id);
      // Shown alone somewhere beats shown only inside a sum.
      if (it == out.end() || (it->second.parts.size() > 1 && v.parts.size() == 1)) {
        out[id] = Carried{c.id, v.parts};
      }
    }
  }
  return out;
}

}  // namespace budconv::mapping_detail
