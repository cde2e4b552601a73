/// @file mapping_budget.hpp
/// Internal: the model="budget" side of the mapping engine — loading <budget-table> elements
/// and the text rules shared by the budget reader and writer.
#pragma once

#include <map>
#include <new>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "budconv/mapping.hpp"

namespace budconv::mapping_detail {

/// A definition error of a budget table element (line in the file, both languages).
struct BudgetDefinitionError {
  int line = 0;    ///< line in the definition file
  std::string zh;  ///< Chinese message
  std::string en;  ///< English message
};

/// Reads the <budget-table> children of `root` into `def.budget_tables`; `xml` is the whole
/// file (for line numbers). Returns the first error.
std::optional<BudgetDefinitionError> load_budget_definition(const pugi::xml_node& root,
                                                            std::string_view xml,
                                                            MappingDefinition& def);

/// A row name as published split into its prefix and the name: "一、一般公共预算拨款收入" →
/// ("一、", "一般公共预算拨款收入"), "其中：办公用房" → ("其中：", "办公用房"); leading blanks
/// (indentation with ideographic spaces) are dropped.
std::pair<std::string, std::string> split_row_label(std::string_view text);

/// Normalised header path ("本年收入/财政拨款收入") of a column's path.
std::string header_key(const std::vector<std::string>& path);

/// `text` with "{scope}" replaced by 部门 (department) or 单位 (unit): headers that name the scope.
std::string scoped(std::string_view text, const std::string& scope);
/// scoped() on every part of a header path.
std::vector<std::string> scoped(const std::vector<std::string>& path, const std::string& scope);
/// `text` with "{year}" replaced by `year`, or by the glob '#' (digits) when `year` is 0.
std::string with_year(std::string_view text, int year);
/// Normalised glob of a header path for matching: {scope} resolved, {year} as digits.
std::string header_glob(const std::vector<std::string>& path, const std::string& scope);

/// Runs an engine entry point: errors are values, and an exception (a bug, or memory running
/// out on a hostile sheet) becomes an Error naming the definition instead of leaving core.
template <class Body>
Status guarded(const MappingDefinition& def, const Options& options, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::limit, options.english() ? "out of memory" : "内存不足");
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, def.id + ": " + e.what());
  }
}

/// "部门预算收入总表" with the scope's first title of `table`, "" when it has none.
std::string written_title(const BudgetTableMapping& table, const std::string& scope);

/// The column correspondences (`from` / `from-sum`) of one definition table applied to one
/// canonical table being written: a column whose own id the table lacks takes its amount from
/// the ids it names. Blank stays blank; a sum is exact and blank only when every part is.
class BudgetCorrespondence {
 public:
  /// What a column shows on a row and which of the row's own amounts it shows.
  struct Value {
    std::optional<Money> amount;     ///< the amount written; nullopt = blank
    std::vector<std::string> parts;  ///< ids of the row's amounts it was taken from
  };

  /// How one id of a row reaches the written form through a correspondence.
  struct Carried {
    std::string into;                ///< id of the column that shows it
    std::vector<std::string> parts;  ///< every id summed into that column (itself included)
  };

  /// `def` is the definition's table, `table` the canonical table written with it.
  BudgetCorrespondence(const BudgetTableMapping& def, const BudgetTable& table);

  /// True when `column` is written through its correspondence (it has one and the table has no
  /// column of its id on its side).
  bool applies(const BudgetColumnMapping& column) const;
  /// The amount `column` shows on `row` through its correspondence (applies() must hold).
  Value value(const BudgetRow& row, const BudgetColumnMapping& column) const;
  /// The ids of `row` (on `side`) that some applied correspondence shows, by id; an id shown
  /// alone (`parts` of size 1) is carried exactly, one summed with others only as part of a sum.
  std::map<std::string, Carried> carried(const BudgetRow& row, Side side) const;

 private:
  bool has(const std::string& id, Side side) const;
  const BudgetColumnMapping* column_of(const std::string& id, Side side) const;
  Value resolve(const BudgetRow& row, const BudgetColumnMapping& column, int depth) const;

  const BudgetTableMapping& def_;
  std::set<std::pair<std::string, Side>> present_;  ///< (id, side) the table has
};

}  // namespace budconv::mapping_detail
