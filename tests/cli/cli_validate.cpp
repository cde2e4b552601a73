// `budconv validate` on every sample through the real program, JSON output, and
// `convert --strict`.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using budconv::test::read_file;
using budconv::test::run;
using budconv::test::run_budconv;
using budconv::test::TempDir;
using budconv::test::write_file;

namespace {

std::string sample(const std::string& name) {
  return (budconv::test::source_dir() / "samples" / name).string();
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// Lines of stdout that are errors.
std::size_t error_lines(const std::string& out) {
  return occurrences(out, "错误 [");
}

}  // namespace

TEST_CASE("validate finds nothing wrong in Wei County's tables but what its narrative contradicts",
          "[cli][validate]") {
  auto r = run_budconv({"validate", sample("hebei-weixian-2021.xml")});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // Only the 收入说明 of 部门 and 单位 (8 万元 of 其他来源收入 the tables do not show, and the
  // 一般公共预算收入 it was taken from): four lines, all VAL-NAR-001.
  CHECK(occurrences(r.out, "\n") == 4);
  CHECK(occurrences(r.out, "[VAL-NAR-001]") == 4);
  CHECK(r.err.find("0 个错误") != std::string::npos);
}

TEST_CASE("validate finds nothing wrong in Chengde's goals and evaluation", "[cli][validate]") {
  for (const char* f : {"hebei-chengde-2021-goals.xml", "hebei-chengde-2023-evaluation.xml"}) {
    auto r = run_budconv({"validate", sample(f)});
    INFO(f << "\n" << r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(error_lines(r.out) == 0);
  }
}

TEST_CASE("validate reports Leshan's weights summing to 90 and 86", "[cli][validate]") {
  auto r = run_budconv({"validate", sample("sichuan-leshan-2022-goals.xml")});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 5);
  CHECK(occurrences(r.out, "[VAL-GOAL-003]") == 5);
  CHECK(occurrences(r.out, "实际 90）") == 4);
  CHECK(occurrences(r.out, "实际 86）") == 1);
  CHECK(budconv::test::line_count(r.out) == 5);
}

TEST_CASE("validate reports Qinyang's goal budget and the 1.67 万元 personnel difference",
          "[cli][validate]") {
  auto r = run_budconv({"validate", sample("henan-qinyang-2020.xml")});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 5);
  CHECK(occurrences(r.out, "[VAL-GOAL-005]") == 1);
  CHECK(r.out.find("医保支付方式改革") != std::string::npos);
  CHECK(occurrences(r.out, "[VAL-XT-006]") == 2);
  CHECK(r.out.find("相差 1.67 万元（应为 54.60 万元，实际 56.27 万元）") != std::string::npos);
  CHECK(occurrences(r.out, "[VAL-CAT-003]") == 3);
  CHECK(occurrences(r.out, "[CAT-FILL-001]") >= 2);
  CHECK(r.out.find("[VAL-SUM") == std::string::npos);
  CHECK(r.out.find("[VAL-ROW") == std::string::npos);
  CHECK(error_lines(r.out) == 1);
}

TEST_CASE("validate speaks English with --lang en", "[cli][validate]") {
  auto r = run_budconv({"validate", sample("sichuan-leshan-2022-goals.xml"), "--lang", "en"});
  CHECK(r.exit_code == 5);
  CHECK(r.out.find("error [VAL-GOAL-003]") != std::string::npos);
  CHECK(r.out.find("weights do not sum to 100") != std::string::npos);
  CHECK(r.err.find("5 errors") != std::string::npos);
}

TEST_CASE("validate --format json is valid JSON with the findings", "[cli][validate][json]") {
  TempDir dir("validate-json");
  auto r = run_budconv({"validate", sample("henan-qinyang-2020.xml"), "--format", "json"});
  REQUIRE(r.exit_code == 5);
  write_file(dir / "out.json", r.out);
  auto py = run({"/usr/bin/python3", "-c",
                 "import json,sys; d=json.load(open(sys.argv[1])); "
                 "print(d['summary']['errors'], len(d['findings']), "
                 "sum(1 for f in d['findings'] if f['rule']=='VAL-GOAL-005'), "
                 "[f['expected'] for f in d['findings'] if f['rule']=='VAL-XT-006'][0])",
                 (dir / "out.json").string()});
  INFO(r.out << py.err);
  REQUIRE(py.exit_code == 0);
  CHECK(py.out.rfind("1 ", 0) == 0);
  CHECK(py.out.find(" 1 54.60 万元") != std::string::npos);
}

