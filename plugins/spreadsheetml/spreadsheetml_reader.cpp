// SpreadsheetML → Workbook with a streaming expat handler (core's SafeXmlParser refuses any
// DOCTYPE, so entity bombs never expand). Cells are placed by the format's cursor rules:
// ss:Index jumps, and a cell with ss:MergeAcross pushes the next cell past its merge.
#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "budconv/encoding.hpp"
#include "budconv/safe_xml.hpp"
#include "spreadsheetml_format.hpp"
#include "spreadsheetml_formula.hpp"

namespace budconv::spreadsheetml {

namespace {

/// What a <Style> contributes to the Workbook's cells.
struct Style {
  std::string parent;
  std::optional<std::string> number_format;  ///< set when the style has a <NumberFormat>
  std::optional<bool> bold;                  ///< set when the style's <Font> says so
  std::optional<bool> border;                ///< set when the style has <Borders>
  std::optional<HAlign> halign;              ///< set by <Alignment ss:Horizontal>
  std::optional<VAlign> valign;              ///< set by <Alignment ss:Vertical>
  std::optional<bool> wrap;                  ///< set by <Alignment ss:WrapText>
};

/// Excel's named formats, as Chinese Excel displays them.
std::string named_format(const std::string& f) {
  static const std::map<std::string, std::string> kNamed{
      {"General", ""},
      {"General Number", ""},
      {"General Date", "yyyy/m/d h:mm"},
      {"Short Date", "yyyy/m/d"},
      {"Medium Date", "d-mmm-yy"},
      {"Long Date", "yyyy\"年\"m\"月\"d\"日\""},
      {"Short Time", "h:mm"},
      {"Medium Time", "h:mm AM/PM"},
      {"Long Time", "h:mm:ss"},
      {"Fixed", "0.00"},
      {"Standard", "#,##0.00"},
      {"Percent", "0.00%"},
      {"Scientific", "0.00E+00"},
      {"Currency", "\"¥\"#,##0.00;\"¥\"\\-#,##0.00"},
      {"Euro Currency", "[$€-2]\\ #,##0.00"},
      {"Yes/No", "\"Yes\";\"Yes\";\"No\""},
      {"True/False", "\"True\";\"True\";\"False\""},
      {"On/Off", "\"On\";\"On\";\"Off\""},
  };
  auto it = kNamed.find(f);
  return it == kNamed.end() ? f : it->second;
}

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

/// A positive decimal integer attribute ("3"); nullopt when malformed or above `max`.
std::optional<std::uint64_t> parse_count(std::string_view s, std::uint64_t max) {
  s = trim(s);
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

/// The exact decimal text of a Number value: "1.5E-3" → "0.0015", "+7" → "7"; nullopt when the
/// text is not a number. Exponents beyond ±40 are kept as written.
std::optional<std::string> number_text(std::string_view raw) {
  const std::string_view s = trim(raw);
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string int_digits;
  std::string frac_digits;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') int_digits += s[i++];
  bool point = false;
  if (i < s.size() && s[i] == '.') {
    point = true;
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') frac_digits += s[i++];
  }
  if (int_digits.empty() && frac_digits.empty()) return std::nullopt;
  if (i == s.size()) {
    std::string out = neg ? "-" : "";
    out += int_digits.empty() ? "0" : int_digits;
    if (point && !frac_digits.empty()) out += "." + frac_digits;
    return out;
  }
  if (s[i] != 'E' && s[i] != 'e') return std::nullopt;
  ++i;
  bool exp_neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_neg = s[i++] == '-';
  const std::size_t exp_start = i;
  long exp = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - exp_start < 6)
    exp = exp * 10 + (s[i++] - '0');
  if (i == exp_start || i != s.size()) return std::nullopt;
  if (exp > 40) return std::string(s);
  if (exp_neg) exp = -exp;
  std::string digits = int_digits + frac_digits;
  long point_at = static_cast<long>(int_digits.size()) + exp;
  if (point_at < 0) {
    digits.insert(0, static_cast<std::size_t>(-point_at), '0');
    point_at = 0;
  }
  if (point_at > static_cast<long>(digits.size()))
    digits.append(static_cast<std::size_t>(point_at) - digits.size(), '0');
  std::string ip = digits.substr(0, static_cast<std::size_t>(point_at));
  std::string fp = digits.substr(static_cast<std::size_t>(point_at));
  ip.erase(0, std::min(ip.find_first_not_of('0'), ip.size()));
  while (!fp.empty() && fp.back() == '0') fp.pop_back();
  if (ip.empty()) ip = "0";
  std::string out = ip;
  if (!fp.empty()) out += "." + fp;
  if (neg && out != "0") out.insert(0, "-");
  return out;
}

/// Finds the declared encoding of the XML declaration: {start, length} of its value.
std::optional<std::pair<std::size_t, std::size_t>> declared_encoding(std::string_view doc) {
  if (doc.substr(0, 5) != "<?xml") return std::nullopt;
  const std::size_t end = doc.find("?>");
  if (end == std::string_view::npos || end > 512) return std::nullopt;
  const std::string_view decl = doc.substr(0, end);
  const std::size_t key = decl.find("encoding");
  if (key == std::string_view::npos) return std::nullopt;
  std::size_t i = key + 8;
  while (i < decl.size() && (decl[i] == ' ' || decl[i] == '=')) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return std::nullopt;
  const char q = decl[i];
  const std::size_t close = decl.find(q, i + 1);
  if (close == std::string_view::npos) return std::nullopt;
  return std::make_pair(i + 1, close - i - 1);
}

class Handler final : public XmlHandler {
 public:
  Handler(Workbook& out, const Limits& limits, std::string_view source, bool en)
      : out_(out), limits_(limits), source_(source), en_(en) {}

