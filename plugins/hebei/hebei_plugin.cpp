// Entry point of the budconv_hebei plugin library: Hebei's goal-table templates.
#include "budconv/plugin_entry.hpp"
#include "budconv/region_plugin.hpp"
#include "hebei_templates.hpp"

BUDCONV_PLUGIN_ENTRY(std::make_shared<budconv::RegionTemplatePlugin>(
    "hebei", "河北 (Hebei) 模板", "河北绩效目标表模板（formats/hebei/）",
    [] {
      return budconv::hebei::load_hebei_templates(budconv::hebei::hebei_formats_dir(),
                                                  budconv::Lang::zh);
    },
    budconv::hebei::hebei_transforms()))
