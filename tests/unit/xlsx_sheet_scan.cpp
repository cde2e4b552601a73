// The fast worksheet scanner against expat: the same events for the XML spreadsheet writers
// produce, a give-up (never a different answer) for anything else, and the same workbooks,
// streamed rows and messages through the reader whichever path ran.
#include "xlsx_sheet_scan.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

#include "budconv/safe_xml.hpp"
#include "xlsx_fixture.hpp"

using namespace budconv;
using namespace budconv::test::xlsx;
using budconv::xlsx::ScanStatus;
using budconv::xlsx::SheetScanner;

namespace {

/// Writes every event as a line; text pieces of one node are joined, as a handler sees them.
class EventLog final : public XmlHandler {
 public:
  std::string log;  ///< one line per event

  void start_element(std::string_view ns, std::string_view name,
                     std::span<const XmlAttr> attrs) override {
    flush();
    log += '<';
    put_name(ns, name);
    for (const XmlAttr& a : attrs) {
      log += ' ';
      put_name(a.ns, a.name);
      log.append("=[").append(a.value).append("]");
    }
    log += ">\n";
  }
  void end_element(std::string_view ns, std::string_view name) override {
    flush();
    log += "</";
    put_name(ns, name);
    log += ">\n";
  }
  void text(std::string_view chars) override { pending_ += chars; }
  /// Ends the pending text node.
  void flush() {
    if (pending_.empty()) return;
    log.append("T[").append(pending_).append("]\n");
    pending_.clear();
  }

 private:
  void put_name(std::string_view ns, std::string_view name) {
    log.append("{").append(ns).append("}").append(name);
  }