  void start_element(std::string_view ns, std::string_view name,
                     std::span<const XmlAttr> attrs) override {
    const El parent = stack_.empty() ? El::none : stack_.back();
    const El el = classify(ns, name, parent);
    stack_.push_back(el);
    if (stack_.size() == 1 && el != El::workbook) {
      const std::string shown =
          ns.empty() ? std::string(name) : "{" + std::string(ns) + "}" + std::string(name);
      fail_doc("根元素是 <" + shown + ">，不是 SpreadsheetML 的 <Workbook>（命名空间 " +
                   std::string(kNsSpreadsheet) + "）",
               "the root element is <" + shown + ">, not a SpreadsheetML <Workbook> (namespace " +
                   std::string(kNsSpreadsheet) + ")");
      return;
    }
    switch (el) {
      case El::style:
        start_style(attrs);
        break;
      case El::number_format:
        if (auto f = attr(attrs, "Format"))
          style_.number_format = named_format(std::string(*f));
        else
          style_.number_format = "";
        break;
      case El::font:
        if (auto b = attr(attrs, "Bold")) style_.bold = trim(*b) == "1";
        break;
      case El::alignment:
        read_alignment(attrs);
        break;
      case El::borders:
        if (!style_.border) style_.border = false;  // <Borders/> alone clears a parent's lines
        break;
      case El::border:
        // Any drawn side makes the cell ruled (a grid draws each line on one of two neighbours).
        if (auto ls = attr(attrs, "LineStyle"); ls && trim(*ls) != "None") style_.border = true;
        break;
      case El::worksheet:
        start_worksheet(attrs);
        break;
      case El::column:
        start_column(attrs);
        break;
      case El::row:
        start_row(attrs);
        break;
      case El::cell:
        start_cell(attrs);
        break;
      case El::data:
        cell_.has_data = true;
        cell_.type = std::string(attr(attrs, "Type").value_or("String"));
        collecting_ = true;
        break;
      case El::options_value:
        option_text_.clear();
        break;
      case El::freeze_panes:
        freeze_ = true;
        break;
      default:
        break;
    }
  }

  void end_element(std::string_view, std::string_view) override {
    if (stack_.empty()) return;
    const El el = stack_.back();
    stack_.pop_back();
    switch (el) {
      case El::style:
        end_style();
        break;
      case El::cell:
        end_cell();
        break;
      case El::data:
        collecting_ = false;
        break;
      case El::options_value:
        end_option_value();
        break;
      case El::worksheet_options:
        if (sheet_ && freeze_ && split_rows_ > 0) sheet_->frozen_rows = split_rows_;
        break;
      case El::worksheet:
        sheet_ = nullptr;
        break;
      default:
        break;
    }
  }

