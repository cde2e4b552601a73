/// @file plugin_entry.hpp
/// Include in exactly one file of a plugin DSO and invoke BUDCONV_PLUGIN_ENTRY(expr) with an
/// expression that returns std::shared_ptr<budconv::Plugin>. Exports the ABI stamp and factory.
#pragma once

#include <boost/dll/alias.hpp>
#include <cstdint>
#include <memory>

#include "budconv/plugin.hpp"

/// Defines the exported ABI stamp and a noexcept factory returning `make_expr`.
#define BUDCONV_PLUGIN_ENTRY(make_expr)                                                        \
  extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t budconv_plugin_abi;                       \
  extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t budconv_plugin_abi = budconv::kPluginAbi; \
  namespace budconv_plugin_detail {                                                            \
  std::shared_ptr<budconv::Plugin> create() noexcept {                                         \
    try {                                                                                      \
      return (make_expr);                                                                      \
    } catch (...) {                                                                            \
      return nullptr;                                                                          \
    }                                                                                          \
  }                                                                                            \
  }                                                                                            \
  BOOST_DLL_ALIAS(budconv_plugin_detail::create, budconv_plugin_create)
