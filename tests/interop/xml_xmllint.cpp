// Canonical XML against formats/schema/submission.xsd, checked by an independent validator
// (libxml2's xmllint): what the writer produces and every canonical sample must validate, and the
// schema must be strict enough to reject what the writer would never produce.
#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <set>

#include "../roundtrip/xml_full_model.hpp"
#include "test_support.hpp"
#include "xml_format.hpp"

namespace bt = budconv::test;

namespace {

const char* const kXmllint = "/usr/bin/xmllint";

std::filesystem::path schema() {
  return bt::source_dir() / "formats" / "schema" / "submission.xsd";
}

bt::RunResult xmllint(const std::filesystem::path& file) {
  return bt::run({kXmllint, "--noout", "--schema", schema().string(), file.string()});
}

std::string written_full_model() {
  auto r = budconv::xml::write_xml(bt::full_model(), budconv::Lang::zh);
  REQUIRE(r.ok());
  return r.value();
}

void replace_once(std::string& s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
}

// Enumeration values of the named simpleType in the schema.
std::set<std::string> schema_enum(const std::string& type) {
  pugi::xml_document d;
  REQUIRE(d.load_file(schema().c_str()));
  std::set<std::string> out;
  for (pugi::xml_node t : d.document_element().children("xs:simpleType")) {
    if (type != t.attribute("name").value()) continue;
    for (pugi::xml_node e : t.child("xs:restriction").children("xs:enumeration")) {
      out.insert(e.attribute("value").value());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("xmllint is installed", "[xml][interop]") {
  // The set-up script installs libxml2-utils; a missing validator must not pass silently.
  REQUIRE(std::filesystem::exists(kXmllint));
}

TEST_CASE("the written every-field model validates against submission.xsd", "[xml][interop]") {
  bt::TempDir tmp("xml-lint");
  bt::write_file(tmp / "full.xml", written_full_model());
  const bt::RunResult r = xmllint(tmp / "full.xml");
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("every canonical sample validates against submission.xsd", "[xml][interop][samples]") {
  const auto samples = bt::canonical_xml_samples();
  if (samples.empty()) WARN("no canonical XML samples under samples/ yet");
  for (const auto& path : samples) {
    const bt::RunResult r = xmllint(path);
    INFO(path.string() << "\n" << r.err);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("submission.xsd rejects what the writer never produces", "[xml][interop]") {
  bt::TempDir tmp("xml-lint-bad");
  std::string xml = written_full_model();
  std::string what;
  SECTION("an unknown table kind") {
    what = "kind";
    replace_once(xml, "kind=\"gov-fund-expenditure\"", "kind=\"gov-fund\"");
  }
  SECTION("an amount with one decimal") {
    what = "amount";
    replace_once(xml, ">90816893.00<", ">90816893.0<");
  }
  SECTION("an amount with thousands separators") {
    what = "separators";
    replace_once(xml, ">90816893.00<", ">90,816,893.00<");
  }
  SECTION("children out of order") {
    what = "order";
    replace_once(xml, "<purpose>", "<objective period=\"annual\">x</objective><purpose>");
  }
  SECTION("a missing required attribute") {
    what = "unit";
    replace_once(xml, " unit=\"wan-yuan\"", "");
  }
  SECTION("an unknown attribute") {
    what = "attribute";
    replace_once(xml, "<goal kind=\"project\"", "<goal kind=\"project\" colour=\"red\"");
  }
  SECTION("an unknown comparator") {
    what = "comparator";
    replace_once(xml, "comparator=\"ge\"", "comparator=\"≥\"");
  }
  SECTION("another format version") {
    what = "version";
    replace_once(xml, "format-version=\"1\"", "format-version=\"2\"");
  }
  INFO(what);
  bt::write_file(tmp / "bad.xml", xml);
  CHECK(xmllint(tmp / "bad.xml").exit_code != 0);
}

TEST_CASE("submission.xsd vocabularies match the code", "[xml][interop]") {
  const std::set<std::string> tables = schema_enum("TableKind");
  const std::set<std::string> kinds = schema_enum("SubmissionKind");
  const std::set<std::string> goals = schema_enum("GoalKind");
  const std::set<std::string> scopes = schema_enum("Scope");
  CHECK(tables.size() == 14);
  CHECK(kinds.size() == 5);
  CHECK(goals.size() == 3);
  CHECK(scopes.size() == 2);
  for (const auto& id : tables) CHECK(budconv::xml::is_table_kind(id));
  for (const auto& id : kinds) CHECK(budconv::xml::is_submission_kind(id));
  for (const auto& id : goals) CHECK(budconv::xml::is_goal_kind(id));
  for (const auto& id : scopes) CHECK(budconv::xml::is_scope(id));
  // Ids the model's enums write must be in the schema.
  using budconv::Classification;
  for (auto c : {Classification::function, Classification::economic_department,
                 Classification::economic_government}) {
    CHECK(schema_enum("Classification").count(budconv::classification_id(c)) == 1);
  }
  for (auto c : {budconv::Comparator::eq, budconv::Comparator::ge, budconv::Comparator::le,
                 budconv::Comparator::gt, budconv::Comparator::lt, budconv::Comparator::range,
                 budconv::Comparator::qualitative}) {
    CHECK(schema_enum("Comparator").count(budconv::comparator_id(c)) == 1);
  }
  for (auto p : {budconv::Period::annual, budconv::Period::implementation}) {
    CHECK(schema_enum("Period").count(budconv::period_id(p)) == 1);
  }
  for (auto u : {budconv::AmountUnit::yuan, budconv::AmountUnit::wan_yuan}) {
    CHECK(schema_enum("AmountUnit").count(budconv::amount_unit_id(u)) == 1);
  }
}

TEST_CASE("the example in submission-xml.md is read and validates", "[xml][interop]") {
  const std::string md =
      bt::read_file(bt::source_dir() / "formats" / "schema" / "submission-xml.md");
  const auto begin = md.find("```xml\n");
  REQUIRE(begin != std::string::npos);
  const auto end = md.find("\n```", begin + 7);
  REQUIRE(end != std::string::npos);
  const std::string example = md.substr(begin + 7, end - begin - 7 + 1);
  budconv::Submission doc;
  budconv::Status st = budconv::xml::read_xml(example, "submission-xml.md", budconv::Lang::zh, doc);
  INFO((st.ok() ? std::string() : st.error().message));
  REQUIRE(st.ok());
  CHECK(doc.goals.at(0).indicators.size() == 5);
  bt::TempDir tmp("xml-lint-md");
  bt::write_file(tmp / "example.xml", example);
  const bt::RunResult r = xmllint(tmp / "example.xml");
  INFO(r.err);
  CHECK(r.exit_code == 0);
}
