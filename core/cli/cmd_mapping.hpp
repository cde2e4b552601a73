/// @file cmd_mapping.hpp
/// `budconv mapping check FILE`: validates a mapping definition (formats/schema/mapping.md).
#pragma once

#include "cli.hpp"

namespace budconv::cli {

/// Registers `budconv mapping check FILE…`.
Command add_mapping_command(CLI::App& app, const Global& g);

}  // namespace budconv::cli
