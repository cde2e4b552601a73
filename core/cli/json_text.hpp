/// @file json_text.hpp
/// JSON string literals for the program's JSON outputs (loss report, validation report).
#pragma once

#include <string>
#include <string_view>

namespace budconv::cli {

/// `s` as a JSON string literal: quotes, backslashes and control characters escaped.
std::string json_string(std::string_view s);

}  // namespace budconv::cli
