// The fast tokenizer of worksheet XML. Its one rule: never accept what expat would reject, and
// never report anything expat would report differently. Every check errs toward giving up —
// a give-up costs a second parse, a wrong acceptance would change a result — so it accepts only
// ASCII names, UTF-8 that is a valid XML character, entity and character references it can
// decode, and markup it fully understands.
#include "xlsx_sheet_scan.hpp"

#include <array>
#include <cstring>

namespace budconv::xlsx {

namespace {

constexpr std::size_t kMaxCarry = std::size_t{4} << 20;  // longest unfinished token carried
constexpr std::size_t kMaxDepth = 256;
constexpr std::size_t kMaxAttrs = 64;
constexpr std::size_t kMaxBindings = 256;
constexpr std::string_view kXmlUri = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kXmlnsUri = "http://www.w3.org/2000/xmlns/";

constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Byte classes. "Plain" bytes need no look in character data: in text everything printable but
// '<', '&' and '>'; in an attribute value also not the closing quote.
struct Tables {
  std::array<bool, 256> text{};
  std::array<bool, 256> attr_dq{};     // attribute value in "…"
  std::array<bool, 256> attr_sq{};     // attribute value in '…'
  std::array<bool, 256> name_start{};  // ASCII name start (no ':')
  std::array<bool, 256> name_char{};   // ASCII name character (no ':')
  constexpr Tables() {
    for (int c = 0x20; c < 0x80; ++c) {
      text[c] = c != '<' && c != '&' && c != '>';
      attr_dq[c] = c != '<' && c != '&' && c != '"';
      attr_sq[c] = c != '<' && c != '&' && c != '\'';
    }
    for (int c = 'a'; c <= 'z'; ++c) name_start[c] = name_char[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) name_start[c] = name_char[c] = true;
    for (int c = '0'; c <= '9'; ++c) name_char[c] = true;
    name_start['_'] = name_char['_'] = true;
    name_char['-'] = name_char['.'] = true;
  }
};
constexpr Tables kTables;

inline unsigned char byte(char c) {
  return static_cast<unsigned char>(c);
}

constexpr int kCut = -1;  // the data ends inside the sequence

// Length of the UTF-8 sequence at p (lead byte >= 0x80) when it encodes an XML character; 0 when
// not (malformed, overlong, surrogate, U+FFFE/U+FFFF, beyond U+10FFFF); kCut when cut off.
int utf8_char(const unsigned char* p, std::size_t avail) {
  const unsigned c = p[0];
  const int len = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (len == 0) return 0;
  for (int i = 1; i < len; ++i) {
    if (static_cast<std::size_t>(i) >= avail) return kCut;
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  if (len == 3) {
    if (c == 0xE0 && p[1] < 0xA0) return 0;
    if (c == 0xED && p[1] >= 0xA0) return 0;
    if (c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) return 0;
  } else if (len == 4) {
    if (c == 0xF0 && p[1] < 0x90) return 0;
    if (c == 0xF4 && p[1] >= 0x90) return 0;
  }
  return len;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

constexpr std::size_t kLongestReference = 12;  // "&#x0010FFFF;"

// Decodes the reference at data[i] == '&' onto out. The index after its ';'; 0 when it is not a
// predefined entity or a character reference to an XML character; SIZE_MAX when cut off.
std::size_t decode_reference(std::string_view data, std::size_t i, std::string& out) {
  const std::size_t window = std::min(data.size() - i, kLongestReference);
  const std::size_t semi = data.substr(i, window).find(';');
  if (semi == std::string_view::npos) return window < kLongestReference ? SIZE_MAX : 0;
  const std::string_view name = data.substr(i + 1, semi - 1);
  const std::size_t after = i + semi + 1;
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t cp = 0;
    for (char c : digits) {
      std::uint32_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return 0;
      }
      cp = cp * (hex ? 16 : 10) + d;
      if (cp > 0x10FFFF) return 0;
    }
    if (!xml_char(cp)) return 0;
    append_utf8(out, cp);
    return after;
  }
  if (same_name(name, "lt")) {
    out += '<';
  } else if (same_name(name, "gt")) {
    out += '>';
  } else if (same_name(name, "amp")) {
    out += '&';
  } else if (same_name(name, "quot")) {
    out += '"';
  } else if (same_name(name, "apos")) {
    out += '\'';
  } else {
    return 0;
  }
  return after;
}

// A name at data[i] ("x:c", "r", "xmlns:mc"): ASCII name characters with at most one ':'
// between two non-empty parts.
struct NameScan {
  std::size_t len = 0;    // 0: no such name here
  std::size_t colon = 0;  // offset of the ':' (0: unprefixed)
  bool cut = false;       // the data ended inside it
};

NameScan name_at(std::string_view data, std::size_t i) {
  NameScan r;
  const std::size_t start = i;
  const std::size_t n = data.size();
  if (i >= n) {
    r.cut = true;
    return r;
  }
  if (!kTables.name_start[byte(data[i])]) return r;
  ++i;
  while (true) {
    while (i < n && kTables.name_char[byte(data[i])]) ++i;
    if (i == n) {
      r.cut = true;
      return r;
    }
    if (data[i] != ':') break;
    if (r.colon != 0) return NameScan{};  // a second colon: left to expat
    if (i + 1 == n) {
      r.cut = true;
      return r;
    }
    if (!kTables.name_start[byte(data[i + 1])]) return NameScan{};
    r.colon = i - start;
    i += 2;
  }
  if (byte(data[i]) >= 0x80) return NameScan{};  // non-ASCII names are left to expat
  r.len = i - start;
  return r;
}

std::size_t skip_space(std::string_view data, std::size_t i) {
  while (i < data.size() && is_space(data[i])) ++i;
  return i;
}

// The pseudo-attributes of "<?xml version="1.0" encoding="UTF-8" standalone="yes"?>", in this
// order, with exactly these values (case aside for the encoding name).
bool xml_declaration_ok(std::string_view s) {
  std::string_view names[3], values[3];
  std::size_t count = 0, i = 0;
  while (true) {
    const std::size_t before = i;
    i = skip_space(s, i);
    if (i == s.size()) break;
    if (count == 3 || (count > 0 && i == before)) return false;
    const std::size_t name_start = i;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
    names[count] = s.substr(name_start, i - name_start);
    i = skip_space(s, i);
    if (i == s.size() || s[i] != '=') return false;
    i = skip_space(s, i + 1);
    if (i == s.size() || (s[i] != '"' && s[i] != '\'')) return false;
    const std::size_t close = s.find(s[i], i + 1);
    if (close == std::string_view::npos) return false;
    values[count++] = s.substr(i + 1, close - i - 1);
    i = close + 1;
  }
  std::size_t k = 0;
  if (k == count || names[k] != "version" || values[k] != "1.0") return false;
  ++k;
  if (k < count && names[k] == "encoding") {
    const std::string_view e = values[k];
    if (e.size() != 5 || (e[0] != 'u' && e[0] != 'U') || (e[1] != 't' && e[1] != 'T') ||
        (e[2] != 'f' && e[2] != 'F') || e[3] != '-' || e[4] != '8')
      return false;
    ++k;
  }
  if (k < count && names[k] == "standalone") {
    if (values[k] != "yes" && values[k] != "no") return false;
    ++k;
  }
  return k == count;
}

}  // namespace

SheetScanner::SheetScanner(XmlHandler& handler, const bool& stopped)
    : handler_(handler), stopped_(stopped), attr_scratch_(kMaxAttrs) {}

ScanStatus SheetScanner::feed(std::string_view chunk, bool last) {
  std::string_view data = chunk;
  const bool carried = !carry_.empty();
  if (carried) {
    carry_.append(chunk);
    data = carry_;
  }
  std::size_t pos = 0;
  switch (scan(data, pos)) {
    case Step::bail:
      return ScanStatus::bail;
    case Step::stopped:
      return ScanStatus::stopped;
    case Step::ok:
    case Step::need_more:
      break;
  }
  if (carried) {
    carry_.erase(0, pos);
  } else {
    carry_.assign(data.substr(pos));
  }
  if (carry_.size() > kMaxCarry) return ScanStatus::bail;
  if (!last) return ScanStatus::more;
  // Whatever is left unfinished at the end is an error expat will word.
  return carry_.empty() && phase_ == Phase::epilog ? ScanStatus::done : ScanStatus::bail;
}

SheetScanner::Step SheetScanner::scan(std::string_view data, std::size_t& pos) {
  while (pos < data.size()) {
    Step step = Step::ok;
    if (!started_) {
      step = start_of_document(data, pos);
    } else if (phase_ == Phase::body && data[pos] != '<') {
      step = text(data, pos);
    } else if (phase_ != Phase::body && is_space(data[pos])) {
      pos = skip_space(data, pos);
    } else if (data[pos] != '<') {
      return Step::bail;  // text outside the root element
    } else if (pos + 1 == data.size()) {
      return Step::need_more;
    } else if (data[pos + 1] == '/') {
      step = phase_ == Phase::body ? end_tag(data, pos) : Step::bail;
    } else if (data[pos + 1] == '!' || data[pos + 1] == '?' || phase_ == Phase::epilog) {
      return Step::bail;  // comment, CDATA, DOCTYPE, processing instruction, second root
    } else {
      step = start_tag(data, pos);
    }
    if (step != Step::ok) return step;
  }
  return Step::ok;
}

SheetScanner::Step SheetScanner::start_of_document(std::string_view data, std::size_t& pos) {
  // A short start that could still become a BOM or "<?xml " waits for more bytes.
  auto could_become = [&](std::size_t at, std::string_view full) {
    const std::string_view have = data.substr(at);
    return have.size() <= full.size() && full.substr(0, have.size()) == have;
  };
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  std::size_t i = pos;
  if (could_become(i, kBom)) return Step::need_more;
  if (data.substr(i, 3) == kBom) i += 3;
  if (could_become(i, "<?xml")) return Step::need_more;
  if (data.size() - i >= 6 && data.compare(i, 5, "<?xml") == 0 && is_space(data[i + 5])) {
    const std::size_t end = data.find("?>", i + 6);
    if (end == std::string_view::npos) return data.size() - i > 4096 ? Step::bail : Step::need_more;
    if (!xml_declaration_ok(data.substr(i + 6, end - i - 6))) return Step::bail;
    i = end + 2;
  }
  pos = i;
  started_ = true;
  return Step::ok;
}

bool SheetScanner::lookup(std::string_view prefix, std::string_view& uri,
                          std::size_t* index) const {
  for (std::size_t k = ns_used_; k-- > 0;) {
    if (same_name(ns_[k].prefix, prefix)) {
      uri = ns_[k].uri;
      if (index) *index = k;
      return true;
    }
  }
  return false;
}

std::size_t SheetScanner::chars(std::string_view data, std::size_t i, char stop,
                                std::string& scratch, std::string_view& out) {
  const bool attribute = stop != '<';
  const std::array<bool, 256>& plain = stop == '<'   ? kTables.text
                                       : stop == '"' ? kTables.attr_dq
                                                     : kTables.attr_sq;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t n = data.size();
  const std::size_t start = i;
  bool copied = false;
  std::size_t run = i;  // start of the bytes not yet copied to scratch
  while (true) {
    while (i < n && plain[p[i]]) ++i;
    if (i == n) return kNeedMore;
    const unsigned char c = p[i];
    if (c == static_cast<unsigned char>(stop)) break;
    if (c >= 0x80) {
      const int len = utf8_char(p + i, n - i);
      if (len == kCut) return kNeedMore;
      if (len == 0) return kBad;
      i += static_cast<std::size_t>(len);
    } else if (c == '&') {
      if (!copied) {
        scratch.clear();
        copied = true;
      }
      scratch.append(data.substr(run, i - run));
      i = decode_reference(data, i, scratch);
      if (i == SIZE_MAX) return kNeedMore;
      if (i == 0) return kBad;
      run = i;
    } else if (c == '>' || ((c == '"' || c == '\'') && attribute)) {
      // "]]>" may not appear in text; the other quote is plain in an attribute value.
      if (c == '>' && !attribute && i >= start + 2 && p[i - 1] == ']' && p[i - 2] == ']')
        return kBad;
      ++i;
    } else if ((c == '\t' || c == '\n') && !attribute) {
      ++i;  // attribute values would have them normalised to spaces: left to expat
    } else if (c == '\r' && !attribute) {
      // Line ends are normalised as expat does: "\r\n" and a lone "\r" become "\n".
      if (!copied) {
        scratch.clear();
        copied = true;
      }
      scratch.append(data.substr(run, i - run));
      scratch += '\n';
      ++i;
      if (i < n && p[i] == '\n') ++i;
      run = i;
    } else {
      return kBad;  // '<' in a value, whitespace to normalise in a value, control characters
    }
  }
  if (!copied) {
    out = data.substr(start, i - start);
  } else {
    scratch.append(data.substr(run, i - run));
    out = scratch;
  }
  return i;
}

SheetScanner::Step SheetScanner::text(std::string_view data, std::size_t& pos) {
  std::string_view decoded;
  const std::size_t end = chars(data, pos, '<', text_scratch_, decoded);
  if (end == kNeedMore) return Step::need_more;
  if (end == kBad) return Step::bail;
  pos = end;
  if (!decoded.empty()) handler_.text(decoded);
  return stopped_ ? Step::stopped : Step::ok;
}

SheetScanner::Step SheetScanner::end_tag(std::string_view data, std::size_t& pos) {
  const NameScan name = name_at(data, pos + 2);
  if (name.cut) return Step::need_more;
  if (name.len == 0) return Step::bail;
  const std::size_t gt = skip_space(data, pos + 2 + name.len);
  if (gt == data.size()) return Step::need_more;
  if (data[gt] != '>') return Step::bail;
  const std::string_view qname = data.substr(pos + 2, name.len);
  if (depth_ == 0 || !same_name(open_[depth_ - 1].qname, qname))
    return Step::bail;  // expat words it
  const Open& open = open_[depth_ - 1];
  const std::string_view ns = open.has_ns ? std::string_view(ns_[open.ns_index].uri) : "";
  handler_.end_element(ns, name.colon ? qname.substr(name.colon + 1) : qname);
  ns_used_ = open.ns_mark;
  if (--depth_ == 0) phase_ = Phase::epilog;
  pos = gt + 1;
  return stopped_ ? Step::stopped : Step::ok;
}

SheetScanner::Step SheetScanner::start_tag(std::string_view data, std::size_t& pos) {
  std::size_t i = pos + 1;
  const NameScan name = name_at(data, i);
  if (name.cut) return Step::need_more;
  if (name.len == 0) return Step::bail;
  const std::string_view qname = data.substr(i, name.len);
  i += name.len;
  raw_.clear();
  bool empty_element = false;
  bool declares = false;
  while (true) {
    const std::size_t before = i;
    i = skip_space(data, i);
    if (i >= data.size()) return Step::need_more;
    if (data[i] == '>') {
      ++i;
      break;
    }
    if (data[i] == '/') {
      if (i + 1 >= data.size()) return Step::need_more;
      if (data[i + 1] != '>') return Step::bail;
      i += 2;
      empty_element = true;
      break;
    }
    if (i == before || raw_.size() == kMaxAttrs) return Step::bail;
    const NameScan an = name_at(data, i);
    if (an.cut) return Step::need_more;
    if (an.len == 0) return Step::bail;
    const std::string_view attr_name = data.substr(i, an.len);
    i = skip_space(data, i + an.len);
    if (i >= data.size()) return Step::need_more;
    if (data[i] != '=') return Step::bail;
    i = skip_space(data, i + 1);
    if (i >= data.size()) return Step::need_more;
    const char quote = data[i];
    if (quote != '"' && quote != '\'') return Step::bail;
    std::string_view value;
    const std::size_t close = chars(data, i + 1, quote, attr_scratch_[raw_.size()], value);
    if (close == kNeedMore) return Step::need_more;
    if (close == kBad) return Step::bail;
    const std::string_view prefix = attr_name.substr(0, an.colon);
    const bool decl = an.colon ? same_name(prefix, "xmlns") : same_name(attr_name, "xmlns");
    declares = declares || decl;
    for (const RawAttr& seen : raw_) {
      if (same_name(seen.qname, attr_name)) return Step::bail;  // duplicate attribute
    }
    raw_.push_back(RawAttr{attr_name, value, an.colon, decl});
    i = close + 1;
  }

  // The whole tag is here. Namespace declarations first: they apply to the tag's own names.
  if (depth_ == kMaxDepth) return Step::bail;
  const std::size_t ns_mark = ns_used_;
  if (declares) {
    for (const RawAttr& a : raw_) {
      if (!a.declaration) continue;
      const std::string_view prefix = a.colon ? a.qname.substr(a.colon + 1) : std::string_view();
      const std::string_view uri = a.value;
      // expat refuses URIs holding its name separator (SafeXmlParser's is a space).
      if (same_name(prefix, "xml") || same_name(prefix, "xmlns") || uri == kXmlUri ||
          uri == kXmlnsUri || uri.find(' ') != std::string_view::npos || (a.colon && uri.empty()) ||
          ns_used_ == kMaxBindings)
        return Step::bail;
      if (ns_used_ == ns_.size()) ns_.emplace_back();
      ns_[ns_used_].prefix.assign(prefix);
      ns_[ns_used_].uri.assign(uri);
      ++ns_used_;
    }
  }

  std::string_view element_ns;
  std::size_t element_ns_index = 0;
  bool element_has_ns = lookup(qname.substr(0, name.colon), element_ns, &element_ns_index);
  if (!element_has_ns && name.colon) return Step::bail;              // unbound prefix
  if (element_has_ns && element_ns.empty()) element_has_ns = false;  // xmlns="" undeclares
  const std::string_view local = name.colon ? qname.substr(name.colon + 1) : qname;

  attrs_.clear();
  for (const RawAttr& a : raw_) {
    if (a.declaration) continue;
    std::string_view uri;
    const std::string_view attr_local = a.colon ? a.qname.substr(a.colon + 1) : a.qname;
    if (a.colon) {
      const std::string_view prefix = a.qname.substr(0, a.colon);
      if (same_name(prefix, "xml")) {
        uri = kXmlUri;
      } else if (!lookup(prefix, uri, nullptr) || uri.empty()) {
        return Step::bail;  // unbound prefix
      }
      for (const XmlAttr& seen : attrs_) {
        if (same_name(seen.ns, uri) && same_name(seen.name, attr_local))
          return Step::bail;  // the same expanded name twice
      }
    }
    attrs_.push_back(XmlAttr{uri, attr_local, a.value});
  }

  pos = i;
  phase_ = Phase::body;
  handler_.start_element(element_ns, local, attrs_);
  if (empty_element) {
    if (!stopped_) handler_.end_element(element_ns, local);
    ns_used_ = ns_mark;
    if (depth_ == 0) phase_ = Phase::epilog;
  } else {
    if (depth_ == open_.size()) open_.emplace_back();
    Open& open = open_[depth_++];
    open.qname.assign(qname);
    open.ns_mark = ns_mark;
    open.ns_index = element_ns_index;
    open.has_ns = element_has_ns;
  }
  return stopped_ ? Step::stopped : Step::ok;
}

}  // namespace budconv::xlsx
