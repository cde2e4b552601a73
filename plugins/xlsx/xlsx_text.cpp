// Small text helpers of the XLSX reader: ST_Xstring escapes, UTF-8 length, raw cell references.
#include "xlsx_parts.hpp"

namespace budconv::xlsx {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string decode_xstring(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && s.size() - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
      std::uint32_t cp = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6; ++k) {
        int h = hex_value(s[i + k]);
        if (h < 0) {
          ok = false;
          break;
        }
        cp = cp * 16 + static_cast<std::uint32_t>(h);
      }
      // Surrogate halves cannot stand alone in UTF-8, and U+0000 would cut the text short in
      // every C string API downstream; such escapes stay as written.
      if (ok && cp != 0 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        append_utf8(out, cp);
        i += 7;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::optional<RawRef> parse_raw_ref(std::string_view ref) {
  RawRef r;
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::size_t letters = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    // Seven letters already exceed any column; stop counting before the value can overflow.
    if (++letters > 7) return std::nullopt;
    r.col = r.col * 26 + static_cast<std::uint64_t>((ref[i] & ~0x20) - 'A' + 1);
    ++i;
  }
  if (i < ref.size() && ref[i] == '$') ++i;
  std::size_t digits = 0;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    if (++digits > 12) return std::nullopt;
    r.row = r.row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
    ++i;
  }
  if (i != ref.size() || (letters == 0 && digits == 0)) return std::nullopt;
  if (digits > 0 && r.row == 0) return std::nullopt;
  return r;
}

std::string cell_location(const std::string& file, const std::string& sheet, std::uint32_t row,
                          std::uint32_t col) {
  return file + ": " + sheet + "!" + a1(row, col);
}

}  // namespace budconv::xlsx
