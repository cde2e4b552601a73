// Workbook → XLSX through libxlsxwriter, which owns the XML, styles and zip. This file maps the
// grid onto its calls and turns every lxw_error into an Error value.
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "budconv/file_io.hpp"
#include "xlsx_format.hpp"
#include "xlsx_parts.hpp"

namespace budconv::xlsx {

namespace {

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The first `n` code points of UTF-8 `s`.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  std::size_t count = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) break;
      ++count;
    }
  }
  return s.substr(0, i);
}

// Excel's rules: 1–31 characters, none of []:*?/\, no apostrophe at either end, unique
// without regard to case, and not "History" (reserved by Excel).
std::string sanitize_sheet_name(const std::string& name, std::size_t index,
                                std::set<std::string>& used) {
  std::string s;
  for (char c : name) {
    s.push_back(std::string_view("[]:*?/\\").find(c) != std::string_view::npos ? '_' : c);
  }
  if (!s.empty() && s.front() == '\'') s.front() = '_';
  if (!s.empty() && s.back() == '\'') s.back() = '_';
  if (s.empty()) s = "Sheet" + std::to_string(index + 1);
  if (ascii_lower(s) == "history") s += "_";
  s = utf8_prefix(s, 31);
  std::string candidate = s;
  for (int n = 2; used.count(ascii_lower(candidate)); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    candidate = utf8_prefix(s, 31 - suffix.size()) + suffix;
  }
  if (!candidate.empty() && candidate.back() == '\'') candidate.back() = '_';
  used.insert(ascii_lower(candidate));
  return candidate;
}

struct ParsedDate {
  lxw_datetime dt{};
  bool has_date = false;
  bool has_time = false;
};

// "2020-12-31", "2020-12-31T08:30:00", "08:30:00" (what the reader produces; a trailing "Z"
// or fraction of a second is tolerated).
std::optional<ParsedDate> parse_iso(std::string_view s) {
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc() && r.ptr == s.data() + pos + len;
  };
  ParsedDate p;
  std::size_t i = 0;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    if (!num(0, 4, p.dt.year) || !num(5, 2, p.dt.month) || !num(8, 2, p.dt.day))
      return std::nullopt;
    if (p.dt.year < 1900 || p.dt.year > 9999 || p.dt.month < 1 || p.dt.month > 12 || p.dt.day < 1 ||
        p.dt.day > 31)
      return std::nullopt;
    p.has_date = true;
    i = 10;
    if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) ++i;
  }
  if (i + 8 <= s.size() && s[i + 2] == ':' && s[i + 5] == ':') {
    int sec = 0;
    if (!num(i, 2, p.dt.hour) || !num(i + 3, 2, p.dt.min) || !num(i + 6, 2, sec))
      return std::nullopt;
    if (p.dt.hour > 23 || p.dt.min > 59 || sec > 59) return std::nullopt;
    p.dt.sec = sec;
    p.has_time = true;
    i += 8;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
  }
  if (i < s.size() && s[i] == 'Z') ++i;
  if (i != s.size() || (!p.has_date && !p.has_time)) return std::nullopt;
  return p;
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// $SOURCE_DATE_EPOCH as seconds since 1970 when set to a positive integer.
std::optional<std::time_t> source_date_epoch() {
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  if (!env || !*env) return std::nullopt;
  long long v = 0;
  const char* end = env + std::char_traits<char>::length(env);
  auto r = std::from_chars(env, end, v);
  if (r.ec != std::errc() || r.ptr != end || v <= 0) return std::nullopt;
  return static_cast<std::time_t>(v);
}

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const noexcept {
    if (wb) lxw_workbook_free(wb);
  }
};

class Writer {
 public:
  Writer(const Workbook& book, const std::filesystem::path& path, const Options& options)
      : book_(book),
        path_(path),
        options_(options),
        file_(display_name(path, options)),
        en_(options.english()) {}

