/// @file spreadsheetml_format.hpp
/// Excel 2003 XML Spreadsheet ("SpreadsheetML", namespace
/// urn:schemas-microsoft-com:office:spreadsheet) ⇄ Workbook. Legacy finance systems export it under
/// .xml and often under .xls too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"
#include "budconv/workbook.hpp"

namespace budconv::spreadsheetml {

/// The SpreadsheetML namespace (elements and ss: attributes).
inline constexpr std::string_view kNsSpreadsheet = "urn:schemas-microsoft-com:office:spreadsheet";
/// The Excel namespace (x:WorksheetOptions and its children).
inline constexpr std::string_view kNsExcel = "urn:schemas-microsoft-com:office:excel";
/// The Office namespace (o:DocumentProperties).
inline constexpr std::string_view kNsOffice = "urn:schemas-microsoft-com:office:office";
/// The HTML namespace of rich text inside <Data>.
inline constexpr std::string_view kNsHtml = "http://www.w3.org/TR/REC-html40";

/// Safety limits of the reader; inputs beyond them are refused with ErrorCode::limit.
struct Limits {
  std::size_t max_file_bytes = std::size_t{256} << 20;  ///< whole file
  std::size_t max_text_bytes = std::size_t{1} << 20;    ///< one cell's text
  std::size_t max_cells = 5'000'000;                    ///< cells in the workbook
  std::size_t max_sheets = 1024;                        ///< worksheets
  std::size_t max_styles = 65536;                       ///< <Style> elements
  std::size_t max_merges = 1'000'000;                   ///< merged ranges in the workbook
};

/// Content sniff: the mso-application processing instruction or a Workbook root in the
/// SpreadsheetML namespace → yes; another root (a budconv <submission>, XHTML, …) or a binary
/// head → no; an XML head whose root is not visible yet under .xml → maybe.
Sniff sniff_spreadsheetml(std::string_view head, std::string_view filename);

/// Parses a SpreadsheetML document held in memory, appending its sheets to `out`.
/// `source` names the file in messages.
Status read_spreadsheetml(std::string_view document, const Limits& limits, std::string_view source,
                          Lang lang, Workbook& out);

/// Renders `book` as a SpreadsheetML document (UTF-8, deterministic: same Workbook → same bytes).
Result<std::string> write_spreadsheetml(const Workbook& book, std::string_view source, Lang lang);

/// Excel column width in characters (of the default font's digit) for a width in points.
double points_to_chars(double points);
/// Width in points for a column width in characters (inverse of points_to_chars).
double chars_to_points(double chars);

/// Zero-based Excel serial (1900 system) of an ISO 8601 date/time ("2020-12-31",
/// "2020-12-31T08:30:00.000", "08:30:00"); nullopt when malformed or before 1899-12-31.
std::optional<double> iso_to_excel_serial(std::string_view iso);

/// The 2003 XML container format.
class SpreadsheetMLFormat final : public ContainerFormat {
 public:
  /// A format with default limits.
  explicit SpreadsheetMLFormat(Limits limits = {});
  /// Self-description.
  FormatInfo info() const override;
  /// See sniff_spreadsheetml.
  Sniff sniff(std::span<const std::byte> head, std::string_view filename) const override;

 protected:
  /// Reads every worksheet.
  Status do_read(const std::filesystem::path& path, const Options& options, Workbook& out) override;
  /// Writes every sheet, with styles, merges, widths and hidden flags.
  Status do_write(const Workbook& book, const std::filesystem::path& path,
                  const Options& options) override;

 private:
  Limits limits_;
};

/// The plugin object handing out the spreadsheetml format.
std::shared_ptr<Plugin> make_plugin();

}  // namespace budconv::spreadsheetml
