// A plugin whose factory fails (returns no object): reported, never dereferenced.
#include <stdexcept>

#include "budconv/plugin_entry.hpp"

namespace {
std::shared_ptr<budconv::Plugin> make() {
  throw std::runtime_error("cannot initialise");
}
}  // namespace

BUDCONV_PLUGIN_ENTRY(make())
