// Structural fuzzing of the Hebei templates' readers: forms laid out from every sample, then
// damaged (cells retyped, cleared, swapped; rows inserted and deleted; merges added and lost;
// sheets dropped), are read or refused with one line, never a crash or an escaped exception.
#include <catch2/catch.hpp>

#include "hebei_templates.hpp"
#include "template_fuzz.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;

TEST_CASE("the hebei templates survive damaged forms", "[hebei][mapping][fuzz]") {
  auto loaded = budconv::hebei::load_hebei_templates(bt::source_dir() / "formats" / "hebei",
                                                     budconv::Lang::zh);
  REQUIRE(loaded.ok());
  const bt::FuzzTally t = bt::fuzz_templates_on_samples(loaded.value(), 80, 20261127);
  CHECK(t.accepted > 0);
  CHECK(t.refused > 0);
}
