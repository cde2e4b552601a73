/// @file vocabulary.hpp
/// Labels for the canonical ids used in the model (kinds of submissions, tables and goals).
#pragma once

#include <string>
#include <string_view>

#include "budconv/export.hpp"

namespace budconv {

/// "部门预算" / "department budget" for "department-budget"; the id itself when unknown.
BUDCONV_API std::string submission_kind_label(std::string_view id, bool english);
/// "收入总表" / "income" for "income"; the id itself when unknown.
BUDCONV_API std::string table_kind_label(std::string_view id, bool english);
/// "项目" / "project" for "project"; the id itself when unknown.
BUDCONV_API std::string goal_kind_label(std::string_view id, bool english);
/// "部门" / "department" for "department", "单位" / "unit" for "unit".
BUDCONV_API std::string scope_label(std::string_view id, bool english);

}  // namespace budconv
