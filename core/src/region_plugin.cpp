// The shared plugin object of the region plugins: lazy, once-only loading of their definitions.
#include "budconv/region_plugin.hpp"

namespace budconv {

RegionTemplatePlugin::RegionTemplatePlugin(std::string id, std::string name,
                                           std::string description, Loader loader,
                                           TransformSet transforms)
    : id_(std::move(id)),
      name_(std::move(name)),
      description_(std::move(description)),
      loader_(std::move(loader)),
      transforms_(std::move(transforms)) {}

void RegionTemplatePlugin::load() const {
  // Loading reads definition files: done on first use, not at plugin load, so `budconv formats`
  // of an unrelated file never pays for it twice and a bad definition is reported, not fatal.
  std::call_once(once_, [this] {
    auto loaded = loader_();
    if (loaded) {
      templates_ = std::move(loaded).value();
    } else {
      error_ = loaded.error().message;
    }
  });
}

PluginInfo RegionTemplatePlugin::info() const {
  load();
  std::string description = description_;
  if (!error_.empty()) description += "；模板定义无法加载：" + error_;
  return {id_, name_, "1.0.0", description};
}

std::vector<std::shared_ptr<TemplateFormat>> RegionTemplatePlugin::templates() const {
  load();
  return templates_;
}

}  // namespace budconv
