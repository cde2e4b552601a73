// Entry point of the budconv_hebei plugin library: Hebei's goal-table templates.
#include <mutex>

#include "budconv/plugin_entry.hpp"
#include "hebei_templates.hpp"

namespace {

/// The plugin object: the templates defined in formats/hebei/, loaded once on first use.
class HebeiPlugin final : public budconv::Plugin {
 public:
  budconv::PluginInfo info() const override {
    load();
    std::string description = "河北绩效目标表模板（formats/hebei/）";
    if (!error_.empty()) description += "；模板定义无法加载：" + error_;
    return {"hebei", "河北 (Hebei) 模板", "1.0.0", description};
  }
  std::vector<std::shared_ptr<budconv::TemplateFormat>> templates() const override {
    load();
    return templates_;
  }

 private:
  void load() const {
    std::call_once(once_, [this] {
      auto loaded = budconv::hebei::load_hebei_templates(budconv::hebei::hebei_formats_dir(),
                                                         budconv::Lang::zh);
      if (loaded) {
        templates_ = std::move(loaded).value();
      } else {
        error_ = loaded.error().message;
      }
    });
  }

  mutable std::once_flag once_;
  mutable std::vector<std::shared_ptr<budconv::TemplateFormat>> templates_;
  mutable std::string error_;
};

}  // namespace

BUDCONV_PLUGIN_ENTRY(std::make_shared<HebeiPlugin>())