  std::string pending_;
};

struct Scanned {
  ScanStatus status;
  std::string log;
};

Scanned scan(std::string_view doc, std::size_t chunk) {
  EventLog events;
  const bool stopped = false;
  SheetScanner scanner(events, stopped);
  ScanStatus st = ScanStatus::more;
  for (std::size_t at = 0; at < doc.size() && st == ScanStatus::more; at += chunk) {
    st = scanner.feed(doc.substr(at, chunk), false);
  }
  if (st == ScanStatus::more) st = scanner.feed({}, true);
  events.flush();
  return {st, events.log};
}

struct Parsed {
  bool ok;
  std::string log;
};

Parsed expat(std::string_view doc) {
  EventLog events;
  Status st = parse_xml(doc, events, "t", Lang::en);
  events.flush();
  return {st.ok(), events.log};
}

constexpr std::size_t kChunks[] = {1, 2, 3, 7, 64, 100000};

/// The scanner may give up; when it does not, expat must accept the document with the same events.
bool agrees(std::string_view doc, bool must_finish) {
  const Parsed want = expat(doc);
  for (std::size_t chunk : kChunks) {
    const Scanned got = scan(doc, chunk);
    if (must_finish && got.status != ScanStatus::done) {
      UNSCOPED_INFO("scanner gave up with chunks of " << chunk);
      return false;
    }
    if (got.status == ScanStatus::done && (!want.ok || got.log != want.log)) {
      UNSCOPED_INFO("chunks of " << chunk << "; expat " << (want.ok ? "ok" : "failed") << "\n"
                                 << got.log << "---- expat:\n"
                                 << want.log);
      return false;
    }
  }
  return true;
}

const std::string kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
const std::string kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// What Excel, WPS, libxlsxwriter and friends write inside <worksheet>, gathered into one sheet.
std::string typical_body();

std::string typical_sheet() {
  return kDecl + "<worksheet xmlns=\"" + kMain +
         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
         "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
         "mc:Ignorable=\"x14ac xr\" "
         "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\" "
         "xmlns:xr=\"http://schemas.microsoft.com/office/spreadsheetml/2014/revision\" "
         "xr:uid=\"{00000000-0001-0000-0000-000000000000}\">" +
         typical_body() + "</worksheet>\r\n";
}

std::string typical_body() {
  return "<dimension ref=\"A1:F9\"/><sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
         "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
         "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\" "
         "xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\" "
         "x14ac:dyDescent=\"0.25\"/>"
         "<cols><col min=\"1\" max=\"2\" width=\"12.7109375\" customWidth=\"1\"/></cols>\n"
         "<sheetData>\n\t<row r=\"1\" spans=\"1:6\" xmlns:x14ac=\"urn:x14ac\" "
         "x14ac:dyDescent=\"0.25\">"
         "<c r=\"A1\" t=\"s\" s=\"4\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>583602.8199999999</v></c>"
         "<c r=\"C1\" t=\"b\"><v>1</v></c><c r=\"D1\" t=\"e\"><v>#DIV/0!</v></c>"
         "<c r=\"E1\" s=\"2\"><v>44500</v></c><c r=\"F1\" t=\"d\"><v>2021-11-04</v></c></row>\n"
         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 内联 &amp; "
         "&lt;x&gt; &quot;q&quot; &apos;a&apos; &#20013;&#x6587;&#10;_x000D_</t></is></c>"
         "<c r=\"B2\" t=\"inlineStr\"><is><r><rPr><b/><sz val=\"11\"/></rPr><t>富</t></r>"
         "<r><t>文本</t></r><rPh sb=\"0\" eb=\"1\"><t>ふ</t></rPh></is></c>"
         "<c r='C2' t='str'><f>IF(A1&gt;0,\"a&amp;b\",\"\")</f><v>a&amp;b</v></c>"
         "<c r=\"D2\"><f t=\"shared\" ref=\"D2:D5\" si=\"0\">B1*2</f><v>2</v></c>"
         "<c r=\"E2\" s=\"3\"/></row>\n"
         "<row r=\"3\"><c r=\"D3\"><f t=\"shared\" si=\"0\"/><v>4</v></c>"
         "<c r = \"E3\" ><v >-1.5E-3</v ></c ></row>"
         "<row><c><v>7</v></c><c t=\"n\"><v>8</v></c></row>"
         "<row r=\"9\" hidden=\"1\"><c r=\"A9\" t=\"s\"><v>1</v></c></row>"
         "</sheetData>\n"
         "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>"
         "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
         "footer=\"0.3\"/><extLst><ext uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\" "
         "xmlns:x14=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main\">"
         "<x14:conditionalFormattings><x14:conditionalFormatting "
         "xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"><xm:sqref>A1</xm:sqref>"
         "</x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>";
}

// Strict namespaces, every element prefixed, a BOM and no standalone.
std::string prefixed_strict_sheet() {
  return "\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?>"
         "<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
         "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
         "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c>"
         "<x:c r=\"B1\" x:t=\"s\"><x:v>12</x:v></x:c><x:c><x:is><x:t>i</x:t></x:is></x:c></x:row>"
         "<x:row/></x:sheetData></x:worksheet>";
}

// ---- the reader, both ways ----

/// Sets BUDCONV_XLSX_SCANNER for one scope.
class ScannerSwitch {
 public:
  explicit ScannerSwitch(bool on) {
    if (on) {
      ::unsetenv("BUDCONV_XLSX_SCANNER");
    } else {
      ::setenv("BUDCONV_XLSX_SCANNER", "0", 1);
    }
  }
  ~ScannerSwitch() { ::unsetenv("BUDCONV_XLSX_SCANNER"); }
  ScannerSwitch(const ScannerSwitch&) = delete;
  ScannerSwitch& operator=(const ScannerSwitch&) = delete;
};

/// The workbook dump, or the error message.
std::string read_both_ways_outcome(const std::filesystem::path& path, bool scanner,
                                   const Options& o) {
  ScannerSwitch sw(scanner);
  Workbook book;
  Status st = read(path, book, o);
  return st.ok() ? dump_workbook(book) : "error: " + st.error().message;
}

/// Collects streamed rows as text lines.
class RowLog final : public RowSink {
 public:
  std::string log;  ///< sheets, rows and merges as they came

