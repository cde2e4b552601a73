/// @file model.cpp
/// Ids of the model's enums and the column arithmetic the validators build on.
#include "budconv/model.hpp"

#include <algorithm>
#include <climits>

namespace budconv {

namespace {

/// "其中：…" rows restate a part of the row above; adding them would count it twice.
bool is_part_of_previous(const BudgetRow& row) {
  return row.label.rfind("其中", 0) == 0;
}

}  // namespace

const char* classification_id(Classification c) noexcept {
  switch (c) {
    case Classification::none:
      return "none";
    case Classification::function:
      return "function";
    case Classification::economic_department:
      return "economic-department";
    case Classification::economic_government:
      return "economic-government";
  }
  return "none";
}

std::optional<Classification> parse_classification(std::string_view id) {
  for (Classification c :
       {Classification::none, Classification::function, Classification::economic_department,
        Classification::economic_government}) {
    if (id == classification_id(c)) return c;
  }
  return std::nullopt;
}

const char* side_id(Side s) noexcept {
  switch (s) {
    case Side::none:
      return "";
    case Side::income:
      return "income";
    case Side::expenditure:
      return "expenditure";
  }
  return "";
}

const char* period_id(Period p) noexcept {
  return p == Period::implementation ? "implementation" : "annual";
}

std::optional<Money> column_sum(const std::vector<BudgetRow>& rows, const std::string& column) {
  // Top level = the smallest level among the rows that are summed: 类 rows in a coded table,
  // item lines in a 收支总表, 项 rows when a table lists only 项. Details live in `details`.
  int top = INT_MAX;
  for (const BudgetRow& r : rows) {
    if (!r.is_total && !is_part_of_previous(r)) top = std::min(top, r.level);
  }
  std::optional<Money> sum;
  for (const BudgetRow& r : rows) {
    if (r.is_total || is_part_of_previous(r) || r.level != top) continue;
    const auto it = r.amounts.find(column);
    if (it == r.amounts.end()) continue;  // blank is not zero, and adds nothing
    if (!sum) {
      sum = it->second;
    } else {
      sum = Money::checked_add(*sum, it->second);
      if (!sum) return std::nullopt;  // past 9.2 × 10^16 元: no real budget
    }
  }
  return sum;
}

std::optional<Money> table_total(const BudgetTable& table, const std::string& column) {
  for (const BudgetRow& r : table.rows) {
    if (!r.is_total) continue;
    const auto it = r.amounts.find(column);
    if (it == r.amounts.end()) return std::nullopt;
    return it->second;
  }
  return std::nullopt;
}

}  // namespace budconv
