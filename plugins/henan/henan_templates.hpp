/// @file henan_templates.hpp
/// The Henan (豫) templates: mapping definitions under formats/henan/ (部门(单位)预算项目绩效目标
/// 申报表, 实施期 and 年度 side by side) plus Henan's transforms.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "budconv/mapping.hpp"

namespace budconv::henan {

/// The transforms Henan definitions may name ("henan.markup").
TransformSet henan_transforms();
/// formats/henan under find_formats_dir(), or "" when no formats folder exists.
std::filesystem::path henan_formats_dir();
/// Builds one template per *.xml in `dir`, in file-name order; the first bad file is an Error.
Result<std::vector<std::shared_ptr<TemplateFormat>>> load_henan_templates(
    const std::filesystem::path& dir, Lang lang);

}  // namespace budconv::henan
