/// @file template_fuzz.hpp
/// Structural fuzzing of a template's reader: a form the template wrote, damaged the ways people
/// and other programs damage forms (cells retyped, cleared or moved, rows inserted and deleted,
/// merges added and removed, numbers turned to text), is read or refused, never a crash.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "budconv/plugin.hpp"
#include "mutator.hpp"

namespace budconv::test {

/// Runs `cases` damaged copies of `form` through `t`: detect, then to_submission. Fails the test
/// on an internal error (an exception that escaped) or a refusal that is not one non-empty line.
FuzzTally fuzz_template(const TemplateFormat& t, const Workbook& form, int cases,
                        std::uint64_t seed);

/// Lays every canonical sample (samples/*.xml) out with each of `templates` that can hold it and
/// fuzzes each form `cases` times; the tally covers them all.
FuzzTally fuzz_templates_on_samples(const std::vector<std::shared_ptr<TemplateFormat>>& templates,
                                    int cases, std::uint64_t seed);

}  // namespace budconv::test