 protected:
  Status do_begin_sheet(const SheetStart& start) override {
    log += "sheet " + start.name + "\n";
    return {};
  }
  Status do_row(std::uint32_t index, std::span<const RowCell> cells) override {
    log.append(std::to_string(index)).append(":");
    for (const RowCell& rc : cells) {
      log.append(" ").append(std::to_string(rc.col)).append("=").append(rc.cell.text);
      log.append("|").append(rc.cell.formula);
    }
    log += "\n";
    return {};
  }
  Result<SheetEnd> do_end_sheet(std::span<const MergedRange> merges) override {
    log += "end " + std::to_string(merges.size()) + "\n";
    return SheetEnd::done;
  }
};

std::string stream_outcome(const std::filesystem::path& path, bool scanner) {
  ScannerSwitch sw(scanner);
  budconv::xlsx::XlsxFormat fmt;
  RowLog rows;
  Status st = fmt.read_rows(path, opts(), rows);
  return rows.log + (st.ok() ? "ok" : "error: " + st.error().message);
}

/// Reads `pkg` with and without the scanner, whole and streamed; requires the same outcomes.
void check_both_ways(const Package& pkg, const Options& o = opts()) {
  test::TempDir dir("xlsx-scan");
  const auto path = dir / "a.xlsx";
  write_zip(path, pkg.parts());
  const std::string fast = read_both_ways_outcome(path, true, o);
  const std::string slow = read_both_ways_outcome(path, false, o);
  CHECK(fast == slow);
  CHECK(stream_outcome(path, true) == stream_outcome(path, false));
}

Package one_sheet(const std::string& body, Ns ns = Ns{}) {
  Package p;
  p.ns = ns;
  p.styles = basic_styles(ns.main);
  p.shared_strings = "<si><t>收入</t></si><si><r><t>一般</t></r><r><t>公共</t></r></si>";
  p.sheets.push_back({"表1", body, ""});
  return p;
}

}  // namespace

TEST_CASE("scanner gives expat's events for the XML spreadsheet writers produce", "[xlsx][scan]") {
  CHECK(agrees(typical_sheet(), true));
  CHECK(agrees(prefixed_strict_sheet(), true));
  CHECK(agrees("<a/>", true));
  CHECK(agrees("<a>\r\n<b>x\r\ny\rz&#13;</b>\r</a>\r\n", true));
  CHECK(agrees("<a xmlns='u'><b xmlns=''><c/></b></a>", true));
  CHECK(agrees("<p:a xmlns:p='u' xmlns:q='u' p:x='1' q:y='2' x='3'><p:b p:x='4'/></p:a>", true));
}

TEST_CASE("scanner gives up on what it does not handle, and never disagrees with expat",
          "[xlsx][scan]") {
  const char* docs[] = {
      "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
      "<a><![CDATA[x<y]]></a>",
      "<a><!-- note --></a>",
      "<?xml version=\"1.0\"?><?pi x?><a/>",
      "<a b=\"line\r\nbreak\"/>",
      "<a b=\"tab\there\"/>",
      "<单元格/>",
      "<p:a/>",
      "<a p:b='1'/>",
      "<a b='1' b='2'/>",
      "<a xmlns:p='u' xmlns:q='u' p:b='1' q:b='2'/>",
      "<a>]]></a>",
      "<a>&#0;</a>",
      "<a>&#xD800;</a>",
      "<a>&nbsp;</a>",
      "<a>\xC3</a>",
      "<a>\xEF\xBF\xBE</a>",
      "<a>\x01</a>",
      "<a></b>",
      "<a>",
      "<a/><b/>",
      "<a/>junk",
      "text<a/>",
      "<a b=\"<\"/>",
      "<a b='1'c='2'/>",
      "<?xml version=\"1.1\"?><a/>",
      "<?xml version=\"1.0\" encoding=\"GBK\"?><a/>",
      "<a xmlns:p=''/>",
      "<a xmlns:xml='u'/>",
      "",
  };
  for (const char* d : docs) {
    INFO(d);
    CHECK(agrees(d, false));
  }
}

