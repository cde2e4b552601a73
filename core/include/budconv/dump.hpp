/// @file dump.hpp
/// Readable, deterministic text dumps of a Workbook and a Submission, used for golden files
/// (tests/…/*.golden) and by `budconv inspect --dump`.
#pragma once

#include <string>

#include "budconv/export.hpp"
#include "budconv/model.hpp"
#include "budconv/workbook.hpp"

namespace budconv {

/// One line per sheet header, merge and non-empty cell: `[Sheet1] B7 number "90816893.00"
/// fmt=#,##0.00`.
BUDCONV_API std::string dump_workbook(const Workbook& book);
/// Indented dump of every field of the model, amounts in 元 with their published unit noted.
BUDCONV_API std::string dump_submission(const Submission& doc);

}  // namespace budconv
