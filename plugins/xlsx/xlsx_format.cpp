// Format description and content sniffing for XLSX.
#include "xlsx_format.hpp"

#include <algorithm>
#include <cstring>

#include "budconv/file_io.hpp"
#include "budconv/safe_zip.hpp"

namespace budconv::xlsx {

namespace {

bool xlsx_extension(std::string_view filename) {
  const std::string ext = lower_extension(filename);
  return ext == "xlsx" || ext == "xlsm" || ext == "xltx" || ext == "xltm";
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

}  // namespace

FormatInfo XlsxFormat::info() const {
  FormatInfo fi;
  fi.id = "xlsx";
  fi.name = "Office Open XML 工作簿 (XLSX)";
  fi.extensions = {"xlsx", "xlsm", "xltx", "xltm"};
  fi.can_read = true;
  fi.can_write = true;
  fi.option_keys = {"sheet", "max-cells", "max-text-mib"};
  return fi;
}

Sniff XlsxFormat::sniff(std::span<const std::byte> head, std::string_view filename) const {
  std::string_view bytes(reinterpret_cast<const char*>(head.data()), head.size());
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    // The first local header's name sits at offset 30 (its length at 26); later headers in the
    // first 4 KiB often show "xl/" as well. ODF puts an uncompressed "mimetype" entry first.
    std::string_view first;
    if (bytes.size() >= 30) {
      const auto n = static_cast<std::size_t>(static_cast<unsigned char>(bytes[26]) |
                                              (static_cast<unsigned char>(bytes[27]) << 8));
      first = bytes.substr(30, std::min(n, bytes.size() - 30));
    }
    if (first == "mimetype") return Sniff::no;
    if (first.rfind("xl/", 0) == 0 || first.rfind("xl\\", 0) == 0) return Sniff::yes;
    for (std::string_view part : {"xl/workbook.", "xl/_rels/", "xl/worksheets/", "xl\\workbook.",
                                  "xl\\_rels\\", "xl\\worksheets\\"}) {
      if (contains(bytes, part)) return Sniff::yes;
    }
    if (contains(bytes, "word/") || contains(bytes, "ppt/")) return Sniff::no;
    if (xlsx_extension(filename)) return Sniff::yes;
    if (first == "[Content_Types].xml" || first.rfind("_rels/", 0) == 0 ||
        first.rfind("docProps/", 0) == 0)
      return Sniff::maybe;
    return Sniff::no;
  }
  // A password-protected workbook is a CFB file; claiming it lets the user hear "encrypted"
  // instead of an .xls reader's confusion.
  if (has_cfb_signature(bytes) && xlsx_extension(filename)) return Sniff::yes;
  if (xlsx_extension(filename)) return Sniff::maybe;
  return Sniff::no;
}

Status XlsxFormat::do_read(const std::filesystem::path& path, const Options& options,
                           Workbook& out) {
  return read_xlsx(path, options, out);
}

Status XlsxFormat::do_read_rows(const std::filesystem::path& path, const Options& options,
                                RowSink& sink) {
  return read_xlsx_rows(path, options, sink);
}

Status XlsxFormat::do_write(const Workbook& book, const std::filesystem::path& path,
                            const Options& options) {
  return write_xlsx(book, path, options);
}

}  // namespace budconv::xlsx
