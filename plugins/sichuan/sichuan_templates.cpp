/// @file sichuan_templates.cpp
/// Builds Sichuan's templates from the definition files found at run time. Sichuan's forms need
/// no transform of their own: the built-in ones (money, level1, level2, text) cover them.
#include "sichuan_templates.hpp"

namespace budconv::sichuan {

std::filesystem::path sichuan_formats_dir() {
  const auto root = find_formats_dir(BUDCONV_SOURCE_FORMATS_DIR);
  if (root.empty()) return {};
  return root / "sichuan";
}

Result<std::vector<std::shared_ptr<TemplateFormat>>> load_sichuan_templates(
    const std::filesystem::path& dir, Lang lang) {
  return load_region_templates(dir, lang == Lang::en ? "Sichuan" : "四川", TransformSet{}, lang);
}

}  // namespace budconv::sichuan
