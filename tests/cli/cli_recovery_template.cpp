// `convert --template FILE`: a user's own mapping definition instead of the built-in templates,
// for writing and for reading; a broken definition is an error naming the file and line.
#include <algorithm>
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using budconv::test::read_file;
using budconv::test::run_budconv;
using budconv::test::TempDir;
using budconv::test::write_file;

namespace {

const std::string kOldLabel = "<label>指标值确定依据</label>";
const std::string kNewLabel = "<label>依据说明</label>";

// formats/hebei/goal-project.xml with `from` replaced by `to`.
fs::path edited_definition(const TempDir& dir, const std::string& name, const std::string& from,
                           const std::string& to) {
  std::string def =
      read_file(budconv::test::source_dir() / "formats" / "hebei" / "goal-project.xml");
  const auto at = def.find(from);
  REQUIRE(at != std::string::npos);
  def.replace(at, from.size(), to);
  write_file(dir / name, def);
  return dir / name;
}

}  // namespace

TEST_CASE("convert --template lays out and reads with a user's definition",
          "[cli][templates][recovery]") {
  TempDir dir("user-template");
  const fs::path def = edited_definition(dir, "my-form.xml", kOldLabel, kNewLabel);
  const fs::path src = budconv::test::source_dir() / "samples" / "hebei-chengde-2021-goals.xml";
  auto w = run_budconv({"convert", src.string(), "--template", def.string(), "-o",
                        (dir / "mine.xlsx").string(), "--no-recovery"});
  INFO(w.err);
  REQUIRE(w.exit_code == 0);
  auto text = run_budconv({"convert", (dir / "mine.xlsx").string(), "--to", "spreadsheetml", "-o",
                           (dir / "mine.xml").string()});
  REQUIRE(text.exit_code == 0);
  const std::string sheets = read_file(dir / "mine.xml");
  CHECK(sheets.find(">依据说明<") != std::string::npos);
  CHECK(sheets.find(">指标值确定依据<") == std::string::npos);
  // Read with the user's definition, the renamed column is the basis again; the built-in
  // template does not know it.
  auto mine = run_budconv({"convert", (dir / "mine.xlsx").string(), "--template", def.string(),
                           "-o", (dir / "with.xml").string()});
  INFO(mine.err);
  REQUIRE(mine.exit_code == 0);
  const std::string with = read_file(dir / "with.xml");
  CHECK(with.find("basis=\"2020 年 12 月底数据\"") != std::string::npos);
  auto builtin = run_budconv({"convert", (dir / "mine.xlsx").string(), "--from",
                              "hebei.goal.project", "-o", (dir / "without.xml").string()});
  INFO(builtin.err);
  REQUIRE(builtin.exit_code == 0);
  CHECK(read_file(dir / "without.xml").find("basis=\"") == std::string::npos);
}

TEST_CASE("a broken --template definition names the file and line", "[cli][templates]") {
  TempDir dir("broken-template");
  const std::string bad = "transform=\"no-such-transform\"";
  const fs::path def = edited_definition(dir, "broken.xml", "transform=\"level1\"", bad);
  const std::string text = read_file(def);
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find(bad)), '\n');
  const fs::path src = budconv::test::source_dir() / "samples" / "hebei-chengde-2021-goals.xml";
  for (const char* lang : {"zh", "en"}) {
    auto r = run_budconv({"--lang", lang, "convert", src.string(), "--template", def.string(), "-o",
                          (dir / "o.xlsx").string()});
    INFO(r.err);
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("broken.xml") != std::string::npos);
    CHECK(r.err.find(std::to_string(line)) != std::string::npos);
    CHECK(r.err.find("no-such-transform") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "o.xlsx"));
  }
  auto missing = run_budconv({"convert", src.string(), "--template", (dir / "nope.xml").string(),
                              "-o", (dir / "o.xlsx").string()});
  CHECK(missing.exit_code != 0);
  CHECK(missing.err.find("nope.xml") != std::string::npos);
}