  Status run() {
    lxw_workbook_options opts{};
    opts.constant_memory = LXW_FALSE;
    opts.use_zip64 = LXW_FALSE;
    wb_.reset(workbook_new_opt(path_.c_str(), &opts));
    if (!wb_)
      return make_error(ErrorCode::io,
                        file_ + msg(": cannot create the workbook", ": 无法创建工作簿"));
    // The creation time is the only thing that differs between two runs; SOURCE_DATE_EPOCH (the
    // reproducible-builds convention) fixes it so that committed samples are byte-identical.
    if (auto epoch = source_date_epoch()) {
      lxw_doc_properties props{};
      props.created = *epoch;
      workbook_set_properties(wb_.get(), &props);
    }

    std::set<std::string> used;
    std::vector<lxw_worksheet*> sheets;
    const std::size_t count = book_.sheets.size();
    for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
      const Sheet* sheet = i < count ? &book_.sheets[i] : nullptr;
      const std::string wanted = sheet ? sheet->name : "Sheet1";
      const std::string name = sanitize_sheet_name(wanted, i, used);
      if (sheet && name != wanted) report_rename(wanted, name);
      if (lxw_error e = workbook_validate_sheet_name(wb_.get(), name.c_str()); e != LXW_NO_ERROR) {
        return lxw_fail(e, file_ + ": " + name);
      }
      lxw_worksheet* ws = workbook_add_worksheet(wb_.get(), name.c_str());
      if (!ws)
        return make_error(ErrorCode::internal,
                          file_ + ": " + name + msg(": cannot add the sheet", ": 无法添加工作表"));
      sheets.push_back(ws);
      if (sheet) {
        if (Status st = write_sheet(*sheet, name, ws); !st) return st;
      }
    }
    if (Status st = apply_visibility(sheets); !st) return st;

