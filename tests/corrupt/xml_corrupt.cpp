// Canonical XML reader against bad input: every case is an Error with the right code and a one-line
// message naming the file, the line and the element; nothing crashes, hangs or expands entities.
#include <catch2/catch.hpp>

#include "../roundtrip/xml_full_model.hpp"
#include "test_support.hpp"
#include "xml_format.hpp"

namespace bt = budconv::test;
using budconv::ErrorCode;
using budconv::Lang;

namespace {

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<submission xmlns=\"urn:budconv:submission:1\" format-version=\"1\">\n";

// A document whose body starts on line 3.
std::string doc(const std::string& body) {
  return kHead + body + "</submission>\n";
}

budconv::Error read_error(const std::string& bytes, Lang lang = Lang::zh) {
  budconv::Submission out;
  budconv::Status st = budconv::xml::read_xml(bytes, "bad.xml", lang, out);
  REQUIRE_FALSE(st.ok());
  const budconv::Error& e = st.error();
  INFO(e.message);
  CHECK(!e.message.empty());
  CHECK(e.message.find('\n') == std::string::npos);
  CHECK(e.message.rfind("bad.xml", 0) == 0);
  return e;
}

void expect(const std::string& bytes, ErrorCode code, const std::string& needle,
            Lang lang = Lang::zh) {
  const budconv::Error e = read_error(bytes, lang);
  INFO(e.message);
  CHECK(e.code == code);
  CHECK(e.message.find(needle) != std::string::npos);
}

}  // namespace

TEST_CASE("empty canonical XML is refused", "[xml][corrupt]") {
  expect("", ErrorCode::format, "文件为空");
  expect("  \n\t\n", ErrorCode::format, "文件为空");
  expect("", ErrorCode::format, "the file is empty", Lang::en);
}

TEST_CASE("truncated canonical XML is refused at every cut", "[xml][corrupt]") {
  auto written = budconv::xml::write_xml(bt::full_model(), Lang::zh);
  REQUIRE(written.ok());
  const std::string& full = written.value();
  // Cutting the final LF leaves a complete document; any earlier cut must fail.
  for (std::size_t cut = 1; cut + 1 < full.size(); cut += 37) {
    const std::string part = full.substr(0, cut);
    budconv::Submission out;
    budconv::Status st = budconv::xml::read_xml(part, "bad.xml", Lang::zh, out);
    INFO("cut at " << cut);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find(" 行") != std::string::npos);
  }
  expect(full.substr(0, full.size() / 2), ErrorCode::format, "截断");
}

TEST_CASE("well-formed XML of another kind is refused", "[xml][corrupt]") {
  expect("<?xml version=\"1.0\"?>\n<workbook/>\n", ErrorCode::format,
         "第 2 行：不是 budconv 规范 XML：根元素为 <workbook>，应为 <submission>");
  expect("<?xml version=\"1.0\"?>\n<workbook/>\n", ErrorCode::format,
         "line 2: not a budconv canonical XML: the root element is <workbook>", Lang::en);
  // Excel 2003 XML shares the extension and the declaration.
  expect(
      "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
      "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n"
      "<Worksheet ss:Name=\"Sheet1\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"/>"
      "</Workbook>\n",
      ErrorCode::format, "根元素为 <Workbook>");
  expect("<submission format-version=\"1\"/>", ErrorCode::format, "命名空间");
  expect("<submission xmlns=\"urn:budconv:submission:2\" format-version=\"1\"/>", ErrorCode::format,
         "urn:budconv:submission:1");
  expect(doc("") + "<submission/>", ErrorCode::format, "");
  expect("just text", ErrorCode::format, "XML");
}

