// The XLSX plugin library: exports the ABI stamp and the factory the host looks for.
#include "budconv/plugin_entry.hpp"
#include "xlsx_format.hpp"

namespace {

/// The plugin object: one container format, "xlsx".
class XlsxPlugin final : public budconv::Plugin {
 public:
  budconv::PluginInfo info() const override {
    return {"xlsx", "XLSX 容器", "1.0.0",
            "Office Open XML workbooks: read with libzip + expat, write with libxlsxwriter"};
  }
  std::vector<std::shared_ptr<budconv::ContainerFormat>> containers() const override {
    return {std::make_shared<budconv::xlsx::XlsxFormat>()};
  }
};

}  // namespace

BUDCONV_PLUGIN_ENTRY(std::make_shared<XlsxPlugin>())
