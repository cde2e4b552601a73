// Canonical XML: model → XML → model is the identity, writing is byte-deterministic, and every
// canonical sample under samples/ is already in the writer's exact form.
#include <catch2/catch.hpp>

#include "budconv/dump.hpp"
#include "test_support.hpp"
#include "xml_format.hpp"
#include "xml_full_model.hpp"

namespace bt = budconv::test;
using budconv::Lang;
using budconv::Submission;

namespace {

std::string write_ok(const Submission& doc) {
  auto r = budconv::xml::write_xml(doc, Lang::zh);
  if (!r) FAIL(r.error().message);
  return r.value();
}

Submission read_ok(const std::string& bytes, const std::string& name = "mem.xml") {
  Submission out;
  budconv::Status st = budconv::xml::read_xml(bytes, name, Lang::zh, out);
  if (!st) FAIL(st.error().message);
  return out;
}

void require_same(const Submission& a, const Submission& b) {
  if (!(a == b)) {
    // The dumps say where; the equality is what the test asserts.
    CHECK(budconv::dump_submission(a) == budconv::dump_submission(b));
  }
  REQUIRE(a == b);
}

}  // namespace

TEST_CASE("canonical XML round-trips every field of the model", "[xml][roundtrip]") {
  const Submission doc = bt::full_model();
  const std::string xml = write_ok(doc);
  require_same(read_ok(xml), doc);
}

TEST_CASE("canonical XML writing is deterministic", "[xml][roundtrip]") {
  const Submission doc = bt::full_model();
  const std::string first = write_ok(doc);
  CHECK(write_ok(doc) == first);
  CHECK(write_ok(read_ok(first)) == first);
}

TEST_CASE("canonical XML has the documented shape", "[xml][roundtrip]") {
  const std::string xml = write_ok(bt::full_model());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission "
                  "xmlns=\"urn:budconv:submission:1\" "
                  "format-version=\"1\" agency-code=\"450\"",
                  0) == 0);
  CHECK(xml.find('\r') == std::string::npos);   // LF only; CR in values is &#13;
  CHECK(xml.find(" />") == std::string::npos);  // empty elements end "/>"
  CHECK(xml.back() == '\n');
  // Amounts in the published unit, exact.
  CHECK(xml.find("<v c=\"income_amount\">90816893.00</v>") != std::string::npos);
  CHECK(xml.find("<v c=\"total\">9081.6893</v>") != std::string::npos);
  CHECK(xml.find("<v c=\"basic\">0.000001</v>") != std::string::npos);
  CHECK(xml.find("<v c=\"project\">0.00</v>") != std::string::npos);
  CHECK(xml.find("<v c=\"personnel\">-2.50</v>") != std::string::npos);
  // v in column order, undeclared columns after them; then t; then detail.
  const auto total_v = xml.find("<v c=\"total\">44.59</v>");
  const auto price_v = xml.find("<v c=\"unit_price\">");
  const auto quantity_t = xml.find("<t c=\"quantity\">12</t>");
  const auto unit_t = xml.find("<t c=\"measure_unit\">台</t>");
  const auto detail =
      xml.find("<detail class=\"function\" code=\"2101501\" name=\"年终一次性奖金\"");
  REQUIRE(total_v != std::string::npos);
  CHECK(total_v < price_v);
  CHECK(price_v < quantity_t);
  CHECK(quantity_t < unit_t);
  CHECK(unit_t < detail);
  // Omitted defaults and blanks.
  CHECK(xml.find("level=\"0\"") == std::string::npos);
  CHECK(xml.find("class=\"none\"") == std::string::npos);
  CHECK(xml.find("total=\"false\"") == std::string::npos);
  CHECK(xml.find("<milestone label=\"12月底\"/>") != std::string::npos);
  CHECK(xml.find("<budget period=\"annual\" total=\"40.00\" fiscal=\"40.00\"/>") !=
        std::string::npos);
  // Escapes that survive any conforming parser.
  CHECK(xml.find("description=\"基金&#9;可支配&#10;月数\"") != std::string::npos);
  CHECK(xml.find("newline\r") == std::string::npos);
  CHECK(xml.find("]]&gt; &amp;amp;</purpose>") != std::string::npos);
  CHECK(
      xml.find("<indicator period=\"implementation\" level1=\"效益指标\" level1-text=\"效果指标\" "
               "level2=\"可持续影响指标\" level2-text=\"可持续性影响\" "
               "name=\"基金滚存结余可支配月数\"") != std::string::npos);
}

