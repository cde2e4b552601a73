// `budconv validate FILE [--format text|json]`: reads any input (canonical XML, or a spreadsheet
// through its template), fills codes/names from the catalogs and runs the validation rules.
// Exit 0 without errors, 5 (kValidationFailed) with errors; with several files, 6 (kPartial) when
// one could not be read.
#include <iostream>
#include <sstream>

#include "budconv/validation.hpp"
#include "cli.hpp"
#include "input.hpp"
#include "json_text.hpp"
#include "templates.hpp"

namespace budconv::cli {

namespace {

void print_json(std::ostream& os, const std::string& file, const std::string& used,
                const Diagnostics& diags, bool en) {
  os << "{\n  \"file\": " << json_string(file) << ",\n  \"template\": " << json_string(used)
     << ",\n  \"summary\": {\"errors\": " << diags.count(Severity::error)
     << ", \"warnings\": " << diags.count(Severity::warning)
     << ", \"infos\": " << diags.count(Severity::info) << "},\n  \"findings\": [";
  bool first = true;
  for (const auto& d : diags.items()) {
    os << (first ? "\n" : ",\n") << "    {\"severity\": " << json_string(severity_id(d.severity))
       << ", \"rule\": " << json_string(d.rule) << ", \"file\": " << json_string(d.location.file)
       << ", \"sheet\": " << json_string(d.location.sheet)
       << ", \"cell\": " << json_string(d.location.cell)
       << ", \"code\": " << json_string(d.location.code)
       << ", \"name\": " << json_string(d.location.name)
       << ", \"message\": " << json_string(d.message(en))
       << ", \"message_zh\": " << json_string(d.message_zh)
       << ", \"message_en\": " << json_string(d.message_en)
       << ", \"expected\": " << json_string(d.expected) << ", \"found\": " << json_string(d.found)
       << ", \"hint\": " << json_string(en ? d.hint_en : d.hint_zh) << "}";
    first = false;
  }
  os << (first ? "]\n}\n" : "\n  ]\n}\n");
}

}  // namespace

ConvertCheck validate_for_convert(const Global& g, const Submission& doc, const std::string& file,
                                  bool strict) {
  const bool en = g.language() == Lang::en;
  auto catalog = Catalog::load_default(g.language());
  ValidationOptions vo;
  vo.catalog = catalog ? &catalog.value() : nullptr;
  vo.file = file;
  Submission copy = doc;  // convert writes what it read; filled codes are only for checking
  const Diagnostics diags = check_submission(copy, vo);
  ConvertCheck out;
  out.summary = (en ? "validation: " : "校验：") + validation_summary(diags, en) +
                (diags.items().empty()
                     ? ""
                     : (en ? " (details: budconv validate)" : "（详见 budconv validate）")) +
                "\n";
  std::size_t shown = 0;
  for (const auto& d : diags.items()) {
    if (d.severity != Severity::error) continue;
    if (++shown > 10) break;
    out.summary += "  " + d.format(en) + "\n";
  }
  if (strict && diags.has_errors()) {
    std::cerr << out.summary;
    print_error(g, en ? "validation found errors; nothing written (--strict)"
                      : "校验发现错误，未写出文件（--strict）");
    out.exit = kValidationFailed;
  }
  return out;
}

namespace {

// What `budconv validate` was given.
struct ValidateArgs {
  std::vector<std::string> files;
  std::string format = "text";
  ReadFlags flags;
};

// Validates one file and prints its findings; returns kOk, kValidationFailed or the reading
// failure's code.
int validate_one(const Global& g, Registry& reg, const ValidateArgs& a, const std::string& file) {
  const bool en = g.language() == Lang::en;
  Options o = g.options();
  a.flags.apply(o);
  const bool from_is_template = names_template(reg, a.flags.from);
  auto loaded = read_input(reg, file, from_is_template ? "" : a.flags.from, o);
  if (!loaded) return fail(g, loaded.error(), false);
  Loaded& l = loaded.value();
  Diagnostics diags;
  std::string used = l.format_id;
  if (l.kind == FormatKind::container) {
    Status read = read_with_template(reg, l.book, from_is_template ? a.flags.from : "", o, l.doc,
                                     diags, &used);
    if (!read) return fail(g, read.error(), false);
  }
  l.doc.source_file = file;
  auto catalog = Catalog::load_default(o.lang);
  if (!catalog) {
    // Without catalogs the arithmetic rules still run; say why the code checks did not.
    print_error(g, catalog.error().message);
  }
  ValidationOptions vo;
  vo.catalog = catalog ? &catalog.value() : nullptr;
  vo.file = file;
  diags.merge(check_submission(l.doc, vo));
  if (a.format == "json") {
    print_json(std::cout, file, used, diags, en);
  } else {
    for (const auto& d : diags.items()) std::cout << d.format(en) << '\n';
  }
  std::cout.flush();  // findings first, then the summary, also on a shared terminal
  std::cerr << file << (en ? ": " : "：") << validation_summary(diags, en) << '\n';
  return static_cast<int>(diags.has_errors() ? kValidationFailed : kOk);
}

}  // namespace

Command add_validate_command(CLI::App& app, const Global& g) {
  auto* cmd =
      app.add_subcommand("validate", "校验预算表与绩效目标表 / check totals, codes and goals");
  auto a = std::make_shared<ValidateArgs>();
  cmd->add_option("FILE", a->files, "输入文件（可多个）/ input file(s)")->required();
  cmd->add_option("--format", a->format,
                  "输出格式 text（默认）| json（多个文件时为数组）/ output format (json: an array "
                  "for several files)")
      ->check(CLI::IsMember({"text", "json"}));
  a->flags.add_to(*cmd);
  return {cmd, [&g, a]() {
            Registry reg;
            load_plugins(reg);
            if (a->files.size() == 1) return validate_one(g, reg, *a, a->files.front());
            // Several files: each one's findings in turn (a JSON array), exit 6 when a file could
            // not be read, else 5 when any has errors.
            const bool json = a->format == "json";
            bool unread = false, errors = false;
            bool first = true;
            if (json) std::cout << "[\n";
            for (const auto& file : a->files) {
              std::ostringstream one;
              auto* saved = std::cout.rdbuf(one.rdbuf());
              const int code = validate_one(g, reg, *a, file);
              std::cout.rdbuf(saved);
              if (code == kOk || code == kValidationFailed) {
                std::cout << (json && !first ? ",\n" : "") << one.str();
                first = false;
                errors = errors || code == kValidationFailed;
              } else {
                unread = true;
              }
            }
            if (json) std::cout << "]\n";
            if (unread) return static_cast<int>(kPartial);
            return static_cast<int>(errors ? kValidationFailed : kOk);
          }};
}

}  // namespace budconv::cli
