// A healthy test plugin: a container "probe" whose reader throws on purpose for files named
// "throw.probe", to prove that exceptions are turned into errors at the boundary.
#include <stdexcept>

#include "budconv/plugin_entry.hpp"

namespace {

class ProbeFormat : public budconv::ContainerFormat {
 public:
  budconv::FormatInfo info() const override {
    return {"probe", "test probe", {"probe"}, true, false, {}};
  }
  budconv::Sniff sniff(std::span<const std::byte>, std::string_view name) const override {
    return name.ends_with(".probe") ? budconv::Sniff::maybe : budconv::Sniff::no;
  }

 protected:
  budconv::Status do_read(const std::filesystem::path& path, const budconv::Options&,
                          budconv::Workbook& out) override {
    if (path.filename() == "throw.probe") throw std::runtime_error("probe exploded");
    out.add_sheet("probe").set(0, 0, budconv::Cell::make_text(path.filename().string()));
    return {};
  }
};

class ProbePlugin : public budconv::Plugin {
 public:
  budconv::PluginInfo info() const override { return {"probe", "test probe", "1.0.0", "test"}; }
  std::vector<std::shared_ptr<budconv::ContainerFormat>> containers() const override {
    return {std::make_shared<ProbeFormat>()};
  }
};

}  // namespace

BUDCONV_PLUGIN_ENTRY(std::make_shared<ProbePlugin>())
