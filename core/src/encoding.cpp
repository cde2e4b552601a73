// Text encodings of legacy files: validation, detection and bounded iconv conversion.
#include "budconv/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>

namespace budconv {

namespace {

/// Valid UTF-8 multi-byte characters before the first invalid byte that rule GB18030 out.
constexpr std::size_t kUtf8Evidence = 4;

/// Owns an iconv descriptor (iconv_t is a C handle; the destructor keeps every exit clean).
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (valid()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool valid() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

/// The iconv name of an encoding, without BOM handling ("UTF-16LE" never writes a BOM).
const char* iconv_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::utf8:
    case TextEncoding::utf8_bom:
      return "UTF-8";
    case TextEncoding::gb18030:
      return "GB18030";
    case TextEncoding::utf16le:
      return "UTF-16LE";
    case TextEncoding::utf16be:
      return "UTF-16BE";
  }
  return "UTF-8";
}

bool is_utf8_family(TextEncoding e) {
  return e == TextEncoding::utf8 || e == TextEncoding::utf8_bom;
}

std::string lower_dashed(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '_') c = '-';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != ' ') out += c;
  }
  return out;
}

/// Runs iconv over the whole input into a growing buffer capped at `max_output`.
ConversionOutcome run_iconv(std::string_view input, const char* to, const char* from,
                            std::size_t max_output) {
  ConversionOutcome out;
  Iconv cd(to, from);
  if (!cd.valid()) {
    // The converter is missing (no gconv modules): report the very first byte as unconvertible.
    out.bad_offset = 0;
    return out;
  }
  char* in_ptr = const_cast<char*>(input.data());
  std::size_t in_left = input.size();
  std::array<char, 1 << 14> buf{};
  while (true) {
    char* out_ptr = buf.data();
    std::size_t out_left = buf.size();
    const std::size_t r = in_left == 0 ? iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left)
                                       : iconv(cd.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    const int err = (r == static_cast<std::size_t>(-1)) ? errno : 0;
    const auto produced = static_cast<std::size_t>(out_ptr - buf.data());
    if (out.text.size() + produced > max_output) {
      out.too_large = true;
      return out;
    }
    out.text.append(buf.data(), produced);
    if (err == E2BIG) continue;  // buffer full: drain and go on
    if (err == EILSEQ || err == EINVAL) {
      out.bad_offset = input.size() - in_left;
      out.incomplete = err == EINVAL;
      return out;
    }
    if (err != 0) {
      out.bad_offset = input.size() - in_left;
      return out;
    }
    if (in_left == 0) {
      // Flush any shift state once more; stateless encodings produce nothing.
      char* flush_ptr = buf.data();
      std::size_t flush_left = buf.size();
      iconv(cd.get(), nullptr, nullptr, &flush_ptr, &flush_left);
      const auto flushed = static_cast<std::size_t>(flush_ptr - buf.data());
      if (out.text.size() + flushed > max_output) {
        out.too_large = true;
        return out;
      }
      out.text.append(buf.data(), flushed);
      return out;
    }
  }
}

std::string describe_position(std::string_view source, TextPosition pos, bool en) {
  std::string s(source);
  if (en) {
    return s + ": line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
  }
  return s + "：第 " + std::to_string(pos.line) + " 行第 " + std::to_string(pos.column) + " 列";
}

/// The position of input byte `offset`, found by decoding the (valid) prefix before it.
TextPosition position_in_source(std::string_view bytes, std::size_t offset, TextEncoding from) {
  const std::string_view prefix = bytes.substr(0, std::min(offset, bytes.size()));
  if (is_utf8_family(from)) return utf8_position(prefix, prefix.size());
  ConversionOutcome decoded = run_iconv(prefix, "UTF-8", iconv_name(from), prefix.size() * 3 + 16);
  return utf8_position(decoded.text, decoded.text.size());
}

Error too_large_error(std::string_view source, std::size_t max_output, bool en) {
  return make_error(
      ErrorCode::limit,
      std::string(source) +
          (en ? ": converted text larger than the limit of " + std::to_string(max_output) + " bytes"
              : "：转换后的文本超过 " + std::to_string(max_output) + " 字节上限"));
}

}  // namespace

std::string hex_at(std::string_view bytes, std::size_t offset) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = offset; i < bytes.size() && i < offset + 4; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (i > offset && b < 0x80) break;
    if (!out.empty()) out += ' ';
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

