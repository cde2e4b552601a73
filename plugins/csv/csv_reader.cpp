// Delimited text → one sheet: encoding detection, RFC 4180 tokenizing, cautious number typing.
#include <string>
#include <utility>

#include "budconv/encoding.hpp"
#include "csv_format.hpp"

namespace budconv::csv {

namespace {

/// One field as the tokenizer saw it.
struct Field {
  std::string value;            ///< unquoted content
  bool last_in_record = false;  ///< a line break or the end of the text followed
  bool ended_by_eof = false;    ///< the text ended inside this field (no terminator)
  std::size_t start_line = 1;   ///< physical line where the field started
};

/// Splits UTF-8 (or any ASCII-compatible) text into fields. All structure characters are
/// ASCII, which never occur inside a UTF-8 multi-byte sequence, so invalid bytes elsewhere
/// cannot confuse it.
class Tokenizer {
 public:
  enum class Next { field, end, unterminated, too_long };

  Tokenizer(std::string_view text, char delimiter) : text_(text), delim_(delimiter) {}

  /// Reads the next field into `f`.
  Next next(Field& f, std::size_t max_field) {
    f.value.clear();
    f.last_in_record = false;
    f.ended_by_eof = false;
    f.start_line = line_;
    if (pos_ >= text_.size()) {
      if (!pending_field_) return Next::end;
      // The text ended right after a delimiter: one last, empty field.
      pending_field_ = false;
      f.last_in_record = true;
      f.ended_by_eof = true;
      return Next::field;
    }
    pending_field_ = false;
    if (text_[pos_] == '"') {
      ++pos_;
      while (true) {
        const std::size_t q = find_quote_counting_lines(pos_);
        if (q == std::string_view::npos) {
          pos_ = text_.size();
          return Next::unterminated;
        }
        if (!append(f, text_.substr(pos_, q - pos_), max_field)) return Next::too_long;
        if (q + 1 < text_.size() && text_[q + 1] == '"') {
          if (!append(f, "\"", max_field)) return Next::too_long;
          pos_ = q + 2;
          continue;
        }
        pos_ = q + 1;
        break;
      }
    }
    // Unquoted content, or stray characters after a closing quote (kept, as Excel does).
    const std::size_t stop = find_terminator(pos_);
    if (!append(f, text_.substr(pos_, stop - pos_), max_field)) return Next::too_long;
    pos_ = stop;
    if (pos_ >= text_.size()) {
      f.last_in_record = true;
      f.ended_by_eof = true;
      return Next::field;
    }
    const char c = text_[pos_];
    if (c == delim_) {
      ++pos_;
      pending_field_ = true;
      return Next::field;
    }
    // CR, LF or CRLF ends the record.
    pos_ += (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
    ++line_;
    f.last_in_record = true;
    return Next::field;
  }

  /// The physical line the tokenizer is on.
  std::size_t line() const { return line_; }

 private:
  bool append(Field& f, std::string_view piece, std::size_t max_field) {
    if (f.value.size() + piece.size() > max_field) return false;
    f.value.append(piece);
    return true;
  }

  std::size_t find_quote_counting_lines(std::size_t from) {
    for (std::size_t i = from; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == '"') return i;
      if (c == '\n' || (c == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) ++line_;
    }
    return std::string_view::npos;
  }

  std::size_t find_terminator(std::size_t from) const {
    for (std::size_t i = from; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == delim_ || c == '\n' || c == '\r') return i;
    }
    return text_.size();
  }