TEST_CASE("validate locates a broken amount and exits 5", "[cli][validate]") {
  TempDir dir("validate-broken");
  std::string xml = read_file(sample("hebei-weixian-2021.xml"));
  // The income table's 2010201 行政运行 row: one 元 more than its 款 and 类 say.
  const std::string row = R"(code="2010201" name="行政运行" level="3">
      <v c="total">5385000.00</v>)";
  const auto at = xml.find(row);
  REQUIRE(at != std::string::npos);
  xml.replace(at, row.size(), R"(code="2010201" name="行政运行" level="3">
      <v c="total">5385001.00</v>)");
  write_file(dir / "broken.xml", xml);
  auto r = run_budconv({"validate", (dir / "broken.xml").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 5);
  CHECK(r.out.find("[VAL-SUM-003]") != std::string::npos);
  CHECK(r.out.find("(20102 政协事务)") != std::string::npos);
  CHECK(r.out.find("应为 5,385,001.00 元，实际 5,385,000.00 元") != std::string::npos);
  CHECK(r.out.find("[VAL-ROW-004]") != std::string::npos);  // 合计 ≠ 财政拨款 on that row
}

TEST_CASE("validate reads a spreadsheet through its template and names sheet!A1",
          "[cli][validate]") {
  TempDir dir("validate-xlsx");
  const auto xlsx = (dir / "leshan.xlsx").string();
  auto c = run_budconv(
      {"convert", sample("sichuan-leshan-2022-goals.xml"), "-o", xlsx, "--to", "sichuan"});
  REQUIRE(c.exit_code == 0);
  auto r = run_budconv({"validate", xlsx});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 5);
  CHECK(r.out.find("leshan.xlsx: 表6!A") != std::string::npos);
  CHECK(occurrences(r.out, "[VAL-GOAL-003]") == 5);
}

TEST_CASE("convert prints a validation summary and --strict writes nothing on errors",
          "[cli][validate][strict]") {
  TempDir dir("convert-strict");
  const auto out = dir / "out.xml";
  auto strict = run_budconv(
      {"convert", sample("sichuan-leshan-2022-goals.xml"), "-o", out.string(), "--strict"});
  INFO(strict.err);
  CHECK(strict.exit_code == 5);
  CHECK_FALSE(fs::exists(out));
  CHECK(strict.err.find("--strict") != std::string::npos);
  auto plain =
      run_budconv({"convert", sample("sichuan-leshan-2022-goals.xml"), "-o", out.string()});
  CHECK(plain.exit_code == 0);
  CHECK(fs::exists(out));
  CHECK(plain.err.find("校验：5 个错误") != std::string::npos);
  auto clean = run_budconv(
      {"convert", sample("hebei-weixian-2021.xml"), "-o", (dir / "wx.xml").string(), "--strict"});
  CHECK(clean.exit_code == 0);
  CHECK(fs::exists(dir / "wx.xml"));
}

TEST_CASE("validate on a missing file is a one-line error with exit 3", "[cli][validate]") {
  auto r = run_budconv({"validate", "/nonexistent/x.xlsx"});
  CHECK(r.exit_code == 3);
  CHECK(budconv::test::line_count(r.err) == 1);
  auto help = run_budconv({"validate", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--format") != std::string::npos);
}

TEST_CASE("validate warns that Wei County's 说明 claims 8 万元 of other income the tables lack",
          "[cli][validate][narrative]") {
  auto r = run_budconv({"validate", sample("hebei-weixian-2021.xml")});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // 部门 and 单位 each: 其他来源收入 8 万元 against a blank 其他收入, and the 一般公共预算收入
  // 9073.6893 万元 the 8 万元 was taken from against 90,816,893.00 元 in the 收支总表.
  CHECK(occurrences(r.out, "警告 [VAL-NAR-001]") == 4);
  CHECK(occurrences(r.out, "情况说明“收入说明”写“其他来源收入8万元”") == 2);
  CHECK(occurrences(r.out, "（应为 80,000.00 元，实际 0.00 元）") == 2);
  CHECK(occurrences(r.out, "情况说明“收入说明”写“一般公共预算收入9073.6893万元”") == 2);
  CHECK(r.out.find("部门预算收入总表") != std::string::npos);
  CHECK(r.out.find("单位预算收入总表") != std::string::npos);
  CHECK(budconv::test::line_count(r.out) == 4);
  CHECK(r.err.find("0 个错误，4 个警告") != std::string::npos);
}
