/// @file core_validation_fixture.hpp
/// Small Submissions for the validation and catalog tests.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "budconv/catalog.hpp"
#include "budconv/validation.hpp"
#include "test_support.hpp"

namespace budconv::test {

/// Whole 元 as Money.
inline Money yuan(std::int64_t y) {
  return Money{y * 100};
}

/// A row with amounts in 元 per column id.
inline BudgetRow make_row(std::string code, std::string name, int level,
                          std::initializer_list<std::pair<const char*, std::int64_t>> amounts,
                          Classification c = Classification::function) {
  BudgetRow r;
  r.classification = code.empty() && name.empty() ? Classification::none : c;
  r.code = std::move(code);
  r.name = std::move(name);
  r.level = level;
  for (const auto& [col, v] : amounts) r.amounts[col] = yuan(v);
  return r;
}

/// A total row.
inline BudgetRow total_row(std::initializer_list<std::pair<const char*, std::int64_t>> amounts,
                           Side side = Side::none, std::string name = "合计") {
  BudgetRow r = make_row("", std::move(name), 0, amounts);
  r.classification = Classification::none;
  r.is_total = true;
  r.side = side;
  return r;
}

/// A table of `kind` with money columns.
inline BudgetTable make_table(std::string kind, std::initializer_list<const char*> columns,
                              std::string scope = "department") {
  BudgetTable t;
  t.kind = std::move(kind);
  t.title = "测试表";
  t.scope = std::move(scope);
  for (const char* c : columns)
    t.columns.push_back(TableColumn{c, c, ColumnType::money, Side::none});
  return t;
}

/// A one-table Submission.
inline Submission doc_with(BudgetTable t, int year = 2021) {
  Submission s;
  s.fiscal_year = year;
  s.source_file = "test.xml";
  s.budget_tables.push_back(std::move(t));
  return s;
}

/// Rule ids of the findings, in order.
inline std::vector<std::string> rules_of(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(x.rule);
  return out;
}

/// How many findings carry `rule`.
inline std::size_t count_rule(const Diagnostics& d, const std::string& rule) {
  return static_cast<std::size_t>(std::count_if(
      d.items().begin(), d.items().end(), [&](const Diagnostic& x) { return x.rule == rule; }));
}

/// The first finding with `rule` (the test fails before using a missing one).
inline const Diagnostic* find_rule(const Diagnostics& d, const std::string& rule) {
  for (const auto& x : d.items()) {
    if (x.rule == rule) return &x;
  }
  return nullptr;
}

/// The repository's catalogs.
inline const Catalog& repo_catalog() {
  static const Catalog cat = [] {
    auto r = Catalog::load(source_dir() / "formats", Lang::en);
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(r).value();
  }();
  return cat;
}

}  // namespace budconv::test
