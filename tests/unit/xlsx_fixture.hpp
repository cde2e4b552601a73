/// @file xlsx_fixture.hpp
/// Builds small XLSX packages inside tests (zip parts written with libzip), so each reader
/// feature or attack is one readable case instead of an opaque binary fixture.
#pragma once

#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "budconv/dump.hpp"
#include "budconv/options.hpp"
#include "budconv/workbook.hpp"
#include "test_support.hpp"
#include "xlsx_format.hpp"

namespace budconv::test::xlsx {

/// One zip entry.
struct Part {
  std::string name;    ///< entry name exactly as stored (may contain '\\')
  std::string data;    ///< bytes
  bool store = false;  ///< store uncompressed instead of deflating
};

/// Writes `parts` as a zip archive at `path`.
inline void write_zip(const std::filesystem::path& path, const std::vector<Part>& parts) {
  std::filesystem::remove(path);
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  if (!z) throw std::runtime_error("zip_open failed");
  for (const Part& p : parts) {
    // libzip copies the buffer lazily at zip_close; the parts vector outlives it.
    zip_source_t* src = zip_source_buffer(z, p.data.data(), p.data.size(), 0);
    if (!src) throw std::runtime_error("zip_source_buffer failed");
    zip_int64_t idx = zip_file_add(z, p.name.c_str(), src, ZIP_FL_ENC_RAW);
    if (idx < 0) {
      zip_source_free(src);
      throw std::runtime_error("zip_file_add failed for " + p.name);
    }
    zip_set_file_compression(z, static_cast<zip_uint64_t>(idx),
                             p.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
}

/// Namespaces of transitional and Strict SpreadsheetML.
struct Ns {
  std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string pkg_rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  /// The Strict (ISO 29500) namespaces.
  static Ns strict() {
    return {"http://purl.oclc.org/ooxml/spreadsheetml/main",
            "http://purl.oclc.org/ooxml/officeDocument/relationships",
            "http://purl.oclc.org/ooxml/officeDocument/relationships"};
  }
};

/// One sheet of a generated package.
struct SheetSpec {
  std::string name;   ///< sheet name
  std::string body;   ///< XML inside <worksheet> (sheetData, mergeCells, cols …)
  std::string state;  ///< "", "hidden", "veryHidden"
};

/// A minimal package: workbook, relationships, optional sharedStrings and styles.
struct Package {
  std::vector<SheetSpec> sheets;  ///< sheets in order
  std::string shared_strings;     ///< the <si> items ("" = no sharedStrings part)
  std::string styles;             ///< full styles.xml ("" = no styles part)
  bool date1904 = false;          ///< workbookPr date1904
  Ns ns;                          ///< namespaces
  bool absolute_targets = false;  ///< relationship targets written as "/xl/…"

  /// The zip parts.
  std::vector<Part> parts() const {
    const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    const std::string pre = absolute_targets ? "/xl/" : "";
    std::vector<Part> out;
    out.push_back(
        {"[Content_Types].xml",
         decl + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                "<Default Extension=\"rels\" "
                "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"});
    out.push_back({"_rels/.rels",
                   decl +
                       "<Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"" +
                       ns.pkg_rel_type + "/officeDocument\" Target=\"" +
                       (absolute_targets ? "/xl/workbook.xml" : "xl/workbook.xml") +
                       "\"/></Relationships>"});
    std::string wb = decl + "<workbook xmlns=\"" + ns.main + "\" xmlns:r=\"" + ns.rel + "\">";
    if (date1904) wb += "<workbookPr date1904=\"1\"/>";
    wb += "<sheets>";
    std::string rels =
        decl +
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (std::size_t i = 0; i < sheets.size(); ++i) {
      const std::string id = "rId" + std::to_string(i + 1);
      wb += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + std::to_string(i + 1) +
            "\" r:id=\"" + id + "\"" +
            (sheets[i].state.empty() ? "" : " state=\"" + sheets[i].state + "\"") + "/>";
      rels += "<Relationship Id=\"" + id + "\" Type=\"" + ns.pkg_rel_type +
              "/worksheet\" Target=\"" + pre + "worksheets/sheet" + std::to_string(i + 1) +
              ".xml\"/>";
      out.push_back({"xl/worksheets/sheet" + std::to_string(i + 1) + ".xml",
                     decl + "<worksheet xmlns=\"" + ns.main + "\" xmlns:r=\"" + ns.rel + "\">" +
                         sheets[i].body + "</worksheet>"});
    }
    wb += "</sheets></workbook>";
    if (!shared_strings.empty()) {
      rels += "<Relationship Id=\"rIdS\" Type=\"" + ns.pkg_rel_type + "/sharedStrings\" Target=\"" +
              pre + "sharedStrings.xml\"/>";
      out.push_back({"xl/sharedStrings.xml",
                     decl + "<sst xmlns=\"" + ns.main + "\">" + shared_strings + "</sst>"});
    }
    if (!styles.empty()) {
      rels += "<Relationship Id=\"rIdT\" Type=\"" + ns.pkg_rel_type + "/styles\" Target=\"" + pre +
              "styles.xml\"/>";
      out.push_back({"xl/styles.xml", decl + styles});
    }
    rels += "</Relationships>";
    out.push_back({"xl/workbook.xml", wb});
    out.push_back({"xl/_rels/workbook.xml.rels", rels});
    return out;
  }
};

/// A styles.xml with: 0 General, 1 "#,##0.00", 2 built-in 14 (date), 3 "yyyy-mm-dd hh:mm", 4 bold.
inline std::string basic_styles(const std::string& main_ns = Ns{}.main) {
  return "<styleSheet xmlns=\"" + main_ns +
         "\">"
         "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm\"/></numFmts>"
         "<fonts count=\"2\"><font><sz val=\"11\"/></font><font><b/><sz val=\"11\"/></font></fonts>"
         "<cellXfs count=\"5\"><xf numFmtId=\"0\" fontId=\"0\"/><xf numFmtId=\"164\" fontId=\"0\"/>"
         "<xf numFmtId=\"14\" fontId=\"0\"/><xf numFmtId=\"165\" fontId=\"0\"/><xf numFmtId=\"0\" "
         "fontId=\"1\"/>"
         "</cellXfs></styleSheet>";
}

/// Options with a fixed display name, so messages are the same on every machine.
inline Options opts(const std::string& display = "a.xlsx", Lang lang = Lang::zh) {
  Options o;
  o.display_name = display;
  o.lang = lang;
  return o;
}

/// Reads `path` with the XLSX format.
inline Status read(const std::filesystem::path& path, Workbook& out, const Options& o = opts()) {
  budconv::xlsx::XlsxFormat fmt;
  return fmt.read(path, o, out);
}

/// Path of tests/fixtures/xlsx/<name>.golden.
inline std::filesystem::path golden_path(const std::string& name) {
  return source_dir() / "tests" / "fixtures" / "xlsx" / (name + ".golden");
}

/// Compares the dump of `book` with its golden file (BUDCONV_UPDATE_GOLDEN=1 rewrites it).
inline void check_golden(const Workbook& book, const std::string& name) {
  const std::string got = dump_workbook(book);
  const auto path = golden_path(name);
  if (std::getenv("BUDCONV_UPDATE_GOLDEN")) write_file(path, got);
  INFO("golden file " << path.string());
  REQUIRE(std::filesystem::exists(path));
  CHECK(got == read_file(path));
}

}  // namespace budconv::test::xlsx
