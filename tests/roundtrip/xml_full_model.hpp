/// @file xml_full_model.hpp
/// A Submission built in code that sets every field of the canonical model, shared by the XML
/// round-trip, schema and fuzz tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "budconv/model.hpp"

namespace budconv::test {

/// Every field of every model struct set at least once, with awkward values (escapes, blanks,
/// 4- and 6-decimal 万元 amounts, nested detail rows, empty and whitespace-only texts).
Submission full_model();

/// Every canonical XML file under samples/ (recursive; files whose content sniffs as canonical
/// XML, so Excel 2003 XML samples are left out). Empty while samples are being written.
std::vector<std::filesystem::path> canonical_xml_samples();

}  // namespace budconv::test