TEST_CASE("an amount that is not a number names line and element", "[xml][corrupt]") {
  const std::string bad =
      doc("  <budget-table kind=\"income\" unit=\"yuan\">\n"
          "    <column id=\"total\"/>\n"
          "    <row name=\"合计\">\n"
          "      <v c=\"total\">12a</v>\n"
          "    </row>\n"
          "  </budget-table>\n");
  expect(bad, ErrorCode::invalid_value, "bad.xml：第 6 行 <v c=\"total\">：金额“12a”不是数字");
  expect(bad, ErrorCode::invalid_value,
         "bad.xml: line 6 <v c=\"total\">: amount \"12a\" is not a number", Lang::en);
  auto amount = [](const std::string& v, const std::string& unit = "yuan") {
    return doc("<budget-table kind=\"income\" unit=\"" + unit + "\"><row><v c=\"total\">" + v +
               "</v></row></budget-table>\n");
  };
  expect(amount("1,000.00"), ErrorCode::invalid_value, "不是数字");
  expect(amount("12"), ErrorCode::invalid_value, "不是数字");
  expect(amount(" 12.00"), ErrorCode::invalid_value, "不是数字");
  expect(amount("１２.00"), ErrorCode::invalid_value, "不是数字");
  expect(amount("1.234"), ErrorCode::invalid_value, "1.234");  // finer than 1 分 in 元
  expect(amount("1.2345678", "wan-yuan"), ErrorCode::invalid_value, "1.2345678");
  expect(amount("99999999999999999999.00"), ErrorCode::invalid_value, "99999999999999999999.00");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"><budget period=\"annual\" "
             "total=\"x\"/></goal>"),
         ErrorCode::invalid_value, "<budget> 属性 total");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"><milestone percent=\"25%\"/></goal>"),
         ErrorCode::invalid_value, "<milestone> 属性 percent");
  expect(doc("<evaluation unit=\"yuan\" year=\"二〇二二\"/>"), ErrorCode::invalid_value, "year");
}

TEST_CASE("unknown enum values are refused", "[xml][corrupt]") {
  expect(doc("<budget-table kind=\"bogus\" unit=\"yuan\"/>\n"), ErrorCode::invalid_value,
         "第 3 行 <budget-table> 属性 kind：“bogus”不是已知的取值");
  expect(doc("<budget-table kind=\"income\" unit=\"dollar\"/>"), ErrorCode::invalid_value,
         "yuan | wan-yuan");
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\" scope=\"county\"/>"),
         ErrorCode::invalid_value, "scope");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"><indicator period=\"monthly\"/></goal>"),
         ErrorCode::invalid_value, "annual | implementation");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"><indicator period=\"annual\" "
             "comparator=\"≥\"/></goal>"),
         ErrorCode::invalid_value, "comparator");
  expect(doc("<goal kind=\"programme\" amount-unit=\"yuan\"/>"), ErrorCode::invalid_value,
         "programme");
  expect(
      doc("<budget-table kind=\"income\" unit=\"yuan\"><row class=\"economic\"/></budget-table>"),
      ErrorCode::invalid_value, "class");
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\"><row total=\"yes\"/></budget-table>"),
         ErrorCode::invalid_value, "total");
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\"><column id=\"t\" "
             "type=\"date\"/></budget-table>"),
         ErrorCode::invalid_value, "type");
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\"><column id=\"Total\"/></budget-table>"),
         ErrorCode::invalid_value, "Total");
  expect("<submission xmlns=\"urn:budconv:submission:1\" format-version=\"1\" kind=\"budget\"/>",
         ErrorCode::invalid_value, "kind");
}

TEST_CASE("an unknown format version is refused", "[xml][corrupt]") {
  expect("<submission xmlns=\"urn:budconv:submission:1\" format-version=\"2\" future=\"x\"/>",
         ErrorCode::unsupported, "不支持的规范 XML 版本“2”");
  expect("<submission xmlns=\"urn:budconv:submission:1\" format-version=\"2\"/>",
         ErrorCode::unsupported, "unsupported canonical XML version \"2\"", Lang::en);
  expect("<submission xmlns=\"urn:budconv:submission:1\"/>", ErrorCode::format, "format-version");
}

