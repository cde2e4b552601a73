// `budconv convert IN -o OUT` (or `IN… -d DIR --to X`): read, translate through the grid or the
// canonical model, write atomically (temporary file renamed into place), never touching the input.
#include <iostream>
#include <map>

#include "budconv/catalog.hpp"
#include "budconv/file_io.hpp"
#include "cli.hpp"
#include "input.hpp"
#include "loss_report.hpp"
#include "stream_convert.hpp"
#include "templates.hpp"

namespace budconv::cli {

namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  return std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec);
}

// --encoding and --delimiter describe the output when the writer takes them (csv → csv with
// --encoding gb18030 means "write GB18030"); the input then has its own --input-* flags.
template <class State>
void split_text_options(const FormatChoice& writer, const State& st, Options& read,
                        Options& write) {
  FormatInfo info =
      writer.kind == FormatKind::container ? writer.container->info() : writer.document->info();
  auto takes = [&](const std::string& key) {
    for (const auto& k : info.option_keys) {
      if (k == key) return true;
    }
    return false;
  };
  const std::pair<const char*, const std::string*> keys[] = {{"encoding", &st.input_encoding},
                                                             {"delimiter", &st.input_delimiter}};
  for (const auto& [key, input_value] : keys) {
    if (takes(key)) {
      read.values.erase(key);
    } else {
      write.values.erase(key);
    }
    if (!input_value->empty()) read.values[key] = *input_value;
  }
}

// Only formats with several sheets can carry the hidden recovery sheet (CSV keeps one sheet).
bool holds_hidden_sheets(const FormatChoice& w) {
  return w.kind == FormatKind::container && (w.id == "xlsx" || w.id == "spreadsheetml");
}

// Writes the --report file when the command ends, however it ends.
struct ReportOnExit {
  std::string path, input, output;
  Lang lang = Lang::zh;
  LossReport report;
  bool completed = false;
  std::string error;
  ReportOnExit(std::string p, std::string in, std::string out, Lang l)
      : path(std::move(p)), input(std::move(in)), output(std::move(out)), lang(l) {}
  ReportOnExit(const ReportOnExit&) = delete;
  ReportOnExit& operator=(const ReportOnExit&) = delete;
  ~ReportOnExit() {
    if (path.empty()) return;
    Status st =
        write_report_file(path, loss_report_json(report, input, output, completed, error), lang);
    if (!st) std::cerr << st.error().message << '\n';
  }
};

// What `budconv convert` was given.
struct ConvertArgs {
  std::vector<std::string> inputs;  // IN…
  std::string out, out_dir, to;     // -o, -d, --to
  std::string input_encoding, input_delimiter;
  ReadFlags flags;
  bool force = false;
  bool strict = false;  // --strict: write nothing when validation finds errors
  bool no_recovery = false;
  std::string report, template_file;
};

