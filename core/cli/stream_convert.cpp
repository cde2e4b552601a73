// The streaming branch of `budconv convert`. It is an optimisation with the same output as the
// whole-workbook path: every case it is unsure of (templates, an .xml output that might become
// canonical XML, an input that turns out not to stream, option errors, an unusable output
// directory) goes back to the caller, which then reports exactly what it always reported.
#include "stream_convert.hpp"

#include <cstdlib>
#include <iostream>
#include <system_error>

#include "budconv/file_io.hpp"

namespace budconv::cli {

namespace {

/// Passes everything on to the writer's sink and remembers whether a failure came from it, so
/// the exit code tells reading from writing failures as the whole-workbook path does.
class Tap final : public RowSink {
 public:
  Tap(RowSink& inner, Lang lang) : RowSink(lang), inner_(inner) {}
  /// True when the writer's sink reported an error.
  bool writer_failed() const { return writer_failed_; }

 protected:
  Status do_begin_sheet(const SheetStart& start) override {
    return note(inner_.begin_sheet(start));
  }
  Status do_row(std::uint32_t index, std::span<const RowCell> cells) override {
    return note(inner_.row(index, cells));
  }
  Result<SheetEnd> do_end_sheet(std::span<const MergedRange> merges) override {
    auto r = inner_.end_sheet(merges);
    if (!r) writer_failed_ = true;
    return r;
  }
  Status do_finish() override { return note(inner_.finish()); }

 private:
  Status note(Status st) {
    if (!st) writer_failed_ = true;
    return st;
  }

  RowSink& inner_;
  bool writer_failed_ = false;
};

bool streaming_disabled() {
  const char* v = std::getenv("BUDCONV_NO_STREAM");
  return v && *v && std::string(v) != "0";
}

}  // namespace

std::optional<int> stream_convert(const Global& g, const Registry& reg, const StreamRequest& req,
                                  const FormatChoice& writer, const Options& read,
                                  const Options& write) {
  if (streaming_disabled() || req.templates || writer.kind != FormatKind::container ||
      !writer.container->can_stream_write()) {
    return std::nullopt;
  }
  const Lang lang = g.language();
  if (!req.to_given) {
    // ".xml" is canonical XML as well as a spreadsheet; which one depends on the whole sheet.
    auto doc = reg.detect_output(req.out, lang, FormatKind::document);
    if (doc && doc.value().kind == FormatKind::document) return std::nullopt;
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(req.in, ec) ||
      std::filesystem::file_size(req.in, ec) == 0 || ec) {
    return std::nullopt;  // the whole-workbook path words these errors
  }
  auto reader =
      req.read_format.empty() ? reg.detect_input(req.in, lang) : reg.find(req.read_format, lang);
  if (!reader || reader.value().kind != FormatKind::container ||
      !reader.value().container->can_stream_read()) {
    return std::nullopt;
  }

  bool fall_back = true;  // until the writer lambda has really started
  bool writing = false;
  Status written =
      write_atomically(req.out, req.force, lang, [&](const std::filesystem::path& tmp) -> Status {
        auto sink = writer.container->open_rows(tmp, write);
        if (!sink) return sink.error();  // an option error: the other path reports it in its turn
        fall_back = false;
        Tap tap(*sink.value(), lang);
        Status st = reader.value().container->read_rows(req.in, read, tap);
        if (st) st = tap.finish();
        if (!st) {
          writing = tap.writer_failed();
          fall_back = st.error().code == ErrorCode::unsupported;
        }
        return st;
      });
  if (fall_back) return std::nullopt;
  if (!written) return fail(g, written.error(), writing);
  std::cerr << (lang == Lang::en ? "wrote " : "已写出 ") << req.out.string() << " (" << writer.id
            << ")\n";
  return static_cast<int>(kOk);
}

}  // namespace budconv::cli