  void text(std::string_view chars) override {
    if (collecting_) {
      if (cell_.text.size() + chars.size() > limits_.max_text_bytes) {
        fail_cell("单元格文本超过 " + std::to_string(limits_.max_text_bytes) + " 字节上限",
                  "cell text longer than the limit of " + std::to_string(limits_.max_text_bytes) +
                      " bytes");
        return;
      }
      cell_.text.append(chars);
    } else if (!stack_.empty() && stack_.back() == El::options_value && option_text_.size() < 64) {
      option_text_.append(chars.substr(0, 64));
    }
  }

 private:
  enum class El {
    none,
    workbook,
    styles,
    style,
    number_format,
    font,
    alignment,
    borders,
    border,
    worksheet,
    table,
    column,
    row,
    cell,
    data,
    worksheet_options,
    options_value,
    freeze_panes,
    other
  };

  struct PendingCell {
    std::uint32_t row = 0;
    std::uint32_t col = 0;
    bool has_data = false;
    std::string type;
    std::string text;
    std::string formula;
    std::string style;
  };

  static El classify(std::string_view ns, std::string_view name, El parent) {
    if (ns == kNsSpreadsheet) {
      if (name == "Workbook") return parent == El::none ? El::workbook : El::other;
      if (name == "Styles") return parent == El::workbook ? El::styles : El::other;
      if (name == "Style") return parent == El::styles ? El::style : El::other;
      if (name == "NumberFormat") return parent == El::style ? El::number_format : El::other;
      if (name == "Font") return parent == El::style ? El::font : El::other;
      if (name == "Borders") return parent == El::style ? El::borders : El::other;
      if (name == "Alignment") return parent == El::style ? El::alignment : El::other;
      if (name == "Border") return parent == El::borders ? El::border : El::other;
      if (name == "Worksheet") return parent == El::workbook ? El::worksheet : El::other;
      if (name == "Table") return parent == El::worksheet ? El::table : El::other;
      if (name == "Column") return parent == El::table ? El::column : El::other;
      if (name == "Row") return parent == El::table ? El::row : El::other;
      if (name == "Cell") return parent == El::row ? El::cell : El::other;
      // <Data> inside <Comment> is the comment's text, not the cell's value.
      if (name == "Data") return parent == El::cell ? El::data : El::other;
    }
    if (ns == kNsExcel) {
      if (name == "WorksheetOptions") {
        return parent == El::worksheet ? El::worksheet_options : El::other;
      }
      if (parent == El::worksheet_options) {
        if (name == "Visible" || name == "SplitHorizontal") return El::options_value;
        if (name == "FreezePanes") return El::freeze_panes;
      }
    }
    if (parent == El::none) return El::other;
    return El::other;
  }

  /// An attribute by local name, in the SpreadsheetML namespace or unqualified.
  static std::optional<std::string_view> attr(std::span<const XmlAttr> attrs,
                                              std::string_view local) {
    for (const XmlAttr& a : attrs) {
      if (a.name == local && (a.ns == kNsSpreadsheet || a.ns.empty())) return a.value;
    }
    return std::nullopt;
  }

  std::string sheet_prefix() const {
    return std::string(source_) + (en_ ? ": " : "：") + (sheet_ ? sheet_->name : std::string());
  }

  void fail(ErrorCode code, const std::string& where, const std::string& zh,
            const std::string& en) {
    const std::string line = std::to_string(parser().line());
    parser().abort(make_error(code, en_ ? where + " (XML line " + line + "): " + en
                                        : where + "（XML 第 " + line + " 行）：" + zh));
  }

  void fail_doc(const std::string& zh, const std::string& en, ErrorCode code = ErrorCode::format) {
    fail(code, std::string(source_), zh, en);
  }

  void fail_sheet(const std::string& zh, const std::string& en,
                  ErrorCode code = ErrorCode::format) {
    fail(code, sheet_prefix(), zh, en);
  }