    lxw_error e = workbook_close(wb_.release());
    if (e != LXW_NO_ERROR) return lxw_fail(e, file_);
    return {};
  }

 private:
  std::string msg(const std::string& english, const std::string& chinese) const {
    return en_ ? english : chinese;
  }

  Error lxw_fail(lxw_error e, const std::string& where) const {
    ErrorCode code = ErrorCode::internal;
    switch (e) {
      case LXW_ERROR_CREATING_XLSX_FILE:
      case LXW_ERROR_CREATING_TMPFILE:
      case LXW_ERROR_READING_TMPFILE:
      case LXW_ERROR_ZIP_FILE_OPERATION:
      case LXW_ERROR_ZIP_CLOSE:
      case LXW_ERROR_ZIP_FILE_ADD:
        code = ErrorCode::io;
        break;
      case LXW_ERROR_MEMORY_MALLOC_FAILED:
        code = ErrorCode::limit;
        break;
      case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
      case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
      case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
      case LXW_ERROR_128_STRING_LENGTH_EXCEEDED:
      case LXW_ERROR_32_STRING_LENGTH_EXCEEDED:
      case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
      case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
      case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
      case LXW_ERROR_SHEETNAME_ALREADY_USED:
      case LXW_ERROR_PARAMETER_VALIDATION:
        code = ErrorCode::invalid_value;
        break;
      default:
        break;
    }
    return make_error(code,
                      where + msg(": cannot write XLSX: ", ": 写出 XLSX 失败：") + lxw_strerror(e));
  }

  void report_rename(const std::string& from, const std::string& to) {
    if (!options_.diagnostics) return;
    options_.diagnostics->add(
        Severity::warning, "XLSX-SHEETNAME",
        "工作表名“" + from + "”不符合 Excel 规则，已改为“" + to + "”",
        "sheet name \"" + from + "\" is not allowed by Excel; renamed to \"" + to + "\"",
        Location{file_, from, "", "", ""});
  }

  // One lxw_format per distinct look (number format, bold, border, alignment, wrap);
  // libxlsxwriter owns them.
  lxw_format* format_for(const std::string& num_format, const Cell& cell) {
    Cell look;
    look.number_format = num_format;
    look.bold = cell.bold;
    look.border = cell.border;
    look.halign = cell.halign;
    look.valign = cell.valign;
    look.wrap = cell.wrap;
    if (!look.styled()) return nullptr;
    auto key =
        std::make_tuple(num_format, cell.bold, cell.border, cell.halign, cell.valign, cell.wrap);
    if (auto it = formats_.find(key); it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_.get());
    if (!f) return nullptr;
    if (!num_format.empty()) format_set_num_format(f, num_format.c_str());
    if (cell.bold) format_set_bold(f);
    if (cell.border) format_set_border(f, LXW_BORDER_THIN);
    switch (cell.halign) {
      case HAlign::left:
        format_set_align(f, LXW_ALIGN_LEFT);
        break;
      case HAlign::center:
        format_set_align(f, LXW_ALIGN_CENTER);
        break;
      case HAlign::right:
        format_set_align(f, LXW_ALIGN_RIGHT);
        break;
      case HAlign::general:
        break;
    }
    if (cell.valign == VAlign::center) format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (cell.valign == VAlign::top) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (cell.wrap) format_set_text_wrap(f);
    formats_.emplace(key, f);
    return f;
  }

  static std::string date_format_for(const Cell& cell, const ParsedDate& d) {
    if (!cell.number_format.empty() && is_date_format(cell.number_format))
      return cell.number_format;
    if (d.has_date && d.has_time) return "yyyy-mm-dd hh:mm:ss";
    return d.has_date ? "yyyy-mm-dd" : "hh:mm:ss";
  }

  Status write_cell(lxw_worksheet* ws, const std::string& sheet, std::uint32_t r, std::uint32_t c,
                    const Cell& cell) {
    const auto where = [&] { return cell_location(file_, sheet, r, c); };
    const char* formula = cell.formula.empty() ? nullptr : cell.formula.c_str();
    lxw_error e = LXW_NO_ERROR;
    switch (cell.type) {
      case CellType::empty:
        if (formula) {
          e = worksheet_write_formula_str(ws, r, c, formula, format_for(cell.number_format, cell),
                                          "");
        } else if (cell.styled()) {
          e = worksheet_write_blank(ws, r, c, format_for(cell.number_format, cell));
        }
        break;
      case CellType::number: {
        auto v = parse_number(cell.text);
        if (!v) {
          return make_error(ErrorCode::invalid_value,
                            where() + msg(": \"" + cell.text + "\" is not a number",
                                          ": “" + cell.text + "”不是数值"));
        }
        lxw_format* f = format_for(cell.number_format, cell);
        e = formula ? worksheet_write_formula_num(ws, r, c, formula, f, *v)
                    : worksheet_write_number(ws, r, c, *v, f);
        break;
      }
      case CellType::text: {
        lxw_format* f = format_for(cell.number_format, cell);
        e = formula ? worksheet_write_formula_str(ws, r, c, formula, f, cell.text.c_str())
                    : worksheet_write_string(ws, r, c, cell.text.c_str(), f);
        break;
      }
      case CellType::boolean: {
        const bool v = cell.text == "TRUE" || cell.text == "true" || cell.text == "1";
        lxw_format* f = format_for(cell.number_format, cell);
        // libxlsxwriter has no boolean formula result; 1/0 displays the same in Excel.
        e = formula ? worksheet_write_formula_num(ws, r, c, formula, f, v ? 1.0 : 0.0)
                    : worksheet_write_boolean(ws, r, c, v ? 1 : 0, f);
        break;
      }
      case CellType::date: {
        auto d = parse_iso(cell.text);
        if (!d) {
          return make_error(ErrorCode::invalid_value,
                            where() + msg(": \"" + cell.text + "\" is not an ISO date",
                                          ": “" + cell.text + "”不是 ISO 日期"));
        }
        lxw_format* f = format_for(date_format_for(cell, *d), cell);
        lxw_datetime dt = d->dt;
        if (!d->has_date) dt.year = dt.month = dt.day = 0;
        if (formula) {
          e = worksheet_write_formula_num(ws, r, c, formula, f,
                                          lxw_datetime_to_excel_datetime(&dt));
        } else {
          e = worksheet_write_datetime(ws, r, c, &dt, f);
        }
        break;
      }
      case CellType::error: {
        // No error-valued cell in libxlsxwriter: a formula that is the error constant evaluates
        // to the same error in Excel, and the reader maps it back to an error cell.
        lxw_format* f = format_for(cell.number_format, cell);
        e = worksheet_write_formula_str(ws, r, c, formula ? formula : cell.text.c_str(), f,
                                        cell.text.c_str());
        break;
      }
    }
    if (e != LXW_NO_ERROR) return lxw_fail(e, where());
    return {};
  }

  // Excel calls a file with overlapping merges damaged; keep the first of any overlapping pair.
  // Active merges all contain the sweep row, so their column spans are disjoint: one map lookup
  // finds a clash.
  std::vector<MergedRange> disjoint_merges(const Sheet& sheet) {
    std::vector<MergedRange> sorted = sheet.merges;
    std::stable_sort(sorted.begin(), sorted.end(), [](const MergedRange& a, const MergedRange& b) {
      return a.first.row < b.first.row;
    });
    std::vector<MergedRange> kept;
    std::map<std::uint32_t, MergedRange> active;  // first.col → range
    for (const MergedRange& m : sorted) {
      for (auto it = active.begin(); it != active.end();) {
        it = it->second.last.row < m.first.row ? active.erase(it) : std::next(it);
      }
      auto next = active.upper_bound(m.last.col);
      bool clash = false;
      if (next != active.begin()) {
        const MergedRange& prev = std::prev(next)->second;
        clash = prev.last.col >= m.first.col;
      }
      if (clash) {
        if (options_.diagnostics) {
          options_.diagnostics->add(Severity::warning, "XLSX-MERGE-OVERLAP",
                                    "合并区域 " + m.to_string() + " 与其他合并区域重叠，已忽略",
                                    "merged range " + m.to_string() + " overlaps another; dropped",
                                    Location{file_, sheet.name, a1(m.first), "", ""});
        }
        continue;
      }
      active.emplace(m.first.col, m);
      kept.push_back(m);
    }
    return kept;
  }

  Status write_sheet(const Sheet& sheet, const std::string& name, lxw_worksheet* ws) {
    // Merges first: merge_range blanks the whole range, then the cells overwrite their values.
    for (const MergedRange& m : disjoint_merges(sheet)) {
      const Cell* top = sheet.find(m.first.row, m.first.col);
      lxw_format* f =
          top ? format_for(top->type == CellType::date ? std::string() : top->number_format, *top)
              : nullptr;
      lxw_error e = worksheet_merge_range(ws, m.first.row, static_cast<lxw_col_t>(m.first.col),
                                          m.last.row, static_cast<lxw_col_t>(m.last.col), "", f);
      if (e != LXW_NO_ERROR) return lxw_fail(e, file_ + ": " + name + "!" + m.to_string());
    }
    for (const auto& [r, cells] : sheet.rows) {
      for (const auto& [c, cell] : cells) {
        if (Status st = write_cell(ws, name, r, c, cell); !st) return st;
      }
    }
    for (auto it = sheet.column_widths.begin(); it != sheet.column_widths.end();) {
      // Runs of equal widths become one <col> range.
      auto end = std::next(it);
      while (end != sheet.column_widths.end() && end->first == std::prev(end)->first + 1 &&
             end->second == it->second)
        ++end;
      const std::uint32_t last = std::prev(end)->first;
      // Excel's widths run from 0 to 255 characters; other values would make the file invalid.
      const double width = std::isfinite(it->second) ? std::clamp(it->second, 0.0, 255.0) : 8.43;
      lxw_error e = worksheet_set_column(ws, static_cast<lxw_col_t>(it->first),
                                         static_cast<lxw_col_t>(last), width, nullptr);
      if (e != LXW_NO_ERROR) return lxw_fail(e, file_ + ": " + name);
      it = end;
    }
    for (const auto& [r, height] : sheet.row_heights) {
      // Excel's heights run from 0 to 409 points; other values would make the file invalid.
      if (!std::isfinite(height) || height <= 0 || r >= 1048576) continue;
      lxw_error e = worksheet_set_row(ws, r, std::min(height, 409.0), nullptr);
      if (e != LXW_NO_ERROR) return lxw_fail(e, file_ + ": " + name);
    }
    if (sheet.frozen_rows > 0) worksheet_freeze_panes(ws, sheet.frozen_rows, 0);
    return {};
  }

  Status apply_visibility(const std::vector<lxw_worksheet*>& sheets) {
    std::size_t first_visible = sheets.size();
    for (std::size_t i = 0; i < book_.sheets.size() && i < sheets.size(); ++i) {
      if (!book_.sheets[i].hidden && first_visible == sheets.size()) first_visible = i;
    }
    if (first_visible == sheets.size()) {
      // Excel refuses a workbook with every sheet hidden; the first one stays visible.
      first_visible = 0;
      if (options_.diagnostics && !book_.sheets.empty()) {
        options_.diagnostics->add(
            Severity::warning, "XLSX-ALL-HIDDEN",
            "所有工作表均为隐藏，Excel 不允许，已显示第一个工作表",
            "every sheet is hidden, which Excel does not allow; the first is shown",
            Location{file_, book_.sheets[0].name, "", "", ""});
      }
    }
    worksheet_activate(sheets[first_visible]);
    worksheet_set_first_sheet(sheets[first_visible]);
    for (std::size_t i = 0; i < book_.sheets.size() && i < sheets.size(); ++i) {
      if (book_.sheets[i].hidden && i != first_visible) worksheet_hide(sheets[i]);
    }
    return {};
  }

  const Workbook& book_;
  const std::filesystem::path& path_;
  const Options& options_;
  std::string file_;
  bool en_;
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb_;
  std::map<std::tuple<std::string, bool, bool, HAlign, VAlign, bool>, lxw_format*> formats_;
};

}  // namespace

Status write_xlsx(const Workbook& book, const std::filesystem::path& path, const Options& options) {
  Writer writer(book, path, options);
  return writer.run();
}

}  // namespace budconv::xlsx
