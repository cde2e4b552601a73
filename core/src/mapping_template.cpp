/// @file mapping_template.cpp
/// The TemplateFormat every region plugin hands out: a definition plus its transforms, and where
/// definition files live at run time (env, installed share folder, then the source tree).
#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <cstdlib>
#include <system_error>

#include "budconv/mapping.hpp"
#include "mapping_text.hpp"

namespace budconv {

bool is_goal_column(std::string_view name) {
  return name.rfind("goal.", 0) == 0 || name.rfind("budget.", 0) == 0 || name == "objective";
}

void TransformSet::add(ValueTransform transform) {
  for (auto& t : items_) {
    if (t.name == transform.name) {
      t = std::move(transform);
      return;
    }
  }
  items_.push_back(std::move(transform));
}

const ValueTransform* TransformSet::find(std::string_view name) const {
  for (const auto& t : items_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const std::vector<std::string>& builtin_transforms() {
  static const std::vector<std::string> names{"text",   "compact", "money", "percent",
                                              "target", "level1",  "level2"};
  return names;
}

Status check_transforms(const MappingDefinition& def, const TransformSet& transforms, Lang lang) {
  const auto& builtin = builtin_transforms();
  const auto check = [&](const std::vector<std::string>& names, int line) -> Status {
    for (const auto& n : names) {
      if (std::find(builtin.begin(), builtin.end(), n) != builtin.end()) continue;
      if (transforms.find(n) != nullptr) continue;
      const std::string file = def.path.empty() ? def.id : def.path.string();
      return make_error(
          ErrorCode::format,
          mapping_detail::msg(
              lang,
              "映射定义 " + file + " 第 " + std::to_string(line) + " 行：未知的值变换「" + n + "」",
              "mapping definition " + file + " line " + std::to_string(line) +
                  ": unknown transform \"" + n + "\""));
    }
    return {};
  };
  for (const auto& f : def.fields) {
    if (Status s = check(f.transforms, f.line); !s) return s;
  }
  for (const auto& c : def.columns) {
    if (Status s = check(c.transforms, c.line); !s) return s;
  }
  for (const auto& l : def.lists) {
    if (Status s = check(l.transforms, l.line); !s) return s;
  }
  return {};
}

MappingTemplate::MappingTemplate(MappingDefinition def, TransformSet transforms)
    : def_(std::move(def)), transforms_(std::move(transforms)) {}

Result<std::shared_ptr<MappingTemplate>> MappingTemplate::create(MappingDefinition def,
                                                                 TransformSet transforms,
                                                                 Lang lang) {
  if (Status s = check_transforms(def, transforms, lang); !s) return s.error();
  return std::shared_ptr<MappingTemplate>(
      new MappingTemplate(std::move(def), std::move(transforms)));
}

TemplateInfo MappingTemplate::info() const {
  return TemplateInfo{def_.id, def_.region, def_.name, def_.path.string()};
}

int MappingTemplate::do_detect(const Workbook& book, std::string& why) const {
  if (def_.model == "budget") return detect_budget_with_mapping(def_, book, why);
  return detect_with_mapping(def_, book, why);
}

Status MappingTemplate::do_to_submission(const Workbook& book, const Options& options,
                                         Submission& out, Diagnostics& diags) const {
  if (def_.model == "budget") return read_budget_with_mapping(def_, book, options, out, diags);
  return read_with_mapping(def_, transforms_, book, options, out, diags);
}

Status MappingTemplate::do_from_submission(const Submission& doc, const Options& options,
                                           Workbook& out, Diagnostics& losses) const {
  if (def_.model == "budget") return write_budget_with_mapping(def_, doc, options, out, losses);
  return write_with_mapping(def_, transforms_, doc, options, out, losses);
}

Result<std::shared_ptr<TemplateFormat>> load_template_file(const std::filesystem::path& path,
                                                           const TransformSet& transforms,
                                                           Lang lang) {
  auto def = load_mapping(path, lang);
  if (!def) return def.error();
  auto t = MappingTemplate::create(std::move(def).value(), transforms, lang);
  if (!t) return t.error();
  return std::shared_ptr<TemplateFormat>(std::move(t).value());
}

Result<std::vector<std::shared_ptr<TemplateFormat>>> load_region_templates(
    const std::filesystem::path& dir, const std::string& region_name,
    const TransformSet& transforms, Lang lang) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".xml") files.push_back(it->path());
  }
  if (ec || files.empty()) {
    return make_error(
        ErrorCode::plugin,
        mapping_detail::msg(lang, "在 " + dir.string() + " 中未找到" + region_name + "模板定义",
                            "no " + region_name + " template definitions in " + dir.string()));
  }
  // File-name order, so that the template list (and ties in detection) is stable across systems.
  std::sort(files.begin(), files.end());
  std::vector<std::shared_ptr<TemplateFormat>> out;
  for (const auto& f : files) {
    auto t = load_template_file(f, transforms, lang);
    if (!t) return t.error();
    out.push_back(std::move(t).value());
  }
  return out;
}

std::filesystem::path find_formats_dir(const std::filesystem::path& compiled_fallback) {
  std::error_code ec;
  if (const char* env = std::getenv("BUDCONV_FORMATS_DIR"); env != nullptr && *env != '\0') {
    if (std::filesystem::is_directory(env, ec)) return env;
  }
  boost::dll::fs::error_code bec;
  const auto exe = boost::dll::program_location(bec);
  if (!bec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "budconv" / "formats";
    if (std::filesystem::is_directory(installed, ec)) return installed;
  }
  if (!compiled_fallback.empty() && std::filesystem::is_directory(compiled_fallback, ec)) {
    return compiled_fallback;
  }
  return {};
}

}  // namespace budconv
