// The canonical XML document format: self-description, sniffing, and file I/O around the
// canonical XML text of core (budconv/submission_xml.hpp).
#include "xml_format.hpp"

#include "budconv/file_io.hpp"

namespace budconv::xml {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool ends_with_xml(std::string_view filename) {
  if (filename.size() < 4) return false;
  std::string_view ext = filename.substr(filename.size() - 4);
  return ext[0] == '.' && (ext[1] | 0x20) == 'x' && (ext[2] | 0x20) == 'm' &&
         (ext[3] | 0x20) == 'l';
}

}  // namespace

Sniff sniff_xml(std::span<const std::byte> head, std::string_view filename) {
  std::string_view s(reinterpret_cast<const char*>(head.data()), head.size());
  const Sniff other = ends_with_xml(filename) ? Sniff::maybe : Sniff::no;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  // Skip the prolog: blanks, the declaration, processing instructions, comments, a DOCTYPE.
  for (;;) {
    while (!s.empty() && is_blank(s[0])) s.remove_prefix(1);
    std::string_view close;
    if (s.substr(0, 2) == "<?")
      close = "?>";
    else if (s.substr(0, 4) == "<!--")
      close = "-->";
    else if (s.substr(0, 9) == "<!DOCTYPE")
      close = s.find('[') < s.find('>') ? "]>" : ">";
    else
      break;
    auto end = s.find(close);
    if (end == std::string_view::npos) return other;  // prolog longer than the head
    s.remove_prefix(end + close.size());
  }
  if (s.empty()) return other;
  if (s[0] != '<') return Sniff::no;  // not XML at all, whatever its name
  constexpr std::string_view kRoot = "<submission";
  if (s.substr(0, kRoot.size()) != kRoot || s.size() == kRoot.size()) return other;
  const char after = s[kRoot.size()];
  if (!is_blank(after) && after != '>' && after != '/') return other;
  const std::string_view tag = s.substr(0, s.find('>'));
  const std::string ns(kNamespace);
  if (tag.find("xmlns=\"" + ns + "\"") != std::string_view::npos ||
      tag.find("xmlns='" + ns + "'") != std::string_view::npos) {
    return Sniff::yes;
  }
  return other;
}

FormatInfo XmlDocumentFormat::info() const {
  FormatInfo fi;
  fi.id = "xml";
  fi.name = "budconv 规范 XML (canonical XML, urn:budconv:submission:1)";
  fi.extensions = {"xml"};
  fi.can_read = true;
  fi.can_write = true;
  return fi;
}

Sniff XmlDocumentFormat::sniff(std::span<const std::byte> head, std::string_view filename) const {
  return sniff_xml(head, filename);
}

Status XmlDocumentFormat::do_read(const std::filesystem::path& path, const Options& options,
                                  Submission& out) {
  Result<std::string> bytes = read_file_bounded(path, kMaxFileBytes, options.lang);
  if (!bytes) return bytes.error();
  Result<Submission> doc =
      parse_submission_xml(bytes.value(), display_name(path, options), options.lang);
  if (!doc) return doc.error();
  out = std::move(doc).value();
  out.source_file = path.string();
  return {};
}

Status XmlDocumentFormat::do_write(const Submission& doc, const std::filesystem::path& path,
                                   const Options& options) {
  Result<std::string> bytes = to_submission_xml(doc, options.lang);
  if (!bytes) return bytes.error();
  return write_bytes(path, bytes.value(), display_name(path, options), options.lang);
}

}  // namespace budconv::xml
