/// @file hebei_templates.cpp
/// Builds Hebei's templates from the definition files found at run time, so that a corrected
/// definition takes effect without recompiling.
#include "hebei_templates.hpp"

#include <algorithm>
#include <system_error>

namespace budconv::hebei {

std::filesystem::path hebei_formats_dir() {
  const auto root = find_formats_dir(BUDCONV_SOURCE_FORMATS_DIR);
  if (root.empty()) return {};
  return root / "hebei";
}

Result<std::vector<std::shared_ptr<TemplateFormat>>> load_hebei_templates(
    const std::filesystem::path& dir, Lang lang) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".xml") files.push_back(it->path());
  }
  if (ec || files.empty()) {
    return make_error(ErrorCode::plugin,
                      lang == Lang::en ? "no Hebei template definitions in " + dir.string()
                                       : "在 " + dir.string() + " 中未找到河北模板定义");
  }
  std::sort(files.begin(), files.end());
  std::vector<std::shared_ptr<TemplateFormat>> out;
  for (const auto& f : files) {
    auto def = load_mapping(f, lang);
    if (!def) return def.error();
    auto tmpl = MappingTemplate::create(std::move(def).value(), hebei_transforms(), lang);
    if (!tmpl) return tmpl.error();
    out.push_back(std::move(tmpl).value());
  }
  return out;
}

}  // namespace budconv::hebei