  void fail_cell(const std::string& zh, const std::string& en, ErrorCode code = ErrorCode::limit) {
    fail(code, sheet_prefix() + "!" + a1(cell_.row, cell_.col), zh, en);
  }

  void start_style(std::span<const XmlAttr> attrs) {
    if (styles_.size() >= limits_.max_styles) {
      fail_doc("样式超过 " + std::to_string(limits_.max_styles) + " 个上限",
               "more than " + std::to_string(limits_.max_styles) + " styles", ErrorCode::limit);
      return;
    }
    style_ = Style{};
    style_id_ = std::string(attr(attrs, "ID").value_or(""));
    style_.parent = std::string(attr(attrs, "Parent").value_or(""));
  }

  void end_style() {
    if (!style_id_.empty()) styles_[style_id_] = style_;
  }

  /// <Alignment>: Excel's other values fold into the nearest the Workbook keeps (Justify,
  /// Distributed, Fill → general; vertical Justify, Distributed → centre).
  void read_alignment(std::span<const XmlAttr> attrs) {
    if (auto h = attr(attrs, "Horizontal")) {
      const std::string_view v = trim(*h);
      style_.halign = v == "Left"                                     ? HAlign::left
                      : v == "Center" || v == "CenterAcrossSelection" ? HAlign::center
                      : v == "Right"                                  ? HAlign::right
                                                                      : HAlign::general;
    }
    if (auto v = attr(attrs, "Vertical")) {
      const std::string_view t = trim(*v);
      style_.valign = t == "Top"                                              ? VAlign::top
                      : t == "Center" || t == "Justify" || t == "Distributed" ? VAlign::center
                                                                              : VAlign::bottom;
    }
    if (auto w = attr(attrs, "WrapText")) style_.wrap = trim(*w) == "1";
  }

  /// What style `id` resolves to once ss:Parent and "Default" have filled its gaps.
  struct Resolved {
    std::string number_format;        ///< "" = General
    bool bold = false;                ///< bold font
    bool border = false;              ///< ruled cell
    HAlign halign = HAlign::general;  ///< horizontal alignment
    VAlign valign = VAlign::bottom;   ///< vertical alignment
    bool wrap = false;                ///< wrapped text
  };

  /// The number format, boldness and ruling of style `id`, following ss:Parent (cycles stop at
  /// 16).
  Resolved resolve_style(const std::string& id) const {
    Style acc;
    const auto fill = [&acc](const Style& s) {
      if (!acc.number_format && s.number_format) acc.number_format = s.number_format;
      if (!acc.bold && s.bold) acc.bold = s.bold;
      if (!acc.border && s.border) acc.border = s.border;
      if (!acc.halign && s.halign) acc.halign = s.halign;
      if (!acc.valign && s.valign) acc.valign = s.valign;
      if (!acc.wrap && s.wrap) acc.wrap = s.wrap;
    };
    std::string cur = id;
    for (int depth = 0; depth < 16 && !cur.empty(); ++depth) {
      auto it = styles_.find(cur);
      if (it == styles_.end()) break;
      fill(it->second);
      cur = it->second.parent;
    }
    // Cells without a style of their own use "Default".
    if (id != "Default") {
      if (auto d = styles_.find("Default"); d != styles_.end()) fill(d->second);
    }
    return {acc.number_format.value_or(""),      acc.bold.value_or(false),
            acc.border.value_or(false),          acc.halign.value_or(HAlign::general),
            acc.valign.value_or(VAlign::bottom), acc.wrap.value_or(false)};
  }

  void start_worksheet(std::span<const XmlAttr> attrs) {
    if (out_.sheets.size() - first_sheet_ >= limits_.max_sheets) {
      fail_doc("工作表超过 " + std::to_string(limits_.max_sheets) + " 个上限",
               "more than " + std::to_string(limits_.max_sheets) + " worksheets", ErrorCode::limit);
      return;
    }
    std::string name(attr(attrs, "Name").value_or(""));
    if (name.empty()) name = "Sheet" + std::to_string(out_.sheets.size() - first_sheet_ + 1);
    sheet_ = &out_.add_sheet(std::move(name));
    next_row_ = 0;
    next_col_ = 0;
    column_cursor_ = 0;
    freeze_ = false;
    split_rows_ = 0;
  }

