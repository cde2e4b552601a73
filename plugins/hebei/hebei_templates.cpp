/// @file hebei_templates.cpp
/// Builds Hebei's templates from the definition files found at run time, so that a corrected
/// definition takes effect without recompiling. Finding and loading the files is core's
/// (load_region_templates); Hebei adds only its transforms.
#include "hebei_templates.hpp"

namespace budconv::hebei {

std::filesystem::path hebei_formats_dir() {
  const auto root = find_formats_dir(BUDCONV_SOURCE_FORMATS_DIR);
  if (root.empty()) return {};
  return root / "hebei";
}

Result<std::vector<std::shared_ptr<TemplateFormat>>> load_hebei_templates(
    const std::filesystem::path& dir, Lang lang) {
  return load_region_templates(dir, lang == Lang::en ? "Hebei" : "河北", hebei_transforms(), lang);
}

}  // namespace budconv::hebei
