// A plugin built against another ABI: the host must skip it before calling anything.
#include <boost/dll/alias.hpp>
#include <cstdint>

#include "budconv/plugin.hpp"

extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t budconv_plugin_abi;
extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t budconv_plugin_abi = 999;

namespace {
std::shared_ptr<budconv::Plugin> create() noexcept {
  return nullptr;
}
}  // namespace
BOOST_DLL_ALIAS(create, budconv_plugin_create)