  void start_column(std::span<const XmlAttr> attrs) {
    if (!sheet_) return;
    std::uint32_t col = column_cursor_;
    if (auto idx = attr(attrs, "Index")) {
      auto v = parse_count(*idx, kMaxCols);
      if (!v || *v == 0) {
        fail_sheet("<Column> 的 ss:Index 无效：“" + std::string(*idx) + "”",
                   "invalid <Column> ss:Index \"" + std::string(*idx) + "\"");
        return;
      }
      col = static_cast<std::uint32_t>(*v - 1);
    }
    std::uint32_t span = 0;
    if (auto s = attr(attrs, "Span")) {
      auto v = parse_count(*s, kMaxCols);
      if (!v || col + *v >= kMaxCols) {
        fail_sheet("<Column> 的 ss:Span 无效：“" + std::string(*s) + "”",
                   "invalid <Column> ss:Span \"" + std::string(*s) + "\"");
        return;
      }
      span = static_cast<std::uint32_t>(*v);
    }
    if (col >= kMaxCols) {
      fail_sheet("列超出 XFD", "column beyond XFD", ErrorCode::limit);
      return;
    }
    if (auto w = attr(attrs, "Width")) {
      const std::string text(trim(*w));
      char* end = nullptr;
      const double pt = std::strtod(text.c_str(), &end);
      if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(pt) && pt >= 0 &&
          pt < 10000) {
        for (std::uint32_t c = col; c <= col + span; ++c)
          sheet_->column_widths[c] = points_to_chars(pt);
      }
    }
    column_cursor_ = col + span + 1;
  }

  void start_row(std::span<const XmlAttr> attrs) {
    if (!sheet_) return;
    std::uint64_t row = next_row_;
    if (auto idx = attr(attrs, "Index")) {
      auto v = parse_count(*idx, kMaxRows);
      if (!v || *v == 0) {
        fail_sheet("<Row> 的 ss:Index 无效：“" + std::string(*idx) + "”（应为 1 到 " +
                       std::to_string(kMaxRows) + "）",
                   "invalid <Row> ss:Index \"" + std::string(*idx) + "\" (1 to " +
                       std::to_string(kMaxRows) + ")");
        return;
      }
      row = *v - 1;
    }
    if (row >= kMaxRows) {
      fail_sheet("行号超过 " + std::to_string(kMaxRows), "row beyond " + std::to_string(kMaxRows),
                 ErrorCode::limit);
      return;
    }
    std::uint64_t span = 0;
    if (auto s = attr(attrs, "Span")) {
      auto v = parse_count(*s, kMaxRows);
      if (!v || row + *v >= kMaxRows) {
        fail_sheet("<Row> 的 ss:Span 无效：“" + std::string(*s) + "”",
                   "invalid <Row> ss:Span \"" + std::string(*s) + "\"");
        return;
      }
      span = *v;
    }
    current_row_ = static_cast<std::uint32_t>(row);
    next_row_ = row + span + 1;
    next_col_ = 0;
    // A height set by hand (ss:AutoFitHeight="0", Excel's way) is kept; an auto-fitted one is
    // only the producer's guess.
    if (auto h = attr(attrs, "Height"); h && attr(attrs, "AutoFitHeight").value_or("1") == "0") {
      const std::string text(trim(*h));
      char* end = nullptr;
      const double pt = std::strtod(text.c_str(), &end);
      if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(pt) && pt > 0 &&
          pt <= 409.5) {
        for (std::uint64_t r = row; r <= row + span; ++r)
          sheet_->row_heights[static_cast<std::uint32_t>(r)] = pt;
      }
    }
  }

