/// @file region_plugin.hpp
/// The plugin object every region plugin (hebei, henan, sichuan …) hands to the host: its
/// templates are the mapping definitions of formats/<region>/, loaded once on first use.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "budconv/export.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// A region's templates as a Plugin; a definition that fails to load is named in info().
class BUDCONV_API RegionTemplatePlugin : public Plugin {
 public:
  /// Builds the region's templates; called once, on first use.
  using Loader = std::function<Result<std::vector<std::shared_ptr<TemplateFormat>>>()>;
  /// `id` = region id ("hebei"); `name` and `description` are shown by `budconv formats`.
  RegionTemplatePlugin(std::string id, std::string name, std::string description, Loader loader,
                       TransformSet transforms = {});
  /// Identity; the description names a definition that could not be loaded.
  PluginInfo info() const override;
  /// The region's templates (none when the definitions could not be loaded).
  std::vector<std::shared_ptr<TemplateFormat>> templates() const override;
  /// The region's own value transforms.
  TransformSet transforms() const override { return transforms_; }

 private:
  void load() const;

  std::string id_, name_, description_;
  Loader loader_;
  TransformSet transforms_;
  mutable std::once_flag once_;
  mutable std::vector<std::shared_ptr<TemplateFormat>> templates_;
  mutable std::string error_;
};

}  // namespace budconv
