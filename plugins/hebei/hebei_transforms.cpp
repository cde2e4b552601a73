/// @file hebei_transforms.cpp
/// Value transforms specific to Hebei's forms.
#include <cctype>

#include "hebei_templates.hpp"

namespace budconv::hebei {

namespace {

/// 项目编码 such as "1308002180NBHMV4FV2C2": PDF-to-text and re-typing break them with blanks
/// and lower-case letters; the code itself is ASCII letters and digits only.
std::string project_code(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isspace(u)) continue;
    out += u < 0x80 ? static_cast<char>(std::toupper(u)) : c;
  }
  return out;
}

}  // namespace

TransformSet hebei_transforms() {
  TransformSet set;
  set.add(ValueTransform{"hebei.project-code", project_code,
                         [](std::string_view text) { return std::string(text); }});
  return set;
}

}  // namespace budconv::hebei
