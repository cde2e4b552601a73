/// @file stream_convert.hpp
/// `budconv convert` between two spreadsheet containers, row by row: the reader hands each row
/// to the writer, so memory stays flat however many rows the sheet has.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "budconv/options.hpp"
#include "budconv/registry.hpp"
#include "cli.hpp"

namespace budconv::cli {

/// What a conversion asks for, as far as the choice of streaming depends on it.
struct StreamRequest {
  std::filesystem::path in;   ///< input file
  std::filesystem::path out;  ///< output file
  std::string read_format;    ///< --from when it names a file format, else ""
  bool force = false;         ///< --force
  bool to_given = false;      ///< --to was given (the output kind is then not re-chosen)
  bool templates = false;     ///< a template or region is involved on either side
};

/// Streams the conversion when input and output are containers that both stream and nothing
/// needs the whole grid (templates, canonical XML output); writes through write_atomically.
/// Returns the exit code, or nullopt when the caller must take the whole-workbook path (also
/// when the input turns out not to stream; nothing is left behind then). The environment
/// variable BUDCONV_NO_STREAM=1 turns streaming off, to compare the two paths.
std::optional<int> stream_convert(const Global& g, const Registry& reg, const StreamRequest& req,
                                  const FormatChoice& writer, const Options& read,
                                  const Options& write);

}  // namespace budconv::cli