// One input to one output; returns the exit code.
int convert_one(const Global& g, Registry& reg, const ConvertArgs& a, const std::string& in,
                const std::string& out, const std::string& report_path) {
  const bool en = g.language() == Lang::en;
  Options o = g.options();
  a.flags.apply(o);
  ReportOnExit report(report_path, in, out, o.lang);
  auto failed = [&](const Error& e, bool writing) {
    report.error = e.message;
    return fail(g, e, writing);
  };
  TemplateList templates = reg.templates();
  // A user's definition (--template FILE) is read first and written with by default.
  std::string user_template;
  if (!a.template_file.empty()) {
    auto user = with_user_template(reg, a.template_file, o.lang);
    if (!user) return failed(user.error(), false);
    templates = std::move(user).value();
    user_template = templates.front()->info().id;
  }
  if (same_file(in, out)) {
    print_error(g, out + (en ? ": output is the input file; choose another name"
                             : "：输出文件就是输入文件；请换一个文件名"));
    return static_cast<int>(kUsage);
  }
  // --from/--to may name a template or a region instead of a file format.
  const bool from_is_template = names_template(templates, a.flags.from);
  const bool to_is_template = names_template(templates, a.to);
  const std::string read_format = from_is_template ? "" : a.flags.from;
  // Decide the writer before reading so a bad -o fails fast and cheaply; where the
  // extension is shared (.xml), the writer of the input's kind is preferred.
  std::optional<FormatKind> in_kind;
  if (to_is_template) {
    in_kind = FormatKind::container;
  } else if (read_format.empty()) {
    if (auto r = reg.detect_input(in, o.lang)) in_kind = r.value().kind;
  } else if (auto r = reg.find(read_format, o.lang)) {
    in_kind = r.value().kind;
  }
  auto writer = (a.to.empty() || to_is_template) ? reg.detect_output(out, o.lang, in_kind)
                                                 : reg.find(a.to, o.lang);
  if (!writer && !a.to.empty() && !to_is_template) {
    // `--to henan` with no Henan template: say which regions and templates exist too,
    // not only the file formats.
    std::string names;
    for (const auto& t : reg.templates()) {
      TemplateInfo info = t->info();
      if (names.find(info.region) == std::string::npos) {
        names += (names.empty() ? "" : ", ") + info.region;
      }
      names += ", " + info.id;
    }
    Error e = writer.error();
    e.message += en ? "; regions and templates: " + (names.empty() ? "-" : names)
                    : "；可用地区与模板：" + (names.empty() ? "-" : names);
    return failed(e, false);
  }
  if (!writer) return failed(writer.error(), false);
  if (!a.force && std::filesystem::exists(out)) {
    print_error(g, out + (en ? ": output exists; use --force to replace it"
                             : "：输出文件已存在；如需覆盖请加 --force"));
    return static_cast<int>(kUsage);
  }
  FormatChoice w = writer.value();
  Options wo = o;
  split_text_options(w, a, o, wo);
  // Container → container with no template or report: row by row (stream_convert.cpp).
  if (auto code = stream_convert(g, reg,
                                 {.in = in,
                                  .out = out,
                                  .read_format = read_format,
                                  .force = a.force,
                                  .to_given = !a.to.empty(),
                                  .templates = from_is_template || to_is_template ||
                                               !a.template_file.empty() || !a.report.empty()},
                                 w, o, wo)) {
    return *code;
  }
  auto loaded = read_input(reg, in, read_format, o);
  if (!loaded) return failed(loaded.error(), false);
  Loaded& l = loaded.value();
  if (a.to.empty() && l.kind == FormatKind::container && w.kind == FormatKind::container) {
    // ".xml" is both canonical XML and Excel 2003 XML: a sheet that a template
    // recognises becomes canonical XML, any other sheet stays a spreadsheet.
    auto doc_writer = reg.detect_output(out, o.lang, FormatKind::document);
    if (doc_writer && doc_writer.value().kind == FormatKind::document &&
        detect_template(templates, l.book, from_is_template ? a.flags.from : "", o.lang)) {
      w = doc_writer.value();
    }
  }
  Diagnostics notes;
  // Through the canonical model when the kinds differ or a template was asked for.
  const bool via_model =
      l.kind != w.kind || to_is_template || from_is_template || !user_template.empty();
  if (via_model && l.kind == FormatKind::container) {
    std::string used;
    std::string prefer = from_is_template ? a.flags.from : "";
    // The user's definition first; the built-in ones when it does not match.
    if (prefer.empty() && !user_template.empty() &&
        detect_template(templates, l.book, user_template, o.lang)) {
      prefer = user_template;
    }
    Status st_read = read_with_template(templates, l.book, prefer, o, l.doc, notes, &used);
    if (!st_read) return failed(st_read.error(), false);
    l.doc.source_file = in;
    std::cerr << (en ? "read with template " : "读取所用模板：") << used << '\n';
    l.kind = FormatKind::document;
  }
  std::string validation_note;  // printed once the output is written
  if (l.kind == FormatKind::document) {
    // Validate what is written; --strict stops here on errors.
    ConvertCheck check = validate_for_convert(g, l.doc, in, a.strict);
    if (check.exit != kOk) return check.exit;
    validation_note = std::move(check.summary);
  }
  if (via_model && w.kind == FormatKind::container) {
    std::string used;
    Workbook laid_out;
    // Another region's form may need codes that this one leaves out (Henan's
    // names-only 基本支出 rows → Hebei's coded rows): fill them from the catalog.
    const std::string to_region = a.to.substr(0, a.to.find('.'));
    if (to_is_template && !l.doc.budget_tables.empty() && to_region != l.doc.region) {
      if (auto catalog = Catalog::load_default(o.lang)) {
        fill_from_catalog(l.doc, catalog.value(), notes);
      }
    }
    report.report.recovery_requested = !a.no_recovery;
    report.report.output_holds_recovery = holds_hidden_sheets(w);
    Status st_write = write_with_template(templates, to_is_template ? a.to : user_template, l.doc,
                                          wo, laid_out, notes, report.report);
    if (!st_write) return failed(st_write.error(), true);
    used = report.report.templates;
    std::cerr << (en ? "written with template " : "写出所用模板：") << used << '\n';
    l.book = std::move(laid_out);
    l.kind = FormatKind::container;
  }
  print_findings(notes, o.lang);
  print_loss_summary(report.report, o.lang);
  Status written = write_atomically(out, a.force, o.lang, [&](const std::filesystem::path& tmp) {
    return l.kind == FormatKind::container ? w.container->write(l.book, tmp, wo)
                                           : w.document->write(l.doc, tmp, wo);
  });
  if (!written) return failed(written.error(), true);
  std::cerr << (en ? "wrote " : "已写出 ") << out << " (" << w.id << ")\n";
  std::cerr << validation_note;
  report.completed = true;
  return static_cast<int>(kOk);
}

