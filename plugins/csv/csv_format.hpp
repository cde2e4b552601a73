/// @file csv_format.hpp
/// Delimited text (CSV and TSV) ⇄ Workbook. One implementation serves both formats; they differ
/// only in id, extensions and default delimiter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"
#include "budconv/workbook.hpp"

namespace budconv::csv {

/// What distinguishes CSV from TSV.
struct Dialect {
  std::string id;                       ///< "csv" / "tsv"
  std::string name;                     ///< human name
  std::vector<std::string> extensions;  ///< lower-case, without dot
  char delimiter = ',';                 ///< default field delimiter
};

/// The CSV dialect (comma, .csv).
Dialect csv_dialect();
/// The TSV dialect (tab, .tsv / .tab).
Dialect tsv_dialect();

/// Safety limits of the reader; every input beyond them is refused with an ErrorCode::limit.
struct Limits {
  std::size_t max_file_bytes = std::size_t{256} << 20;  ///< whole file
  std::size_t max_field_bytes = std::size_t{1} << 20;   ///< one field, after decoding
  std::uint32_t max_rows = kMaxRows;                    ///< records (Excel's row limit)
  std::uint32_t max_columns = kMaxCols;                 ///< fields per record (Excel's limit)
  std::size_t max_cells = 5'000'000;                    ///< non-empty fields in the file
};

/// Parses the "delimiter" option: ",", ";", "|", "\t" (a real tab or the two characters),
/// "tab", "comma", "semicolon", "pipe". Unset → `fallback`.
Result<char> delimiter_option(const Options& options, char fallback);

/// True when `text` is unambiguously a number that survives a trip through a spreadsheet's
/// double unchanged: -?(0|[1-9][0-9]*)(.[0-9]+)?, at most 15 significant digits, not "-0".
/// Codes such as "030101" (leading zero) and long identifiers stay text.
bool is_plain_number(std::string_view text);

/// The cell a field becomes: blank → nullopt; a plain number → number cell (with number format
/// "0.00…" when the text has trailing fractional zeros, so writers can show "1234.50" again);
/// anything else → text cell, exactly as written.
std::optional<Cell> field_to_cell(std::string field);

/// The sheet name for a file: its stem, with Excel's forbidden characters []:*?/\ replaced by
/// '_' and cut to 31 characters; "Sheet1" when nothing is left.
std::string sheet_name_for(const std::filesystem::path& path);

/// Reads delimited text held in memory into one sheet named `sheet_name`, appended to `out`.
/// Options: "encoding" (auto when unset or "auto"), "delimiter". `source` names the file in
/// messages.
Status read_delimited(std::string_view bytes, const std::string& sheet_name, const Options& options,
                      char default_delimiter, const Limits& limits, std::string_view source,
                      Workbook& out);

/// Renders one sheet of `book` as delimited text in the requested encoding. Options: "sheet"
/// (name, or 1-based position; default the first sheet), "delimiter", "encoding" (default
/// utf-8), "bom" ("true" adds a UTF-8 BOM).
Result<std::string> write_delimited(const Workbook& book, const Options& options,
                                    char default_delimiter, std::string_view source);

/// A RowSink writing to exactly `path`, row by row, the bytes write_delimited gives for the
/// workbook streamed into it (same options). Errors in the options come before the file is
/// created.
Result<std::unique_ptr<RowSink>> open_delimited_rows(const std::filesystem::path& path,
                                                     const Options& options,
                                                     char default_delimiter);

/// A delimited-text container format (csv or tsv).
class DelimitedFormat final : public ContainerFormat {
 public:
  /// A format for `dialect`, with default limits.
  explicit DelimitedFormat(Dialect dialect, Limits limits = {});
  /// Self-description.
  FormatInfo info() const override;
  /// "maybe" for a text head under one of our extensions, "no" for binary or markup heads.
  Sniff sniff(std::span<const std::byte> head, std::string_view filename) const override;

 protected:
  /// Reads the file into one sheet named after the file stem.
  Status do_read(const std::filesystem::path& path, const Options& options, Workbook& out) override;
  /// Writes one sheet of `book` (see write_delimited).
  Status do_write(const Workbook& book, const std::filesystem::path& path,
                  const Options& options) override;
  /// Row-by-row writing is supported.
  bool do_can_stream_write() const override { return true; }
  /// See open_delimited_rows.
  Result<std::unique_ptr<RowSink>> do_open_rows(const std::filesystem::path& path,
                                                const Options& options) override;

 private:
  Dialect dialect_;
  Limits limits_;
};

/// The plugin object handing out the csv and tsv formats.
std::shared_ptr<Plugin> make_plugin();

}  // namespace budconv::csv
