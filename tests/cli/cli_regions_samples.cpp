// The committed goal samples (samples/*-goals.xlsx, made by `./build.sh samples` from the canonical
// samples listed in samples/goal-forms.tsv): each is up to date with its source, reads back to the
// same goals, and reads to its golden canonical dump in tests/fixtures/golden/. Regenerate the
// golden dumps with BUDCONV_UPDATE_GOLDEN=1 (then review `git diff tests/fixtures/golden`).
#include <algorithm>
#include <catch2/catch.hpp>

#include "cli_regions_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
namespace rg = budconv::test::regions;

TEST_CASE("samples/goal-forms.tsv lists one workbook per goal sample of the seeds",
          "[cli][regions][samples]") {
  const auto samples = rg::goal_samples();
  REQUIRE(samples.size() == 4);
  for (const auto& s : samples) {
    INFO(s.source);
    CHECK(fs::exists(s.source_path()));
    CHECK(s.workbook.size() > 5);
    CHECK(s.workbook.substr(s.workbook.size() - 5) == ".xlsx");
  }
}

TEST_CASE("every committed goal sample is what ./build.sh samples makes today",
          "[cli][regions][samples]") {
  for (const auto& s : rg::goal_samples()) {
    if (!rg::sample_usable(s)) continue;
    rg::check_current(s);
  }
}

TEST_CASE("every goal sample keeps every indicator field of its canonical source",
          "[cli][regions][samples]") {
  for (const auto& s : rg::goal_samples()) {
    if (!rg::sample_usable(s)) continue;
    INFO(s.workbook);
    const std::string source = rg::submission_dump(s.source_path());
    const std::string read = rg::submission_dump(s.workbook_path());
    // The region's own form holds every field its seed publishes: names, levels, comparator,
    // numbers, units, and weight/direction (Sichuan) or 指标值确定依据 (Hebei) where present.
    const std::string want = rg::seed_fields(source), got = rg::seed_fields(read);
    INFO(rg::first_difference(want, got));
    CHECK(std::count(want.begin(), want.end(), '\n') > 20);
    CHECK(want == got);
  }
}

TEST_CASE("a goal sample with its recovery sheet reads back to exactly the goals of its source",
          "[cli][regions][samples][recovery]") {
  for (const auto& s : rg::goal_samples()) {
    if (!rg::sample_usable(s)) continue;
    INFO(s.workbook);
    bt::TempDir dir("regions-recovery");
    rg::generate_sample(s, dir / s.workbook, true);
    const std::string want = rg::goals_only(rg::submission_dump(s.source_path()));
    const bt::RunResult back =
        bt::run_budconv({"convert", (dir / s.workbook).string(), "-o", (dir / "back.xml").string()},
                        {"BUDCONV_LANG=zh"});
    INFO(back.err);
    REQUIRE(back.exit_code == 0);
    const std::string got = rg::goals_only(rg::submission_dump(dir / "back.xml"));
    if (!rg::has_recovery_sheet(dir / s.workbook)) {
      // Without the hidden sheet the visible form carries the seed fields, not free notes.
      WARN("no recovery sheet in " << s.workbook << ": comparing the seed fields only");
      CHECK(rg::seed_fields(want) == rg::seed_fields(got));
      continue;
    }
    INFO(rg::first_difference(want, got));
    CHECK(want == got);
  }
}

TEST_CASE("every goal sample reads to its golden canonical dump",
          "[cli][regions][samples][golden]") {
  for (const auto& s : rg::goal_samples()) {
    if (!rg::sample_usable(s)) continue;
    rg::check_golden(s, rg::submission_dump(s.workbook_path()));
  }
}