  std::string_view text_;
  char delim_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool pending_field_ = false;
};

/// Where a byte of the text lies: physical line and the cell of the field holding it.
struct FieldLocation {
  std::size_t line = 1;
  std::uint32_t row = 0;
  std::uint32_t col = 0;
};

/// Locates the field that the first byte after `prefix` belongs to.
FieldLocation locate(std::string_view prefix, char delimiter) {
  Tokenizer tok(prefix, delimiter);
  Field f;
  FieldLocation loc;
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  while (true) {
    const std::size_t line_before = tok.line();
    const auto step = tok.next(f, std::string::npos);
    if (step == Tokenizer::Next::unterminated) {
      // The byte lies inside an open quoted field.
      return {tok.line(), row, col};
    }
    if (step != Tokenizer::Next::field) break;
    if (f.ended_by_eof && !f.value.empty()) return {tok.line(), row, col};
    if (f.ended_by_eof) return {line_before, row, col};
    if (f.last_in_record) {
      ++row;
      col = 0;
    } else {
      ++col;
    }
  }
  loc.line = tok.line();
  loc.row = row;
  loc.col = col;
  return loc;
}

std::string where(std::string_view source, std::size_t line, std::uint32_t row, std::uint32_t col,
                  bool en) {
  const std::string cell = a1(row, col);
  return en ? std::string(source) + ": line " + std::to_string(line) + ", cell " + cell
            : std::string(source) + "：第 " + std::to_string(line) + " 行，单元格 " + cell;
}

/// An encoding failure at `offset` of `body` (decoded in `enc`), located as line + cell.
Error bad_bytes_error(std::string_view body, std::size_t offset, TextEncoding enc, char delimiter,
                      std::string_view source, bool en, bool auto_detected) {
  // The prefix before the failure is valid, so it can be decoded and tokenized safely.
  std::string prefix;
  if (enc == TextEncoding::utf8 || enc == TextEncoding::utf8_bom) {
    prefix.assign(body.substr(0, offset));
  } else {
    ConversionOutcome c =
        convert_encoding(body.substr(0, offset), enc, TextEncoding::utf8, offset * 3 + 16);
    prefix = std::move(c.text);
  }
  const FieldLocation loc = locate(prefix, delimiter);
  const std::string at = where(source, loc.line, loc.row, loc.col, en);
  const std::string hex = hex_at(body, offset);
  const std::string name = encoding_id(enc);
  std::string msg;
  if (auto_detected) {
    msg = en ? at + ": bytes " + hex +
                   " are neither UTF-8 nor GB18030, or the file mixes "
                   "encodings; the encoding cannot be determined (set option encoding=…)"
             : at + "：字节 " + hex +
                   " 既不是 UTF-8 也不是 GB18030 编码，或文件混用了多种编码，"
                   "无法确定文件编码（请用选项 encoding=… 指定）";
  } else if (name == "utf-8" || name == "utf-8-bom") {
    msg = en ? at + ": bytes " + hex +
                   " are not valid UTF-8 (a GBK/GB18030 file? use option "
                   "encoding=gb18030)"
             : at + "：字节 " + hex +
                   " 不是有效的 UTF-8 编码（是 GBK/GB18030 文件吗？可用选项 "
                   "encoding=gb18030）";
  } else {
    msg = en ? at + ": bytes " + hex + " are not valid " + name
             : at + "：字节 " + hex + " 不是有效的 " + name + " 编码";
  }
  return make_error(ErrorCode::format, std::move(msg));
}

/// Decodes `bytes` to UTF-8 following the "encoding" option (or detection).
Result<std::string> decode(std::string_view bytes, const Options& options, char delimiter,
                           const Limits& limits, std::string_view source) {
  const bool en = options.english();
  const std::string forced = options.get("encoding");
  bool auto_detected = false;
  TextEncoding enc = TextEncoding::utf8;
  if (!forced.empty() && forced != "auto") {
    auto parsed = parse_encoding_name(forced, options.lang);
    if (!parsed) return parsed.error();
    enc = parsed.value();
  } else if (auto detected = detect_encoding(bytes)) {
    enc = *detected;
  } else {
    auto_detected = true;  // neither fits (or the file mixes them): report where UTF-8 fails
  }
  // Strip the BOM the encoding implies; a UTF-8 BOM is also dropped from a forced utf-8 file.
  std::string_view body = bytes;
  const std::string_view bom = bom_bytes(enc);
  if (!bom.empty() && body.substr(0, bom.size()) == bom) {
    body.remove_prefix(bom.size());
  } else if (enc == TextEncoding::utf8 && body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
  }
  ConversionOutcome out =
      convert_encoding(body, enc, TextEncoding::utf8, limits.max_file_bytes * 2);
  if (out.too_large) {
    return make_error(ErrorCode::limit, en ? std::string(source) + ": decoded text too large"
                                           : std::string(source) + "：解码后的文本过大");
  }
  if (out.bad_offset) {
    return bad_bytes_error(body, *out.bad_offset, enc, delimiter, source, en, auto_detected);
  }
  return std::move(out.text);
}

Error limit_error(std::string_view source, std::size_t line, const std::string& zh,
                  const std::string& en_text, bool en) {
  return make_error(ErrorCode::limit,
                    en ? std::string(source) + ": line " + std::to_string(line) + ": " + en_text
                       : std::string(source) + "：第 " + std::to_string(line) + " 行：" + zh);
}

}  // namespace

bool is_plain_number(std::string_view text) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  const std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const std::size_t int_len = i - int_start;
  if (int_len == 0) return false;
  if (int_len > 1 && text[int_start] == '0') return false;  // "030101" is a code
  std::size_t frac_len = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t frac_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    frac_len = i - frac_start;
    if (frac_len == 0) return false;  // "5." is not plain
  }
  if (i != text.size()) return false;
  // Significant digits: everything after the leading zeros of the whole digit string.
  std::size_t significant = 0;
  bool seen_nonzero = false;
  bool any_nonzero = false;
  for (std::size_t k = int_start; k < text.size(); ++k) {
    const char c = text[k];
    if (c == '.') continue;
    if (c != '0') any_nonzero = true;
    if (c != '0' || seen_nonzero) {
      seen_nonzero = true;
      ++significant;
    }
  }
  if (negative && !any_nonzero) return false;  // "-0" and "-0.00" do not survive a double
  // 15 digits is what a double (and Excel) keeps exactly; 身份证 numbers have 18.
  return significant <= 15 && int_len + frac_len <= 32;
}

