// One sheet → delimited text: RFC 4180 quoting, CRLF records, UTF-8 or GB18030.
#include <algorithm>
#include <string>
#include <vector>

#include "budconv/encoding.hpp"
#include "csv_format.hpp"

namespace budconv::csv {

namespace {

/// Where a written field starts in the UTF-8 output, to name the cell of an encoding failure.
struct FieldMark {
  std::size_t offset;
  std::uint32_t row;
  std::uint32_t col;
};

/// Above this many row × column slots, rows are not padded to the sheet's width: a stray cell
/// at XFD1048576 must not turn into gigabytes of delimiters.
constexpr std::uint64_t kMaxPaddedSlots = 10'000'000;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<const Sheet*> pick_sheet(const Workbook& book, const Options& options) {
  const bool en = options.english();
  if (!options.has("sheet")) {
    if (book.sheets.empty()) return static_cast<const Sheet*>(nullptr);
    // Only the first sheet fits in one CSV file; the others are left out (documented).
    return &book.sheets.front();
  }
  const std::string wanted = options.get("sheet");
  if (const Sheet* s = book.find_sheet(wanted)) return s;
  if (all_digits(wanted) && wanted.size() < 6) {
    const std::size_t n = std::stoul(wanted);
    if (n >= 1 && n <= book.sheets.size()) return &book.sheets[n - 1];
  }
  std::string names;
  for (const Sheet& s : book.sheets) {
    if (!names.empty()) names += en ? ", " : "、";
    names += s.name;
  }
  return make_error(ErrorCode::usage,
                    en ? "no sheet \"" + wanted + "\" in the workbook (sheets: " + names + ")"
                       : "工作簿中没有工作表“" + wanted + "”（现有：" + names + "）");
}

/// The text a cell is written as. Numbers keep their exact text; a fixed-decimals format
/// ("0.00") that the text does not fill is padded, so "1234.5" read back from a spreadsheet
/// that stored 1234.50 as a double is written as published.
std::string cell_text(const Cell& cell) {
  if (cell.type != CellType::number) return cell.text;
  const std::string& fmt = cell.number_format;
  if (fmt.size() < 3 || fmt.rfind("0.", 0) != 0 ||
      fmt.find_first_not_of('0', 2) != std::string::npos || !is_plain_number(cell.text)) {
    return cell.text;
  }
  const std::size_t want = fmt.size() - 2;
  const std::size_t dot = cell.text.find('.');
  const std::size_t have = dot == std::string::npos ? 0 : cell.text.size() - dot - 1;
  if (have >= want) return cell.text;
  std::string out = cell.text;
  if (dot == std::string::npos) out += '.';
  out.append(want - have, '0');
  return out;
}

void append_field(std::string& out, const std::string& value, char delimiter) {
  const bool quote = value.find_first_of(std::string{'"', '\r', '\n', delimiter}) != std::string::npos;
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

/// The output encoding from "encoding" and "bom".
Result<TextEncoding> output_encoding(const Options& options) {
  TextEncoding enc = TextEncoding::utf8;
  if (options.has("encoding") && options.get("encoding") != "auto") {
    auto parsed = parse_encoding_name(options.get("encoding"), options.lang);
    if (!parsed) return parsed.error();
    enc = parsed.value();
  }
  const std::string bom = options.get("bom");
  if (bom == "true" || bom == "1" || bom == "yes") {
    if (enc == TextEncoding::utf8) enc = TextEncoding::utf8_bom;
  } else if (!bom.empty() && bom != "false" && bom != "0" && bom != "no") {
    return make_error(ErrorCode::usage, options.english()
                                            ? "option bom must be true or false, not \"" + bom + "\""
                                            : "选项 bom 只能是 true 或 false，而不是“" + bom + "”");
  }
  return enc;
}

}  // namespace

Result<std::string> write_delimited(const Workbook& book, const Options& options,
                                    char default_delimiter, std::string_view source) {
  const bool en = options.english();
  auto sheet_r = pick_sheet(book, options);
  if (!sheet_r) return sheet_r.error();
  auto delim_r = delimiter_option(options, default_delimiter);
  if (!delim_r) return delim_r.error();
  auto enc_r = output_encoding(options);
  if (!enc_r) return enc_r.error();
  const char delim = delim_r.value();
  const TextEncoding enc = enc_r.value();

  std::string text;
  std::vector<FieldMark> marks;
  if (const Sheet* sheet = sheet_r.value()) {
    // Merged ranges hold their value in the top-left cell only; sweep them by first row.
    std::vector<MergedRange> merges = sheet->merges;
    std::sort(merges.begin(), merges.end(),
              [](const MergedRange& a, const MergedRange& b) { return a.first < b.first; });
    std::size_t next_merge = 0;
    std::vector<MergedRange> active;
    auto covered = [&](std::uint32_t r, std::uint32_t c) {
      for (const MergedRange& m : active) {
        if (m.contains({r, c}) && !(m.first.row == r && m.first.col == c)) return true;
      }
      return false;
    };

    // The written area: rows and columns up to the last non-blank cell or merged range.
    std::uint32_t rows_used = 0;
    std::uint32_t cols_used = 0;
    for (const auto& [r, cells] : sheet->rows) {
      for (const auto& [c, cell] : cells) {
        if (cell.type == CellType::empty && cell.text.empty()) continue;
        rows_used = std::max(rows_used, r + 1);
        cols_used = std::max(cols_used, c + 1);
      }
    }
    for (const MergedRange& m : merges) {
      rows_used = std::max(rows_used, std::min(m.last.row, kMaxRows - 1) + 1);
      cols_used = std::max(cols_used, std::min(m.last.col, kMaxCols - 1) + 1);
    }
    const bool pad = static_cast<std::uint64_t>(rows_used) * cols_used <= kMaxPaddedSlots;

    auto row_it = sheet->rows.begin();
    for (std::uint32_t r = 0; r < rows_used; ++r) {
      std::erase_if(active, [r](const MergedRange& m) { return m.last.row < r; });
      while (next_merge < merges.size() && merges[next_merge].first.row <= r) {
        if (merges[next_merge].last.row >= r) active.push_back(merges[next_merge]);
        ++next_merge;
      }
      while (row_it != sheet->rows.end() && row_it->first < r) ++row_it;
      std::uint32_t delims = 0;  // field c is preceded by exactly c delimiters
      if (row_it != sheet->rows.end() && row_it->first == r) {
        for (const auto& [c, cell] : row_it->second) {
          if ((cell.type == CellType::empty && cell.text.empty()) || covered(r, c)) continue;
          for (; delims < c; ++delims) text += delim;
          marks.push_back({text.size(), r, c});
          append_field(text, cell_text(cell), delim);
        }
      }
      if (pad) {
        for (; delims + 1 < cols_used; ++delims) text += delim;
      }
      text += "\r\n";
    }
  }

  // Every byte goes through the converter, which also catches invalid UTF-8 in cell text.
  ConversionOutcome out =
      convert_encoding(text, TextEncoding::utf8, enc, std::max<std::size_t>(text.size() * 4, 64));
  if (out.too_large) {
    return make_error(ErrorCode::limit, std::string(source) + (en ? ": output too large" : "：输出过大"));
  }
  if (out.bad_offset) {
    const std::size_t off = *out.bad_offset;
    auto it = std::upper_bound(marks.begin(), marks.end(), off,
                               [](std::size_t o, const FieldMark& m) { return o < m.offset; });
    const std::string sheet_name = sheet_r.value() ? sheet_r.value()->name : "";
    const std::string cell = it == marks.begin() ? "?" : a1((it - 1)->row, (it - 1)->col);
    std::size_t len = 1;
    while (off + len < text.size() && (static_cast<unsigned char>(text[off + len]) & 0xC0) == 0x80 &&
           len < 4) {
      ++len;
    }
    const bool invalid_utf8 = find_invalid_utf8(text).has_value();
    const std::string what = invalid_utf8 ? std::string() : text.substr(off, len);
    const std::string loc = std::string(source) + (en ? ": " : "：") + sheet_name + "!" + cell;
    std::string msg;
    if (invalid_utf8) {
      msg = en ? loc + ": the cell text is not valid UTF-8" : loc + "：单元格文本不是有效的 UTF-8";
    } else {
      msg = en ? loc + ": character \"" + what + "\" cannot be written in " + encoding_id(enc)
               : loc + "：字符“" + what + "”无法用 " + encoding_id(enc) + " 编码写出";
    }
    return make_error(ErrorCode::invalid_value, std::move(msg));
  }
  std::string result(bom_bytes(enc));
  result += out.text;
  return result;
}

}  // namespace budconv::csv
