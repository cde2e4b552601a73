/// @file cli.hpp
/// Shared pieces of the budconv program: exit codes, output helpers, the plugin registry.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/model.hpp"
#include "budconv/options.hpp"
#include "budconv/registry.hpp"
#include "budconv/result.hpp"

namespace budconv::cli {

/// Documented exit codes (README "Exit codes").
enum Exit : int {
  kOk = 0,                ///< success
  kUsage = 2,             ///< bad command line, unknown format, output exists without --force
  kBadInput = 3,          ///< input unreadable, malformed, encrypted, over a safety limit
  kOutputFailed = 4,      ///< output could not be written
  kValidationFailed = 5,  ///< validation found errors (validate, convert --strict)
  kPartial = 6,           ///< batch: some files failed
  kPluginMissing = 7,     ///< no plugin can handle the request
  kInternal = 70,         ///< a bug
};

/// Settings every command shares.
struct Global {
  std::string lang = "zh";  ///< --lang zh|en
  /// The message language.
  Lang language() const { return lang == "en" ? Lang::en : Lang::zh; }
  /// Options pre-filled with the language.
  Options options() const {
    Options o;
    o.lang = language();
    return o;
  }
};

/// Prints one error line to stderr ("错误：…" / "error: …").
void print_error(const Global& g, const std::string& message);
/// Prints an Error and returns the exit code for it (reading vs writing phase).
int fail(const Global& g, const Error& e, bool writing);
/// Loads every plugin on the default search path.
void load_plugins(Registry& reg);

/// A registered subcommand and what runs when it was given.
struct Command {
  CLI::App* app = nullptr;   ///< the CLI11 subcommand
  std::function<int()> run;  ///< runs after the whole command line was parsed
};

/// Registers `budconv formats`.
Command add_formats_command(CLI::App& app, const Global& g);
/// Registers `budconv inspect`.
Command add_inspect_command(CLI::App& app, const Global& g);
/// Registers `budconv convert`.
Command add_convert_command(CLI::App& app, const Global& g);
/// Registers `budconv validate`.
Command add_validate_command(CLI::App& app, const Global& g);
/// What validating convert's document gave: the exit code to stop with (kOk = go on) and the
/// summary to print after the output is written.
struct ConvertCheck {
  int exit = kOk;       ///< kValidationFailed when --strict and there are errors
  std::string summary;  ///< summary line and the first errors, newline-terminated
};
/// Validates what convert is about to write; with `strict` and errors, prints the findings and
/// the refusal to stderr and returns kValidationFailed.
ConvertCheck validate_for_convert(const Global& g, const Submission& doc, const std::string& file,
                                  bool strict);

/// Reading options shared by inspect and convert (--sheet, --encoding, --codepage, --delimiter).
struct ReadFlags {
  std::string from;                      ///< --from format id
  std::string sheet;                     ///< --sheet
  std::string encoding;                  ///< --encoding
  std::string codepage;                  ///< --codepage
  std::string delimiter;                 ///< --delimiter
  std::vector<std::string> raw_options;  ///< -O KEY=VALUE, passed to the plugins as they are
  /// Adds the flags to a subcommand.
  void add_to(CLI::App& cmd);
  /// Copies the set flags into `o`.
  void apply(Options& o) const;
};

}  // namespace budconv::cli
