/// @file xlsx_dom.hpp
/// pugixml helpers for the small XLSX parts (workbook, relationships, styles).
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "budconv/diagnostics.hpp"
#include "budconv/result.hpp"

namespace budconv::xlsx {

/// Parses a small part into `doc`; refuses a DOCTYPE like the streaming parser does.
Status load_dom(std::string_view xml, pugi::xml_document& doc, const std::string& context,
                Lang lang);

/// The name without its namespace prefix ("x:sheet" → "sheet").
std::string_view local_name(const char* qualified);

/// First child element with local name `name`, or an empty node.
pugi::xml_node child_local(pugi::xml_node parent, std::string_view name);

/// Value of the attribute with local name `name` and a prefix ("r:id" for `name` = "id").
const char* prefixed_attr(pugi::xml_node node, std::string_view name);

/// True for "1" and "true" (xsd:boolean).
bool xml_true(std::string_view v);

}  // namespace budconv::xlsx
