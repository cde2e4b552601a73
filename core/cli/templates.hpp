/// @file templates.hpp
/// Choosing a template (mapping definition) to read a Workbook into the canonical model, or to
/// lay a Submission out in a region's form.
#pragma once

#include <memory>
#include <string>

#include "budconv/diagnostics.hpp"
#include "budconv/registry.hpp"

namespace budconv::cli {

/// A template picked for a Workbook, with the detection score and reason.
struct TemplateMatch {
  std::shared_ptr<TemplateFormat> tmpl;  ///< the template
  int score = 0;                         ///< 0..100
  std::string why;                       ///< the template's explanation
};

/// True when `name` is a template id or a region some template belongs to.
bool names_template(const Registry& reg, const std::string& name);

/// The best-scoring template for `book` among those matching `prefer` (a template id or region;
/// "" = all). An input that matches none, or several equally, is an Error listing the candidates
/// and suggesting --from.
Result<TemplateMatch> detect_template(const Registry& reg, const Workbook& book,
                                      const std::string& prefer, Lang lang);

/// Reads `book` with the detected template into `out`; findings go to `diags`.
Status read_with_template(const Registry& reg, const Workbook& book, const std::string& prefer,
                          const Options& options, Submission& out, Diagnostics& diags,
                          std::string* used_id = nullptr);

/// Lays `doc` out with the template named by `to` (template id or region; "" = the document's
/// own region). Among a region's templates the one that loses least wins (first on a tie).
Status write_with_template(const Registry& reg, const std::string& to, const Submission& doc,
                           const Options& options, Workbook& out, Diagnostics& losses,
                           std::string* used_id = nullptr);

/// Prints a summary of losses/findings to stderr (at most `max_lines` lines, then a count).
void print_findings(const Diagnostics& diags, Lang lang, std::size_t max_lines = 20);

}  // namespace budconv::cli
