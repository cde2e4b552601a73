// Library entry of the csv plugin: the ABI stamp and the factory the host looks up.
#include "budconv/plugin_entry.hpp"
#include "csv_format.hpp"

BUDCONV_PLUGIN_ENTRY(budconv::csv::make_plugin())
