// The canonical XML document format: self-description, sniffing, file I/O around the byte-level
// reader and writer, and the lexical rules that reader, writer and submission.xsd share.
#include "xml_format.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>

#include "budconv/encoding.hpp"
#include "budconv/file_io.hpp"
#include "budconv/vocabulary.hpp"

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

// Core's vocabulary answers with the id itself for ids it does not know, and every known id has a
// Chinese label that differs from its ASCII id: so "has a label" is "is known", with no second
// list.
bool known(std::string (*label)(std::string_view, bool), std::string_view id) {
  return !id.empty() && label(id, false) != id;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool is_submission_kind(std::string_view id) {
  return known(submission_kind_label, id);
}
bool is_table_kind(std::string_view id) {
  return known(table_kind_label, id);
}
bool is_goal_kind(std::string_view id) {
  return known(goal_kind_label, id);
}
bool is_scope(std::string_view id) {
  return known(scope_label, id);
}

bool is_identifier(std::string_view id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool is_amount_lexical(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view frac = text.substr(dot + 1);
  return all_digits(text.substr(0, dot)) && all_digits(frac) && frac.size() >= 2 &&
         frac.size() <= 6;
}

bool is_decimal_lexical(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return all_digits(text);
  std::string_view frac = text.substr(dot + 1);
  return all_digits(text.substr(0, dot)) && all_digits(frac) && frac.size() <= 18;
}

std::optional<int> parse_int(std::string_view text) {
  std::string_view digits = text.substr(!text.empty() && text[0] == '-' ? 1 : 0);
  if (!all_digits(digits)) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

bool is_xml_char(char32_t cp) noexcept {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  if (cp <= 0xD7FF) return true;
  if (cp < 0xE000) return false;  // surrogates
  if (cp <= 0xFFFD) return true;
  return cp >= 0x10000 && cp <= 0x10FFFF;
}

std::optional<BadChar> find_bad_char(std::string_view text) {
  const std::optional<std::size_t> bad_utf8 = find_invalid_utf8(text);
  // Valid UTF-8 has no surrogates and nothing above U+10FFFF, so what XML 1.0 still forbids is
  // the C0 controls other than TAB/LF/CR and the two non-characters U+FFFE and U+FFFF.
  const std::size_t end = bad_utf8.value_or(text.size());
  for (std::size_t i = 0; i < end; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 && !is_xml_char(b)) return BadChar{i, CharProblem::not_xml_char, b};
    if (b == 0xEF && i + 2 < end && text[i + 1] == '\xBF' &&
        (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      return BadChar{i, CharProblem::not_xml_char, text[i + 2] == '\xBE' ? 0xFFFEu : 0xFFFFu};
    }
  }
  if (bad_utf8) return BadChar{*bad_utf8, CharProblem::bad_utf8, 0};
  return std::nullopt;
}

std::string describe_bad_char(std::string_view text, const BadChar& bad, bool english) {
  char buf[32];
  if (bad.problem == CharProblem::bad_utf8) {
    const unsigned byte =
        bad.offset < text.size() ? static_cast<unsigned char>(text[bad.offset]) : 0;
    std::snprintf(buf, sizeof buf, "0x%02X", byte);
    return english ? std::string("invalid UTF-8 byte ") + buf
                   : std::string("无效的 UTF-8 字节 ") + buf;
  }
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(bad.code_point));
  return english ? std::string("character ") + buf + " is not allowed in XML"
                 : std::string("XML 不允许的字符 ") + buf;
}

std::string shorten(std::string_view text) {
  constexpr std::size_t kKeep = 60;
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < kKeep) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
    if (i + len > text.size()) break;
    if (b < 0x20 || b == 0x7F) {
      out += ' ';
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  if (i < text.size()) out += "…";
  return out;
}

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
  Submission doc;
  Status st = read_xml(bytes.value(), display_name(path, options), options.lang, doc);
  if (!st) return st;
  doc.source_file = path.string();
  out = std::move(doc);
  return {};
}

Status XmlDocumentFormat::do_write(const Submission& doc, const std::filesystem::path& path,
                                   const Options& options) {
  Result<std::string> bytes = write_xml(doc, options.lang);
  if (!bytes) return bytes.error();
  return write_bytes(path, bytes.value(), display_name(path, options), options.lang);
}

}  // namespace budconv::xml