TEST_CASE("scanner survives mutated sheets and only ever agrees with expat or gives up",
          "[xlsx][scan][fuzz]") {
  const std::string bases[] = {typical_sheet(), prefixed_strict_sheet()};
  static const std::string kInserts[] = {
      "<!--x-->", "<![CDATA[a]]>", "<?pi?>",       "&amp;", "&#0;",
      "&bogus;",  "<c>",           "</c>",         "]]>",   " q:a='1'",
      "<q:b/>",   "\xEF\xBF\xBE",  "\xED\xA0\x80", "\r",    "&#x10FFFF;",
      "&#65;",    "xmlns='z'",     " xmlns:q='w'", "/>",    "\"",
  };
  static const char kBytes[] = {'<', '>', '&', '"', '\'', '/', ':', '=',  ' ',  '\r',   '\0',
                                ';', '#', 'x', ']', '!',  '?', 'a', '\t', '\n', '\xC3', '\xE4'};
  std::mt19937 rng(20261123);
  int done = 0, accepted = 0;
  for (const std::string& base : bases) {
    for (int round = 0; round < 1500; ++round) {
      std::string doc = base;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int e = 0; e < edits; ++e) {
        const std::size_t at = rng() % (doc.size() + 1);
        switch (rng() % 4) {
          case 0:
            doc.resize(at);
            break;
          case 1:
            if (at < doc.size()) doc[at] = kBytes[rng() % sizeof(kBytes)];
            break;
          case 2:
            doc.insert(at, kInserts[rng() % std::size(kInserts)]);
            break;
          default:
            doc.erase(at, rng() % 8);
            break;
        }
      }
      INFO("round " << round << ": " << doc);
      const Parsed want = expat(doc);
      for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{100000}}) {
        const Scanned got = scan(doc, chunk);
        if (want.ok) ++accepted;
        if (got.status != ScanStatus::done) continue;
        ++done;
        REQUIRE(want.ok);
        REQUIRE(got.log == want.log);
      }
    }
  }
  // Most mutants that stay well-formed are still plain markup: the fast path must take them.
  INFO(done << " of " << accepted << " well-formed mutant scans finished on the fast path");
  CHECK(done * 10 > accepted * 7);
  CHECK(done < accepted);  // and some were left to expat (comments, CDATA, carriage returns …)
}

TEST_CASE("reader gives the same workbook, rows and messages with and without the scanner",
          "[xlsx][scan]") {
  SECTION("typical sheet") {
    check_both_ways(one_sheet(typical_body()));
  }
  SECTION("Strict namespaces, prefixed elements") {
    Package p = one_sheet("", Ns::strict());
    p.sheets[0].body =
        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1.5</v></c></row>"
        "</sheetData>";
    check_both_ways(p);
  }
  SECTION("errors name the same cell") {
    check_both_ways(
        one_sheet("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row "
                  "r=\"2\"><c r=\"B2\"><v>12abc</v></c></row></sheetData>"));
    check_both_ways(one_sheet("<sheetData><row><c t=\"s\"><v>9</v></c></row></sheetData>"));
    check_both_ways(one_sheet("<sheetData><row r=\"0\"/></sheetData>"));
    check_both_ways(
        one_sheet("<sheetData><row><c r=\"A1\" t=\"q\"><v>1</v></c></row>"
                  "</sheetData>"));
  }
  SECTION("malformed XML after good rows") {
    check_both_ways(
        one_sheet("<sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row>"
                  "<row><c><v>3</v></d></row></sheetData>"));
  }
  SECTION("a give-up after rows were streamed continues without repeating them") {
    std::string body = "<sheetData>";
    for (int r = 1; r <= 3000; ++r) {
      body += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
              std::to_string(r) + "</v></c><c r=\"B" + std::to_string(r) +
              "\" t=\"s\"><v>1</v></c></row>";
      if (r == 2500) body += "<!-- a comment expat skips -->";
    }
    body += "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"C1:D2\"/></mergeCells>";
    check_both_ways(one_sheet(body));
  }
}

TEST_CASE("reader gives the same outcome with and without the scanner on every corpus XLSX",
          "[xlsx][scan][corpus]") {
  const auto root = test::shared_dir() / "corpus";
  REQUIRE(std::filesystem::exists(root));
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".xlsx") continue;
    ++files;
    INFO(entry.path().string());
    const std::string fast = read_both_ways_outcome(entry.path(), true, opts());
    const std::string slow = read_both_ways_outcome(entry.path(), false, opts());
    CHECK(fast == slow);
  }
  CHECK(files > 0);
}
