// Entry point of the budconv_sichuan plugin library: Sichuan's goal-table templates (表6).
#include <mutex>

#include "budconv/plugin_entry.hpp"
#include "sichuan_templates.hpp"

namespace {

/// The plugin object: the templates defined in formats/sichuan/, loaded once on first use.
class SichuanPlugin final : public budconv::Plugin {
 public:
  budconv::PluginInfo info() const override {
    load();
    std::string description = "四川绩效目标申报表模板（formats/sichuan/）";
    if (!error_.empty()) description += "；模板定义无法加载：" + error_;
    return {"sichuan", "四川 (Sichuan) 模板", "1.0.0", description};
  }
  std::vector<std::shared_ptr<budconv::TemplateFormat>> templates() const override {
    load();
    return templates_;
  }

 private:
  void load() const {
    std::call_once(once_, [this] {
      auto loaded = budconv::sichuan::load_sichuan_templates(budconv::sichuan::sichuan_formats_dir(),
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

BUDCONV_PLUGIN_ENTRY(std::make_shared<SichuanPlugin>())
