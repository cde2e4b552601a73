// Deterministic mutation fuzzing of the canonical XML reader: thousands of damaged variants of a
// valid document (byte flips, truncations, duplications, hostile tokens). The reader must never
// crash; it answers with a model or a one-line error, and whatever it accepts must write back and
// read again to the same model.
#include <catch2/catch.hpp>

#include "../roundtrip/xml_full_model.hpp"
#include "mutator.hpp"
#include "xml_format.hpp"

namespace {

using budconv::Lang;

// Tokens that reach the reader's special paths (DTD, references, CDATA, nesting, bad UTF-8).
const std::vector<std::string> kTokens = {
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "&a;",
    "&amp;",
    "&#0;",
    "&#x4E2D;",
    "&",
    "<",
    ">",
    "\"",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?pi?>",
    "<detail>",
    "</detail>",
    "<row>",
    "</row>",
    "<v c=\"total\">",
    "</v>",
    "\xFF",
    "\xE4\xB8",
    "\xEF\xBF\xBF",
    "\x01",
    "\r",
    "\t",
    " kind=\"x\"",
    " unit=\"yuan\"",
    "-",
    ".",
    "0",
    "9999999999999999999",
    "format-version=\"2\"",
    "xmlns=\"\"",
    "/>",
    "\n",
};

}  // namespace

TEST_CASE("canonical XML reader survives mutated documents", "[xml][fuzz]") {
  auto written = budconv::xml::write_xml(budconv::test::full_model(), Lang::zh);
  REQUIRE(written.ok());
  const std::string seed_doc = written.value();
  budconv::test::Mutator mutator(20240521, kTokens);
  int accepted = 0, refused = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::string input = mutator.mutate(seed_doc);
    budconv::Submission doc;
    const Lang lang = i % 2 ? Lang::en : Lang::zh;
    budconv::Status st = budconv::xml::read_xml(input, "fuzz.xml", lang, doc);
    if (!st.ok()) {
      ++refused;
      const std::string& msg = st.error().message;
      if (!budconv::test::one_line_error_about(msg, "fuzz.xml") ||
          st.error().code == budconv::ErrorCode::internal) {
        FAIL("case " << i << ": bad error (" << budconv::error_code_name(st.error().code) << ") \""
                     << msg << "\"");
      }
      continue;
    }
    ++accepted;
    auto again = budconv::xml::write_xml(doc, lang);
    if (!again.ok())
      FAIL("case " << i << ": accepted but cannot write back: " << again.error().message);
    budconv::Submission back;
    budconv::Status st2 = budconv::xml::read_xml(again.value(), "again.xml", lang, back);
    if (!st2.ok()) FAIL("case " << i << ": written form unreadable: " << st2.error().message);
    if (!(back == doc)) FAIL("case " << i << ": accepted document does not round-trip");
  }
  // Both paths must have been exercised for the run to mean anything.
  CHECK(accepted > 0);
  CHECK(refused > 0);
}
