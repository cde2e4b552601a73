/// @file xlsx_format.hpp
/// The XLSX container format (Office Open XML workbooks, transitional and Strict).
#pragma once

#include <filesystem>
#include <span>
#include <string_view>

#include "budconv/plugin.hpp"

namespace budconv::xlsx {

/// Reads XLSX/XLSM with libzip + expat, writes XLSX with libxlsxwriter.
class XlsxFormat final : public ContainerFormat {
 public:
  /// Self-description: id "xlsx", extensions, option keys ("sheet", "max-cells", "max-text-mib").
  FormatInfo info() const override;
  /// Zip magic plus OOXML entry names in the first bytes, or the file name (GDAL's Identify).
  Sniff sniff(std::span<const std::byte> head, std::string_view filename) const override;

 protected:
  /// See read_xlsx.
  Status do_read(const std::filesystem::path& path, const Options& options, Workbook& out) override;
  /// See write_xlsx.
  Status do_write(const Workbook& book, const std::filesystem::path& path,
                  const Options& options) override;
  /// Streaming reads are supported.
  bool do_can_stream_read() const override { return true; }
  /// See read_xlsx_rows.
  Status do_read_rows(const std::filesystem::path& path, const Options& options,
                      RowSink& sink) override;
};

/// Reads an XLSX file into `out` (replaced only on success). Options: "sheet" restricts the
/// read to one sheet; "max-cells" and "max-text-mib" lower or raise the whole-workbook caps on
/// stored cells and cell text (MiB). Numbers with more than 15 significant digits are rounded
/// to 15, as Excel shows them (budconv::normalize_number_text).
Status read_xlsx(const std::filesystem::path& path, const Options& options, Workbook& out);

/// Streams what read_xlsx would read into `sink`: the same sheets in the same order, options,
/// caps and messages, one row at a time. A sheet whose rows are out of order gives an
/// ErrorCode::unsupported Error (the caller then uses read_xlsx).
Status read_xlsx_rows(const std::filesystem::path& path, const Options& options, RowSink& sink);

/// Writes `book` to `path` with libxlsxwriter. Sheet names that Excel would refuse are
/// changed and each change is reported to options.diagnostics (rule XLSX-SHEETNAME).
Status write_xlsx(const Workbook& book, const std::filesystem::path& path, const Options& options);

}  // namespace budconv::xlsx
