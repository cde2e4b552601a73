// The Sichuan budget form (sichuan.budget, the national 部门预算公开 set in 万元) through the
// program: `budconv formats` lists it, `--to sichuan` lays a workbook's budget tables out in it
// and `inspect` recognises them, the committed Henan and Hebei budget samples go to the Sichuan
// form and back with every amount of the columns both forms have, and `validate` reads the
// Sichuan workbook.
#include <catch2/catch.hpp>

#include "cli_regions_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
namespace rg = budconv::test::regions;

namespace {

/// Converts `sample` (samples/…-budget.xlsx of `region`) to the Sichuan form and back, and
/// checks that every amount of a column the Sichuan form shares survives both ways; returns how
/// many amounts were compared.
std::size_t through_sichuan(const std::string& sample, const std::string& region,
                            const bt::TempDir& dir) {
  const fs::path original_path = bt::source_dir() / "samples" / sample;
  rg::convert_visible(original_path, "sichuan", dir / "sichuan.xlsx", "sichuan.budget");
  rg::convert_visible(dir / "sichuan.xlsx", region, dir / "back.xlsx", region + ".budget");
  const rg::Amounts original = rg::amounts_of(rg::submission_dump(original_path));
  const rg::Amounts sichuan = rg::amounts_of(rg::submission_dump(dir / "sichuan.xlsx"));
  const rg::Amounts back = rg::amounts_of(rg::submission_dump(dir / "back.xlsx"));
  std::size_t compared = 0;
  for (const auto& [column, values] : original) {
    if (!sichuan.count(column)) continue;
    INFO(column.first << " / " << column.second);
    if (column.first == "general-public-basic" && region == "henan") {
      // Henan names these rows only; the Sichuan form's code column gets the codes from the
      // catalog (CAT-FILL-001), and the Henan form drops them again.
      CHECK(rg::without_codes(sichuan.at(column)) == rg::without_codes(values));
    } else {
      CHECK(sichuan.at(column) == values);
    }
    CHECK((back.count(column) ? back.at(column) : std::vector<std::string>{}) == values);
    compared += values.size();
  }
  return compared;
}

}  // namespace

TEST_CASE("budconv formats lists the sichuan budget form", "[cli][sichuan][budget]") {
  // The Sichuan plugin registers both of its definitions: budget and goal tables.
  CHECK(rg::template_built("sichuan.budget"));
  CHECK(rg::template_built("sichuan.goal.table6"));
}

TEST_CASE("the henan budget sample through the sichuan form and back keeps every shared amount",
          "[cli][sichuan][budget][samples]") {
  if (!rg::template_built("sichuan.budget") || !rg::template_built("henan.budget")) {
    WARN("template sichuan.budget or henan.budget is not built; skipped");
    return;
  }
  bt::TempDir dir("sichuan-budget");
  const std::size_t compared = through_sichuan("henan-qinyang-2020-budget.xlsx", "henan", dir);
  CHECK(compared > 50);

  // inspect recognises the Sichuan workbook by its budget tables.
  std::string template_line;
  const std::string dump = rg::submission_dump(dir / "sichuan.xlsx", {}, &template_line);
  CHECK_THAT(template_line, Catch::Contains("sichuan.budget"));
  CHECK_THAT(dump,
             Catch::Contains("表1 部门收支总表") && Catch::Contains("表2-1 一般公共预算支出表"));
  CHECK_THAT(dump, Catch::Contains("fiscal_year: 2020"));

  // validate reads it and reports its findings with a summary.
  const bt::RunResult r =
      bt::run_budconv({"validate", (dir / "sichuan.xlsx").string()}, {"BUDCONV_LANG=zh"});
  INFO(r.out << r.err);
  CHECK(r.err.find("个错误") != std::string::npos);
  CHECK(r.out.find("sichuan.xlsx") != std::string::npos);
}

TEST_CASE("the hebei budget sample through the sichuan form and back keeps every shared amount",
          "[cli][sichuan][budget][samples]") {
  if (!rg::template_built("sichuan.budget") || !rg::template_built("hebei.budget")) {
    WARN("template sichuan.budget or hebei.budget is not built; skipped");
    return;
  }
  bt::TempDir dir("sichuan-budget-hebei");
  CHECK(through_sichuan("hebei-weixian-2021-budget.xlsx", "hebei", dir) > 100);
}
