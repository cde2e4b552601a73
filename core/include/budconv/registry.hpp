/// @file registry.hpp
/// Finds, loads and keeps plugin libraries; answers "which format reads this file?".
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "budconv/export.hpp"
#include "budconv/plugin.hpp"

namespace budconv {

/// A plugin library that could not be used, with the reason (shown by `budconv formats`).
struct PluginFailure {
  std::filesystem::path path;  ///< the library file
  std::string reason_zh;       ///< why, Chinese
  std::string reason_en;       ///< why, English
};

/// A loaded plugin and the library it came from.
struct LoadedPlugin {
  PluginInfo info;                 ///< identity
  std::filesystem::path path;      ///< library file ("" when linked in directly)
  std::shared_ptr<Plugin> plugin;  ///< the plugin object
};

/// Which kind of reader/writer a detection picked.
enum class FormatKind { container, document };

/// A format picked for a file.
struct FormatChoice {
  FormatKind kind = FormatKind::container;     ///< container or document
  std::shared_ptr<ContainerFormat> container;  ///< set when kind == container
  std::shared_ptr<DocumentFormat> document;    ///< set when kind == document
  std::string id;                              ///< the format id
};

/// Owns plugin libraries for the life of the process (libraries are unloaded only after every
/// plugin object they created has been released, because `libs_` is destroyed last).
class BUDCONV_API Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// Default search path: $BUDCONV_PLUGIN_PATH (':'-separated), the build tree, and
  /// <exe dir>/plugins and <exe dir>/../lib/budconv/plugins.
  static std::vector<std::filesystem::path> default_search_path();
  /// Loads every "budconv_*.so" (or .dylib/.dll) in `dir`; failures are recorded, never thrown.
  void load_directory(const std::filesystem::path& dir);
  /// Loads one library; returns false and records a failure when it cannot be used.
  bool load_file(const std::filesystem::path& file);
  /// Loads from every directory of default_search_path(); a plugin id seen twice is kept once.
  void load_default();
  /// Registers a plugin linked into the program (tests).
  void add(std::shared_ptr<Plugin> plugin);

  /// Loaded plugins in load order.
  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  /// Libraries that failed, with reasons.
  const std::vector<PluginFailure>& failures() const { return failures_; }

  /// All container formats.
  std::vector<std::shared_ptr<ContainerFormat>> containers() const;
  /// All document formats.
  std::vector<std::shared_ptr<DocumentFormat>> documents() const;
  /// All templates.
  std::vector<std::shared_ptr<TemplateFormat>> templates() const;

  /// The format with id `id` (container or document), or an Error listing the known ids.
  Result<FormatChoice> find(const std::string& id, Lang lang) const;
  /// Chooses a reader for `path`: content sniff first (yes beats maybe), then the extension.
  Result<FormatChoice> detect_input(const std::filesystem::path& path, Lang lang) const;
  /// Chooses a writer for `path` by its extension; where several formats share the extension
  /// (".xml": canonical XML and Excel 2003 XML), one of kind `prefer` wins.
  Result<FormatChoice> detect_output(const std::filesystem::path& path, Lang lang,
                                     std::optional<FormatKind> prefer = std::nullopt) const;

 private:
  struct Libs;
  std::unique_ptr<Libs> libs_;  // declared first: destroyed last
  std::vector<LoadedPlugin> plugins_;
  std::vector<PluginFailure> failures_;
};

}  // namespace budconv
