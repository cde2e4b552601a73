// Workbook → SpreadsheetML. Deterministic: styles are numbered in order of first use, indexes
// are written only where a row or cell does not follow its predecessor, nothing depends on time.
#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>
#include <vector>

#include "budconv/encoding.hpp"
#include "spreadsheetml_format.hpp"
#include "spreadsheetml_formula.hpp"

namespace budconv::spreadsheetml {

namespace {

constexpr std::string_view kDefaultFont = R"(ss:FontName="宋体" x:CharSet="134" ss:Size="11")";

/// A failure while writing a cell: names sheet and cell.
struct CellFailure {
  std::string zh;
  std::string en;
};

/// Escapes element content; CR and LF become character references so parsers keep them.
/// Returns false for characters XML 1.0 cannot carry (control characters, invalid UTF-8).
bool escape_into(std::string& out, std::string_view s, bool attribute) {
  if (!is_valid_utf8(s)) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (c < 0x20) return false;
        out += ch;
    }
  }
  return true;
}

std::string escaped_attr(std::string_view s) {
  std::string out;
  if (!escape_into(out, s, true)) {
    out.clear();
    for (char ch : s) {
      if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\t') out += ch;
    }
    std::string safe;
    escape_into(safe, is_valid_utf8(out) ? out : std::string("?"), true);
    return safe;
  }
  return out;
}

/// True for a number SpreadsheetML accepts: -?digits[.digits][E±digits].
bool is_xml_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == frac) return false;
  }
  if (i < s.size() && (s[i] == 'E' || s[i] == 'e')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t exp = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == exp) return false;
  }
  return i == s.size();
}

bool digits_at(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

/// The DateTime literal for an ISO date cell: "2020-12-31T00:00:00.000"; a time of day alone is
/// anchored on 1899-12-31 as Excel does. nullopt when the text is not ISO 8601.
std::optional<std::string> datetime_literal(const Cell& cell) {
  const std::string_view t = cell.text;
  const bool date = t.size() >= 10 && digits_at(t, 0, 4) && t[4] == '-' && digits_at(t, 5, 2) &&
                    t[7] == '-' && digits_at(t, 8, 2);
  const bool time_only = !date && t.size() == 8 && digits_at(t, 0, 2) && t[2] == ':' &&
                         digits_at(t, 3, 2) && t[5] == ':' && digits_at(t, 6, 2);
  if (time_only) return "1899-12-31T" + std::string(t) + ".000";
  if (!date) {
    // Not ISO text: fall back to the serial when there is one.
    if (cell.number > 0) {
      if (auto iso = excel_serial_to_iso(cell.number, false)) {
        Cell c = cell;
        c.text = *iso;
        c.number = 0;
        return datetime_literal(c);
      }
    }
    return std::nullopt;
  }
  if (t.size() == 10) return std::string(t) + "T00:00:00.000";
  if (t.size() >= 19 && t[10] == 'T' && digits_at(t, 11, 2) && t[13] == ':' &&
      digits_at(t, 14, 2) && t[16] == ':' && digits_at(t, 17, 2)) {
    return std::string(t.substr(0, 19)) + ".000";
  }
  return std::nullopt;
}

/// The number format a cell is written with: dates need one to display as dates.
std::string effective_format(const Cell& cell) {
  if (cell.type != CellType::date || !cell.number_format.empty()) return cell.number_format;
  if (cell.text.size() == 8 && cell.text[2] == ':') return "hh:mm:ss";
  if (cell.text.size() > 10) return "yyyy-mm-dd hh:mm:ss";
  return "yyyy-mm-dd";
}

/// Styles in order of first use: (number format, bold, border, alignment, wrap) → "s1", "s2", …
class StyleTable {
 public:
  /// The style id for a cell, "" when the default style fits.
  std::string id_for(const Cell& cell) {
    const std::string fmt = effective_format(cell);
    if (fmt.empty() && !cell.bold && !cell.border && cell.halign == HAlign::general &&
        cell.valign == VAlign::bottom && !cell.wrap)
      return "";
    auto key = std::make_tuple(fmt, cell.bold, cell.border, cell.halign, cell.valign, cell.wrap);
    auto it = ids_.find(key);
    if (it != ids_.end()) return it->second;
    std::string id = "s";
    id += std::to_string(order_.size() + 1);
    ids_.emplace(key, id);
    order_.push_back(key);
    return id;
  }
  /// The <Styles> block.
  void write(std::string& out) const {
    out += " <Styles>\n";
    out += "  <Style ss:ID=\"Default\" ss:Name=\"Normal\">\n";
    out += "   <Font " + std::string(kDefaultFont) + "/>\n";
    out += "  </Style>\n";
    for (std::size_t i = 0; i < order_.size(); ++i) {
      const auto& [fmt, bold, border, halign, valign, wrap] = order_[i];
      out += "  <Style ss:ID=\"s" + std::to_string(i + 1) + "\">\n";
      if (halign != HAlign::general || valign != VAlign::bottom || wrap) {
        static const char* const kHorizontal[] = {"", "Left", "Center", "Right"};
        static const char* const kVertical[] = {"", "Center", "Top"};
        out += "   <Alignment";
        if (halign != HAlign::general) {
          out += " ss:Horizontal=\"" + std::string(kHorizontal[static_cast<int>(halign)]) + "\"";
        }
        if (valign != VAlign::bottom) {
          out += " ss:Vertical=\"" + std::string(kVertical[static_cast<int>(valign)]) + "\"";
        }
        if (wrap) out += " ss:WrapText=\"1\"";
        out += "/>\n";
      }
      if (border) {
        out += "   <Borders>\n";
        for (const char* side : {"Bottom", "Left", "Right", "Top"}) {
          out += "    <Border ss:Position=\"" + std::string(side) +
                 "\" ss:LineStyle=\"Continuous\" ss:Weight=\"1\"/>\n";
        }
        out += "   </Borders>\n";
      }
      if (bold) out += "   <Font " + std::string(kDefaultFont) + " ss:Bold=\"1\"/>\n";
      if (!fmt.empty()) out += "   <NumberFormat ss:Format=\"" + escaped_attr(fmt) + "\"/>\n";
      out += "  </Style>\n";
    }
    out += " </Styles>\n";
  }

 private:
  using Look = std::tuple<std::string, bool, bool, HAlign, VAlign, bool>;
  std::map<Look, std::string> ids_;
  std::vector<Look> order_;
};

std::string format_points(double pt) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", pt);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

/// What goes into one <Cell>: the value (may be null for a bare merge) and its merge.
struct Entry {
  const Cell* cell = nullptr;
  const MergedRange* merge = nullptr;
};

/// Merges that can be written: sorted, and none starting inside an earlier one.
std::vector<const MergedRange*> usable_merges(const Sheet& sheet) {
  std::vector<const MergedRange*> sorted;
  for (const MergedRange& m : sheet.merges) {
    if (m.first.row <= m.last.row && m.first.col <= m.last.col && m.last.row < kMaxRows &&
        m.last.col < kMaxCols && !(m.first == m.last)) {
      sorted.push_back(&m);
    }
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const MergedRange* a, const MergedRange* b) { return a->first < b->first; });
  std::vector<const MergedRange*> accepted;
  std::vector<const MergedRange*> active;
  for (const MergedRange* m : sorted) {
    std::erase_if(active, [&](const MergedRange* a) { return a->last.row < m->first.row; });
    const bool overlaps = std::any_of(active.begin(), active.end(), [&](const MergedRange* a) {
      return m->first.col <= a->last.col && a->first.col <= m->last.col;
    });
    if (overlaps) continue;  // Excel cannot hold overlapping merges; the first one wins
    accepted.push_back(m);
    active.push_back(m);
  }
  return accepted;
}

