/// @file plugin.hpp
/// The plugin boundary. Everything a plugin shares with the host is declared here.
/// Plugins implement the protected do_* methods; the host calls the public non-virtual
/// wrappers, which turn any escaping exception into an Error (Assimp's ReadFile pattern).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/model.hpp"
#include "budconv/options.hpp"
#include "budconv/result.hpp"
#include "budconv/value_transform.hpp"
#include "budconv/workbook.hpp"

namespace budconv {

/// ABI stamp. Bump whenever any type in core/include/budconv changes layout or a virtual changes.
inline constexpr std::uint32_t kPluginAbi = 5;

/// Answer of a content sniff.
enum class Sniff { no, maybe, yes };

/// What a format is and can do.
struct FormatInfo {
  std::string id;                        ///< "xlsx", "csv", "xml" …
  std::string name;                      ///< human name ("Office Open XML 工作簿")
  std::vector<std::string> extensions;   ///< lower-case, without dot ("xlsx", "xlsm")
  bool can_read = false;                 ///< reading supported
  bool can_write = false;                ///< writing supported
  std::vector<std::string> option_keys;  ///< options honoured ("encoding", "sheet", "codepage" …)
};

/// One stored cell of a streamed row.
struct RowCell {
  std::uint32_t col = 0;  ///< zero-based column
  Cell cell;              ///< the value, exactly as Sheet::rows would hold it
};

/// What a streaming reader knows about a sheet before its first row.
struct SheetStart {
  std::string name;                 ///< sheet name as in the file
  bool hidden = false;              ///< hidden or very hidden
  bool merges_known = false;        ///< `merges` is final (else they come only with end_sheet)
  std::vector<MergedRange> merges;  ///< merged ranges, when known
};

/// What a sink asks for after the last row of a sheet.
enum class SheetEnd {
  done,    ///< the sheet is complete
  replay,  ///< send the sheet again from begin_sheet, now with merges_known (asked at most once)
};

/// Receives a workbook row by row from ContainerFormat::read_rows, so a grid → grid conversion
/// never holds the whole grid. Per read: for each sheet read() would have read, in file order,
/// begin_sheet, row for every row holding stored cells (ascending rows, each row's cells in
/// ascending, distinct columns), end_sheet; then the caller calls finish(). Readers reuse the
/// cells they pass, so a sink copies what it keeps. The public calls never throw.
class BUDCONV_API RowSink {
 public:
  /// `lang` is the language of the sink's own messages.
  explicit RowSink(Lang lang = Lang::zh) : lang_(lang) {}
  /// Virtual: sinks are used through this base.
  virtual ~RowSink();
  /// Starts a sheet.
  Status begin_sheet(const SheetStart& start) noexcept;
  /// One row of the current sheet (zero-based index) and its stored cells.
  Status row(std::uint32_t index, std::span<const RowCell> cells) noexcept;
  /// Ends the current sheet with its final merged ranges; may ask for a replay.
  Result<SheetEnd> end_sheet(std::span<const MergedRange> merges) noexcept;
  /// Completes the output after the last sheet (or none); output is incomplete without it.
  Status finish() noexcept;

 protected:
  /// Implementation of begin_sheet; may throw, the wrapper catches.
  virtual Status do_begin_sheet(const SheetStart& start) = 0;
  /// Implementation of row; may throw.
  virtual Status do_row(std::uint32_t index, std::span<const RowCell> cells) = 0;
  /// Implementation of end_sheet; may throw.
  virtual Result<SheetEnd> do_end_sheet(std::span<const MergedRange> merges) = 0;
  /// Implementation of finish; may throw. Default: nothing to complete.
  virtual Status do_finish() { return {}; }

 private:
  Lang lang_;
};

/// A spreadsheet container: file ⇄ Workbook.
class BUDCONV_API ContainerFormat {
 public:
  virtual ~ContainerFormat();
  /// Self-description.
  virtual FormatInfo info() const = 0;
  /// Looks at the first bytes (up to 4 KiB) and the file name.
  virtual Sniff sniff(std::span<const std::byte> head, std::string_view filename) const = 0;
  /// Reads `path` into `out`; never throws.
  Status read(const std::filesystem::path& path, const Options& options, Workbook& out) noexcept;
  /// Writes `book` to exactly `path` (the host handles temp + rename); never throws.
  Status write(const Workbook& book, const std::filesystem::path& path,
               const Options& options) noexcept;
  /// True when read_rows can stream this format.
  bool can_stream_read() const noexcept;
  /// Streams what read() would read into `sink` (see RowSink), applying the same options, caps
  /// and messages; never throws. An ErrorCode::unsupported Error means "this input cannot be
  /// streamed": the caller discards the sink's output and uses read().
  Status read_rows(const std::filesystem::path& path, const Options& options,
                   RowSink& sink) noexcept;
  /// True when open_rows can write this format row by row.
  bool can_stream_write() const noexcept;
  /// A sink that writes to exactly `path` what write() would write for the workbook streamed
  /// into it; never throws. The caller calls finish() and handles temp + rename.
  Result<std::unique_ptr<RowSink>> open_rows(const std::filesystem::path& path,
                                             const Options& options) noexcept;

