// Code pages of BIFF files. The override exists because BIFF5 files written by Chinese
// systems often carry no CODEPAGE record (or a wrong one) while their text is GBK; FreeXL has
// no API to set the code page, so we rewrite the record in a private copy of the stream.
#include "xls_codepage.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <iterator>

#include "xls_bytes.hpp"

namespace budconv::xls {

namespace {

/// FreeXL 1.0.6's code page table (biff_set_utf8_converter) minus what glibc iconv lacks.
constexpr std::uint16_t kFreexlCodepages[] = {367,  437,  737,  775,  850,  852,  855,  857,  858,
                                              860,  861,  862,  863,  864,  865,  866,  869,  874,
                                              932,  936,  949,  950,  1200, 1250, 1251, 1252, 1253,
                                              1254, 1255, 1256, 1257, 1258, 1361, 32769};

std::string normalized(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::optional<std::uint16_t> parse_number(std::string_view digits) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size() || value == 0 || value > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::string iconv_name(std::uint16_t codepage) {
  switch (codepage) {
    case 367:
      return "ASCII";
    case 1200:
      return "UTF-16LE";
    case 10000:
    case 32768:
      return "MACINTOSH";
    case 32769:
      return "CP1252";
    default:
      return "CP" + std::to_string(codepage);
  }
}

void append_replacement(std::string& out) {
  out += "\xEF\xBF\xBD";
}

}  // namespace

std::optional<std::uint16_t> parse_codepage_option(std::string_view text) {
  const std::string s = normalized(text);
  if (s == "gbk" || s == "gb2312" || s == "gb18030" || s == "euccn" || s == "ms936") return 936;
  if (s == "big5") return 950;
  if (s == "shiftjis" || s == "sjis") return 932;
  if (s == "euckr" || s == "uhc") return 949;
  if (s == "utf16" || s == "utf16le" || s == "unicode") return 1200;
  if (s == "latin1" || s == "iso88591") return 1252;
  for (std::string_view prefix : {"windows", "cp", "ms"}) {
    if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0)
      return parse_number(std::string_view(s).substr(prefix.size()));
  }
  return parse_number(s);
}

bool freexl_supports_codepage(std::uint16_t codepage) {
  return std::find(std::begin(kFreexlCodepages), std::end(kFreexlCodepages), codepage) !=
         std::end(kFreexlCodepages);
}

std::string supported_codepages_text() {
  std::string out;
  for (std::uint16_t cp : kFreexlCodepages) {
    if (!out.empty()) out += ", ";
    out += std::to_string(cp);
  }
  return out;
}

std::string codepage_to_utf8(std::string_view bytes, std::uint16_t codepage) {
  std::string out;
  iconv_t cd = iconv_open("UTF-8", iconv_name(codepage).c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    for (unsigned char c : bytes) {
      if (c < 0x80)
        out += static_cast<char>(c);
      else
        append_replacement(out);
    }
    return out;
  }
  const std::size_t unit = codepage == 1200 ? 2 : 1;
  std::string in(bytes);
  char* src = in.data();
  std::size_t src_left = in.size();
  std::array<char, 1024> buf{};
  while (src_left > 0) {
    char* dst = buf.data();
    std::size_t dst_left = buf.size();
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buf.data(), buf.size() - dst_left);
    if (rc == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (cut sequence): emit U+FFFD and resume after one code unit.
      append_replacement(out);
      const std::size_t skip = std::min(unit, src_left);
      src += skip;
      src_left -= skip;
    }
  }
  iconv_close(cd);
  return out;
}

std::string override_codepage(std::string_view stream, const BiffScan& scan,
                              std::uint16_t codepage) {
  std::string out(stream);
  if (scan.codepage_offset) {
    put16(out, *scan.codepage_offset + 4, codepage);
    return out;
  }
  const std::size_t at = scan.globals_first_record;
  std::string rec(6, '\0');
  put16(rec, 0, kCodePage);
  put16(rec, 2, 2);
  put16(rec, 4, codepage);
  out.insert(at, rec);
  for (const BiffSheet& s : scan.sheets) {
    // Every BOUNDSHEET sits after the insertion point, and so does every sheet substream:
    // both the record and the offset it holds move by the six inserted bytes.
    const std::size_t moved = s.boundsheet_offset + rec.size();
    if (s.boundsheet_offset < at || moved + 8 > out.size()) continue;
    // Read the offset from the stream: an earlier patch may already have moved it.
    const std::uint32_t pos = le32(out, moved + 4);
    if (pos >= at && pos <= stream.size())
      put32(out, moved + 4, static_cast<std::uint32_t>(pos + rec.size()));
  }
  return out;
}

}  // namespace budconv::xls
