// Working around FreeXL's refusal of empty shared strings: we walk the SST with its CONTINUE
// records (MS-XLS 2.5.293 XLUnicodeRichExtendedString, split rules of 2.1.7.1) to find each
// empty string, then give it one placeholder character in the private copy.
#include <algorithm>
#include <vector>

#include "xls_biff.hpp"
#include "xls_bytes.hpp"

namespace budconv::xls {

namespace {

/// One record of the SST chain: where its header is and how long its body.
struct Part {
  std::size_t offset = 0;
  std::size_t size = 0;
};

/// A cursor over the bodies of the SST and its CONTINUE records.
class Cursor {
 public:
  Cursor(std::string_view stream, std::vector<Part> parts) : s_(stream), parts_(std::move(parts)) {}
  bool at_part_end() const { return pos_ >= parts_[part_].size; }
  /// Moves to the start of the next CONTINUE record; false when none is left.
  bool next_part() {
    if (part_ + 1 >= parts_.size()) return false;
    ++part_;
    pos_ = 0;
    return true;
  }
  std::size_t left() const { return parts_[part_].size - std::min(pos_, parts_[part_].size); }
  std::size_t absolute() const { return parts_[part_].offset + 4 + pos_; }
  std::size_t part() const { return part_; }
  std::uint8_t u8() {
    const std::uint8_t v = byte_at(s_, absolute());
    pos_ += 1;
    return v;
  }
  std::uint16_t u16() {
    const std::uint16_t v = le16(s_, absolute());
    pos_ += 2;
    return v;
  }
  std::uint32_t u32() {
    const std::uint32_t v = le32(s_, absolute());
    pos_ += 4;
    return v;
  }
  void skip(std::size_t n) { pos_ += n; }

 private:
  std::string_view s_;
  std::vector<Part> parts_;
  std::size_t part_ = 0;
  std::size_t pos_ = 0;
};

/// An empty string found in the table.
struct Empty {
  std::size_t cch_offset = 0;    ///< absolute offset of its character count
  std::size_t flags_offset = 0;  ///< absolute offset of its flags byte
  std::size_t insert_at = 0;     ///< absolute offset where its characters belong
  std::size_t part = 0;          ///< index of the record holding it
};

}  // namespace

std::optional<std::string> fill_empty_sst_strings(std::string_view stream, const BiffScan& scan) {
  if (scan.version != 8 || !scan.sst_offset) return std::nullopt;
  for (const BiffSheet& sheet : scan.sheets)
    if (sheet.boundsheet_offset > *scan.sst_offset) return std::nullopt;

  std::vector<Part> parts;
  for (std::size_t off = *scan.sst_offset; stream.size() - off >= 4;) {
    const std::uint16_t type = le16(stream, off);
    const std::size_t len = le16(stream, off + 2);
    if ((parts.empty() && type != kSst) || (!parts.empty() && type != kContinue)) break;
    if (stream.size() - off - 4 < len) return std::nullopt;
    parts.push_back({off, len});
    off += 4 + len;
  }
  if (parts.empty() || parts[0].size < 8) return std::nullopt;

  Cursor c(stream, parts);
  c.skip(4);
  const std::uint32_t unique = c.u32();
  std::vector<Empty> empties;
  for (std::uint32_t i = 0; i < unique; ++i) {
    if (c.at_part_end() && !c.next_part()) break;
    // The fixed header of a string is never split across records; if it would be, give up.
    if (c.left() < 3) return std::nullopt;
    const std::size_t cch_offset = c.absolute();
    const std::uint16_t cch = c.u16();
    const std::size_t flags_offset = c.absolute();
    const std::uint8_t flags = c.u8();
    const std::size_t extra_header = ((flags & 0x08) ? 2 : 0) + ((flags & 0x04) ? 4 : 0);
    if (c.left() < extra_header) return std::nullopt;
    const std::uint16_t runs = (flags & 0x08) ? c.u16() : 0;
    const std::uint32_t ext = (flags & 0x04) ? c.u32() : 0;
    if (cch == 0) empties.push_back({cch_offset, flags_offset, c.absolute(), c.part()});
    bool wide = (flags & 0x01) != 0;
    std::size_t chars_left = cch;
    while (chars_left > 0) {
      const std::size_t fit = std::min(chars_left, c.left() / (wide ? 2 : 1));
      c.skip(fit * (wide ? 2 : 1));
      chars_left -= fit;
      if (chars_left == 0) break;
      // Characters continue in the next record, which starts with a new flags byte.
      if (!c.next_part() || c.left() < 1) return std::nullopt;
      wide = (c.u8() & 0x01) != 0;
    }
    std::size_t tail = std::size_t{runs} * 4 + ext;
    while (tail > 0) {
      const std::size_t fit = std::min(tail, c.left());
      c.skip(fit);
      tail -= fit;
      if (tail > 0 && !c.next_part()) return std::nullopt;
    }
  }
  if (empties.empty()) return std::nullopt;

  std::vector<std::size_t> grow(parts.size(), 0);
  for (const Empty& e : empties) grow[e.part] += 2;
  for (std::size_t p = 0; p < parts.size(); ++p)
    if (parts[p].size + grow[p] > kMaxRecordSize) return std::nullopt;

  std::string out(stream);
  // Back to front, so the offsets still to be used stay valid.
  for (auto it = empties.rbegin(); it != empties.rend(); ++it) {
    put16(out, it->cch_offset, 1);
    out[it->flags_offset] = static_cast<char>(out[it->flags_offset] | 0x01);
    out.insert(it->insert_at, "\xFF\xFE", 2);  // U+FEFF, UTF-16LE
  }
  for (std::size_t p = parts.size(); p-- > 0;) {
    if (grow[p] == 0) continue;
    std::size_t shift = 0;  // growth of the records before this one
    for (std::size_t q = 0; q < p; ++q) shift += grow[q];
    put16(out, parts[p].offset + shift + 2, static_cast<std::uint16_t>(parts[p].size + grow[p]));
  }
  const std::size_t total = empties.size() * 2;
  for (const BiffSheet& sheet : scan.sheets) {
    const std::uint32_t pos = le32(out, sheet.boundsheet_offset + 4);
    if (pos > *scan.sst_offset && pos <= stream.size())
      put32(out, sheet.boundsheet_offset + 4, static_cast<std::uint32_t>(pos + total));
  }
  return out;
}

}  // namespace budconv::xls
