// Goal tables through the regional templates, as a user runs it: canonical XML → Hebei form
// (xlsx, csv-free) → canonical XML, with every goal, budget and indicator count intact.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using budconv::test::run_budconv;
using budconv::test::TempDir;

TEST_CASE("Hebei goal samples survive canonical XML → Hebei xlsx → canonical XML",
          "[cli][hebei][templates]") {
  for (const char* name : {"hebei-chengde-2021-goals.xml", "hebei-weixian-2021.xml"}) {
    INFO(name);
    TempDir dir("hebei");
    const fs::path src = budconv::test::source_dir() / "samples" / name;
    auto to_xlsx =
        run_budconv({"convert", src.string(), "--to", "hebei", "-o", (dir / "h.xlsx").string()});
    INFO(to_xlsx.err);
    REQUIRE(to_xlsx.exit_code == 0);
    auto insp = run_budconv({"inspect", (dir / "h.xlsx").string()});
    REQUIRE(insp.exit_code == 0);
    CHECK(insp.out.find("模板：hebei.goal.") != std::string::npos);
    auto back =
        run_budconv({"convert", (dir / "h.xlsx").string(), "-o", (dir / "back.xml").string()});
    INFO(back.err);
    REQUIRE(back.exit_code == 0);
    auto a = run_budconv({"inspect", src.string()});
    auto b = run_budconv({"inspect", (dir / "back.xml").string()});
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    const std::string ga = budconv::test::inspect_goal_lines(a.out),
                      gb = budconv::test::inspect_goal_lines(b.out);
    CHECK_FALSE(ga.empty());
    CHECK(ga == gb);
  }
}

TEST_CASE("a spreadsheet no template recognises names the candidates", "[cli][templates]") {
  TempDir dir("none");
  budconv::test::write_file(dir / "x.csv", "甲,乙\n1,2\n");
  auto r = run_budconv(
      {"convert", (dir / "x.csv").string(), "--to", "hebei", "-o", (dir / "o.xlsx").string()});
  CHECK(r.exit_code == 3);
  CHECK(budconv::test::line_count(r.err) == 1);
  CHECK(r.err.find("hebei.goal") != std::string::npos);
  CHECK(r.err.find("--from") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "o.xlsx"));
}

TEST_CASE("converting to a region without templates names the regions that have them",
          "[cli][templates]") {
  TempDir dir("noregion");
  const fs::path src = budconv::test::source_dir() / "samples" / "henan-qinyang-2020.xml";
  auto r =
      run_budconv({"convert", src.string(), "--to", "nowhere", "-o", (dir / "o.xlsx").string()});
  CHECK(r.exit_code == 2);
  CHECK(budconv::test::line_count(r.err) == 1);
  CHECK(r.err.find("hebei.goal.project") != std::string::npos);
  CHECK(r.err.find("sichuan") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "o.xlsx"));
}
