// A linear, bounds-checked walk over BIFF5/BIFF8 records (MS-XLS 2.1.4). It reads only record
// headers plus the few record bodies listed in xls_biff.hpp; cell values other than formula
// results and BOOLERR stay FreeXL's job.
#include "xls_biff.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <set>

#include "budconv/number_text.hpp"
#include "xls_bytes.hpp"
#include "xls_codepage.hpp"
#include "xls_number.hpp"

namespace budconv::xls {

namespace {

/// One record: type, body and where its header starts.
struct Record {
  std::uint16_t type = 0;
  std::string_view body;
  std::size_t offset = 0;
};

/// Reads the record at `off`; nullopt when its header or body runs past the end.
std::optional<Record> record_at(std::string_view s, std::size_t off) {
  if (off > s.size() || s.size() - off < 4) return std::nullopt;
  const std::uint16_t type = le16(s, off);
  const std::uint16_t len = le16(s, off + 2);
  if (s.size() - off - 4 < len) return std::nullopt;
  return Record{type, s.substr(off + 4, len), off};
}

std::size_t next_offset(const Record& r) {
  return r.offset + 4 + r.body.size();
}

/// BIFF8 "compressed" characters are the low bytes of UTF-16 code units.
std::string latin1_as_utf16(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    out += c;
    out += '\0';
  }
  return out;
}

/// Decodes a BIFF8 STRING record body (with its CONTINUE records) or a BIFF5 one.
std::string decode_string_record(std::string_view stream, const Record& rec, int version,
                                 std::uint16_t codepage) {
  const std::uint16_t cch = le16(rec.body, 0);
  if (version != 8)
    return codepage_to_utf8(rec.body.substr(std::min<std::size_t>(2, rec.body.size()), cch),
                            codepage);
  std::u16string units;
  units.reserve(cch);
  std::string_view part = rec.body.substr(std::min<std::size_t>(2, rec.body.size()));
  std::size_t next = next_offset(rec);
  while (units.size() < cch) {
    if (part.empty()) break;
    const bool wide = (byte_at(part, 0) & 0x01) != 0;
    std::size_t pos = 1;
    while (units.size() < cch && pos + (wide ? 2 : 1) <= part.size()) {
      units.push_back(wide ? le16(part, pos) : byte_at(part, pos));
      pos += wide ? 2 : 1;
    }
    if (units.size() >= cch) break;
    // The rest of the characters continue in a CONTINUE record that starts with its own flags.
    auto cont = record_at(stream, next);
    if (!cont || cont->type != kContinue) break;
    part = cont->body;
    next = next_offset(*cont);
  }
  std::string utf16;
  utf16.reserve(units.size() * 2);
  for (char16_t u : units) {
    utf16 += static_cast<char>(u & 0xFF);
    utf16 += static_cast<char>(u >> 8);
  }
  return codepage_to_utf8(utf16, 1200);
}

/// Row and column of a cell record, plus the last column for MULRK/MULBLANK.
bool cell_position(const Record& r, std::uint32_t& row, std::uint32_t& col,
                   std::uint32_t& last_col) {
  switch (r.type) {
    case kFormula:
    case kBlank:
    case kNumber:
    case kLabel:
    case kBoolErr:
    case kLabelSst:
    case kRk:
    case kRString:
      if (r.body.size() < 4) return false;
      row = le16(r.body, 0);
      col = le16(r.body, 2);
      last_col = col;
      return true;
    case kMulRk:
    case kMulBlank:
      if (r.body.size() < 6) return false;
      row = le16(r.body, 0);
      col = le16(r.body, 2);
      last_col = le16(r.body, r.body.size() - 2);
      if (last_col < col) last_col = col;
      return true;
    default:
      return false;
  }
}

/// Number formats of the workbook: FORMAT records and the format of each XF.
struct FormatTable {
  std::map<std::uint16_t, std::string> custom;  ///< FORMAT id → code
  std::vector<std::uint16_t> xf_format;         ///< XF index → format id
  std::vector<int> xf_code;                     ///< XF index → index into codes, -1 General
  std::vector<bool> xf_date;                    ///< XF index → displays a date
  std::vector<std::string> codes;               ///< distinct codes