TEST_CASE("blank is not zero in canonical XML", "[xml][roundtrip]") {
  Submission doc;
  budconv::BudgetTable t;
  t.kind = "income";
  t.columns = {{"total", "合计", budconv::ColumnType::money, budconv::Side::none}};
  budconv::BudgetRow blank, zero;
  blank.name = "空白";
  zero.name = "零";
  zero.amounts["total"] = budconv::Money{0};
  t.rows = {blank, zero};
  doc.budget_tables = {t};
  const std::string xml = write_ok(doc);
  CHECK(xml.find("<row name=\"空白\"/>") != std::string::npos);
  CHECK(xml.find("<v c=\"total\">0.00</v>") != std::string::npos);
  const Submission back = read_ok(xml);
  CHECK(back.budget_tables.at(0).rows.at(0).amounts.empty());
  CHECK(back.budget_tables.at(0).rows.at(1).amounts.at("total") == budconv::Money{0});
}

TEST_CASE("canonical XML round-trips through files", "[xml][roundtrip]") {
  bt::TempDir tmp("xml-rt");
  budconv::xml::XmlDocumentFormat fmt;
  budconv::Options options;
  const Submission doc = bt::full_model();
  REQUIRE(fmt.write(doc, tmp / "a.xml", options).ok());
  REQUIRE(fmt.write(doc, tmp / "b.xml", options).ok());
  CHECK(bt::read_file(tmp / "a.xml") == bt::read_file(tmp / "b.xml"));
  Submission back;
  budconv::Status st = fmt.read(tmp / "a.xml", options, back);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  CHECK(back.source_file == (tmp / "a.xml").string());
  back.source_file.clear();
  require_same(back, doc);
}

TEST_CASE("canonical XML writer refuses what XML cannot carry", "[xml][roundtrip]") {
  auto refused = [](const Submission& doc, const std::string& needle) {
    auto r = budconv::xml::write_xml(doc, Lang::zh);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == budconv::ErrorCode::invalid_value);
    INFO(r.error().message);
    CHECK(r.error().message.find(needle) != std::string::npos);
    CHECK(r.error().message.find('\n') == std::string::npos);
    auto en = budconv::xml::write_xml(doc, Lang::en);
    REQUIRE_FALSE(en.ok());
    CHECK(en.error().message.find("cannot write canonical XML") != std::string::npos);
  };
  Submission doc = bt::full_model();
  SECTION("a control character") {
    doc.goals[0].indicators[0].name = "bad\x01name";
    refused(doc, "U+0001");
  }
  SECTION("invalid UTF-8") {
    doc.agency_name = "\xB9\xFA";  // GBK bytes taken for UTF-8
    refused(doc, "UTF-8");
  }
  SECTION("an unknown table kind") {
    doc.budget_tables[0].kind = "income-statement";
    refused(doc, "income-statement");
  }
  SECTION("a table without kind") {
    doc.budget_tables[0].kind.clear();
    refused(doc, "<budget-table> 属性 kind");
  }
  SECTION("an unknown goal kind") {
    doc.goals[0].kind = "program";
    refused(doc, "program");
  }
  SECTION("a column id that is not an identifier") {
    doc.budget_tables[1].rows[0].amounts["合计"] = budconv::Money{1};
    refused(doc, "合计");
  }
  SECTION("a decimal scale beyond 18") {
    doc.goals[0].spending_plan[0].percent = budconv::Decimal{1, 19};
    refused(doc, "19");
  }
  SECTION("detail rows nested too deep") {
    budconv::BudgetRow r;
    for (int i = 0; i <= budconv::xml::kMaxDetailDepth; ++i) {
      budconv::BudgetRow parent;
      parent.details = {r};
      r = parent;
    }
    doc.budget_tables[1].rows.push_back(r);
    refused(doc, "detail");
  }
}

TEST_CASE("canonical XML samples are in canonical form and round-trip",
          "[xml][roundtrip][samples]") {
  const auto samples = bt::canonical_xml_samples();
  if (samples.empty()) WARN("no canonical XML samples under samples/ yet");
  for (const auto& path : samples) {
    INFO(path.string());
    const std::string bytes = bt::read_file(path);
    budconv::xml::XmlDocumentFormat fmt;
    Submission doc;
    budconv::Status st = fmt.read(path, budconv::Options{}, doc);
    INFO((st.ok() ? std::string() : st.error().message));
    REQUIRE(st.ok());
    const std::string written = write_ok(doc);
    if (written != bytes) {
      // Point at the first differing line so a sample author sees what to change.
      std::size_t i = 0;
      while (i < written.size() && i < bytes.size() && written[i] == bytes[i]) ++i;
      const std::size_t line =
          1 + static_cast<std::size_t>(
                  std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
      const auto line_of = [&](const std::string& s) {
        std::size_t b = s.rfind('\n', i == 0 ? 0 : i - 1);
        b = b == std::string::npos ? 0 : b + 1;
        return s.substr(b, s.find('\n', b) - b);
      };
      FAIL_CHECK("not canonical at line " << line << "\n  file:      " << line_of(bytes)
                                          << "\n  canonical: " << line_of(written));
    }
    doc.source_file.clear();
    require_same(read_ok(written, path.string()), doc);
  }
}
