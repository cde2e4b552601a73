/// @file henan_transforms.cpp
/// Value transforms specific to Henan's forms.
#include <array>

#include "henan_templates.hpp"

namespace budconv::henan {

namespace {

/// Henan's 预算管理 system exports rich-text cells (实施期目标 / 年度目标) with their HTML
/// paragraph tags: "<p>目标:提升…</p>". The tags are markup, not text; a line break stands for a
/// paragraph or <br> boundary between two paragraphs.
std::string strip_markup(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kTags{"<p>", "</p>", "<br>", "<br/>", "<br />"};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool tag = false;
    for (auto t : kTags) {
      if (text.substr(i, t.size()) == t) {
        // Between two paragraphs the boundary becomes a line break, at the ends nothing.
        const bool closing = t != "<p>";
        if (closing && !out.empty() && i + t.size() < text.size()) out += '\n';
        i += t.size();
        tag = true;
        break;
      }
    }
    if (!tag) out += text[i++];
  }
  // "</p><p>" gives one break, not two.
  std::string collapsed;
  for (char c : out) {
    if (c == '\n' && !collapsed.empty() && collapsed.back() == '\n') continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == '\n') collapsed.pop_back();
  return collapsed;
}

}  // namespace

TransformSet henan_transforms() {
  TransformSet set;
  set.add(ValueTransform{"henan.markup", strip_markup,
                         [](std::string_view text) { return std::string(text); }});
  return set;
}

}  // namespace budconv::henan
