// The row-by-row csv writer: the same bytes as write_delimited, written as rows arrive, so a
// million-row conversion holds one row at a time. What write_delimited knows up front (the
// sheet's width for padding, merged ranges that blank covered cells) arrives here only at the
// end of the sheet; lines are written on the likely guess (padded to the width seen so far)
// and, if the end shows the guess was wrong, the writer asks the reader to replay the sheet
// once, now with the merges and the width known.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "budconv/file_io.hpp"
#include "csv_format.hpp"
#include "csv_lines.hpp"

namespace budconv::csv {

namespace {

/// Encoded output is handed to stdio in pieces of about this size.
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

class DelimitedRowWriter final : public RowSink {
 public:
  DelimitedRowWriter(std::filesystem::path path, const Options& options, char delimiter,
                     TextEncoding encoding, std::string source)
      : RowSink(options.lang),
        path_(std::move(path)),
        delimiter_(delimiter),
        encoding_(encoding),
        source_(std::move(source)),
        lang_(options.lang),
        has_wanted_(options.has("sheet")),
        wanted_(options.get("sheet")) {}

  /// Creates (truncates) the file.
  Status open() {
    file_.reset(std::fopen(path_.c_str(), "wb"));
    if (!file_) return io_error(false);
    out_ = bom_bytes(encoding_);
    return {};
  }

 protected:
  Status do_begin_sheet(const SheetStart& start) override {
    if (replaying_) {
      replaying_ = false;
      current_ = true;
      start_pass(start);
      return {};
    }
    ++sheets_seen_;
    names_.push_back(start.name);
    if (picked_) {
      // A name match outranks a position match (write_delimited's order); this one came late.
      if (by_position_ && start.name == wanted_) return late_name_match();
      return {};
    }
    if (has_wanted_) {
      const bool by_name = start.name == wanted_;
      if (!by_name && sheet_position(wanted_) != sheets_seen_) return {};
      by_position_ = !by_name;
    }
    picked_ = current_ = true;
    start_pass(start);
    return {};
  }

  Status do_row(std::uint32_t index, std::span<const RowCell> cells) override {
    if (!current_) return {};
    // The extent counts every written cell, covered by a merge or not (as write_delimited).
    const RowCell* last_written = nullptr;
    for (const RowCell& rc : cells) {
      if (written_cell(rc.cell)) last_written = &rc;
    }
    if (!last_written) return {};  // only styled blanks: the line comes with a later row
    rows_used_ = std::max(rows_used_, index + 1);
    cols_used_ = std::max(cols_used_, last_written->col + 1);
    if (Status st = blank_lines_until(index); !st) return st;
    set_layout();
    track(lines_->line(
        index, cells, [](const RowCell& rc) { return rc.col; },
        [](const RowCell& rc) -> const Cell& { return rc.cell; }));
    next_line_ = index + 1;
    return spill(false);
  }

  Result<SheetEnd> do_end_sheet(std::span<const MergedRange> merges) override {
    if (!current_) return SheetEnd::done;
    current_ = false;
    std::uint32_t rows = rows_used_;
    std::uint32_t cols = cols_used_;
    for (const MergedRange& m : merges) {
      rows = std::max(rows, std::min(m.last.row, kMaxRows - 1) + 1);
      cols = std::max(cols, std::min(m.last.col, kMaxCols - 1) + 1);
    }
    const bool pad = pads(rows, cols);
    const bool lines_right = line_count_ == 0 || (pad ? min_total_ + 1 >= cols : !pad_added_);
    if (!layout_ && ((!merges_known_ && !merges.empty()) || !lines_right)) {
      // Second pass with everything known; the first pass's output is thrown away.
      layout_ = Layout{pad, cols};
      if (Status st = restart(); !st) return st.error();
      replaying_ = true;
      return SheetEnd::replay;
    }
    layout_ = Layout{pad, cols};
    set_layout();
    if (Status st = blank_lines_until(rows); !st) return st.error();
    if (Status st = spill(true); !st) return st.error();
    return SheetEnd::done;
  }

  Status do_finish() override {
    if (has_wanted_ && !picked_) return no_such_sheet(wanted_, names_, lang_ == Lang::en);
    if (Status st = spill(true); !st) return st;
    if (!out_.empty() && std::fwrite(out_.data(), 1, out_.size(), file_.get()) != out_.size()) {
      return io_error(true);
    }
    out_.clear();
    std::FILE* f = file_.release();
    if (std::fclose(f) != 0) return io_error(true);
    return {};
  }

