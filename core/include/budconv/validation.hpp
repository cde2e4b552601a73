/// @file validation.hpp
/// Validation (DESIGN.md §5): rules that run as pipeline steps over a Submission, each with a
/// stable id, a severity and a bilingual message located at file, sheet!A1, code and name.
/// Arithmetic is exact (Money in 分); a blank cell adds nothing but is never invented.
/// Rule families: CAT-FILL (codes/names from the catalog), VAL-SUM (hierarchy sums), VAL-ROW (row
/// identities), VAL-BAL (two-sided balance), VAL-XT (tables of one scope agree), VAL-CAT (catalog),
/// VAL-GOAL (performance goals), VAL-EVAL (self-evaluations), VAL-NAR (the narrative's figures —
/// document extras `narrative.*` — against its own tables; warnings).
#pragma once

#include <string>
#include <vector>

#include "budconv/catalog.hpp"
#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/model.hpp"

namespace budconv {

/// A rule's identity, for listings and documentation.
struct ValidationRule {
  std::string id;                       ///< "VAL-SUM-001"
  Severity severity = Severity::error;  ///< severity of its findings
  std::string title_zh;                 ///< what it checks, Chinese
  std::string title_en;                 ///< what it checks, English
};

/// Every rule in the order the steps run.
BUDCONV_API const std::vector<ValidationRule>& validation_rules();

/// What the rules may use.
struct ValidationOptions {
  const Catalog* catalog = nullptr;  ///< code catalogs; catalog rules are skipped without one
  std::string file;                  ///< file name shown in locations ("" = doc.source_file)
};

/// Runs every rule over `doc`; findings in rule order, then document order.
BUDCONV_API Diagnostics validate_submission(const Submission& doc,
                                            const ValidationOptions& options);

/// The whole pipeline: fill codes and names from the catalog (when given), then validate.
BUDCONV_API Diagnostics check_submission(Submission& doc, const ValidationOptions& options);

/// One line per severity count: "2 个错误，1 个警告，3 个提示" / "2 errors, 1 warning, 3 notes".
BUDCONV_API std::string validation_summary(const Diagnostics& diags, bool english);

}  // namespace budconv
