/// @file henan_templates.cpp
/// Builds Henan's templates from the definition files found at run time.
#include "henan_templates.hpp"

namespace budconv::henan {

std::filesystem::path henan_formats_dir() {
  const auto root = find_formats_dir(BUDCONV_SOURCE_FORMATS_DIR);
  if (root.empty()) return {};
  return root / "henan";
}

Result<std::vector<std::shared_ptr<TemplateFormat>>> load_henan_templates(
    const std::filesystem::path& dir, Lang lang) {
  return load_region_templates(dir, lang == Lang::en ? "Henan" : "河南", henan_transforms(), lang);
}

}  // namespace budconv::henan
