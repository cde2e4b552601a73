// One worksheet, streamed (SheetScanner, or expat). Only cells that hold something are stored, so
// memory follows the content, never the declared <dimension>; every cap is checked as cells arrive.
// A big export holds millions of cells, so the per-cell path avoids temporary strings: the
// pending cell's buffers are reused, values are moved into place, and cells are appended to
// the current row through a cached row pointer and an end hint (cells come in column order).
// Streamed (stream_sheet), cells go into a reused row buffer instead and each finished row is
// handed to the RowSink, so memory stays flat however many rows the sheet has.
// The events come first from the fast SheetScanner; when it gives up, the part is parsed again
// from its start with expat (rows the sink already has are not sent twice), so results and
// messages are the same whichever path ran. BUDCONV_XLSX_SCANNER=0 goes straight to expat.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "budconv/number_text.hpp"
#include "budconv/safe_xml.hpp"
#include "xlsx_dom.hpp"
#include "xlsx_parts.hpp"
#include "xlsx_sheet_scan.hpp"

namespace budconv::xlsx {

namespace {

bool is_number_text(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

bool is_error_literal(std::string_view s) {
  static constexpr std::string_view kErrors[] = {
      "#NULL!",  "#DIV/0!",   "#VALUE!",       "#REF!",     "#NAME?",
      "#NUM!",   "#N/A",      "#GETTING_DATA", "#SPILL!",   "#CALC!",
      "#FIELD!", "#BLOCKED!", "#UNKNOWN!",     "#CONNECT!", "#BUSY!"};
  for (auto e : kErrors) {
    if (s == e) return true;
  }
  return false;
}

std::string_view attr(std::span<const XmlAttr> attrs, std::string_view name) {
  for (const XmlAttr& a : attrs) {
    if (a.ns.empty() && same_name(a.name, name)) return a.value;
  }
  return {};
}

bool has_attr(std::span<const XmlAttr> attrs, std::string_view name) {
  for (const XmlAttr& a : attrs) {
    if (a.ns.empty() && same_name(a.name, name)) return true;
  }
  return false;
}

std::optional<std::uint64_t> to_u64(std::string_view s) {
  std::uint64_t v = 0;
  s = trim(s);
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> to_double(std::string_view s) {
  s = trim(s);
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The file stores a column's width with the cell padding included (12 characters are written
// as 12.7109375 with the default font: 7-pixel digits, 5 pixels of padding). The grid, like
// Excel's column-width dialog and libxlsxwriter, counts characters; converting here keeps a
// read → write → read cycle from widening columns each time.
double character_width(double file_width) {
  const double pixels = std::floor(file_width * 7.0 + 0.5);
  const double chars = pixels >= 12.0 ? (pixels - 5.0) / 7.0 : pixels / 12.0;
  return std::round(chars * 100.0) / 100.0;
}

// What a <c> element collected until its end tag.
struct PendingCell {
  std::uint32_t row = 0, col = 0;
  std::string type;  // t= attribute
  std::uint64_t style = 0;
  bool has_value = false, has_inline = false, has_formula = false;
  std::string value, inline_text, formula;
  std::string formula_kind;  // t= of <f>
  std::optional<std::uint64_t> shared_index;

  // Resets for the next <c> but keeps the strings' capacity, so long values do not cost a
  // fresh allocation per cell.
  void reset() {
    row = col = 0;
    type.clear();
    style = 0;
    has_value = has_inline = has_formula = false;
    value.clear();
    inline_text.clear();
    formula.clear();
    formula_kind.clear();
    shared_index.reset();
  }
};

enum class Capture { none, value, formula, inline_text };

class SheetHandler : public XmlHandler {
 public:
  /// Stores cells in `sheet`, or, with a `sink`, sends them to it row by row (sheet then only
  /// receives merges, widths and panes).
  SheetHandler(const SheetContext& ctx, Sheet& sheet, RowSink* sink = nullptr)
      : ctx_(ctx), sheet_(sheet), sink_(sink) {}

  void start_element(std::string_view, std::string_view name,
                     std::span<const XmlAttr> attrs) override {
    if (in_cell_) {
      start_in_cell(name, attrs);
      return;
    }
    if (same_name(name, "row") && in_sheet_data_) {
      start_row(attrs);
    } else if (same_name(name, "c") && in_sheet_data_) {
      start_cell(attrs);
    } else if (same_name(name, "sheetData")) {
      in_sheet_data_ = true;
    } else if (same_name(name, "col")) {
      read_col(attrs);
    } else if (same_name(name, "mergeCell")) {
      read_merge(attrs);
    } else if (same_name(name, "pane")) {
      read_pane(attrs);
    }
  }

  void end_element(std::string_view, std::string_view name) override {
    if (in_cell_) {
      if (same_name(name, "c")) {
        in_cell_ = false;
        capture_ = Capture::none;
        finish_cell();
      } else if (same_name(name, "v") || same_name(name, "f")) {
        capture_ = Capture::none;
      } else if (same_name(name, "t")) {
        if (capture_ == Capture::inline_text) capture_ = Capture::none;
      } else if (same_name(name, "rPh")) {
        if (in_rph_ > 0) --in_rph_;
      } else if (same_name(name, "is")) {
        in_is_ = false;
      }
      return;
    }
    if (same_name(name, "sheetData")) in_sheet_data_ = false;
  }

  void text(std::string_view chars) override {
    std::string* buf = nullptr;
    std::size_t cap = 0;
    switch (capture_) {
      case Capture::none:
        return;
      case Capture::value:
        buf = &cell_.value;
        cap = std::size_t{ctx_.limits->max_string_chars} * 4 + 64;
        break;
      case Capture::inline_text:
        buf = &cell_.inline_text;
        cap = std::size_t{ctx_.limits->max_string_chars} * 4 + 64;
        break;
      case Capture::formula:
        buf = &cell_.formula;
        cap = ctx_.limits->max_formula_bytes;
        break;
    }
    if (buf->size() + chars.size() > cap) {
      fail_cell(ErrorCode::limit,
                capture_ == Capture::formula
                    ? msg("formula text is too long", "公式过长")
                    : msg("text longer than " + std::to_string(ctx_.limits->max_string_chars) +
                              " characters",
                          "文本超过 " + std::to_string(ctx_.limits->max_string_chars) + " 个字符"));
      return;
    }
    buf->append(chars);
  }

  /// Hands the last buffered row to the sink.
  Status finish_rows() {
    flush_row();
    return aborted_ ? Status(*aborted_) : Status();
  }

  /// True once a callback has failed; the fast scanner checks it after every event.
  const bool& stopped() const { return stopped_; }
  /// The first failure (what SafeXmlParser::feed would return).
  const std::optional<Error>& error() const { return error_; }
  /// Rows handed to the sink so far.
  std::uint64_t sent_rows() const { return sent_rows_; }
  /// Leaves out the first `n` rows: the sink already has them from a pass that gave up.
  void skip_rows(std::uint64_t n) { skip_rows_ = n; }

  /// Fills in shared-formula cells that came before their anchor, then trims widths.
  void finish_sheet() {
    for (const auto& [pos, si] : late_shared_) {
      auto it = shared_.find(si);
      if (it == shared_.end()) continue;
      Cell* c = find_cell(pos.row, pos.col);
      if (c && c->formula.empty()) {
        c->formula = shift_formula(it->second.text,
                                   static_cast<std::int64_t>(pos.row) - it->second.anchor.row,
                                   static_cast<std::int64_t>(pos.col) - it->second.anchor.col);
      }
    }
    // <col> ranges often run to the last column to style the rest of the sheet; widths past
    // the content carry nothing and would only bloat the grid.
    const std::uint32_t last = std::max(max_col_, sheet_extent_col());
    for (auto it = sheet_.column_widths.begin(); it != sheet_.column_widths.end();) {
      it = it->first > last ? sheet_.column_widths.erase(it) : std::next(it);
    }
  }

 private:
  struct SharedFormula {
    std::string text;
    CellPos anchor;
  };

  std::string msg(const std::string& en, const std::string& zh) const {
    return ctx_.lang == Lang::en ? en : zh;
  }

  std::string sheet_loc() const { return ctx_.file + ": " + sheet_.name; }

  void fail(ErrorCode code, const std::string& where, const std::string& what) {
    stop(make_error(code, where + ": " + what));
  }

  void fail(Error e) {
    if (!aborted_) aborted_ = e;
    stop(std::move(e));
  }

  void stop(Error e) {
    if (!error_) error_ = e;
    stopped_ = true;
    parser().abort(std::move(e));
  }

  void fail_cell(ErrorCode code, const std::string& what) {
    fail(code, cell_location(ctx_.file, sheet_.name, cell_.row, cell_.col), what);
  }

  Cell* find_cell(std::uint32_t row, std::uint32_t col) {
    auto r = sheet_.rows.find(row);
    if (r == sheet_.rows.end()) return nullptr;
    auto c = r->second.find(col);
    return c == r->second.end() ? nullptr : &c->second;
  }

  std::uint32_t sheet_extent_col() const {
    std::uint32_t m = 0;
    for (const MergedRange& r : sheet_.merges) m = std::max(m, r.last.col);
    return m;
  }

  // Beyond-the-grid references are a limit (hostile or broken file), not a syntax error.
  bool check_ref(const RawRef& r, std::string_view text) {
    if ((r.row != 0 && r.row > kMaxRows) || (r.col != 0 && r.col > kMaxCols)) {
      fail(ErrorCode::limit, sheet_loc(),
           msg("cell " + std::string(text) + " lies beyond XFD1048576",
               "单元格 " + std::string(text) + " 超出 XFD1048576 范围"));
      return false;
    }
    return true;
  }

  void start_row(std::span<const XmlAttr> attrs) {
    std::string_view r = attr(attrs, "r");
    if (!r.empty()) {
      auto n = to_u64(r);
      if (!n || *n == 0) {
        fail(ErrorCode::format, sheet_loc(),
             msg("invalid row number \"" + std::string(r) + "\"",
                 "行号“" + std::string(r) + "”无效"));
        return;
      }
      if (*n > kMaxRows) {
        fail(ErrorCode::limit, sheet_loc(),
             msg("row " + std::to_string(*n) + " lies beyond row 1048576",
                 "第 " + std::to_string(*n) + " 行超出 1048576 行的上限"));
        return;
      }
      row_ = static_cast<std::int64_t>(*n - 1);
    } else {
      ++row_;
      if (row_ >= static_cast<std::int64_t>(kMaxRows)) {
        fail(ErrorCode::limit, sheet_loc(), msg("more than 1048576 rows", "行数超过 1048576"));
        return;
      }
    }
    col_ = -1;
    // Heights set by hand, when the whole workbook is read (a stream keeps only values).
    if (!sink_ && xml_true(attr(attrs, "customHeight"))) {
      if (auto ht = to_double(attr(attrs, "ht")); ht && *ht > 0 && *ht <= 409.5) {
        sheet_.row_heights[static_cast<std::uint32_t>(row_)] = *ht;
      }
    }
  }

  void start_cell(std::span<const XmlAttr> attrs) {
    cell_.reset();
    in_cell_ = true;
    in_is_ = false;
    in_rph_ = 0;
    capture_ = Capture::none;
    if (row_ < 0) row_ = 0;  // a <c> outside any <row>: treat as the first row
    std::string_view r = attr(attrs, "r");
    if (!r.empty()) {
      auto ref = parse_raw_ref(r);
      if (!ref || ref->row == 0 || ref->col == 0) {
        fail(ErrorCode::format, sheet_loc(),
             msg("invalid cell reference \"" + std::string(r) + "\"",
                 "单元格引用“" + std::string(r) + "”无效"));
        return;
      }
      if (!check_ref(*ref, r)) return;
      cell_.row = static_cast<std::uint32_t>(ref->row - 1);
      cell_.col = static_cast<std::uint32_t>(ref->col - 1);
      row_ = cell_.row;
    } else {
      if (col_ + 1 >= static_cast<std::int64_t>(kMaxCols)) {
        fail(ErrorCode::limit, sheet_loc(),
             msg("row " + std::to_string(row_ + 1) + " has cells beyond column XFD",
                 "第 " + std::to_string(row_ + 1) + " 行的单元格超出 XFD 列"));
        return;
      }
      cell_.row = static_cast<std::uint32_t>(row_);
      cell_.col = static_cast<std::uint32_t>(col_ + 1);
    }
    col_ = cell_.col;
    cell_.type.assign(attr(attrs, "t"));
    if (std::string_view s = attr(attrs, "s"); !s.empty()) cell_.style = to_u64(s).value_or(0);
  }

  void start_in_cell(std::string_view name, std::span<const XmlAttr> attrs) {
    if (same_name(name, "v") && !in_is_) {
      cell_.has_value = true;
      capture_ = Capture::value;
    } else if (same_name(name, "f") && !in_is_) {
      cell_.has_formula = true;
      cell_.formula_kind.assign(attr(attrs, "t"));
      if (std::string_view si = attr(attrs, "si"); !si.empty()) cell_.shared_index = to_u64(si);
      capture_ = Capture::formula;
    } else if (same_name(name, "is")) {
      in_is_ = true;
      cell_.has_inline = true;
    } else if (in_is_ && same_name(name, "rPh")) {
      ++in_rph_;
    } else if (in_is_ && in_rph_ == 0 && same_name(name, "t")) {
      capture_ = Capture::inline_text;
    }
  }

  bool spend_text(std::size_t bytes) {
    ctx_.budget->text_bytes += bytes;
    if (ctx_.budget->text_bytes > ctx_.limits->max_text_bytes) {
      const std::string mib = std::to_string(ctx_.limits->max_text_bytes >> 20);
      fail_cell(ErrorCode::limit,
                msg("the workbook holds more than " + mib + " MiB of text (raise the cap with -O " +
                        std::string(kMaxTextOption) + "=<MiB>)",
                    "工作簿文本总量超过 " + mib + " MiB（可加 -O " + std::string(kMaxTextOption) +
                        "=<MiB> 调高上限）"));
      return false;
    }
    return true;
  }

  // Cell::make_number(normalize_number_text(v), format), written into the cell in place so a
  // reused row slot keeps its strings' capacity. Text of at most 15 characters has at most 15
  // significant digits, which normalize_number_text returns unchanged.
  static void set_number(Cell& cell, std::string_view v, const CellStyle* style) {
    cell.type = CellType::number;
    if (v.size() <= 15) {
      cell.text.assign(v);
    } else {
      cell.text = normalize_number_text(v);
    }
    const char* first = cell.text.data();
    const char* last = first + cell.text.size();
    if (first != last && *first == '+') ++first;
    double number = 0.0;
    if (std::from_chars(first, last, number).ec != std::errc()) number = 0.0;
    cell.number = number;
    if (style) {
      cell.number_format.assign(style->number_format);
    } else {
      cell.number_format.clear();
    }
  }

  void finish_cell() {
    PendingCell& pc = cell_;
    const CellStyle* style = ctx_.styles ? ctx_.styles->get(pc.style) : nullptr;
    Cell& cell = slot(pc.row);

    // Formula text: shared-formula members get the anchor's text moved to their position.
    std::string formula;
    if (pc.has_formula) {
      formula = std::move(pc.formula);
      if (same_name(pc.formula_kind, "shared") && pc.shared_index) {
        if (!formula.empty()) {
          shared_[*pc.shared_index] = SharedFormula{formula, CellPos{pc.row, pc.col}};
        } else if (auto it = shared_.find(*pc.shared_index); it != shared_.end()) {
          formula = shift_formula(it->second.text,
                                  static_cast<std::int64_t>(pc.row) - it->second.anchor.row,
                                  static_cast<std::int64_t>(pc.col) - it->second.anchor.col);
        } else if (late_shared_.size() < ctx_.limits->max_cells) {
          late_shared_.emplace_back(CellPos{pc.row, pc.col}, *pc.shared_index);
        }
      }
    }

    const std::string_view t = pc.type;
    if (same_name(t, "inlineStr") && pc.has_inline) {
      cell = Cell::make_text(decode_xstring(pc.inline_text));
    } else if (!pc.has_value && !(same_name(t, "inlineStr") && pc.has_inline)) {
      if (formula.empty() && !(pc.has_formula && same_name(pc.formula_kind, "shared")))
        return;  // styled blank
    } else if (same_name(t, "s")) {
      auto idx = to_u64(pc.value);
      const std::size_t n = ctx_.strings ? ctx_.strings->size() : 0;
      if (!idx || *idx >= n) {
        fail_cell(ErrorCode::format,
                  msg("shared string index " + std::string(trim(pc.value)) +
                          " is out of range (the table has " + std::to_string(n) + " entries)",
                      "共享字符串索引 " + std::string(trim(pc.value)) + " 超出范围（共 " +
                          std::to_string(n) + " 项）"));
        return;
      }
      // Assigned, not constructed: a reused row slot keeps its capacity.
      cell.type = CellType::text;
      cell.text.assign((*ctx_.strings)[*idx]);
    } else if (same_name(t, "str") || same_name(t, "inlineStr")) {
      cell = Cell::make_text(decode_xstring(pc.value));
      if (cell.text.empty() && pc.has_formula)
        cell = Cell{};  // formula that evaluated to ""
      else if (pc.has_formula && is_error_literal(cell.text)) {
        // libxlsxwriter (our writer) can only give a formula a string result, so an error result
        // arrives as t="str"; a formula that is just the error constant stands for a bare error.
        cell.type = CellType::error;
        if (trim(formula) == cell.text) formula.clear();
      }
    } else if (same_name(t, "b")) {
      std::string_view v = trim(pc.value);
      if (v == "1" || v == "true" || v == "TRUE") {
        cell.type = CellType::boolean;
        cell.text = "TRUE";
      } else if (v == "0" || v == "false" || v == "FALSE") {
        cell.type = CellType::boolean;
        cell.text = "FALSE";
      } else {
        fail_cell(ErrorCode::format, msg("invalid boolean \"" + std::string(v) + "\"",
                                         "布尔值“" + std::string(v) + "”无效"));
        return;
      }
    } else if (same_name(t, "e")) {
      cell.type = CellType::error;
      cell.text = std::string(trim(pc.value));
    } else if (same_name(t, "d")) {
      // ISO 8601 date cell (Strict files, some generators); kept as written.
      cell.type = CellType::date;
      cell.text = std::string(trim(pc.value));
      if (style) cell.number_format = style->number_format;
    } else if (t.empty() || same_name(t, "n")) {
      std::string_view v = trim(pc.value);
      if (v.empty()) {
        if (formula.empty()) return;
      } else if (!is_number_text(v)) {
        fail_cell(ErrorCode::format, msg("invalid number \"" + std::string(v.substr(0, 40)) + "\"",
                                         "数值“" + std::string(v.substr(0, 40)) + "”无效"));
        return;
      } else {
        // Excel shows 15 significant digits; %.16G text from libxlsxwriter, XlsxWriter and
        // finance exports ("583602.8199999999") would otherwise carry binary noise into money.
        set_number(cell, v, style);
        if (style && style->date) {
          if (auto serial = to_double(v)) {
            if (auto iso = excel_serial_to_iso(*serial, ctx_.date1904)) {
              cell.type = CellType::date;
              cell.text = *iso;
              cell.number = *serial;
            }
          }
        }
      }
    } else {
      fail_cell(ErrorCode::format, msg("unknown cell type t=\"" + std::string(t) + "\"",
                                       "未知单元格类型 t=\"" + std::string(t) + "\""));
      return;
    }

    // A string has at least as many bytes as characters: short ones need no count.
    if (cell.type == CellType::text && cell.text.size() > ctx_.limits->max_string_chars &&
        utf8_length(cell.text) > ctx_.limits->max_string_chars) {
      fail_cell(
          ErrorCode::limit,
          msg("text longer than " + std::to_string(ctx_.limits->max_string_chars) + " characters",
              "文本超过 " + std::to_string(ctx_.limits->max_string_chars) + " 个字符"));
      return;
    }
    cell.formula = std::move(formula);
    if (style) {
      cell.bold = style->bold;
      cell.border = style->border;
      cell.halign = style->halign;
      cell.valign = style->valign;
      cell.wrap = style->wrap;
    }
    if (!spend_text(cell.text.size() + cell.formula.size())) return;
    if (++ctx_.budget->cells > ctx_.limits->max_cells) {
      const std::string n = std::to_string(ctx_.limits->max_cells);
      fail_cell(ErrorCode::limit,
                msg("the workbook has more than " + n + " cells (raise the cap with -O " +
                        std::string(kMaxCellsOption) + "=<cells>)",
                    "工作簿单元格数超过 " + n + "（可加 -O " + std::string(kMaxCellsOption) +
                        "=<单元格数> 调高上限）"));
      return;
    }
    max_col_ = std::max(max_col_, pc.col);
    commit(pc.row, pc.col);
  }

  // The cell finish_cell fills: a fresh scratch cell, or the next slot of the streamed row
  // (reset in place, so its strings keep their capacity).
  Cell& slot(std::uint32_t row) {
    if (!sink_) {
      scratch_ = Cell{};
      return scratch_;
    }
    if (row != stream_row_) {
      if (row < stream_row_ && row_used_ + sent_rows_ > 0) {
        // The sink needs ascending rows; the caller falls back to a whole-workbook read.
        fail(make_error(ErrorCode::unsupported,
                        sheet_loc() + msg(": rows out of order, cannot be streamed",
                                          ": 行顺序颠倒，无法逐行读取")));
      }
      flush_row();
      stream_row_ = row;
    }
    if (row_used_ == row_buf_.size()) row_buf_.emplace_back();
    Cell& c = row_buf_[row_used_].cell;
    c.type = CellType::empty;
    c.text.clear();
    c.number = 0.0;
    c.number_format.clear();
    c.formula.clear();
    c.bold = false;
    c.border = false;
    c.halign = HAlign::general;
    c.valign = VAlign::bottom;
    c.wrap = false;
    return c;
  }

  void commit(std::uint32_t row, std::uint32_t col) {
    if (!sink_) {
      store(row, col, std::move(scratch_));
      return;
    }
    if (row_used_ > 0 && col <= row_buf_[row_used_ - 1].col) row_unsorted_ = true;
    row_buf_[row_used_++].col = col;
  }

  // Sends the buffered row. Columns out of order or repeated are put right first, the way the
  // grid's map would hold them: ascending, the last of a repeated column wins.
  void flush_row() {
    if (!sink_ || row_used_ == 0 || aborted_.has_value()) {
      row_used_ = 0;
      return;
    }
    auto first = row_buf_.begin();
    auto last = first + static_cast<std::ptrdiff_t>(row_used_);
    if (row_unsorted_) {
      std::stable_sort(first, last,
                       [](const RowCell& a, const RowCell& b) { return a.col < b.col; });
      auto out = first;
      for (auto it = first; it != last; ++it) {
        if (std::next(it) != last && std::next(it)->col == it->col) continue;
        if (out != it) std::swap(*out, *it);
        ++out;
      }
      last = out;
      row_unsorted_ = false;
    }
    const auto n = static_cast<std::size_t>(last - first);
    row_used_ = 0;
    if (sent_rows_++ < skip_rows_) return;
    if (Status st = sink_->row(stream_row_, std::span<const RowCell>(row_buf_.data(), n)); !st) {
      fail(st.error());
    }
  }

  // Rows and columns arrive in order in every writer we know, so the end hint makes each insert
  // O(1); out-of-order cells still land right (the hint is only a hint), a repeated one wins.
  void store(std::uint32_t row, std::uint32_t col, Cell&& cell) {
    if (row_cells_ == nullptr || row != row_cells_row_) {
      row_cells_ = &sheet_.rows.try_emplace(sheet_.rows.end(), row)->second;
      row_cells_row_ = row;
    }
    row_cells_->insert_or_assign(row_cells_->end(), col, std::move(cell));
  }

  void read_col(std::span<const XmlAttr> attrs) {
    auto lo = to_u64(attr(attrs, "min"));
    auto hi = to_u64(attr(attrs, "max"));
    auto width = to_double(attr(attrs, "width"));
    std::string_view custom = attr(attrs, "customWidth");
    // Excel's widest column is 255 characters; anything beyond is not a width Excel wrote.
    if (!lo || !hi || !width || *lo < 1 || *hi < *lo || *hi > kMaxCols || *width < 0 ||
        *width > 256)
      return;
    // The schema wants ascending, disjoint ranges; holding files to that bounds the work to
    // one pass over the columns however many <col> elements there are.
    if (*lo <= cols_end_) return;
    cols_end_ = *hi;
    if (has_attr(attrs, "customWidth") && (custom == "0" || custom == "false")) return;
    const double chars = character_width(*width);
    for (std::uint64_t c = *lo; c <= *hi; ++c) {
      sheet_.column_widths[static_cast<std::uint32_t>(c - 1)] = chars;
    }
  }

  void read_merge(std::span<const XmlAttr> attrs) {
    std::string_view ref = attr(attrs, "ref");
    auto colon = ref.find(':');
    std::string_view a = ref.substr(0, colon);
    std::string_view b = colon == std::string_view::npos ? a : ref.substr(colon + 1);
    auto ra = parse_raw_ref(a), rb = parse_raw_ref(b);
    if (!ra || !rb || ra->row == 0 || ra->col == 0 || rb->row == 0 || rb->col == 0) {
      fail(ErrorCode::format, sheet_loc(),
           msg("invalid merged range \"" + std::string(ref) + "\"",
               "合并区域“" + std::string(ref) + "”无效"));
      return;
    }
    if (!check_ref(*ra, a) || !check_ref(*rb, b)) return;
    MergedRange m;
    m.first = CellPos{static_cast<std::uint32_t>(std::min(ra->row, rb->row) - 1),
                      static_cast<std::uint32_t>(std::min(ra->col, rb->col) - 1)};
    m.last = CellPos{static_cast<std::uint32_t>(std::max(ra->row, rb->row) - 1),
                     static_cast<std::uint32_t>(std::max(ra->col, rb->col) - 1)};
    if (m.first == m.last) return;  // a one-cell "merge" changes nothing
    if (++ctx_.budget->merges > ctx_.limits->max_merges) {
      fail(ErrorCode::limit, sheet_loc(), msg("too many merged ranges", "合并区域过多"));
      return;
    }
    sheet_.merges.push_back(m);
  }

  void read_pane(std::span<const XmlAttr> attrs) {
    std::string_view state = attr(attrs, "state");
    if (state != "frozen" && state != "frozenSplit") return;
    auto y = to_double(attr(attrs, "ySplit"));
    if (y && *y >= 1 && *y < kMaxRows) sheet_.frozen_rows = static_cast<std::uint32_t>(*y);
  }

  const SheetContext& ctx_;
  Sheet& sheet_;
  RowSink* sink_ = nullptr;
  Cell scratch_;                  // the cell being built when storing into sheet_
  std::vector<RowCell> row_buf_;  // streamed: the current row's cells (slots reused)
  std::size_t row_used_ = 0;      // streamed: slots of row_buf_ in use
  std::uint32_t stream_row_ = 0;  // streamed: the row row_buf_ holds
  std::uint64_t sent_rows_ = 0;   // streamed: rows handed to the sink
  bool row_unsorted_ = false;     // streamed: row_buf_ has columns out of order
  std::optional<Error> aborted_;  // streamed: the sink's or the order check's error
  std::uint64_t skip_rows_ = 0;   // streamed: rows a scanner pass already sent
  std::optional<Error> error_;    // the first failure of any kind
  bool stopped_ = false;
  PendingCell cell_;
  Capture capture_ = Capture::none;
  bool in_sheet_data_ = false;
  bool in_cell_ = false;
  bool in_is_ = false;
  int in_rph_ = 0;
  std::int64_t row_ = -1;
  std::int64_t col_ = -1;
  std::uint32_t max_col_ = 0;
  std::uint64_t cols_end_ = 0;
  std::map<std::uint32_t, Cell>* row_cells_ = nullptr;  // the row the last cell went to
  std::uint32_t row_cells_row_ = 0;
  std::unordered_map<std::uint64_t, SharedFormula> shared_;
  std::vector<std::pair<CellPos, std::uint64_t>> late_shared_;
};

}  // namespace

namespace {

// Errors of the zip layer name only the part; put the sheet name beside it.
Error with_sheet_name(Error e, const SheetContext& ctx, const std::string& context) {
  const std::string zip_prefix = ctx.file + ": " + ctx.part + ": ";
  if (e.message.rfind(zip_prefix, 0) == 0)
    e.message = context + ": " + e.message.substr(zip_prefix.size());
  return e;
}

// BUDCONV_XLSX_SCANNER=0 turns the fast scanner off (tests compare both paths).
bool scanner_enabled() {
  const char* v = std::getenv("BUDCONV_XLSX_SCANNER");
  return !(v && std::string_view(v) == "0");
}

// The fast pass: the hand-written scanner drives the handler. nullopt when it gave up; then
// `sent` says how many rows it already handed to the sink.
std::optional<Status> scan_sheet(SafeZip& zip, const SheetContext& ctx, Sheet& out, RowSink* sink,
                                 std::uint64_t& sent) {
  SheetHandler handler(ctx, out, sink);
  SafeXmlParser parser(handler, ctx.file + ": " + out.name + " (" + ctx.part + ")", ctx.lang);
  SheetScanner scanner(handler, handler.stopped());
  ScanStatus result = ScanStatus::more;
  try {
    const Status st = zip.stream(ctx.part, [&](std::string_view chunk) -> Status {
      result = scanner.feed(chunk, false);
      if (result == ScanStatus::more) return {};
      return make_error(ErrorCode::internal, "scan stopped");
    });
    if (st) result = scanner.feed({}, true);
  } catch (...) {
    result = ScanStatus::bail;  // out of memory and the like: expat's pass words it
  }
  sent = handler.sent_rows();
  if (result == ScanStatus::stopped && handler.error()) return Status(*handler.error());
  if (result != ScanStatus::done) return std::nullopt;  // includes zip-layer errors
  if (sink) return handler.finish_rows();
  handler.finish_sheet();
  return Status();
}

Status run_sheet(SafeZip& zip, const SheetContext& ctx, Sheet& out, RowSink* sink) {
  if (!zip.find(ctx.part)) {
    const bool en = ctx.lang == Lang::en;
    return make_error(ErrorCode::format,
                      ctx.file + ": " + out.name +
                          (en ? ": worksheet part " + ctx.part + " is missing from the package"
                              : ": 工作表部件 " + ctx.part + " 在文件中缺失"));
  }
  std::uint64_t sent = 0;
  if (scanner_enabled()) {
    // A give-up starts over from the same state, so the expat pass sees what it would alone.
    const Sheet initial = out;
    const ReadBudget budget = *ctx.budget;
    if (auto decided = scan_sheet(zip, ctx, out, sink, sent)) return *decided;
    out = initial;
    *ctx.budget = budget;
  }
  SheetHandler handler(ctx, out, sink);
  handler.skip_rows(sent);
  SafeXmlParser parser(handler, ctx.file + ": " + out.name + " (" + ctx.part + ")", ctx.lang);
  if (Status st =
          zip.stream(ctx.part, [&](std::string_view chunk) { return parser.feed(chunk, false); });
      !st) {
    return with_sheet_name(st.error(), ctx, parser.context());
  }
  if (Status st = parser.feed({}, true); !st) return st;
  if (sink) return handler.finish_rows();
  handler.finish_sheet();
  return {};
}

}  // namespace

Status parse_sheet(SafeZip& zip, const SheetContext& ctx, Sheet& out) {
  return run_sheet(zip, ctx, out, nullptr);
}

Status stream_sheet(SafeZip& zip, const SheetContext& ctx, const Sheet& meta, RowSink& sink) {
  // A replay parses the part again from the same budget, so caps count each cell once.
  const ReadBudget before = *ctx.budget;
  SheetStart start;
  start.name = meta.name;
  start.hidden = meta.hidden;
  for (int pass = 0; pass < 2; ++pass) {
    Sheet sheet;
    sheet.name = meta.name;
    sheet.hidden = meta.hidden;
    *ctx.budget = before;
    if (Status st = sink.begin_sheet(start); !st) return st;
    if (Status st = run_sheet(zip, ctx, sheet, &sink); !st) return st;
    auto end = sink.end_sheet(sheet.merges);
    if (!end) return end.error();
    if (end.value() == SheetEnd::done || start.merges_known) return {};
    start.merges_known = true;
    start.merges = std::move(sheet.merges);
  }
  return {};
}

}  // namespace budconv::xlsx