// The file name extension a batch output gets for `--to`: .xlsx for a region or template, else
// the format's first extension.
Result<std::string> batch_extension(Registry& reg, const TemplateList& templates,
                                    const std::string& to, Lang lang) {
  if (names_template(templates, to)) return std::string("xlsx");
  auto w = reg.find(to, lang);
  if (!w) return w.error();
  const FormatInfo info = w.value().kind == FormatKind::container ? w.value().container->info()
                                                                  : w.value().document->info();
  if (info.extensions.empty()) return std::string(to);
  return info.extensions.front();
}

// Several inputs into -d DIR: each converted on its own, a failure does not stop the others.
int convert_batch(const Global& g, Registry& reg, const ConvertArgs& a) {
  const bool en = g.language() == Lang::en;
  const Lang lang = g.language();
  if (a.to.empty()) {
    print_error(g, en ? "converting into a folder (-d) needs --to (a region, template or format)"
                      : "转换到文件夹（-d）时需要 --to（地区、模板或格式）");
    return static_cast<int>(kUsage);
  }
  TemplateList templates = reg.templates();
  if (!a.template_file.empty()) {
    auto user = with_user_template(reg, a.template_file, lang);
    if (!user) return fail(g, user.error(), false);
    templates = std::move(user).value();
  }
  auto ext = batch_extension(reg, templates, a.to, lang);
  if (!ext) return fail(g, ext.error(), false);
  std::error_code ec;
  std::filesystem::create_directories(a.out_dir, ec);
  if (!std::filesystem::is_directory(a.out_dir, ec)) {
    print_error(g, a.out_dir + (en ? ": cannot create the output folder" : "：无法创建输出文件夹"));
    return static_cast<int>(kOutputFailed);
  }
  if (!a.report.empty()) std::filesystem::create_directories(a.report, ec);
  std::map<std::string, std::string> claimed;  // output → the input that writes it
  std::vector<std::string> failed;
  const std::size_t n = a.inputs.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& in = a.inputs[i];
    const std::filesystem::path stem = std::filesystem::path(in).stem();
    const std::string out = (std::filesystem::path(a.out_dir) / stem).string() + "." + ext.value();
    std::cerr << "==> [" << i + 1 << "/" << n << "] " << in << " → " << out << '\n';
    if (auto [it, fresh] = claimed.emplace(out, in); !fresh) {
      print_error(
          g, in + (en ? ": its output " + out + " is already written from " + it->second +
                            "; convert it separately with -o"
                      : "：输出 " + out + " 已由 " + it->second + " 写出；请用 -o 单独转换此文件"));
      failed.push_back(in);
      continue;
    }
    const std::string report =
        a.report.empty() ? "" : (std::filesystem::path(a.report) / stem).string() + ".json";
    if (convert_one(g, reg, a, in, out, report) != kOk) failed.push_back(in);
  }
  std::cerr << (en ? "batch: " + std::to_string(n - failed.size()) + " converted, " +
                         std::to_string(failed.size()) + " failed"
                   : "批量转换：成功 " + std::to_string(n - failed.size()) + " 个，失败 " +
                         std::to_string(failed.size()) + " 个");
  for (std::size_t i = 0; i < failed.size(); ++i)
    std::cerr << (i ? ", " : (en ? ": " : "：")) << failed[i];
  std::cerr << '\n';
  return failed.empty() ? static_cast<int>(kOk) : static_cast<int>(kPartial);
}

}  // namespace

