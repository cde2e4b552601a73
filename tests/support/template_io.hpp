/// @file template_io.hpp
/// Laying a Submission out with a template and reading it back, failing the test on an error:
/// the two steps every template test repeats.
#pragma once

#include <memory>
#include <vector>

#include "budconv/plugin.hpp"
#include "budconv/result.hpp"

namespace budconv::test {

/// `doc` laid out by `t`; losses go to `losses` when given. A failed layout fails the test.
Workbook write_ok(const TemplateFormat& t, const Submission& doc, Diagnostics* losses = nullptr);
/// `book` read by `t`. Findings go to `diags` when given; otherwise an error-severity finding
/// fails the test, as a failed read does.
Submission read_ok(const TemplateFormat& t, const Workbook& book, Diagnostics* diags = nullptr);

/// The template `id` among what a region's loader returned; a failed load or a missing id fails
/// the test.
std::shared_ptr<TemplateFormat> template_by_id(
    const Result<std::vector<std::shared_ptr<TemplateFormat>>>& loaded, const std::string& id);

}  // namespace budconv::test
