/// @file templates.hpp
/// Choosing templates (mapping definitions) to read a Workbook into the canonical model, or to
/// lay a Submission out in a region's forms: one template per model (goal tables, budget
/// tables), with what cannot be held found, reported and kept recoverable (recovery.hpp).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/recovery.hpp"
#include "budconv/registry.hpp"

namespace budconv::cli {

/// The templates a command chooses from.
using TemplateList = std::vector<std::shared_ptr<TemplateFormat>>;

/// A template picked for a Workbook, with the detection score and reason.
struct TemplateMatch {
  std::shared_ptr<TemplateFormat> tmpl;  ///< the template
  int score = 0;                         ///< 0..100
  std::string why;                       ///< the template's explanation
};

/// What a template lays out: "goal" or "budget" (the definition's model, else the second part of
/// the id: "hebei.goal.project", "hebei.budget-tables" → "budget").
std::string template_model(const TemplateFormat& t);

/// The user's definition `file` (`--template FILE`) first, then the installed templates whose id
/// differs from it; the definition may use every transform of every loaded plugin. Errors name
/// the file and line.
Result<TemplateList> with_user_template(const Registry& reg, const std::filesystem::path& file,
                                        Lang lang);

/// True when `name` is a template id or a region some template belongs to.
bool names_template(const TemplateList& templates, const std::string& name);
/// names_template over the installed templates.
bool names_template(const Registry& reg, const std::string& name);

/// The best-scoring template for `book` among those matching `prefer` (a template id or region;
/// "" = all). An input that matches none, or several of one model equally, is an Error listing
/// the candidates and suggesting --from.
Result<TemplateMatch> detect_template(const TemplateList& templates, const Workbook& book,
                                      const std::string& prefer, Lang lang);
/// detect_template over the installed templates.
Result<TemplateMatch> detect_template(const Registry& reg, const Workbook& book,
                                      const std::string& prefer, Lang lang);

/// Reads `book` with the best template of each model that recognises it (goal tables and budget
/// tables merged into `out`), then restores from its recovery sheet, if any (a corrupt one is
/// reported in `diags` and ignored). `used_id` receives the template ids joined by " + ".
Status read_with_template(const TemplateList& templates, const Workbook& book,
                          const std::string& prefer, const Options& options, Submission& out,
                          Diagnostics& diags, std::string* used_id = nullptr);

/// read_with_template over the installed templates.
Status read_with_template(const Registry& reg, const Workbook& book, const std::string& prefer,
                          const Options& options, Submission& out, Diagnostics& diags,
                          std::string* used_id = nullptr);

/// What a layout could not hold, for the stderr summary and `--report`.
struct LossReport {
  std::string templates;              ///< template ids used, joined by " + "
  std::string template_names;         ///< their display names, joined by "、"
  std::vector<LossEntry> entries;     ///< every value lost
  bool output_holds_recovery = true;  ///< the output format can carry a hidden sheet
  bool recovery_requested = true;     ///< not --no-recovery
  bool recovery_embedded = false;     ///< the hidden sheet was written
  std::string recovery_error;         ///< why it could not be written, if it could not
};

/// Lays `doc` out in the region or template named by `to` ("" = the document's own region): goal
/// tables with the goal template that loses least (first on a tie), budget tables with the budget
/// template, into one Workbook. Losses are found by reading the layout back; unless
/// `report.recovery_requested` is false or the output cannot hold it, the original is added in
/// the hidden recovery sheet. Engine notes other than losses go to `notes`.
Status write_with_template(const TemplateList& templates, const std::string& to,
                           const Submission& doc, const Options& options, Workbook& out,
                           Diagnostics& notes, LossReport& report);

/// Prints a summary of findings to stderr (at most `max_lines` lines, then a count).
void print_findings(const Diagnostics& diags, Lang lang, std::size_t max_lines = 20);

}  // namespace budconv::cli
