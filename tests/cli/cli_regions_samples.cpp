// The committed goal samples (samples/*-goals.xlsx, made by `./build.sh samples` from the canonical
// samples listed in samples/goal-forms.tsv): each is up to date with its source, reads back to the
// same goals, and reads to its golden canonical dump in tests/fixtures/golden/. Regenerate the
// golden dumps with BUDCONV_UPDATE_GOLDEN=1 (then review `git diff tests/fixtures/golden`).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>

#include "cli_regions_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
namespace rg = budconv::test::regions;

namespace {

// Lays the canonical sample out as `./build.sh samples` does, into `out`.
void generate(const rg::GoalSample& s, const fs::path& out, bool recovery) {
  std::vector<std::string> args{"convert",   s.source_path().string(), "--to", s.tmpl, "-o",
                                out.string()};
  if (!recovery) args.push_back("--no-recovery");
  const bt::RunResult r =
      bt::run_budconv(args, {"BUDCONV_LANG=zh", "SOURCE_DATE_EPOCH=1609459200"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(rg::written_template(r.err) == s.tmpl);
}

// The committed workbook of a sample, or nullopt (with a warning) while its template is not built.
bool usable(const rg::GoalSample& s) {
  if (!rg::template_built(s.tmpl)) {
    WARN(s.workbook << ": template " << s.tmpl << " is not built; skipped");
    return false;
  }
  INFO(s.workbook << " is missing: run ./build.sh samples");
  REQUIRE(fs::exists(s.workbook_path()));
  return true;
}

}  // namespace

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
    if (!usable(s)) continue;
    bt::TempDir dir("regions-fresh");
    generate(s, dir / s.workbook, false);
    std::string tmpl_line;
    const std::string committed = rg::submission_dump(s.workbook_path(), {}, &tmpl_line);
    const std::string fresh = rg::submission_dump(dir / s.workbook);
    INFO(s.workbook << " is stale (run ./build.sh samples and review the change):\n"
                    << rg::first_difference(fresh, committed));
    CHECK(committed == fresh);
    CHECK(tmpl_line.find("模板：" + s.tmpl + " ") == 0);
    // A sample is the official form as a user has it: no hidden budconv sheet.
    CHECK_FALSE(rg::has_recovery_sheet(s.workbook_path()));
  }
}

TEST_CASE("every goal sample keeps every indicator field of its canonical source",
          "[cli][regions][samples]") {
  for (const auto& s : rg::goal_samples()) {
    if (!usable(s)) continue;
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
    if (!usable(s)) continue;
    INFO(s.workbook);
    bt::TempDir dir("regions-recovery");
    generate(s, dir / s.workbook, true);
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
  const char* update = std::getenv("BUDCONV_UPDATE_GOLDEN");
  const bool updating = update && std::string(update) == "1";
  for (const auto& s : rg::goal_samples()) {
    if (!usable(s)) continue;
    const fs::path golden =
        bt::source_dir() / "tests" / "fixtures" / "golden" / (s.stem() + ".dump");
    const std::string got = rg::submission_dump(s.workbook_path());
    if (updating) {
      bt::write_file(golden, got);
      WARN("wrote " << golden.string());
      continue;
    }
    INFO(golden.string() << " is missing: run the test with BUDCONV_UPDATE_GOLDEN=1");
    REQUIRE(fs::exists(golden));
    const std::string want = bt::read_file(golden);
    INFO(s.workbook << " no longer reads to " << golden.string() << " (if the change is intended, "
                    << "rerun with BUDCONV_UPDATE_GOLDEN=1 and review the diff):\n"
                    << rg::first_difference(want, got));
    CHECK(want == got);
  }
}
