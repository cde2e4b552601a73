// Entry point of the budconv_sichuan plugin library: Sichuan's goal-table template (表6) and its
// budget disclosure tables (表1 … 表5, the national set in 万元).
#include "budconv/plugin_entry.hpp"
#include "budconv/region_plugin.hpp"
#include "sichuan_templates.hpp"

BUDCONV_PLUGIN_ENTRY(std::make_shared<budconv::RegionTemplatePlugin>(
    "sichuan", "四川 (Sichuan) 模板", "四川绩效目标申报表与部门预算公开表模板（formats/sichuan/）",
    [] {
      return budconv::sichuan::load_sichuan_templates(budconv::sichuan::sichuan_formats_dir(),
                                                      budconv::Lang::zh);
    }))