  void start_cell(std::span<const XmlAttr> attrs) {
    cell_ = PendingCell{};
    if (!sheet_) return;
    cell_.row = current_row_;
    std::uint64_t col = next_col_;
    if (auto idx = attr(attrs, "Index")) {
      auto v = parse_count(*idx, kMaxCols);
      if (!v || *v == 0) {
        cell_.col = static_cast<std::uint32_t>(std::min<std::uint64_t>(col, kMaxCols - 1));
        fail_cell("<Cell> 的 ss:Index 无效：“" + std::string(*idx) + "”（应为 1 到 " +
                      std::to_string(kMaxCols) + "）",
                  "invalid <Cell> ss:Index \"" + std::string(*idx) + "\" (1 to " +
                      std::to_string(kMaxCols) + ")",
                  ErrorCode::format);
        return;
      }
      col = *v - 1;
    }
    if (col >= kMaxCols) {
      cell_.col = kMaxCols - 1;
      fail_cell("列超出 XFD", "column beyond XFD");
      return;
    }
    cell_.col = static_cast<std::uint32_t>(col);
    std::uint64_t across = 0;
    std::uint64_t down = 0;
    if (auto m = attr(attrs, "MergeAcross")) {
      auto v = parse_count(*m, kMaxCols);
      if (!v || col + *v >= kMaxCols) {
        fail_cell("ss:MergeAcross 无效：“" + std::string(*m) + "”",
                  "invalid ss:MergeAcross \"" + std::string(*m) + "\"", ErrorCode::format);
        return;
      }
      across = *v;
    }
    if (auto m = attr(attrs, "MergeDown")) {
      auto v = parse_count(*m, kMaxRows);
      if (!v || cell_.row + *v >= kMaxRows) {
        fail_cell("ss:MergeDown 无效：“" + std::string(*m) + "”",
                  "invalid ss:MergeDown \"" + std::string(*m) + "\"", ErrorCode::format);
        return;
      }
      down = *v;
    }
    if (across > 0 || down > 0) {
      if (++merges_ > limits_.max_merges) {
        fail_cell("合并区域超过 " + std::to_string(limits_.max_merges) + " 个上限",
                  "more than " + std::to_string(limits_.max_merges) + " merged ranges");
        return;
      }
      sheet_->merges.push_back(MergedRange{{cell_.row, cell_.col},
                                           {static_cast<std::uint32_t>(cell_.row + down),
                                            static_cast<std::uint32_t>(cell_.col + across)}});
    }
    if (auto f = attr(attrs, "Formula")) cell_.formula = r1c1_to_a1(*f, cell_.row, cell_.col);
    if (auto s = attr(attrs, "StyleID")) cell_.style = std::string(*s);
    next_col_ = col + across + 1;
  }

  void end_cell() {
    if (!sheet_) return;
    const Resolved look = resolve_style(cell_.style.empty() ? "Default" : cell_.style);
    const std::string& fmt = look.number_format;
    Cell cell;
    if (cell_.has_data) {
      const std::string& t = cell_.type;
      if (t == "Number") {
        auto num = number_text(cell_.text);
        if (!num) {
          if (trim(cell_.text).empty()) {
            cell.type = CellType::empty;  // <Data ss:Type="Number"/>: a blank, not zero
          } else {
            fail_cell("ss:Type=\"Number\" 的值“" + cell_.text + "”不是数字",
                      "ss:Type=\"Number\" value \"" + cell_.text + "\" is not a number",
                      ErrorCode::format);
            return;
          }
        } else {
          cell = Cell::make_number(std::move(*num), fmt);
          // A serial under a date format is a date, as in XLSX.
          if (is_date_format(fmt)) {
            if (auto iso = excel_serial_to_iso(cell.number, false)) {
              cell.type = CellType::date;
              cell.text = *iso;
            }
          }
        }
      } else if (t == "DateTime") {
        auto serial = iso_to_excel_serial(trim(cell_.text));
        auto iso = serial ? excel_serial_to_iso(*serial, false) : std::nullopt;
        if (iso) {
          cell.type = CellType::date;
          cell.text = *iso;
          cell.number = *serial;
        } else {
          cell = Cell::make_text(std::move(cell_.text));  // kept exactly rather than guessed
        }
      } else if (t == "Boolean") {
        const std::string_view v = trim(cell_.text);
        cell.type = CellType::boolean;
        cell.text = (v == "1" || v == "TRUE" || v == "true" || v == "True") ? "TRUE" : "FALSE";
      } else if (t == "Error") {
        cell.type = CellType::error;
        cell.text = std::string(trim(cell_.text));
      } else {
        cell = Cell::make_text(std::move(cell_.text));
      }
    }
    cell.number_format = fmt;
    cell.formula = std::move(cell_.formula);
    cell.bold = look.bold;
    cell.border = look.border;
    cell.halign = look.halign;
    cell.valign = look.valign;
    cell.wrap = look.wrap;
    const bool keep = cell.type != CellType::empty || !cell.formula.empty() || cell.styled();
    if (!keep) return;
    if (++cells_ > limits_.max_cells) {
      fail_cell("单元格超过 " + std::to_string(limits_.max_cells) + " 个上限",
                "more than " + std::to_string(limits_.max_cells) + " cells");
      return;
    }
    sheet_->set(cell_.row, cell_.col, std::move(cell));
  }

