// Entry point of the budconv_xml plugin library: the canonical XML document format.
#include "budconv/plugin_entry.hpp"
#include "xml_format.hpp"

namespace {

/// The plugin object: one document format.
class XmlPlugin final : public budconv::Plugin {
 public:
  budconv::PluginInfo info() const override {
    return {"xml", "规范 XML (canonical XML)", "1.0.0",
            "budconv canonical XML, lossless, schema formats/schema/submission.xsd"};
  }
  std::vector<std::shared_ptr<budconv::DocumentFormat>> documents() const override {
    return {std::make_shared<budconv::xml::XmlDocumentFormat>()};
  }
};

}  // namespace

BUDCONV_PLUGIN_ENTRY(std::make_shared<XmlPlugin>())
