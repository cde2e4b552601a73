// Entry point of the budconv_henan plugin library: Henan's goal-table templates (绩效目标申报表).
#include "budconv/plugin_entry.hpp"
#include "budconv/region_plugin.hpp"
#include "henan_templates.hpp"

BUDCONV_PLUGIN_ENTRY(std::make_shared<budconv::RegionTemplatePlugin>(
    "henan", "河南 (Henan) 模板", "河南绩效目标申报表模板（formats/henan/）",
    [] {
      return budconv::henan::load_henan_templates(budconv::henan::henan_formats_dir(),
                                                  budconv::Lang::zh);
    },
    budconv::henan::henan_transforms()))
