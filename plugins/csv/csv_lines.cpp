// Delimited lines of one sheet: RFC 4180 quoting, CRLF records, merged cells left empty, and
// the encoding step that names the cell of a character the output encoding cannot hold.
#include "csv_lines.hpp"

#include <algorithm>

#include "csv_format.hpp"

namespace budconv::csv {

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
    return make_error(ErrorCode::usage,
                      options.english() ? "option bom must be true or false, not \"" + bom + "\""
                                        : "选项 bom 只能是 true 或 false，而不是“" + bom + "”");
  }
  return enc;
}

Error no_such_sheet(const std::string& wanted, const std::vector<std::string>& names, bool en) {
  std::string list;
  for (const std::string& n : names) {
    if (!list.empty()) list += en ? ", " : "、";
    list += n;
  }
  return make_error(ErrorCode::usage,
                    en ? "no sheet \"" + wanted + "\" in the workbook (sheets: " + list + ")"
                       : "工作簿中没有工作表“" + wanted + "”（现有：" + list + "）");
}

std::size_t sheet_position(const std::string& wanted) {
  const bool digits =
      !wanted.empty() && wanted.size() < 6 &&
      std::all_of(wanted.begin(), wanted.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? std::stoul(wanted) : 0;
}

SheetLines::SheetLines(char delimiter, TextEncoding encoding, std::string source, std::string sheet,
                       Lang lang)
    : delimiter_(delimiter),
      encoding_(encoding),
      source_(std::move(source)),
      sheet_(std::move(sheet)),
      lang_(lang) {}

void SheetLines::set_merges(std::vector<MergedRange> merges) {
  merges_ = std::move(merges);
  std::sort(merges_.begin(), merges_.end(),
            [](const MergedRange& a, const MergedRange& b) { return a.first < b.first; });
  next_merge_ = 0;
  active_.clear();
}

void SheetLines::advance_merges(std::uint32_t row) {
  if (merges_.empty()) return;
  std::erase_if(active_, [row](const MergedRange& m) { return m.last.row < row; });
  while (next_merge_ < merges_.size() && merges_[next_merge_].first.row <= row) {
    if (merges_[next_merge_].last.row >= row) active_.push_back(merges_[next_merge_]);
    ++next_merge_;
  }
}

bool SheetLines::covered(std::uint32_t row, std::uint32_t col) const {
  for (const MergedRange& m : active_) {
    if (m.contains({row, col}) && !(m.first.row == row && m.first.col == col)) return true;
  }
  return false;
}

// Numbers keep their exact text; a fixed-decimals format ("0.00") that the text does not fill
// is padded, so "1234.5" read back from a spreadsheet that stored 1234.50 as a double is
// written as published. Such a number never needs quotes.
void SheetLines::append_cell(const Cell& cell) {
  const std::string& value = cell.text;
  if (cell.type == CellType::number) {
    const std::string& fmt = cell.number_format;
    if (fmt.size() >= 3 && fmt.compare(0, 2, "0.") == 0 &&
        fmt.find_first_not_of('0', 2) == std::string::npos && is_plain_number(value)) {
      const std::size_t want = fmt.size() - 2;
      const std::size_t dot = value.find('.');
      const std::size_t have = dot == std::string::npos ? 0 : value.size() - dot - 1;
      text_ += value;
      if (have < want) {
        if (dot == std::string::npos) text_ += '.';
        text_.append(want - have, '0');
      }
      return;
    }
  }
  bool quote = false;
  for (char c : value) {
    if (c == '"' || c == '\r' || c == '\n' || c == delimiter_) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    text_ += value;
    return;
  }
  text_ += '"';
  for (char c : value) {
    if (c == '"') text_ += '"';
    text_ += c;
  }
  text_ += '"';
}

LineDelims SheetLines::end_line(LineDelims d) {
  d.total = d.content;
  if (pad_ && cols_ > 0 && d.total + 1 < cols_) {
    text_.append(cols_ - 1 - d.total, delimiter_);
    d.total = cols_ - 1;
  }
  text_ += "\r\n";
  return d;
}

Status SheetLines::drain(std::string& out) {
  // UTF-8 out needs only the check; skipping the converter's copy into a fresh multi-MiB buffer
  // saves a copy and the page faults of that buffer on every drain of a big sheet.
  if ((encoding_ == TextEncoding::utf8 || encoding_ == TextEncoding::utf8_bom) &&
      is_valid_utf8(text_)) {
    out += text_;
    text_.clear();
    marks_.clear();
    return {};
  }
  const bool en = lang_ == Lang::en;
  // Every byte goes through the converter, which also catches invalid UTF-8 in cell text.
  ConversionOutcome conv = convert_encoding(text_, TextEncoding::utf8, encoding_,
                                            std::max<std::size_t>(text_.size() * 4, 64));
  if (conv.too_large) {
    return make_error(ErrorCode::limit, source_ + (en ? ": output too large" : "：输出过大"));
  }
  if (conv.bad_offset) {
    const std::size_t off = *conv.bad_offset;
    auto it = std::upper_bound(marks_.begin(), marks_.end(), off,
                               [](std::size_t o, const FieldMark& m) { return o < m.offset; });
    const std::string cell = it == marks_.begin() ? "?" : a1((it - 1)->row, (it - 1)->col);
    std::size_t len = 1;
    while (off + len < text_.size() &&
           (static_cast<unsigned char>(text_[off + len]) & 0xC0) == 0x80 && len < 4) {
      ++len;
    }
    const bool invalid_utf8 = find_invalid_utf8(text_).has_value();
    const std::string what = invalid_utf8 ? std::string() : text_.substr(off, len);
    const std::string loc = source_ + (en ? ": " : "：") + sheet_ + "!" + cell;
    std::string msg;
    if (invalid_utf8) {
      msg = en ? loc + ": the cell text is not valid UTF-8" : loc + "：单元格文本不是有效的 UTF-8";
    } else {
      msg = en ? loc + ": character \"" + what + "\" cannot be written in " + encoding_id(encoding_)
               : loc + "：字符“" + what + "”无法用 " + encoding_id(encoding_) + " 编码写出";
    }
    return make_error(ErrorCode::invalid_value, std::move(msg));
  }
  out += conv.text;
  text_.clear();
  marks_.clear();
  return {};
}

}  // namespace budconv::csv
