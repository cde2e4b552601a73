/// @file number_format.cpp
/// Excel number format codes: the built-in table and "does this code display a date?".
#include <array>
#include <string_view>

#include "budconv/workbook.hpp"

namespace budconv {

namespace {

// ECMA-376 Part 1 §18.8.30. Ids 5–8 and 41–44 are locale dependent; the en-US forms are given.
// Ids 27–36 and 50–58 are the zh-CN (简体中文) built-ins that Chinese Excel and WPS files use
// without declaring them in styles.xml.
constexpr std::array<std::string_view, 59> kBuiltin{
    "General",                                                       // 0
    "0",                                                             // 1
    "0.00",                                                          // 2
    "#,##0",                                                         // 3
    "#,##0.00",                                                      // 4
    "\"$\"#,##0_);(\"$\"#,##0)",                                     // 5
    "\"$\"#,##0_);[Red](\"$\"#,##0)",                                // 6
    "\"$\"#,##0.00_);(\"$\"#,##0.00)",                               // 7
    "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)",                          // 8
    "0%",                                                            // 9
    "0.00%",                                                         // 10
    "0.00E+00",                                                      // 11
    "# ?/?",                                                         // 12
    "# ?\?/?\?",                                                     // 13 ("\?" avoids a trigraph)
    "mm-dd-yy",                                                      // 14
    "d-mmm-yy",                                                      // 15
    "d-mmm",                                                         // 16
    "mmm-yy",                                                        // 17
    "h:mm AM/PM",                                                    // 18
    "h:mm:ss AM/PM",                                                 // 19
    "h:mm",                                                          // 20
    "h:mm:ss",                                                       // 21
    "m/d/yy h:mm",                                                   // 22
    "",                                                              // 23: other East Asian locales
    "",                                                              // 24
    "",                                                              // 25
    "",                                                              // 26
    "yyyy\"年\"m\"月\"",                                             // 27
    "m\"月\"d\"日\"",                                                // 28
    "m\"月\"d\"日\"",                                                // 29
    "m-d-yy",                                                        // 30
    "yyyy\"年\"m\"月\"d\"日\"",                                      // 31
    "h\"时\"mm\"分\"",                                               // 32
    "h\"时\"mm\"分\"ss\"秒\"",                                       // 33
    "上午/下午h\"时\"mm\"分\"",                                      // 34
    "上午/下午h\"时\"mm\"分\"ss\"秒\"",                              // 35
    "yyyy\"年\"m\"月\"",                                             // 36
    "#,##0_);(#,##0)",                                               // 37
    "#,##0_);[Red](#,##0)",                                          // 38
    "#,##0.00_);(#,##0.00)",                                         // 39
    "#,##0.00_);[Red](#,##0.00)",                                    // 40
    "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",                 // 41
    "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",  // 42
    "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",         // 43
    "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)",  // 44
    "mm:ss",                                                                 // 45
    "[h]:mm:ss",                                                             // 46
    "mmss.0",                                                                // 47
    "##0.0E+0",                                                              // 48
    "@",                                                                     // 49
    "yyyy\"年\"m\"月\"",                                                     // 50
    "m\"月\"d\"日\"",                                                        // 51
    "yyyy\"年\"m\"月\"",                                                     // 52
    "m\"月\"d\"日\"",                                                        // 53
    "m\"月\"d\"日\"",                                                        // 54
    "上午/下午h\"时\"mm\"分\"",                                              // 55
    "上午/下午h\"时\"mm\"分\"ss\"秒\"",                                      // 56
    "yyyy\"年\"m\"月\"",                                                     // 57
    "m\"月\"d\"日\"",                                                        // 58
};

bool is_date_letter(char c) {
  switch (c) {
    case 'y':
    case 'Y':
    case 'm':
    case 'M':
    case 'd':
    case 'D':
    case 'h':
    case 'H':
    case 's':
    case 'S':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string builtin_number_format(int id) {
  if (id < 0 || id >= static_cast<int>(kBuiltin.size())) return "";
  return std::string(kBuiltin[static_cast<std::size_t>(id)]);
}

bool is_date_format(const std::string& format_code) {
  // Only the first section decides (positive numbers); literals never count: "quoted", \x,
  // _x (padding), *x (fill) and [brackets] — except elapsed-time [h] [mm] [ss], which are times.
  const std::string_view f = format_code;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const char c = f[i];
    if (c == ';') return false;
    if (c == '"') {
      const std::size_t end = f.find('"', i + 1);
      if (end == std::string_view::npos) return false;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // skip the next byte; a multibyte character's tail bytes are never ASCII letters
    } else if (c == '[') {
      const std::size_t end = f.find(']', i + 1);
      if (end == std::string_view::npos) return false;
      const std::string_view inside = f.substr(i + 1, end - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
        return true;
      }
      i = end;
    } else if (is_date_letter(c)) {
      return true;
    }
  }
  return false;
}

}  // namespace budconv