 protected:
  /// Implementation of read; may throw, the wrapper catches.
  virtual Status do_read(const std::filesystem::path& path, const Options& options,
                         Workbook& out) = 0;
  /// Implementation of write; may throw. Default: unsupported.
  virtual Status do_write(const Workbook& book, const std::filesystem::path& path,
                          const Options& options);
  /// Implementation of can_stream_read. Default: false.
  virtual bool do_can_stream_read() const { return false; }
  /// Implementation of read_rows; may throw. Default: unsupported.
  virtual Status do_read_rows(const std::filesystem::path& path, const Options& options,
                              RowSink& sink);
  /// Implementation of can_stream_write. Default: false.
  virtual bool do_can_stream_write() const { return false; }
  /// Implementation of open_rows; may throw. Default: unsupported.
  virtual Result<std::unique_ptr<RowSink>> do_open_rows(const std::filesystem::path& path,
                                                        const Options& options);
};

/// A document format: file ⇄ Submission (canonical XML, upstream exports).
class BUDCONV_API DocumentFormat {
 public:
  virtual ~DocumentFormat();
  /// Self-description.
  virtual FormatInfo info() const = 0;
  /// Looks at the first bytes and the file name.
  virtual Sniff sniff(std::span<const std::byte> head, std::string_view filename) const = 0;
  /// Reads `path` into `out`; never throws.
  Status read(const std::filesystem::path& path, const Options& options, Submission& out) noexcept;
  /// Writes `doc` to exactly `path`; never throws.
  Status write(const Submission& doc, const std::filesystem::path& path,
               const Options& options) noexcept;

 protected:
  /// Implementation of read; may throw.
  virtual Status do_read(const std::filesystem::path& path, const Options& options,
                         Submission& out) = 0;
  /// Implementation of write; may throw. Default: unsupported.
  virtual Status do_write(const Submission& doc, const std::filesystem::path& path,
                          const Options& options);
};

/// Self-description of a template (a regional table layout).
struct TemplateInfo {
  std::string id;          ///< "hebei.goal.project"
  std::string region;      ///< "hebei"
  std::string name;        ///< "河北 预算项目绩效目标表"
  std::string definition;  ///< path of the mapping definition it was built from, if any
};

/// A template: Workbook ⇄ Submission, driven by a mapping definition.
class BUDCONV_API TemplateFormat {
 public:
  virtual ~TemplateFormat();
  /// Self-description.
  virtual TemplateInfo info() const = 0;
  /// Score 0..100 of how well `book` matches; `why` receives a short explanation.
  int detect(const Workbook& book, std::string& why) const noexcept;
  /// Reads a Submission from `book`; findings and losses go to `diags`; never throws.
  Status to_submission(const Workbook& book, const Options& options, Submission& out,
                       Diagnostics& diags) const noexcept;
  /// Lays `doc` out in this template; what cannot be held goes to `losses`; never throws.
  Status from_submission(const Submission& doc, const Options& options, Workbook& out,
                         Diagnostics& losses) const noexcept;

 protected:
  /// Implementation of detect; may throw (treated as 0).
  virtual int do_detect(const Workbook& book, std::string& why) const = 0;
  /// Implementation of to_submission; may throw.
  virtual Status do_to_submission(const Workbook& book, const Options& options, Submission& out,
                                  Diagnostics& diags) const = 0;
  /// Implementation of from_submission; may throw.
  virtual Status do_from_submission(const Submission& doc, const Options& options, Workbook& out,
                                    Diagnostics& losses) const = 0;
};

/// Identity of a plugin library.
struct PluginInfo {
  std::string id;           ///< "xlsx"
  std::string name;         ///< "XLSX 容器"
  std::string version;      ///< "1.0.0"
  std::string description;  ///< one line
};

/// What a plugin library hands to the host.
class BUDCONV_API Plugin {
 public:
  virtual ~Plugin();
  /// Identity.
  virtual PluginInfo info() const = 0;
  /// Spreadsheet containers it provides.
  virtual std::vector<std::shared_ptr<ContainerFormat>> containers() const { return {}; }
  /// Document formats it provides.
  virtual std::vector<std::shared_ptr<DocumentFormat>> documents() const { return {}; }
  /// Templates it provides.
  virtual std::vector<std::shared_ptr<TemplateFormat>> templates() const { return {}; }
  /// Named value transforms its templates use, offered to user definitions (`--template FILE`).
  virtual TransformSet transforms() const { return {}; }
};

/// Signature of the factory every plugin exports as "budconv_plugin_create".
using PluginFactory = std::shared_ptr<Plugin>() noexcept;

}  // namespace budconv

/// Name of the exported ABI stamp symbol (a `const std::uint32_t`).
#define BUDCONV_PLUGIN_ABI_SYMBOL "budconv_plugin_abi"
/// Name of the exported factory symbol.
#define BUDCONV_PLUGIN_FACTORY_SYMBOL "budconv_plugin_create"
