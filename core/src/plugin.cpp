// The non-virtual wrappers of the plugin interfaces: the one place where exceptions thrown
// inside a plugin are turned into Error values, so none crosses into the host.
#include "budconv/plugin.hpp"

#include <exception>
#include <new>
#include <type_traits>

namespace budconv {

namespace {

Error from_exception(const char* what_zh, const char* what_en, const char* detail, bool english) {
  std::string msg = english ? std::string(what_en) : std::string(what_zh);
  if (detail && *detail) msg += english ? std::string(": ") + detail : std::string("：") + detail;
  return Error{ErrorCode::internal, msg};
}

// R is Status or a Result: both are built from an Error.
template <class F, class R = std::invoke_result_t<F>>
R guarded(bool english, F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::limit,
                 english ? "out of memory while processing the file" : "处理文件时内存不足"};
  } catch (const std::exception& e) {
    return from_exception("插件内部错误", "internal plugin error", e.what(), english);
  } catch (...) {
    return from_exception("插件内部错误", "internal plugin error", "", english);
  }
}

Error unsupported_write(const std::string& id, bool english) {
  return Error{ErrorCode::unsupported,
               english ? "format '" + id + "' cannot be written" : "格式“" + id + "”不支持写出"};
}

Error unsupported_stream(const std::string& id, bool english, bool reading) {
  const char* what_en = reading ? "' cannot be read row by row" : "' cannot be written row by row";
  const char* what_zh = reading ? "”不支持逐行读取" : "”不支持逐行写出";
  return Error{ErrorCode::unsupported,
               english ? "format '" + id + what_en : "格式“" + id + what_zh};
}

}  // namespace

RowSink::~RowSink() = default;

Status RowSink::begin_sheet(const SheetStart& start) noexcept {
  return guarded(lang_ == Lang::en, [&] { return do_begin_sheet(start); });
}

Status RowSink::row(std::uint32_t index, std::span<const RowCell> cells) noexcept {
  return guarded(lang_ == Lang::en, [&] { return do_row(index, cells); });
}

Result<SheetEnd> RowSink::end_sheet(std::span<const MergedRange> merges) noexcept {
  return guarded(lang_ == Lang::en, [&] { return do_end_sheet(merges); });
}

Status RowSink::finish() noexcept {
  return guarded(lang_ == Lang::en, [&] { return do_finish(); });
}

ContainerFormat::~ContainerFormat() = default;

bool ContainerFormat::can_stream_read() const noexcept {
  try {
    return do_can_stream_read();
  } catch (...) {
    return false;
  }
}

bool ContainerFormat::can_stream_write() const noexcept {
  try {
    return do_can_stream_write();
  } catch (...) {
    return false;
  }
}

Status ContainerFormat::read_rows(const std::filesystem::path& path, const Options& options,
                                  RowSink& sink) noexcept {
  return guarded(options.english(), [&] { return do_read_rows(path, options, sink); });
}

Result<std::unique_ptr<RowSink>> ContainerFormat::open_rows(const std::filesystem::path& path,
                                                            const Options& options) noexcept {
  return guarded(options.english(), [&] { return do_open_rows(path, options); });
}

Status ContainerFormat::do_read_rows(const std::filesystem::path&, const Options& options,
                                     RowSink&) {
  return unsupported_stream(info().id, options.english(), true);
}

Result<std::unique_ptr<RowSink>> ContainerFormat::do_open_rows(const std::filesystem::path&,
                                                               const Options& options) {
  return unsupported_stream(info().id, options.english(), false);
}

Status ContainerFormat::read(const std::filesystem::path& path, const Options& options,
                             Workbook& out) noexcept {
  return guarded(options.english(), [&] { return do_read(path, options, out); });
}

Status ContainerFormat::write(const Workbook& book, const std::filesystem::path& path,
                              const Options& options) noexcept {
  return guarded(options.english(), [&] { return do_write(book, path, options); });
}

Status ContainerFormat::do_write(const Workbook&, const std::filesystem::path&,
                                 const Options& options) {
  return unsupported_write(info().id, options.english());
}

DocumentFormat::~DocumentFormat() = default;

Status DocumentFormat::read(const std::filesystem::path& path, const Options& options,
                            Submission& out) noexcept {
  return guarded(options.english(), [&] { return do_read(path, options, out); });
}

Status DocumentFormat::write(const Submission& doc, const std::filesystem::path& path,
                             const Options& options) noexcept {
  return guarded(options.english(), [&] { return do_write(doc, path, options); });
}

Status DocumentFormat::do_write(const Submission&, const std::filesystem::path&,
                                const Options& options) {
  return unsupported_write(info().id, options.english());
}

TemplateFormat::~TemplateFormat() = default;

int TemplateFormat::detect(const Workbook& book, std::string& why) const noexcept {
  try {
    return do_detect(book, why);
  } catch (...) {
    why.clear();
    return 0;
  }
}

Status TemplateFormat::to_submission(const Workbook& book, const Options& options, Submission& out,
                                     Diagnostics& diags) const noexcept {
  return guarded(options.english(), [&] { return do_to_submission(book, options, out, diags); });
}

Status TemplateFormat::from_submission(const Submission& doc, const Options& options, Workbook& out,
                                       Diagnostics& losses) const noexcept {
  return guarded(options.english(), [&] { return do_from_submission(doc, options, out, losses); });
}

Plugin::~Plugin() = default;

}  // namespace budconv
