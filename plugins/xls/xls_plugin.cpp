// Library entry of the xls plugin: the ABI stamp and the factory the host looks up.
#include "budconv/plugin_entry.hpp"
#include "xls_format.hpp"

BUDCONV_PLUGIN_ENTRY(budconv::xls::make_plugin())
