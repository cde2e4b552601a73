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
inline constexpr std::uint32_t kPluginAbi = 3;

/// Answer of a content sniff.
enum class Sniff { no, maybe, yes };

/// What a format is and can do.
struct FormatInfo {
  std::string id;                       ///< "xlsx", "csv", "xml" …
  std::string name;                     ///< human name ("Office Open XML 工作簿")
  std::vector<std::string> extensions;  ///< lower-case, without dot ("xlsx", "xlsm")
  bool can_read = false;                ///< reading supported
  bool can_write = false;               ///< writing supported
  std::vector<std::string> option_keys; ///< options honoured ("encoding", "sheet", "codepage" …)
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

 protected:
  /// Implementation of read; may throw, the wrapper catches.
  virtual Status do_read(const std::filesystem::path& path, const Options& options,
                         Workbook& out) = 0;
  /// Implementation of write; may throw. Default: unsupported.
  virtual Status do_write(const Workbook& book, const std::filesystem::path& path,
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
  std::string id;           ///< "hebei.goal.project"
  std::string region;       ///< "hebei"
  std::string name;         ///< "河北 预算项目绩效目标表"
  std::string definition;   ///< path of the mapping definition it was built from, if any
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
