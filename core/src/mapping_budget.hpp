/// @file mapping_budget.hpp
/// Internal: the model="budget" side of the mapping engine — loading <budget-table> elements
/// and the text rules shared by the budget reader and writer.
#pragma once

#include <new>
#include <optional>
#include <pugixml.hpp>
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

}  // namespace budconv::mapping_detail