  void end_option_value() {
    if (!sheet_ || stack_.empty()) return;
    const std::string_view v = trim(option_text_);
    if (v == "SheetHidden" || v == "SheetVeryHidden") {
      sheet_->hidden = true;
    } else if (auto n = parse_count(v, kMaxRows)) {
      split_rows_ = static_cast<std::uint32_t>(*n);
    }
  }

  Workbook& out_;
  const Limits& limits_;
  std::string_view source_;
  bool en_;
  std::size_t first_sheet_ = out_.sheets.size();
  std::vector<El> stack_;
  std::map<std::string, Style> styles_;
  Style style_;
  std::string style_id_;
  Sheet* sheet_ = nullptr;
  std::uint64_t next_row_ = 0;
  std::uint32_t current_row_ = 0;
  std::uint64_t next_col_ = 0;
  std::uint32_t column_cursor_ = 0;
  PendingCell cell_;
  bool collecting_ = false;
  std::string option_text_;
  bool freeze_ = false;
  std::uint32_t split_rows_ = 0;
  std::size_t cells_ = 0;
  std::size_t merges_ = 0;
};

}  // namespace

Status read_spreadsheetml(std::string_view document, const Limits& limits, std::string_view source,
                          Lang lang, Workbook& out) {
  const bool en = lang == Lang::en;
  if (document.size() > limits.max_file_bytes) {
    return make_error(
        ErrorCode::limit,
        std::string(source) +
            (en ? ": file larger than the limit of " + std::to_string(limits.max_file_bytes >> 20) +
                      " MiB"
                : "：文件超过 " + std::to_string(limits.max_file_bytes >> 20) + " MiB 上限"));
  }
  // Expat knows UTF-8/16 and Latin-1 only; Chinese exporters declare GB2312/GBK. Decode those
  // with iconv and relabel the declaration, so the parser sees the same document in UTF-8.
  std::string converted;
  if (auto enc = declared_encoding(document)) {
    const std::string_view name = document.substr(enc->first, enc->second);
    auto parsed = parse_encoding_name(name, lang);
    if (parsed && parsed.value() == TextEncoding::gb18030) {
      auto text =
          decode_to_utf8(document, TextEncoding::gb18030, source, lang, limits.max_file_bytes * 2);
      if (!text) return text.error();
      converted = std::move(text.value());
      auto again = declared_encoding(converted);
      if (!again) {
        return make_error(ErrorCode::format,
                          std::string(source) + (en ? ": bad XML declaration" : "：XML 声明无效"));
      }
      converted.replace(again->first, again->second, "UTF-8");
      document = converted;
    }
  }
  const std::size_t before = out.sheets.size();
  Handler handler(out, limits, source, en);
  Status st = parse_xml(document, handler, std::string(source), lang);
  if (!st.ok()) {
    out.sheets.resize(before);
    return st;
  }
  if (out.sheets.size() == before) {
    return make_error(
        ErrorCode::format,
        std::string(source) + (en ? ": the workbook has no worksheet" : "：工作簿中没有工作表"));
  }
  return {};
}

}  // namespace budconv::spreadsheetml