TEST_CASE("unknown, misplaced and repeated content is refused", "[xml][corrupt]") {
  expect(doc("  <goal kind=\"project\" amount-unit=\"yuan\">\n    <colour/>\n  </goal>\n"),
         ErrorCode::format, "第 4 行 <colour>：未知元素");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\" colour=\"red\"/>"), ErrorCode::format,
         "未知属性 colour");
  expect("<submission xmlns=\"urn:budconv:submission:1\" format-version=\"1\" xmlns:x=\"urn:x\"/>",
         ErrorCode::format, "xmlns:x");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"><milestone/><purpose/></goal>"),
         ErrorCode::format, "<purpose>：元素顺序错误");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"><purpose/><purpose/></goal>"),
         ErrorCode::format, "只能出现一次");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\"/><extra/>"), ErrorCode::format,
         "<extra>");
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\"><row><v c=\"total\">1.00</v><v "
             "c=\"total\">2.00</v>"
             "</row></budget-table>"),
         ErrorCode::format, "<v c=\"total\">：同一列出现两次");
  expect(doc("<evaluation unit=\"yuan\"><figure id=\"income\">1.00</figure><figure "
             "id=\"income\">1.00</figure>"
             "</evaluation>"),
         ErrorCode::format, "figure");
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\"><row>stray text</row></budget-table>"),
         ErrorCode::format, "stray text");
  expect(doc("<extra key=\"k\">a<b/>c</extra>"), ErrorCode::format, "<b>");
  expect(doc("<budget-table unit=\"yuan\"/>"), ErrorCode::format, "缺少属性 kind");
  expect(doc("<goal kind=\"project\" amount-unit=\"yuan\" kind=\"project\"/>"), ErrorCode::format,
         "kind");
  expect(doc("<extra/>") + "<submission xmlns=\"urn:budconv:submission:1\" format-version=\"1\"/>",
         ErrorCode::format, "");
  expect("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<submission/>", ErrorCode::unsupported, "GBK");
}

TEST_CASE("DOCTYPE and entity bombs are refused without expansion", "[xml][corrupt]") {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE lolz [\n"
      " <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      " <!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
      "]>\n"
      "<submission xmlns=\"urn:budconv:submission:1\" format-version=\"1\" "
      "agency-name=\"&lol9;\"/>\n";
  expect(bomb, ErrorCode::unsupported, "第 2 行：拒绝含 DOCTYPE 的 XML");
  expect(bomb, ErrorCode::unsupported, "DOCTYPE", Lang::en);
  expect("<!DOCTYPE submission SYSTEM \"file:///etc/passwd\">\n<submission/>",
         ErrorCode::unsupported, "DOCTYPE");
  // Without a DTD an entity reference is undefined; pugixml would keep it as literal text.
  expect(doc("<extra>&lol9;</extra>"), ErrorCode::format, "&lol9;");
  expect(doc("<extra>AT&T</extra>"), ErrorCode::format, "&amp;");
  expect(doc("<extra>&#1;</extra>"), ErrorCode::format, "&#1;");
  expect(doc("<extra>&#x0;</extra>"), ErrorCode::format, "&#x0;");
  expect(doc("<extra>&#99999999999;</extra>"), ErrorCode::format, "&#99999999999;");
  // ...while the five predefined entities and character references are fine.
  budconv::Submission out;
  REQUIRE(
      budconv::xml::read_xml(
          doc("<extra>&lt;&amp;&gt;&quot;&apos;&#x4E2D;&#25991;<!-- & --><![CDATA[&]]></extra>"),
          "ok.xml", Lang::zh, out)
          .ok());
  CHECK(out.extras.at(0).value == "<&>\"'中文&");
}

TEST_CASE("invalid characters are refused with their line", "[xml][corrupt]") {
  expect(doc("<extra>\n\xFF\xFE</extra>"), ErrorCode::format, "第 4 行：无效的 UTF-8 字节 0xFF");
  expect(doc("<extra>\xE4\xB8</extra>"), ErrorCode::format, "UTF-8");      // truncated sequence
  expect(doc("<extra>\xC0\xAF</extra>"), ErrorCode::format, "UTF-8");      // overlong
  expect(doc("<extra>\xED\xA0\x80</extra>"), ErrorCode::format, "UTF-8");  // surrogate
  expect(doc("<extra>\x01</extra>"), ErrorCode::format, "U+0001");
  expect(doc("<extra>\xEF\xBF\xBF</extra>"), ErrorCode::format, "U+FFFF");
  expect(doc(std::string("<extra>a") + '\0' + "b</extra>"), ErrorCode::format, "U+0000");
  // UTF-16 is not UTF-8.
  const std::string utf16("\xFF\xFE<\0s\0", 6);
  expect(utf16, ErrorCode::format, "UTF-8");
}

TEST_CASE("oversized values are refused", "[xml][corrupt]") {
  const std::string huge(budconv::xml::kMaxValueBytes + 1, 'x');
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\" title=\"" + huge + "\"/>"),
         ErrorCode::limit, "<budget-table> 属性 title");
  expect(doc("<extra key=\"k\">" + huge + "</extra>"), ErrorCode::limit, "<extra key=\"k\">");
  expect(doc("<extra key=\"" + huge + "\"/>"), ErrorCode::limit, "属性 key");
}

