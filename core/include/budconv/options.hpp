/// @file options.hpp
/// Key–value options passed from the command line to plugins ("encoding", "sheet", …).
#pragma once

#include <map>
#include <string>

#include "budconv/diagnostics.hpp"

namespace budconv {

/// Options for one read or write. Plugins document the keys they honour in their FormatInfo.
struct Options {
  Lang lang = Lang::zh;                       ///< message language
  std::map<std::string, std::string> values;  ///< "encoding" → "gb18030", "sheet" → "收入总表" …
  std::string display_name;                   ///< file name to show in messages ("" = use the path)
  Diagnostics* diagnostics =
      nullptr;  ///< where non-fatal findings go (sheet renamed …); may be null

  /// Value of `key`, or `fallback` when unset.
  std::string get(const std::string& key, const std::string& fallback = "") const {
    auto it = values.find(key);
    return it == values.end() ? fallback : it->second;
  }
  /// True when `key` is set.
  bool has(const std::string& key) const { return values.count(key) != 0; }
  /// True for English messages.
  bool english() const { return lang == Lang::en; }
};

}  // namespace budconv