  void resolve() {
    std::map<std::string, int> seen;
    for (std::uint16_t id : xf_format) {
      auto it = custom.find(id);
      std::string code = it != custom.end() ? it->second : builtin_number_format(id);
      // Chinese and Japanese Excel keep locale date formats under built-in ids 27–36 and 50–58
      // without writing FORMAT records for them (xlrd makes the same assumption).
      const bool locale_date =
          it == custom.end() && ((id >= 27 && id <= 36) || (id >= 50 && id <= 58));
      if (locale_date && code.empty()) code = "yyyy-mm-dd";
      xf_date.push_back(locale_date || (!code.empty() && is_date_format(code)));
      if (code.empty() || code == "General") {
        xf_code.push_back(-1);
        continue;
      }
      auto [pos, inserted] = seen.emplace(code, static_cast<int>(codes.size()));
      if (inserted) codes.push_back(code);
      xf_code.push_back(pos->second);
    }
  }
  bool is_date(std::uint16_t xf) const { return xf < xf_date.size() && xf_date[xf]; }
  int code(std::uint16_t xf) const { return xf < xf_code.size() ? xf_code[xf] : -1; }
};

/// Reads a FORMAT record's id and code.
void read_format(const Record& r, int version, std::uint16_t codepage, FormatTable& table) {
  const std::string_view b = r.body;
  if (b.size() < 3) return;
  const std::uint16_t id = le16(b, 0);
  std::string code;
  if (version == 8) {
    const std::uint16_t cch = le16(b, 2);
    const bool wide = (byte_at(b, 4) & 0x01) != 0;
    const std::string_view chars = b.substr(std::min<std::size_t>(5, b.size()));
    code = wide ? codepage_to_utf8(chars.substr(0, std::size_t{cch} * 2), 1200)
                : codepage_to_utf8(latin1_as_utf16(chars.substr(0, cch)), 1200);
  } else {
    code = codepage_to_utf8(b.substr(3, byte_at(b, 2)), codepage);
  }
  table.custom[id] = std::move(code);
}

/// A date cell for a formula result shown with a date format; nullopt when out of range.
std::optional<Cell> date_cell(double serial, bool date1904, const std::string& code) {
  auto iso = excel_serial_to_iso(serial, date1904);
  if (!iso) return std::nullopt;
  Cell c;
  c.type = CellType::date;
  c.text = std::move(*iso);
  c.number = serial;
  c.number_format = code;
  return c;
}

void scan_sheet(std::string_view stream, int version, std::uint16_t codepage, bool date1904,
                const FormatTable& formats, BiffSheet& sheet) {
  auto bof = record_at(stream, sheet.bof_offset);
  if (!bof || bof->type != kBof) return;
  sheet.substream_found = true;
  int depth = 1;
  std::size_t off = next_offset(*bof);
  // A FORMULA whose result is a string is followed by a STRING record holding it.
  bool pending_string = false;
  std::uint32_t pending_row = 0, pending_col = 0;
  while (depth > 0) {
    auto r = record_at(stream, off);
    if (!r) break;
    off = next_offset(*r);
    if (r->type == kBof) {
      ++depth;  // an embedded chart: its records are not the sheet's
      continue;
    }
    if (r->type == kEof) {
      --depth;
      continue;
    }
    if (depth != 1) continue;
    std::uint32_t row = 0, col = 0, last_col = 0;
    if (cell_position(*r, row, col, last_col)) {
      sheet.used_rows = std::max(sheet.used_rows, row + 1);
      sheet.used_cols = std::max(sheet.used_cols, last_col + 1);
    }
    const std::string_view b = r->body;
    switch (r->type) {
      case kDimensions:
        sheet.dimensions_offset = r->offset;
        if (version == 8 && b.size() >= 12) {
          sheet.declared_rows = le32(b, 4);
          sheet.declared_cols = le16(b, 10);
        } else if (version != 8 && b.size() >= 8) {
          sheet.declared_rows = le16(b, 2);
          sheet.declared_cols = le16(b, 6);
        }
        break;
      case kMergedCells: {
        const std::size_t count = le16(b, 0);
        for (std::size_t i = 0; i < count && 2 + 8 * (i + 1) <= b.size(); ++i) {
          const std::size_t p = 2 + 8 * i;
          MergedRange m{{le16(b, p), le16(b, p + 4)}, {le16(b, p + 2), le16(b, p + 6)}};
          if (m.first.row > m.last.row || m.first.col > m.last.col) continue;
          if (m.first == m.last) continue;
          sheet.merges.push_back(m);
        }
        break;
      }
      case kFormula: {
        pending_string = false;
        if (b.size() < 14) break;
        const std::string_view result = b.substr(6, 8);
        if (le16(result, 6) != 0xFFFF) {
          const double v = std::bit_cast<double>(le64(result, 0));
          const std::uint16_t xf = le16(b, 4);
          const int code = formats.code(xf);
          const std::string code_text =
              code >= 0 ? formats.codes[static_cast<std::size_t>(code)] : "";
          std::optional<Cell> cell;
          if (formats.is_date(xf)) cell = date_cell(v, date1904, code_text);
          if (!cell) cell = Cell::make_number(excel_number_text(v), code_text);
          sheet.cells.push_back({row, col, std::move(*cell)});
          break;
        }
        switch (byte_at(result, 0)) {
          case 0:
            pending_string = true;
            pending_row = row;
            pending_col = col;
            break;
          case 1: {
            Cell c;
            c.type = CellType::boolean;
            c.text = byte_at(result, 2) ? "TRUE" : "FALSE";
            c.number = byte_at(result, 2) ? 1.0 : 0.0;
            sheet.cells.push_back({row, col, std::move(c)});
            break;
          }
          case 2: {
            Cell c;
            c.type = CellType::error;
            c.text = biff_error_text(byte_at(result, 2));
            sheet.cells.push_back({row, col, std::move(c)});
            break;
          }
          default:
            break;  // 3: empty string, which is a blank cell
        }
        break;
      }
      case kString:
        if (pending_string) {
          std::string text = decode_string_record(stream, *r, version, codepage);
          if (!text.empty())
            sheet.cells.push_back({pending_row, pending_col, Cell::make_text(std::move(text))});
          pending_string = false;
        }
        break;
      case kNumber:
      case kRk:
        if (b.size() >= 6) {
          const int code = formats.code(le16(b, 4));
          if (code >= 0) sheet.formats.push_back({row, col, static_cast<std::uint32_t>(code)});
        }
        break;
      case kMulRk:
        // rw, colFirst, then 6-byte (xf, rk) pairs, then colLast.
        for (std::size_t p = 4, c = col; b.size() >= 6 && p + 6 <= b.size() - 2 && c <= last_col;
             p += 6, ++c) {
          const int code = formats.code(le16(b, p));
          if (code >= 0)
            sheet.formats.push_back(
                {row, static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(code)});
        }
        break;
      case kRString: {
        // Rich-text labels of Excel 5/95, which FreeXL skips; the formatting runs are dropped.
        if (b.size() < 8) break;
        const std::uint16_t cch = le16(b, 6);
        std::string text;
        if (version == 8) {
          const bool wide = (byte_at(b, 8) & 0x01) != 0;
          text =
              wide ? codepage_to_utf8(
                         b.substr(std::min<std::size_t>(9, b.size()), std::size_t{cch} * 2), 1200)
                   : codepage_to_utf8(
                         latin1_as_utf16(b.substr(std::min<std::size_t>(9, b.size()), cch)), 1200);
        } else {
          text = codepage_to_utf8(b.substr(8, cch), codepage);
        }
        if (!text.empty()) sheet.cells.push_back({row, col, Cell::make_text(std::move(text))});
        break;
      }
      case kBoolErr: {
        if (b.size() < 8) break;
        Cell c;
        if (byte_at(b, 7) == 0) {
          c.type = CellType::boolean;
          c.text = byte_at(b, 6) ? "TRUE" : "FALSE";
          c.number = byte_at(b, 6) ? 1.0 : 0.0;
        } else {
          c.type = CellType::error;
          c.text = biff_error_text(byte_at(b, 6));
        }
        sheet.cells.push_back({row, col, std::move(c)});
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

std::optional<BiffScan> scan_biff(std::string_view stream,
                                  std::optional<std::uint16_t> codepage_override,
                                  BiffProblem& problem) {
  auto bof = record_at(stream, 0);
  if (!bof || bof->type != kBof || bof->body.size() < 4) {
    // BIFF2–4 BOFs (0x0009, 0x0209, 0x0409) never live inside a compound file.
    problem = (bof && (bof->type == 0x0009 || bof->type == 0x0209 || bof->type == 0x0409))
                  ? BiffProblem::unsupported
                  : BiffProblem::no_bof;
    return std::nullopt;
  }
  // FreeXL walks every record of the stream into a fixed buffer: refuse any that would not fit.
  for (std::size_t off = 0; stream.size() - off >= 4;) {
    const std::size_t len = le16(stream, off + 2);
    if (len > kMaxRecordSize) {
      problem = BiffProblem::oversized;
      return std::nullopt;
    }
    off += 4 + std::min(len, stream.size() - off - 4);
  }
  BiffScan scan;
  const std::uint16_t vers = le16(bof->body, 0);
  if (vers == 0x0600) {
    scan.version = 8;
  } else if (vers == 0x0500) {
    scan.version = 5;
  } else {
    problem = BiffProblem::unsupported;
    return std::nullopt;
  }
  scan.globals_first_record = next_offset(*bof);
  std::size_t off = scan.globals_first_record;
  bool saw_eof = false;
  FormatTable formats;
  while (!saw_eof) {
    auto r = record_at(stream, off);
    if (!r) {
      problem = BiffProblem::truncated;
      return std::nullopt;
    }
    off = next_offset(*r);
    switch (r->type) {
      case kEof:
        saw_eof = true;
        break;
      case kCodePage:
        if (r->body.size() >= 2 && !scan.codepage) {
          scan.codepage = le16(r->body, 0);
          scan.codepage_offset = r->offset;
        }
        break;
      case kDateMode:
        scan.date1904 = le16(r->body, 0) == 1;
        break;
      case kSst:
        if (!scan.sst_offset) scan.sst_offset = r->offset;
        break;
      case kFormat:
        read_format(*r, scan.version, codepage_override.value_or(scan.codepage.value_or(1252)),
                    formats);
        break;
      case kXf:
        if (r->body.size() >= 4) formats.xf_format.push_back(le16(r->body, 2));
        break;
      case kFilePass:
        // Everything after FILEPASS is encrypted; the caller refuses the file.
        scan.encrypted = true;
        return scan;
      case kBoundSheet:
        if (r->body.size() >= 6) {
          BiffSheet s;
          s.boundsheet_offset = r->offset;
          s.bof_offset = le32(r->body, 0);
          s.visibility = byte_at(r->body, 4);
          s.kind = byte_at(r->body, 5);
          scan.sheets.push_back(std::move(s));
        }
        break;
      default:
        break;
    }
  }
  const std::uint16_t cp = codepage_override.value_or(scan.codepage.value_or(1252));
  formats.resolve();
  std::set<std::uint32_t> scanned;
  for (BiffSheet& s : scan.sheets) {
    // Two BOUNDSHEETs pointing at one substream would double the work; scan each once.
    if (!scanned.insert(s.bof_offset).second) continue;
    scan_sheet(stream, scan.version, cp, scan.date1904, formats, s);
  }
  scan.format_codes = std::move(formats.codes);
  return scan;
}

bool shrink_dimensions(std::string& stream, const BiffScan& scan) {
  bool changed = false;
  for (const BiffSheet& s : scan.sheets) {
    if (!s.dimensions_offset) continue;
    if (s.declared_rows == s.used_rows && s.declared_cols == s.used_cols) continue;
    // Field widths: BIFF8 rows are 32-bit, BIFF5 rows and all columns 16-bit.
    if (s.used_cols > 0xFFFF || (scan.version != 8 && s.used_rows > 0xFFFF)) continue;
    const std::size_t body = *s.dimensions_offset + 4;
    if (scan.version == 8 && body + 12 <= stream.size()) {
      put32(stream, body + 4, s.used_rows);
      put16(stream, body + 10, static_cast<std::uint16_t>(s.used_cols));
      changed = true;
    } else if (scan.version != 8 && body + 8 <= stream.size()) {
      put16(stream, body + 2, static_cast<std::uint16_t>(s.used_rows));
      put16(stream, body + 6, static_cast<std::uint16_t>(s.used_cols));
      changed = true;
    }
  }
  return changed;
}

}  // namespace budconv::xls