 private:
  struct Layout {
    bool pad = false;
    std::uint32_t cols = 0;
  };

  Status io_error(bool writing) const {
    const bool en = lang_ == Lang::en;
    return make_error(ErrorCode::io, source_ + (writing ? (en ? ": write error" : "：写入失败")
                                                        : (en ? ": cannot open for writing"
                                                              : "：无法打开以写入")));
  }

  Status late_name_match() const {
    return make_error(
        ErrorCode::unsupported,
        source_ + (lang_ == Lang::en ? ": the sheet option matches a name and a position"
                                     : "：工作表选项同时对应名称和序号"));
  }

  void start_pass(const SheetStart& start) {
    merges_known_ = start.merges_known;
    lines_.emplace(delimiter_, encoding_, source_, start.name, lang_);
    rows_used_ = cols_used_ = 0;
    if (start.merges_known) {
      lines_->set_merges(start.merges);
      for (const MergedRange& m : start.merges) {
        rows_used_ = std::max(rows_used_, std::min(m.last.row, kMaxRows - 1) + 1);
        cols_used_ = std::max(cols_used_, std::min(m.last.col, kMaxCols - 1) + 1);
      }
    }
    next_line_ = 0;
    line_count_ = 0;
    min_total_ = 0;
    pad_added_ = false;
  }

  // The padding for the next line: final when known, else the best guess from what came so far
  // (end_sheet checks the guess).
  void set_layout() {
    if (layout_) {
      lines_->set_layout(layout_->pad, layout_->cols);
    } else {
      lines_->set_layout(pads(rows_used_, cols_used_), cols_used_);
    }
  }

  void track(LineDelims d) {
    min_total_ = line_count_ == 0 ? d.total : std::min(min_total_, d.total);
    pad_added_ = pad_added_ || d.total != d.content;
    ++line_count_;
  }

  Status blank_lines_until(std::uint32_t end) {
    set_layout();
    for (; next_line_ < end; ++next_line_) {
      track(lines_->blank_line(next_line_));
      if (Status st = spill(false); !st) return st;
    }
    return {};
  }

  // Encodes and writes what has piled up; `all` also at the end of the sheet.
  Status spill(bool all) {
    if (lines_ && (all || lines_->pending() >= kFlushBytes)) {
      if (Status st = lines_->drain(out_); !st) return st;
    }
    if (out_.size() >= kFlushBytes) {
      if (std::fwrite(out_.data(), 1, out_.size(), file_.get()) != out_.size())
        return io_error(true);
      out_.clear();
    }
    return {};
  }

  Status restart() {
    file_.reset(std::fopen(path_.c_str(), "wb"));
    if (!file_) return io_error(false);
    out_ = bom_bytes(encoding_);
    return {};
  }

  std::filesystem::path path_;
  char delimiter_;
  TextEncoding encoding_;
  std::string source_;
  Lang lang_;
  bool has_wanted_;
  std::string wanted_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::string out_;  // encoded bytes not yet handed to stdio

  std::size_t sheets_seen_ = 0;
  std::vector<std::string> names_;
  bool picked_ = false;       // a sheet was chosen for the output
  bool current_ = false;      // the sheet being streamed is the chosen one
  bool by_position_ = false;  // chosen by its position, not its name
  bool replaying_ = false;    // the chosen sheet comes again (end_sheet asked for it)

  std::optional<SheetLines> lines_;
  std::optional<Layout> layout_;  // known after a first pass
  bool merges_known_ = false;
  std::uint32_t rows_used_ = 0;
  std::uint32_t cols_used_ = 0;
  std::uint32_t next_line_ = 0;  // lines written so far cover rows [0, next_line_)
  std::uint64_t line_count_ = 0;
  std::uint32_t min_total_ = 0;
  bool pad_added_ = false;
};

}  // namespace

Result<std::unique_ptr<RowSink>> open_delimited_rows(const std::filesystem::path& path,
                                                     const Options& options,
                                                     char default_delimiter) {
  auto delim_r = delimiter_option(options, default_delimiter);
  if (!delim_r) return delim_r.error();
  auto enc_r = output_encoding(options);
  if (!enc_r) return enc_r.error();
  auto writer = std::make_unique<DelimitedRowWriter>(path, options, delim_r.value(), enc_r.value(),
                                                     display_name(path, options));
  if (Status st = writer->open(); !st) return st.error();
  return std::unique_ptr<RowSink>(std::move(writer));
}

}  // namespace budconv::csv
