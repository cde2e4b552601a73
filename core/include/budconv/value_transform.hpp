/// @file value_transform.hpp
/// Named text transforms that region plugins contribute to mapping definitions; declared apart
/// from mapping.hpp because plugins hand them to the host (Plugin::transforms()).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/export.hpp"

namespace budconv {

/// A named text transform contributed by a region plugin (applied to cell text on read and to
/// the field text on write, before/after the field's own typed conversion).
struct ValueTransform {
  std::string name;                                    ///< "hebei.compact-code"
  std::function<std::string(std::string_view)> read;   ///< cell text → field text
  std::function<std::string(std::string_view)> write;  ///< field text → cell text
};

/// The named transforms a template may use, beyond the built-in ones.
class BUDCONV_API TransformSet {
 public:
  /// Adds or replaces a transform.
  void add(ValueTransform transform);
  /// The transform called `name`, or nullptr.
  const ValueTransform* find(std::string_view name) const;
  /// Every transform, in the order added.
  const std::vector<ValueTransform>& items() const { return items_; }

 private:
  std::vector<ValueTransform> items_;
};

}  // namespace budconv