Command add_convert_command(CLI::App& app, const Global& g) {
  auto* cmd = app.add_subcommand(
      "convert",
      "转换文件格式（一个文件用 -o，多个文件用 -d 文件夹）/ convert files to another format");
  auto a = std::make_shared<ConvertArgs>();
  cmd->add_option("IN", a->inputs, "输入文件（可多个，配合 -d）/ input file(s)")->required();
  auto* out = cmd->add_option("-o,--output", a->out, "输出文件 / output file");
  auto* dir =
      cmd->add_option("-d,--output-dir", a->out_dir,
                      "输出文件夹：每个输入写成同名文件，扩展名由 --to 决定 / output folder "
                      "for several inputs (names from the inputs, extension from --to)");
  out->excludes(dir);
  cmd->add_option("--to", a->to, "输出格式 id，默认按扩展名 / output format id");
  cmd->add_flag("--force", a->force, "覆盖已存在的输出文件 / replace an existing output");
  cmd->add_flag("--strict", a->strict,
                "校验发现错误时不写出文件（退出码 5）/ write nothing when validation finds errors");
  cmd->add_flag("--no-recovery", a->no_recovery,
                "不在输出中保存模板无法容纳的原始数据（隐藏工作表 budconv-data）/ do not keep what "
                "the template cannot hold in the hidden sheet budconv-data");
  cmd->add_option("--report", a->report,
                  "把损失报告写成 JSON 文件（配合 -d 时为文件夹）/ write the loss report as JSON "
                  "to this file (a folder with -d)");
  cmd->add_option("--template", a->template_file,
                  "使用自己的映射定义文件代替内置模板 / use this mapping definition file instead "
                  "of the built-in templates");
  a->flags.add_to(*cmd);
  cmd->add_option(
      "--input-encoding", a->input_encoding,
      "强制输入 CSV 的编码（--encoding 用于输出 CSV 时）/ force the input CSV encoding");
  cmd->add_option("--input-delimiter", a->input_delimiter,
                  "输入 CSV 的分隔符（--delimiter 用于输出 CSV 时）/ input CSV delimiter");
  return {cmd, [&g, a]() {
            const bool en = g.language() == Lang::en;
            Registry reg;
            load_plugins(reg);
            if (!a->out_dir.empty()) return convert_batch(g, reg, *a);
            if (a->out.empty()) {
              print_error(g, en ? "name the output with -o FILE (or -d FOLDER for several inputs)"
                                : "请用 -o 指定输出文件（多个输入时用 -d 指定文件夹）");
              return static_cast<int>(kUsage);
            }
            if (a->inputs.size() != 1) {
              print_error(g, en ? "several inputs need -d FOLDER instead of -o"
                                : "多个输入文件时请用 -d 指定输出文件夹，而不是 -o");
              return static_cast<int>(kUsage);
            }
            return convert_one(g, reg, *a, a->inputs.front(), a->out, a->report);
          }};
}

}  // namespace budconv::cli
