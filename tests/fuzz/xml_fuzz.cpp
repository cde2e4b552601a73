// Deterministic mutation fuzzing of the canonical XML reader: thousands of damaged variants of a
// valid document (byte flips, truncations, duplications, hostile tokens). The reader must never
// crash; it answers with a model or a one-line error, and whatever it accepts must write back and
// read again to the same model.
#include <catch2/catch.hpp>
#include <random>

#include "../roundtrip/xml_full_model.hpp"
#include "xml_format.hpp"

namespace {

using budconv::Lang;

// Tokens that reach the reader's special paths (DTD, references, CDATA, nesting, bad UTF-8).
const char* const kTokens[] = {
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

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : rng_(seed) {}

  std::string mutate(std::string s) {
    const int rounds = 1 + pick(4);
    for (int r = 0; r < rounds && !s.empty(); ++r) {
      const std::size_t at = pick(s.size());
      switch (pick(7)) {
        case 0:  // flip one bit
          s[at] = static_cast<char>(s[at] ^ (1 << pick(8)));
          break;
        case 1:  // any byte
          s[at] = static_cast<char>(pick(256));
          break;
        case 2:  // truncate
          s.resize(at);
          break;
        case 3: {  // duplicate a range in place
          const std::size_t len = std::min<std::size_t>(1 + pick(200), s.size() - at);
          s.insert(at, s.substr(at, len));
          break;
        }
        case 4: {  // delete a range
          const std::size_t len = std::min<std::size_t>(1 + pick(50), s.size() - at);
          s.erase(at, len);
          break;
        }
        case 5:  // insert a hostile token
          s.insert(at, kTokens[pick(std::size(kTokens))]);
          break;
        default: {  // swap two ranges' first bytes (reorders tags)
          const std::size_t other = pick(s.size());
          std::swap(s[at], s[other]);
          break;
        }
      }
    }
    return s;
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }
  std::mt19937_64 rng_;  // fixed algorithm: the same seed gives the same cases everywhere
};

}  // namespace

TEST_CASE("canonical XML reader survives mutated documents", "[xml][fuzz]") {
  auto written = budconv::xml::write_xml(budconv::test::full_model(), Lang::zh);
  REQUIRE(written.ok());
  const std::string seed_doc = written.value();
  Mutator mutator(20240521);
  int accepted = 0, refused = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::string input = mutator.mutate(seed_doc);
    budconv::Submission doc;
    const Lang lang = i % 2 ? Lang::en : Lang::zh;
    budconv::Status st = budconv::xml::read_xml(input, "fuzz.xml", lang, doc);
    if (!st.ok()) {
      ++refused;
      const std::string& msg = st.error().message;
      if (msg.empty() || msg.find('\n') != std::string::npos || msg.rfind("fuzz.xml", 0) != 0 ||
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
