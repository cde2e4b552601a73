/// @file sichuan_templates.hpp
/// The Sichuan (川) templates: mapping definitions under formats/sichuan/ (表6 项目绩效目标申报表,
/// and budget-tables.xml: 表1 … 表5 of the national 部门预算公开 set, not taken from the seeds).
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "budconv/mapping.hpp"

namespace budconv::sichuan {

/// formats/sichuan under find_formats_dir(), or "" when no formats folder exists.
std::filesystem::path sichuan_formats_dir();
/// Builds one template per *.xml in `dir`, in file-name order; the first bad file is an Error.
Result<std::vector<std::shared_ptr<TemplateFormat>>> load_sichuan_templates(
    const std::filesystem::path& dir, Lang lang);

}  // namespace budconv::sichuan
