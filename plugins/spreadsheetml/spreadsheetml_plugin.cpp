// Library entry of the spreadsheetml plugin: the ABI stamp and the factory the host looks up.
#include "budconv/plugin_entry.hpp"
#include "spreadsheetml_format.hpp"

BUDCONV_PLUGIN_ENTRY(budconv::spreadsheetml::make_plugin())
