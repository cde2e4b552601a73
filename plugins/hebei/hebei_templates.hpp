/// @file hebei_templates.hpp
/// The Hebei (冀) templates: mapping definitions under formats/hebei/ plus Hebei's transforms.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "budconv/mapping.hpp"

namespace budconv::hebei {

/// The transforms Hebei definitions may name ("hebei.project-code").
TransformSet hebei_transforms();
/// formats/hebei under find_formats_dir(), or "" when no formats folder exists.
std::filesystem::path hebei_formats_dir();
/// Builds one template per *.xml in `dir`, in file-name order; the first bad file is an Error.
Result<std::vector<std::shared_ptr<TemplateFormat>>> load_hebei_templates(
    const std::filesystem::path& dir, Lang lang);

}  // namespace budconv::hebei
