// The lexical rules that the canonical XML reader, writer and submission.xsd share.
#include "submission_xml_lex.hpp"

#include <charconv>
#include <cstdio>

#include "budconv/encoding.hpp"
#include "budconv/submission_xml.hpp"
#include "budconv/vocabulary.hpp"

namespace budconv::xml {

namespace {

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

}  // namespace budconv::xml
