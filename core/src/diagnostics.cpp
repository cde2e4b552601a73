/// @file diagnostics.cpp
/// Severity names, locations in "file: sheet!A1" form and one-line bilingual messages.
#include "budconv/diagnostics.hpp"

#include <algorithm>

namespace budconv {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Drops one final sentence mark so that the caller can add its own.
std::string without_final_stop(std::string s, bool english) {
  if (english) {
    if (ends_with(s, ".")) s.pop_back();
  } else if (ends_with(s, "。")) {
    s.resize(s.size() - std::string_view("。").size());
  } else if (ends_with(s, ".")) {
    s.pop_back();
  }
  return s;
}

}  // namespace

const char* severity_id(Severity s) noexcept {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

const char* severity_label(Severity s, bool english) noexcept {
  if (english) return severity_id(s);
  switch (s) {
    case Severity::info:
      return "提示";
    case Severity::warning:
      return "警告";
    case Severity::error:
      return "错误";
  }
  return "错误";
}

std::string Location::to_string() const {
  std::string place;
  if (!sheet.empty() && !cell.empty()) {
    place = sheet + "!" + cell;
  } else {
    place = sheet.empty() ? cell : sheet;
  }
  if (file.empty()) return place;
  if (place.empty()) return file;
  return file + ": " + place;
}

std::string Diagnostic::format(bool english) const {
  std::string out = severity_label(severity, english);
  if (!rule.empty()) out += " [" + rule + "]";
  const std::string where = location.to_string();
  if (!where.empty()) out += " " + where;
  std::string row = location.code;
  if (!location.name.empty()) row += (row.empty() ? "" : " ") + location.name;
  if (!row.empty()) out += " (" + row + ")";
  out += english ? ": " : "：";
  out += without_final_stop(message(english), english);
  if (!expected.empty() || !found.empty()) {
    if (english) {
      out += " (";
      if (!expected.empty()) out += "expected " + expected;
      if (!expected.empty() && !found.empty()) out += ", ";
      if (!found.empty()) out += "found " + found;
      out += ")";
    } else {
      out += "（";
      if (!expected.empty()) out += "应为 " + expected;
      if (!expected.empty() && !found.empty()) out += "，";
      if (!found.empty()) out += "实际 " + found;
      out += "）";
    }
  }
  out += english ? "." : "。";
  const std::string& hint = english ? hint_en : hint_zh;
  if (!hint.empty()) out += (english ? " " : "") + hint;
  // One line, whatever the parts contained.
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

void Diagnostics::add(Severity s, std::string rule, std::string zh, std::string en, Location loc) {
  Diagnostic d;
  d.severity = s;
  d.rule = std::move(rule);
  d.message_zh = std::move(zh);
  d.message_en = std::move(en);
  d.location = std::move(loc);
  items_.push_back(std::move(d));
}

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Diagnostics::merge(const Diagnostics& other) {
  // Copy first: `other` may be *this.
  const std::vector<Diagnostic> copy = other.items_;
  items_.insert(items_.end(), copy.begin(), copy.end());
}

}  // namespace budconv