TEST_CASE("documents with too much markup are refused before building a DOM", "[xml][corrupt]") {
  std::string many;
  many.reserve(4 * budconv::xml::kMaxMarkup + 200);
  for (std::size_t i = 0; i < budconv::xml::kMaxMarkup; ++i) many += "<x/>";
  expect(doc(many), ErrorCode::limit, "元素和属性过多");
}

TEST_CASE("deeply nested elements are refused without recursion", "[xml][corrupt]") {
  constexpr int kDepth = 200000;
  std::string open, close;
  for (int i = 0; i < kDepth; ++i) open += "<detail>", close += "</detail>";
  expect(doc("<budget-table kind=\"income\" unit=\"yuan\"><row>" + open + close +
             "</row></budget-table>"),
         ErrorCode::limit, "<detail>");
  std::string extras_open, extras_close;
  for (int i = 0; i < kDepth; ++i) extras_open += "<extra>", extras_close += "</extra>";
  expect(doc(extras_open + extras_close), ErrorCode::format, "<extra>");
  expect("<a>" + open + close + "</a>", ErrorCode::format, "<a>");
  expect(doc(open), ErrorCode::format, "XML");  // unclosed as well
}

TEST_CASE("files that cannot be read give io and limit errors", "[xml][corrupt]") {
  bt::TempDir tmp("xml-corrupt");
  budconv::xml::XmlDocumentFormat fmt;
  budconv::Options options;
  budconv::Submission out;
  std::filesystem::create_directory(tmp / "dir.xml");
  budconv::Status st = fmt.read(tmp / "dir.xml", options, out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::io);
  CHECK(st.error().message.find("dir.xml") != std::string::npos);
  st = fmt.read(tmp / "missing.xml", options, out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::io);
  // Over the size cap: a sparse file costs no disk.
  bt::write_file(tmp / "big.xml", doc(""));
  std::filesystem::resize_file(tmp / "big.xml", budconv::xml::kMaxFileBytes + 1);
  st = fmt.read(tmp / "big.xml", options, out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::limit);
  // The display name replaces the path in messages.
  bt::write_file(tmp / "e.xml", "");
  options.display_name = "上传的文件.xml";
  st = fmt.read(tmp / "e.xml", options, out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.rfind("上传的文件.xml", 0) == 0);
  CHECK(out == budconv::Submission{});  // untouched on failure
}

TEST_CASE("sniff tells canonical XML from other XML", "[xml][corrupt]") {
  using budconv::Sniff;
  auto sniff = [](const std::string& head, const std::string& name) {
    return budconv::xml::sniff_xml(
        std::span<const std::byte>(reinterpret_cast<const std::byte*>(head.data()), head.size()),
        name);
  };
  auto written = budconv::xml::write_xml(bt::full_model(), Lang::zh);
  REQUIRE(written.ok());
  CHECK(sniff(written.value().substr(0, 4096), "a.xml") == Sniff::yes);
  CHECK(sniff(written.value().substr(0, 4096), "a.dat") == Sniff::yes);
  CHECK(sniff("\xEF\xBB\xBF<!-- c -->\n<submission\n xmlns='urn:budconv:submission:1'>", "x") ==
        Sniff::yes);
  const std::string excel2003 =
      "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
      "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">";
  CHECK(sniff(excel2003, "budget.xml") == Sniff::maybe);
  CHECK(sniff(excel2003, "budget.XML") == Sniff::maybe);
  CHECK(sniff(excel2003, "budget.xls") == Sniff::no);
  CHECK(sniff("<submission format-version=\"1\">", "a.xml") == Sniff::maybe);  // no namespace
  CHECK(sniff("<submissions xmlns=\"urn:budconv:submission:1\">", "a.xml") == Sniff::maybe);
  CHECK(sniff("<submission format-version=\"1\"> xmlns=\"urn:budconv:submission:1\"", "a.csv") ==
        Sniff::no);
  CHECK(sniff("PK\x03\x04", "a.xml") == Sniff::no);
  CHECK(sniff("", "a.xml") == Sniff::maybe);
  CHECK(sniff("", "a.xlsx") == Sniff::no);
}
