// The samples are transcriptions: their stored target parts must be what Target::parse (or, for
// Sichuan's three columns, Target::from_parts of the composed text) makes of the published text,
// so samples and parser never disagree silently.
#include <catch2/catch.hpp>

#include "budconv/target.hpp"
#include "test_support.hpp"
#include "xml_format.hpp"
#include "xml_full_model.hpp"

using namespace budconv;

TEST_CASE("every sample target agrees with the target parser", "[xml][samples][target]") {
  int checked = 0;
  for (const auto& path : test::canonical_xml_samples()) {
    Submission doc;
    REQUIRE(xml::read_xml(test::read_file(path), path.string(), Lang::en, doc).ok());
    for (const auto& goal : doc.goals) {
      for (const auto& ind : goal.indicators) {
        Target parsed = Target::parse(ind.target.text);
        INFO(path.filename().string()
             << ": " << goal.name << " / " << ind.name << " target \"" << ind.target.text << "\"");
        CHECK(comparator_id(parsed.comparator) ==
              std::string(comparator_id(ind.target.comparator)));
        CHECK(parsed.value == ind.target.value);
        CHECK(parsed.value2 == ind.target.value2);
        CHECK(parsed.unit == ind.target.unit);
        ++checked;
      }
    }
  }
  CHECK(checked > 250);
}
