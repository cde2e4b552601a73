// The hidden sheet that keeps the original of a laid-out document: a marker and version, the
// template(s), the size and an FNV-1a checksum of the canonical XML, then the XML in cells of at
// most kRecoveryChunkBytes, cut at UTF-8 character boundaries.
#include <charconv>
#include <cstdint>
#include <cstdio>

#include "budconv/recovery.hpp"
#include "budconv/submission_xml.hpp"
#include "recovery_match.hpp"

namespace budconv {

namespace {

// Rows of the sheet's header (column A = key, column B = value); the XML starts at kFirstChunk.
constexpr std::uint32_t kTemplatesRow = 1, kBytesRow = 2, kChecksumRow = 3, kNoteRow = 4,
                        kFirstChunk = 5;

Error corrupt(Lang lang, const std::string& zh, const std::string& en) {
  const std::string name(kRecoverySheetName);
  return make_error(ErrorCode::format, lang == Lang::en
                                           ? "hidden sheet " + name + " is not usable: " + en
                                           : "隐藏工作表 " + name + " 无法使用：" + zh);
}

}  // namespace

std::string recovery_checksum(std::string_view xml) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : xml) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Status add_recovery_sheet(const Submission& original, const std::string& templates, Workbook& book,
                          Lang lang) {
  Submission doc = original;
  recovery_detail::clear_sources(doc);
  Result<std::string> xml = to_submission_xml(doc, lang);
  if (!xml) return xml.error();
  // XLSX reads "_x0041_" in a cell as "A": every "_x" is written as the character reference
  // "&#95;x", which the canonical XML reader turns back into "_x" (no markup name has "_").
  std::string text;
  text.reserve(xml.value().size());
  for (std::size_t i = 0; i < xml.value().size(); ++i) {
    if (xml.value().compare(i, 2, "_x") == 0) {
      text += "&#95;";
    } else {
      text += xml.value()[i];
    }
  }
  Sheet& s = book.add_sheet(std::string(kRecoverySheetName));
  s.hidden = true;
  s.set(0, 0, Cell::make_text(std::string(kRecoveryMarker)));
  s.set(0, 1, Cell::make_text(std::string(kRecoveryVersion)));
  s.set(kTemplatesRow, 0, Cell::make_text("templates"));
  s.set(kTemplatesRow, 1, Cell::make_text(templates));
  s.set(kBytesRow, 0, Cell::make_text("bytes"));
  s.set(kBytesRow, 1, Cell::make_text(std::to_string(text.size())));
  s.set(kChecksumRow, 0, Cell::make_text("fnv1a64"));
  s.set(kChecksumRow, 1, Cell::make_text(recovery_checksum(text)));
  s.set(kNoteRow, 0, Cell::make_text("note"));
  s.set(
      kNoteRow, 1,
      Cell::make_text("budconv 保存的原始数据（规范 XML），用于转换回原模板时无损恢复；请勿修改。 "
                      "Original data kept by budconv (canonical XML) for lossless conversion "
                      "back; do not edit."));
  std::uint32_t row = kFirstChunk;
  for (std::size_t at = 0; at < text.size(); ++row) {
    std::size_t end = std::min(text.size(), at + kRecoveryChunkBytes);
    // Back off to the start of a character: continuation bytes are 10xxxxxx.
    while (end < text.size() && end > at &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    s.set(row, 0, Cell::make_text(text.substr(at, end - at)));
    at = end;
  }
  return {};
}

Result<std::optional<RecoveryData>> read_recovery_sheet(const Workbook& book, Lang lang) {
  try {
    const Sheet* s = book.find_sheet(std::string(kRecoverySheetName));
    if (s == nullptr) return std::optional<RecoveryData>{};
    if (s->text(0, 0) != kRecoveryMarker) {
      return corrupt(lang, "A1 不是 budconv 的标记", "A1 is not the budconv marker");
    }
    if (s->text(0, 1) != kRecoveryVersion) {
      return corrupt(lang,
                     "版本“" + s->text(0, 1).substr(0, 20) + "”不是本程序能读的版本 " +
                         std::string(kRecoveryVersion),
                     "version \"" + s->text(0, 1).substr(0, 20) + "\" is not " +
                         std::string(kRecoveryVersion));
    }
    const std::string bytes_text = s->text(kBytesRow, 1);
    std::size_t bytes = 0;
    auto [end, ec] =
        std::from_chars(bytes_text.data(), bytes_text.data() + bytes_text.size(), bytes);
    if (ec != std::errc() || end != bytes_text.data() + bytes_text.size() ||
        bytes > kRecoveryMaxBytes) {
      return corrupt(lang, "B3 的字节数无效", "the byte count in B3 is not valid");
    }
    std::string text;
    text.reserve(bytes);
    for (auto it = s->rows.lower_bound(kFirstChunk); it != s->rows.end(); ++it) {
      auto cell = it->second.find(0);
      if (cell == it->second.end()) continue;
      if (cell->second.text.size() > bytes - text.size()) {
        return corrupt(lang, "数据比记录的长", "the data is longer than recorded");
      }
      text += cell->second.text;
    }
    if (text.size() != bytes || recovery_checksum(text) != s->text(kChecksumRow, 1)) {
      return corrupt(lang, "数据不完整或被修改（校验和不符）",
                     "the data is incomplete or was changed (checksum mismatch)");
    }
    Result<Submission> doc = parse_submission_xml(text, std::string(kRecoverySheetName), lang);
    if (!doc) return corrupt(lang, doc.error().message, doc.error().message);
    RecoveryData data;
    data.original = std::move(doc).value();
    data.templates = s->text(kTemplatesRow, 1);
    return std::optional<RecoveryData>(std::move(data));
  } catch (const std::exception&) {
    return corrupt(lang, "内存不足", "out of memory");
  }
}

Workbook without_recovery_sheet(const Workbook& book) {
  Workbook out;
  out.date1904 = book.date1904;
  for (const Sheet& s : book.sheets) {
    if (s.name != kRecoverySheetName) out.sheets.push_back(s);
  }
  return out;
}

}  // namespace budconv
