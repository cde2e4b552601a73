/// @file xls_format.hpp
/// Legacy Excel workbooks (.xls: BIFF8 from Excel 97–2003, BIFF5/7 from Excel 5/95, and raw
/// BIFF2–4) read through FreeXL, with our own scan of the record stream for what FreeXL lacks
/// (merged cells, cached formula results, encryption, code page override). Read only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"
#include "budconv/workbook.hpp"

namespace budconv::xls {

/// Safety limits of the reader; input beyond them is refused with ErrorCode::limit.
struct Limits {
  std::size_t max_file_bytes = std::size_t{256} << 20;  ///< whole .xls file
  /// Cells over all read sheets' declared dimensions (rows × columns). FreeXL allocates 16
  /// bytes per declared cell up front and we visit each once, so this bounds both memory
  /// (≈ 512 MiB) and time.
  std::uint64_t max_cell_visits = std::uint64_t{32} << 20;
};

/// Options honoured by the reader: "sheet" (name or 1-based position among worksheets) and
/// "codepage" (e.g. 936 / gbk: overrides a missing or wrong CODEPAGE record).
class XlsFormat final : public ContainerFormat {
 public:
  /// A reader with the given limits.
  explicit XlsFormat(Limits limits = {}) : limits_(limits) {}
  /// Self-description.
  FormatInfo info() const override;
  /// "yes" for a compound file with a Workbook/Book stream or a raw BIFF2–4 BOF under .xls,
  /// "maybe" for other compound files (an encrypted .xlsx is one), "no" otherwise.
  Sniff sniff(std::span<const std::byte> head, std::string_view filename) const override;

 protected:
  /// Reads every worksheet (or the one named by option "sheet").
  Status do_read(const std::filesystem::path& path, const Options& options, Workbook& out) override;

 private:
  Limits limits_;
};

/// The plugin object handing out the xls format.
std::shared_ptr<Plugin> make_plugin();

}  // namespace budconv::xls
