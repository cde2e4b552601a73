/// @file diagnostics.hpp
/// Findings with severity, stable rule id, bilingual message and an A1 location.
#pragma once

#include <string>
#include <vector>

#include "budconv/export.hpp"

namespace budconv {

/// How serious a finding is.
enum class Severity { info, warning, error };

/// "info" / "warning" / "error".
BUDCONV_API const char* severity_id(Severity s) noexcept;
/// "提示" / "警告" / "错误" (or the English id when `english`).
BUDCONV_API const char* severity_label(Severity s, bool english) noexcept;

/// Where a finding is: file, sheet, A1 cell, and the row's code and name when known.
struct BUDCONV_API Location {
  std::string file;   ///< source file path as given by the user
  std::string sheet;  ///< sheet name
  std::string cell;   ///< A1 reference ("D7"), or "" when not cell-specific
  std::string code;   ///< the row's classification code, if any
  std::string name;   ///< the row's / indicator's name, if any
  /// "file: sheet!D7" with the parts that are known.
  std::string to_string() const;
};

/// One finding. Messages exist in both languages; the user picks with --lang.
struct BUDCONV_API Diagnostic {
  Severity severity = Severity::error;  ///< how serious
  std::string rule;                     ///< stable id, e.g. "BUD-SUM-001", "XLSX-LIMIT-002"
  std::string message_zh;               ///< Chinese message (default)
  std::string message_en;               ///< English message (--lang en)
  Location location;                    ///< where
  std::string expected;                 ///< expected value, when a comparison failed
  std::string found;                    ///< found value, when a comparison failed
  std::string hint_zh;                  ///< what to do, Chinese
  std::string hint_en;                  ///< what to do, English
  /// The message in the chosen language.
  const std::string& message(bool english) const { return english ? message_en : message_zh; }
  /// One line: "错误 [RULE] file: sheet!D7 (code name): message（应为 X，实际 Y）。hint".
  std::string format(bool english) const;
};

/// An ordered collection of findings.
class BUDCONV_API Diagnostics {
 public:
  /// Appends a finding.
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  /// Appends a finding built from parts.
  void add(Severity s, std::string rule, std::string zh, std::string en, Location loc = {});
  /// All findings in order.
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Number of findings of severity `s`.
  std::size_t count(Severity s) const;
  /// True when at least one error was recorded.
  bool has_errors() const { return count(Severity::error) > 0; }
  /// Appends all of `other`.
  void merge(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

/// Message language chosen by the user (Chinese by default).
enum class Lang { zh, en };

/// Picks the Chinese or English text.
inline const std::string& pick(Lang lang, const std::string& zh, const std::string& en) {
  return lang == Lang::en ? en : zh;
}

}  // namespace budconv
