// The xls ContainerFormat's identity and sniffing, and the plugin object.
#include "xls_format.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "budconv/file_io.hpp"
#include "xls_cfb.hpp"

namespace budconv::xls {

namespace {

/// `name` as the UTF-16LE bytes a compound-file directory entry stores.
std::string utf16_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    out += c;
    out += '\0';
  }
  return out;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

class XlsPlugin final : public Plugin {
 public:
  PluginInfo info() const override {
    return {"xls", "XLS 旧版 Excel 工作簿", "1.0.0",
            "Legacy Excel .xls (BIFF8/BIFF5, raw BIFF2-4) read through FreeXL"};
  }
  std::vector<std::shared_ptr<ContainerFormat>> containers() const override {
    return {std::make_shared<XlsFormat>()};
  }
};

}  // namespace

FormatInfo XlsFormat::info() const {
  return {"xls", "Excel 97-2003 工作簿 (.xls)", {"xls", "xlt"}, true, false, {"sheet", "codepage"}};
}

Sniff XlsFormat::sniff(std::span<const std::byte> head, std::string_view filename) const {
  const std::string_view bytes(reinterpret_cast<const char*>(head.data()), head.size());
  const std::string ext = lower_extension(filename);
  const bool xls_name = ext == "xls" || ext == "xlt";
  if (has_cfb_magic(bytes)) {
    // The directory often sits in the first 4 KiB of small files; when it does, its entry
    // names tell a workbook from a Word document or an encrypted OOXML package.
    if (contains(bytes, utf16_name("Workbook")) || contains(bytes, utf16_name("Book")) ||
        contains(bytes, utf16_name("WORKBOOK")))
      return Sniff::yes;
    if (contains(bytes, utf16_name("EncryptedPackage"))) return Sniff::maybe;
    if (contains(bytes, utf16_name("WordDocument")) ||
        contains(bytes, utf16_name("PowerPoint Document")))
      return Sniff::no;
    return xls_name ? Sniff::yes : Sniff::maybe;
  }
  // Excel 2–4 wrote a bare record stream: BOF type 0x0009/0x0209/0x0409 with a short body.
  if (bytes.size() >= 4 && bytes[0] == '\x09' &&
      (bytes[1] == '\x00' || bytes[1] == '\x02' || bytes[1] == '\x04')) {
    const unsigned len =
        static_cast<unsigned char>(bytes[2]) | (static_cast<unsigned char>(bytes[3]) << 8);
    if (len >= 4 && len <= 16) return xls_name ? Sniff::yes : Sniff::maybe;
  }
  return Sniff::no;
}

std::shared_ptr<Plugin> make_plugin() {
  return std::make_shared<XlsPlugin>();
}

}  // namespace budconv::xls