/// Rows of entries: stored cells outside merges plus every merge's top-left.
std::map<std::uint32_t, std::map<std::uint32_t, Entry>> layout(
    const Sheet& sheet, const std::vector<const MergedRange*>& merges) {
  std::map<std::uint32_t, std::map<std::uint32_t, Entry>> rows;
  for (const MergedRange* m : merges) rows[m->first.row][m->first.col].merge = m;
  std::size_t next = 0;
  std::vector<const MergedRange*> active;
  for (const auto& [r, cells] : sheet.rows) {
    std::erase_if(active, [r](const MergedRange* m) { return m->last.row < r; });
    while (next < merges.size() && merges[next]->first.row <= r) {
      if (merges[next]->last.row >= r) active.push_back(merges[next]);
      ++next;
    }
    for (const auto& [c, cell] : cells) {
      const bool covered = std::any_of(active.begin(), active.end(), [&](const MergedRange* m) {
        return m->contains({r, c}) && !(m->first == CellPos{r, c});
      });
      if (covered) continue;  // a merged area shows its top-left value only
      rows[r][c].cell = &cell;
    }
  }
  return rows;
}

/// Appends one <Cell>; a CellFailure when its text cannot be carried by XML.
std::optional<CellFailure> write_cell(std::string& out, std::uint32_t r, std::uint32_t c,
                                      const Entry& e, bool need_index, StyleTable& styles) {
  out += "    <Cell";
  if (need_index) out += " ss:Index=\"" + std::to_string(c + 1) + "\"";
  if (e.merge) {
    if (e.merge->last.col > c)
      out += " ss:MergeAcross=\"" + std::to_string(e.merge->last.col - c) + "\"";
    if (e.merge->last.row > r)
      out += " ss:MergeDown=\"" + std::to_string(e.merge->last.row - r) + "\"";
  }
  if (!e.cell) {
    out += "/>\n";
    return std::nullopt;
  }
  const Cell& cell = *e.cell;
  const std::string style = styles.id_for(cell);
  if (!style.empty()) out += " ss:StyleID=\"" + style + "\"";
  if (!cell.formula.empty()) {
    out += " ss:Formula=\"=";
    if (!escape_into(out, a1_to_r1c1(cell.formula, r, c), true)) {
      return CellFailure{"公式含有 XML 无法表示的字符",
                         "the formula holds characters XML cannot carry"};
    }
    out += "\"";
  }
  std::string type;
  std::string value;
  switch (cell.type) {
    case CellType::empty:
      break;
    case CellType::number:
      type = is_xml_number(cell.text) ? "Number" : "String";
      value = cell.text;
      break;
    case CellType::date:
      if (auto lit = datetime_literal(cell)) {
        type = "DateTime";
        value = *lit;
      } else {
        type = "String";
        value = cell.text;
      }
      break;
    case CellType::boolean:
      type = "Boolean";
      value = cell.text == "TRUE" ? "1" : "0";
      break;
    case CellType::error:
      type = "Error";
      value = cell.text;
      break;
    case CellType::text:
      type = "String";
      value = cell.text;
      break;
  }
  if (type.empty()) {
    out += "/>\n";
    return std::nullopt;
  }
  out += "><Data ss:Type=\"" + type + "\">";
  if (!escape_into(out, value, false)) {
    if (!is_valid_utf8(value)) {
      return CellFailure{"单元格文本不是有效的 UTF-8", "the cell text is not valid UTF-8"};
    }
    return CellFailure{"单元格文本含有 XML 1.0 无法表示的控制字符",
                       "the cell text holds a control character that XML 1.0 cannot carry"};
  }
  out += "</Data></Cell>\n";
  return std::nullopt;
}

