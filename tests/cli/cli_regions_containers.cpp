// The regional goal forms in other containers still read through their templates: each goal
// sample saved as Excel 2003 XML (every sheet) and as GB18030 CSV (one sheet, merges gone) gives
// the same goals. (There is no .xls writer and no goal form among the corpus .xls files, so the
// .xls container of these forms is not covered here.) Wrong inputs name what was expected.
#include <algorithm>
#include <catch2/catch.hpp>

#include "cli_regions_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
namespace rg = budconv::test::regions;

namespace {

bt::RunResult run(const std::vector<std::string>& args) {
  return bt::run_budconv(args, {"BUDCONV_LANG=zh"});
}

// The seed fields of the goals read from `book`, up to `goals` goals.
std::string first_goals(const std::string& fields, int goals) {
  std::string out;
  std::size_t at = 0;
  int seen = 0;
  while (at < fields.size()) {
    const auto end = fields.find('\n', at);
    const std::string line = fields.substr(at, end - at + 1);
    if (line.rfind("goal ", 0) == 0 && ++seen > goals) break;
    out += line;
    at = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("every goal sample saved as Excel 2003 XML reads through its template to the same goals",
          "[cli][regions][containers][spreadsheetml]") {
  int read = 0;
  for (const auto& s : rg::goal_samples()) {
    if (!rg::template_built(s.tmpl) || !fs::exists(s.workbook_path())) continue;
    INFO(s.workbook);
    bt::TempDir dir("regions-2003");
    const fs::path xml = dir / (s.stem() + ".xml");
    const bt::RunResult saved =
        run({"convert", s.workbook_path().string(), "--to", "spreadsheetml", "-o", xml.string()});
    INFO(saved.err);
    REQUIRE(saved.exit_code == 0);
    CHECK(bt::read_file(xml).find("urn:schemas-microsoft-com:office:spreadsheet") !=
          std::string::npos);
    std::string tmpl_line;
    const std::string want = rg::submission_dump(s.workbook_path());
    const std::string got = rg::submission_dump(xml, {}, &tmpl_line);
    CHECK(tmpl_line.find("模板：" + s.tmpl + " ") == 0);
    // Same sheets and cells: the dumps agree, down to where each value was read.
    INFO(rg::first_difference(want, got));
    CHECK(want == got);
    ++read;
  }
  CHECK(read >= 3);
}

TEST_CASE("every goal sample saved as GB18030 CSV reads through its template to the same goals",
          "[cli][regions][containers][csv]") {
  int read = 0;
  for (const auto& s : rg::goal_samples()) {
    if (!rg::template_built(s.tmpl) || !fs::exists(s.workbook_path())) continue;
    INFO(s.workbook);
    bt::TempDir dir("regions-csv");
    const fs::path csv = dir / (s.stem() + ".csv");
    const bt::RunResult saved =
        run({"convert", s.workbook_path().string(), "-o", csv.string(), "--encoding", "gb18030"});
    INFO(saved.err);
    REQUIRE(saved.exit_code == 0);
    const std::string bytes = bt::read_file(csv);
    CHECK(bytes.find("一级指标") == std::string::npos);  // not UTF-8
    std::string tmpl_line;
    const std::string got = rg::seed_fields(rg::submission_dump(csv, {}, &tmpl_line));
    CHECK(tmpl_line.find("模板：" + s.tmpl + " ") == 0);
    // CSV holds one sheet: the Hebei and Henan forms put one goal on each sheet, Sichuan's 表6
    // all of them on one.
    const std::string all = rg::seed_fields(rg::submission_dump(s.workbook_path()));
    const std::string want = s.region == "sichuan" ? all : first_goals(all, 1);
    INFO(rg::first_difference(want, got));
    CHECK(std::count(want.begin(), want.end(), '\n') > 4);
    CHECK(want == got);
    ++read;
  }
  CHECK(read >= 3);
}

TEST_CASE("a budget table given to a goal template names what the template expected",
          "[cli][regions][wrong]") {
  bt::TempDir dir("regions-wrong");
  bt::write_file(dir / "budget.csv",
                 "部门预算收支总表\n单位：元\n收入,,支出,\n项目,预算数,项目,预算数\n"
                 "一般公共预算拨款收入,90816893.00,一般公共服务支出,5385000.00\n");
  for (const char* tmpl : {"hebei.goal.project", "hebei.goal.county", "sichuan.goal.table6",
                           "henan.goal.declaration"}) {
    if (!rg::template_built(tmpl)) continue;
    INFO(tmpl);
    const fs::path out = dir / (std::string(tmpl) + ".xml");
    const bt::RunResult r =
        run({"convert", (dir / "budget.csv").string(), "--from", tmpl, "-o", out.string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find(tmpl) != std::string::npos);
    CHECK(r.err.find("「三级指标」") != std::string::npos);  // the goal grid it looked for
    CHECK(r.err.find("--from") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("a sheet with no table is refused by every region with the headers each expected",
          "[cli][regions][wrong]") {
  bt::TempDir dir("regions-empty");
  bt::write_file(dir / "notes.csv", "会议纪要,,\n时间,2021年3月,\n地点,二楼会议室,\n");
  for (const char* region : {"hebei", "henan", "sichuan"}) {
    if (rg::goal_template_of(region).empty()) continue;
    INFO(region);
    const fs::path out = dir / (std::string(region) + ".xlsx");
    const bt::RunResult r =
        run({"convert", (dir / "notes.csv").string(), "--to", region, "-o", out.string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("没有模板能识别") != std::string::npos);
    CHECK(r.err.find(rg::goal_template_of(region)) != std::string::npos);
    CHECK(r.err.find("「一级指标」") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  const bt::RunResult en =
      bt::run_budconv({"convert", (dir / "notes.csv").string(), "--from", "sichuan", "-o",
                       (dir / "en.xml").string(), "--lang", "en"});
  CHECK(en.exit_code == 3);
  CHECK(en.err.find("sichuan.goal.table6") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "en.xml"));
}
