/// @file input.hpp
/// Reading any input the program accepts into a Workbook or a Submission.
#pragma once

#include <filesystem>
#include <string>

#include "budconv/model.hpp"
#include "budconv/registry.hpp"
#include "budconv/workbook.hpp"
#include "cli.hpp"

namespace budconv::cli {

/// What was read: a grid (from a container) or a canonical document.
struct Loaded {
  FormatKind kind = FormatKind::container;  ///< which of the two is filled
  std::string format_id;                    ///< format that read it
  Workbook book;                            ///< when kind == container
  Submission doc;                           ///< when kind == document
};

/// Detects the format (or uses `from`) and reads `path`.
Result<Loaded> read_input(const Registry& reg, const std::filesystem::path& path,
                          const std::string& from, const Options& options);

}  // namespace budconv::cli