const char* encoding_id(TextEncoding e) noexcept {
  switch (e) {
    case TextEncoding::utf8:
      return "utf-8";
    case TextEncoding::utf8_bom:
      return "utf-8-bom";
    case TextEncoding::gb18030:
      return "gb18030";
    case TextEncoding::utf16le:
      return "utf-16le";
    case TextEncoding::utf16be:
      return "utf-16be";
  }
  return "utf-8";
}

Result<TextEncoding> parse_encoding_name(std::string_view name, Lang lang) {
  const std::string n = lower_dashed(name);
  if (n == "utf-8" || n == "utf8") return TextEncoding::utf8;
  if (n == "utf-8-bom" || n == "utf8-bom" || n == "utf-8-sig" || n == "utf8-sig" ||
      n == "utf8bom") {
    return TextEncoding::utf8_bom;
  }
  // GBK, GB2312 and CP936 are subsets of GB18030: decoding them as GB18030 gives the same text.
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936" || n == "936" || n == "ms936" ||
      n == "windows-936" || n == "euc-cn" || n == "gb-18030" || n == "gb-2312") {
    return TextEncoding::gb18030;
  }
  if (n == "utf-16le" || n == "utf16le" || n == "utf-16" || n == "utf16" || n == "unicode" ||
      n == "ucs-2le" || n == "ucs-2") {
    return TextEncoding::utf16le;
  }
  if (n == "utf-16be" || n == "utf16be" || n == "ucs-2be") return TextEncoding::utf16be;
  const bool en = lang == Lang::en;
  const std::string known = "utf-8, utf-8-bom, gb18030 (gbk, gb2312, cp936), utf-16le, utf-16be";
  return make_error(ErrorCode::usage,
                    en ? "unknown encoding \"" + std::string(name) + "\" (known: " + known + ")"
                       : "未知的编码“" + std::string(name) + "”（可用：" + known + "）");
}

std::optional<std::size_t> find_invalid_utf8(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;  // overlong
      if (b == 0xED) hi = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;  // overlong
      if (b == 0xF4) hi = 0x8F;  // > U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

std::optional<std::size_t> find_invalid_gb18030(std::string_view bytes) {
  // Only the position matters: convert in pieces and discard the output.
  Iconv cd("UTF-8", "GB18030");
  if (!cd.valid()) return std::size_t{0};
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::array<char, 1 << 14> buf{};
  while (in_left > 0) {
    char* out_ptr = buf.data();
    std::size_t out_left = buf.size();
    const std::size_t r = iconv(cd.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) return bytes.size() - in_left;
  }
  return std::nullopt;
}

std::optional<TextEncoding> detect_bom(std::string_view bytes) noexcept {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return TextEncoding::utf8_bom;
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") return TextEncoding::utf16le;
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") return TextEncoding::utf16be;
  return std::nullopt;
}

std::string_view bom_bytes(TextEncoding e) noexcept {
  switch (e) {
    case TextEncoding::utf8_bom:
      return "\xEF\xBB\xBF";
    case TextEncoding::utf16le:
      return "\xFF\xFE";
    case TextEncoding::utf16be:
      return "\xFE\xFF";
    case TextEncoding::utf8:
    case TextEncoding::gb18030:
      return "";
  }
  return "";
}

std::optional<TextEncoding> detect_encoding(std::string_view bytes) {
  if (auto bom = detect_bom(bytes)) return bom;
  const auto bad = find_invalid_utf8(bytes);
  if (!bad) return TextEncoding::utf8;
  // GBK text almost never forms even one valid UTF-8 multi-byte sequence before its first
  // invalid one; several mean UTF-8 text with foreign bytes, which GB18030 would turn into
  // mojibake without a word.
  std::size_t multibyte = 0;
  for (std::size_t i = 0; i < *bad; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0xC2) ++multibyte;
  }
  if (multibyte >= kUtf8Evidence) return std::nullopt;
  if (!find_invalid_gb18030(bytes)) return TextEncoding::gb18030;
  return std::nullopt;
}