void write_options(std::string& out, const Sheet& sheet) {
  if (!sheet.hidden && sheet.frozen_rows == 0) return;
  out += "  <WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\">\n";
  if (sheet.hidden) out += "   <Visible>SheetHidden</Visible>\n";
  if (sheet.frozen_rows > 0) {
    const std::string n = std::to_string(sheet.frozen_rows);
    out += "   <FreezePanes/>\n   <FrozenNoSplit/>\n";
    out += "   <SplitHorizontal>" + n + "</SplitHorizontal>\n";
    out += "   <TopRowBottomPane>" + n + "</TopRowBottomPane>\n";
    out += "   <ActivePane>2</ActivePane>\n";
  }
  out += "  </WorksheetOptions>\n";
}

}  // namespace

Result<std::string> write_spreadsheetml(const Workbook& book, std::string_view source, Lang lang) {
  const bool en = lang == Lang::en;
  if (book.sheets.empty()) {
    return make_error(ErrorCode::invalid_value,
                      std::string(source) + (en ? ": the workbook has no sheet to write"
                                                : "：工作簿中没有可写出的工作表"));
  }
  StyleTable styles;
  std::string body;
  for (const Sheet& sheet : book.sheets) {
    body += " <Worksheet ss:Name=\"" + escaped_attr(sheet.name) + "\">\n";
    body += "  <Table>\n";
    for (const auto& [c, width] : sheet.column_widths) {
      if (c >= kMaxCols || !(width >= 0) || width > 255) continue;
      body += "   <Column ss:Index=\"" + std::to_string(c + 1) +
              "\" ss:AutoFitWidth=\"0\" ss:Width=\"" + format_points(chars_to_points(width)) +
              "\"/>\n";
    }
    const auto merges = usable_merges(sheet);
    const auto rows = layout(sheet, merges);
    std::int64_t prev_row = -1;
    for (const auto& [r, entries] : rows) {
      body += "   <Row";
      if (static_cast<std::int64_t>(r) != prev_row + 1)
        body += " ss:Index=\"" + std::to_string(r + 1) + "\"";
      if (auto h = sheet.row_heights.find(r);
          h != sheet.row_heights.end() && h->second > 0 && h->second <= 409.5) {
        body += " ss:AutoFitHeight=\"0\" ss:Height=\"" + format_points(h->second) + "\"";
      }
      body += ">\n";
      prev_row = r;
      std::int64_t next_col = 0;
      for (const auto& [c, entry] : entries) {
        if (auto failure =
                write_cell(body, r, c, entry, static_cast<std::int64_t>(c) != next_col, styles)) {
          const std::string where =
              std::string(source) + (en ? ": " : "：") + sheet.name + "!" + a1(r, c);
          return make_error(ErrorCode::invalid_value,
                            where + (en ? ": " + failure->en : "：" + failure->zh));
        }
        next_col = static_cast<std::int64_t>(entry.merge ? entry.merge->last.col : c) + 1;
      }
      body += "   </Row>\n";
    }
    body += "  </Table>\n";
    write_options(body, sheet);
    body += " </Worksheet>\n";
  }
  std::string out;
  out.reserve(body.size() + 1024);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<?mso-application progid=\"Excel.Sheet\"?>\n";
  out += "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"\n";
  out += " xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n";
  out += " xmlns:x=\"urn:schemas-microsoft-com:office:excel\"\n";
  out += " xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"\n";
  out += " xmlns:html=\"http://www.w3.org/TR/REC-html40\">\n";
  styles.write(out);
  out += body;
  out += "</Workbook>\n";
  return out;
}

}  // namespace budconv::spreadsheetml
