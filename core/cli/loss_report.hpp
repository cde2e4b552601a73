/// @file loss_report.hpp
/// The loss report of a conversion: a summary on stderr grouped by field, and every entry as
/// JSON for `convert --report FILE` (README "Loss report").
#pragma once

#include <filesystem>
#include <string>

#include "budconv/diagnostics.hpp"
#include "budconv/result.hpp"
#include "templates.hpp"

namespace budconv::cli {

/// Prints one line per lost field with its count and one example, and whether the values are
/// kept in the hidden sheet.
void print_loss_summary(const LossReport& report, Lang lang);

/// The report as JSON: input, output, template(s), completion, error, recovery state, entries.
std::string loss_report_json(const LossReport& report, const std::string& input,
                             const std::string& output, bool completed, const std::string& error);

/// Writes `json` to `path` atomically (replacing an earlier report).
Status write_report_file(const std::filesystem::path& path, const std::string& json, Lang lang);

}  // namespace budconv::cli