TextPosition utf8_position(std::string_view text, std::size_t offset) noexcept {
  TextPosition pos;
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n' || b == '\r') {
      if (b == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        if (i + 1 == offset) {
          // The offset points at the LF of a CRLF: still the same line end.
          ++pos.column;
          break;
        }
        ++i;
      }
      ++pos.line;
      pos.column = 1;
    } else if ((b & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

ConversionOutcome convert_encoding(std::string_view input, TextEncoding from, TextEncoding to,
                                   std::size_t max_output) {
  if (is_utf8_family(from)) {
    if (auto bad = find_invalid_utf8(input)) {
      ConversionOutcome out;
      out.bad_offset = bad;
      out.incomplete = input.size() - *bad < 4 && !find_invalid_utf8(input.substr(0, *bad));
      return out;
    }
    if (is_utf8_family(to)) {
      ConversionOutcome out;
      if (input.size() > max_output) {
        out.too_large = true;
      } else {
        out.text.assign(input);
      }
      return out;
    }
  }
  return run_iconv(input, iconv_name(to), iconv_name(from), max_output);
}

Result<std::string> decode_to_utf8(std::string_view bytes, TextEncoding from,
                                   std::string_view source, Lang lang, std::size_t max_output) {
  const bool en = lang == Lang::en;
  std::string_view body = bytes;
  const std::string_view bom = bom_bytes(from);
  if (!bom.empty() && body.substr(0, bom.size()) == bom) {
    body.remove_prefix(bom.size());
  } else if (from == TextEncoding::utf8 && body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
  }
  ConversionOutcome out = convert_encoding(body, from, TextEncoding::utf8, max_output);
  if (out.too_large) return too_large_error(source, max_output, en);
  if (out.bad_offset) {
    const std::size_t off = *out.bad_offset;
    const TextPosition pos = position_in_source(body, off, from);
    const std::string where = describe_position(source, pos, en);
    const std::string hex = hex_at(body, off);
    const std::size_t file_off = off + (bytes.size() - body.size());
    const char* enc = encoding_id(from);
    std::string msg;
    if (out.incomplete && off + 4 >= body.size()) {
      msg = en ? where + ": the file ends inside a " + enc + " character (bytes " + hex + ")"
               : where + "：文件在一个 " + enc + " 字符中间结束（字节 " + hex + "）";
    } else {
      msg = en ? where + ": bytes " + hex + " at offset " + std::to_string(file_off) +
                     " are not valid " + enc +
                     " (wrong encoding? try option encoding=gb18030 or encoding=utf-8)"
               : where + "：偏移 " + std::to_string(file_off) + " 处的字节 " + hex +
                     " 不是有效的 " + enc +
                     " 编码（编码不对？可用选项 encoding=gb18030 或 encoding=utf-8 指定）";
    }
    return make_error(ErrorCode::format, std::move(msg));
  }
  return std::move(out.text);
}

Result<std::string> encode_from_utf8(std::string_view text, TextEncoding to,
                                     std::string_view source, Lang lang, std::size_t max_output) {
  const bool en = lang == Lang::en;
  const std::string_view bom = bom_bytes(to);
  if (bom.size() > max_output) return too_large_error(source, max_output, en);
  ConversionOutcome out = convert_encoding(text, TextEncoding::utf8, to, max_output - bom.size());
  if (out.too_large) return too_large_error(source, max_output, en);
  if (out.bad_offset) {
    const std::size_t off = *out.bad_offset;
    const std::string where = describe_position(source, utf8_position(text, off), en);
    const bool input_valid = !find_invalid_utf8(text).has_value();
    std::string msg;
    if (!input_valid) {
      msg = en ? where + ": the text is not valid UTF-8 (bytes " + hex_at(text, off) + ")"
               : where + "：文本不是有效的 UTF-8（字节 " + hex_at(text, off) + "）";
    } else {
      // Show the character itself: it is valid UTF-8, just not representable in `to`.
      std::size_t len = 1;
      while (off + len < text.size() &&
             (static_cast<unsigned char>(text[off + len]) & 0xC0) == 0x80) {
        ++len;
      }
      const std::string ch(text.substr(off, len));
      msg = en ? where + ": character \"" + ch + "\" cannot be written in " + encoding_id(to)
               : where + "：字符“" + ch + "”无法用 " + encoding_id(to) + " 编码写出";
    }
    return make_error(ErrorCode::invalid_value, std::move(msg));
  }
  std::string result;
  result.reserve(bom.size() + out.text.size());
  result.append(bom);
  result.append(out.text);
  return result;
}

}  // namespace budconv