std::optional<Cell> field_to_cell(std::string field) {
  if (field.empty()) return std::nullopt;
  if (!is_plain_number(field)) return Cell::make_text(std::move(field));
  std::string format;
  const std::size_t dot = field.find('.');
  if (dot != std::string::npos && field.back() == '0') {
    // General would show "1234.5" for "1234.50": record how many decimals were published.
    format = "0." + std::string(field.size() - dot - 1, '0');
  }
  return Cell::make_number(std::move(field), std::move(format));
}

Status read_delimited(std::string_view bytes, const std::string& sheet_name, const Options& options,
                      char default_delimiter, const Limits& limits, std::string_view source,
                      Workbook& out) {
  const bool en = options.english();
  if (bytes.size() > limits.max_file_bytes) {
    return make_error(ErrorCode::limit,
                      en ? std::string(source) + ": file larger than the limit of " +
                               std::to_string(limits.max_file_bytes >> 20) + " MiB"
                         : std::string(source) + "：文件超过 " +
                               std::to_string(limits.max_file_bytes >> 20) + " MiB 上限");
  }
  auto delim = delimiter_option(options, default_delimiter);
  if (!delim) return delim.error();
  auto text = decode(bytes, options, delim.value(), limits, source);
  if (!text) return text.error();
  if (text.value().find('\0') != std::string::npos) {
    const std::size_t nul = text.value().find('\0');
    const FieldLocation loc = locate(std::string_view(text.value()).substr(0, nul), delim.value());
    return make_error(ErrorCode::format,
                      where(source, loc.line, loc.row, loc.col, en) +
                          (en ? ": NUL byte in text (a binary file, not CSV?)"
                              : "：文本中含有 NUL 字节（这是二进制文件，而不是 CSV？）"));
  }

  Sheet sheet;
  sheet.name = sheet_name;
  Tokenizer tok(text.value(), delim.value());
  Field f;
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  std::size_t cells = 0;
  while (true) {
    const auto step = tok.next(f, limits.max_field_bytes);
    if (step == Tokenizer::Next::end) break;
    if (step == Tokenizer::Next::unterminated) {
      return make_error(
          ErrorCode::format,
          en ? std::string(source) + ": line " + std::to_string(f.start_line) + ", cell " +
                   a1(row, col) + ": the quoted field opened here is never closed"
             : std::string(source) + "：第 " + std::to_string(f.start_line) + " 行，单元格 " +
                   a1(row, col) + "：此处开始的带引号字段没有结束引号");
    }
    if (step == Tokenizer::Next::too_long) {
      return limit_error(source, f.start_line,
                         "单元格 " + a1(row, col) + " 的字段超过 " +
                             std::to_string(limits.max_field_bytes) + " 字节上限",
                         "cell " + a1(row, col) + ": field longer than the limit of " +
                             std::to_string(limits.max_field_bytes) + " bytes",
                         en);
    }
    if (row >= limits.max_rows) {
      return limit_error(source, f.start_line,
                         "超过 " + std::to_string(limits.max_rows) + " 行上限",
                         "more than " + std::to_string(limits.max_rows) + " rows", en);
    }
    if (col >= limits.max_columns) {
      return limit_error(source, f.start_line,
                         "超过 " + std::to_string(limits.max_columns) + " 列上限",
                         "more than " + std::to_string(limits.max_columns) + " columns", en);
    }
    if (auto cell = field_to_cell(std::move(f.value))) {
      if (++cells > limits.max_cells) {
        return limit_error(
            source, f.start_line, "非空单元格超过 " + std::to_string(limits.max_cells) + " 个上限",
            "more than " + std::to_string(limits.max_cells) + " non-empty cells", en);
      }
      sheet.set(row, col, std::move(*cell));
    }
    if (f.last_in_record) {
      ++row;
      col = 0;
    } else {
      ++col;
    }
  }
  out.sheets.push_back(std::move(sheet));
  return {};
}

}  // namespace budconv::csv
