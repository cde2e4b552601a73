// Nothing silently lost, through the program: what a region's form cannot hold is reported and
// kept in the hidden sheet budconv-data, so that region → region → region returns the same
// canonical goals; a corrupt or forged hidden sheet is reported and ignored; an edited form keeps
// the edit.
#include <catch2/catch.hpp>
#include <regex>

#include "budconv/recovery.hpp"
#include "budconv/submission_xml.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
using budconv::test::read_file;
using budconv::test::run_budconv;
using budconv::test::TempDir;
using budconv::test::write_file;

namespace {

fs::path sample(const char* name) {
  return budconv::test::source_dir() / "samples" / name;
}

budconv::Submission load(const fs::path& xml) {
  auto doc = budconv::parse_submission_xml(read_file(xml), xml.string(), budconv::Lang::en);
  if (!doc) FAIL(doc.error().message);
  return doc.value();
}

// The goals of two canonical XML files are equal apart from where they were read.
void check_same_goals(const fs::path& a, const fs::path& b) {
  const auto x = load(a), y = load(b);
  REQUIRE(x.goals.size() == y.goals.size());
  for (std::size_t i = 0; i < x.goals.size(); ++i) {
    INFO("goal " << i << " " << x.goals[i].name);
    CHECK(budconv::same_ignoring_source(x.goals[i], y.goals[i]));
  }
}

bool region_installed(const std::string& region) {
  return run_budconv({"formats"}).out.find(region + ".goal.") != std::string::npos;
}

// src → `via` → `back` (xlsx both) → canonical XML; the goals come back the same.
void round_trip(const char* name, const char* via, const char* back) {
  TempDir dir("recovery");
  const fs::path src = sample(name);
  auto a = run_budconv({"convert", src.string(), "--to", via, "-o", (dir / "a.xlsx").string()});
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  CHECK(a.err.find("budconv-data") != std::string::npos);
  auto b = run_budconv(
      {"convert", (dir / "a.xlsx").string(), "--to", back, "-o", (dir / "b.xlsx").string()});
  INFO(b.err);
  REQUIRE(b.exit_code == 0);
  CHECK(b.err.find("MAP-RECOVERY-002") != std::string::npos);
  auto c = run_budconv({"convert", (dir / "b.xlsx").string(), "-o", (dir / "back.xml").string()});
  INFO(c.err);
  REQUIRE(c.exit_code == 0);
  check_same_goals(src, dir / "back.xml");
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

std::string text_row(const std::vector<std::string>& cells) {
  std::string r = "   <Row>\n";
  for (const auto& c : cells)
    r += "    <Cell><Data ss:Type=\"String\">" + escape(c) + "</Data></Cell>\n";
  return r + "   </Row>\n";
}

// The Chengde goals in Sichuan 表6 as Excel 2003 XML (text, so a test can edit it).
std::string sichuan_form(const TempDir& dir) {
  auto a = run_budconv({"convert", sample("hebei-chengde-2021-goals.xml").string(), "--to",
                        "sichuan", "-o", (dir / "s.xlsx").string()});
  REQUIRE(a.exit_code == 0);
  auto b = run_budconv({"convert", (dir / "s.xlsx").string(), "--to", "spreadsheetml", "-o",
                        (dir / "s.xml").string()});
  REQUIRE(b.exit_code == 0);
  return read_file(dir / "s.xml");
}

// `form` with its budconv-data worksheet replaced by one holding `rows`.
std::string with_recovery_rows(const std::string& form, const std::string& rows) {
  const auto from = form.find(" <Worksheet ss:Name=\"budconv-data\">");
  const auto to = form.find(" </Worksheet>", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  return form.substr(0, from) + " <Worksheet ss:Name=\"budconv-data\">\n  <Table>\n" + rows +
         "  </Table>\n" + form.substr(to);
}

}  // namespace

TEST_CASE("Hebei → Sichuan → Hebei returns the same canonical goals", "[cli][recovery]") {
  round_trip("hebei-chengde-2021-goals.xml", "sichuan", "hebei");
}

TEST_CASE("Sichuan → Hebei → Sichuan returns the same canonical goals", "[cli][recovery]") {
  round_trip("sichuan-leshan-2022-goals.xml", "hebei", "sichuan");
}

TEST_CASE("Henan → Hebei → Henan returns the same canonical goals", "[cli][recovery]") {
  if (!region_installed("henan")) {
    WARN("no Henan template installed; skipped");
    return;
  }
  round_trip("henan-qinyang-2020.xml", "hebei", "henan");
}

TEST_CASE("the loss summary groups by field, and the hidden sheet is hidden",
          "[cli][recovery][report]") {
  TempDir dir("summary");
  auto r = run_budconv({"convert", sample("hebei-chengde-2021-goals.xml").string(), "--to",
                        "sichuan", "-o", (dir / "s.xlsx").string()});
  REQUIRE(r.exit_code == 0);
  // One line per field, with a count: 指标值确定依据 has no column in 表6.
  std::smatch m;
  REQUIRE(
      std::regex_search(r.err, m,
                        std::regex("指标值确定依据（indicator\\.basis）：([0-9]+) 项未能写入[^\n]*"
                                   "已保存在隐藏工作表 budconv-data 中")));
  CHECK(std::stoi(m[1]) > 40);
  CHECK(r.err.find("MAP-LOSS-001") != std::string::npos);
  auto insp = run_budconv({"convert", (dir / "s.xlsx").string(), "--to", "spreadsheetml", "-o",
                           (dir / "s.xml").string()});
  REQUIRE(insp.exit_code == 0);
  const std::string xml = read_file(dir / "s.xml");
  const auto sheet = xml.find("<Worksheet ss:Name=\"budconv-data\">");
  REQUIRE(sheet != std::string::npos);
  CHECK(xml.find("<Visible>SheetHidden</Visible>", sheet) != std::string::npos);
}

TEST_CASE("convert --report writes every loss as JSON, also when the conversion fails",
          "[cli][recovery][report]") {
  TempDir dir("report");
  const fs::path rep = dir / "loss.json";
  auto r = run_budconv({"convert", sample("hebei-chengde-2021-goals.xml").string(), "--to",
                        "sichuan", "-o", (dir / "s.xlsx").string(), "--report", rep.string()});
  REQUIRE(r.exit_code == 0);
  const std::string j = read_file(rep);
  CHECK(j.find("\"template\": \"sichuan.goal.table6\"") != std::string::npos);
  CHECK(j.find("\"completed\": true") != std::string::npos);
  CHECK(j.find("\"embedded\": true") != std::string::npos);
  // One entry per lost value, each with the goal and indicator it belongs to.
  const std::regex basis(
      "\\{\"rule\": \"MAP-LOSS-001\", \"severity\": \"warning\", \"goal_index\": ([0-9]+), "
      "\"goal_name\": \"[^\"]+\", \"indicator_index\": [0-9]+, \"indicator_name\": \"[^\"]+\", "
      "\"field\": \"indicator.basis\", \"value\": \"[^\"]+\", \"recoverable\": true\\}");
  const auto n =
      std::distance(std::sregex_iterator(j.begin(), j.end(), basis), std::sregex_iterator());
  CHECK(n > 40);
  // The output exists now: the second run fails, and says so in the report.
  auto again = run_budconv({"convert", sample("hebei-chengde-2021-goals.xml").string(), "--to",
                            "sichuan", "-o", (dir / "s.xlsx").string(), "--report", rep.string()});
  CHECK(again.exit_code == 2);
  CHECK(read_file(rep).find("\"completed\": false") != std::string::npos);
}

TEST_CASE("convert --no-recovery makes the loss real, and says so", "[cli][recovery]") {
  TempDir dir("norec");
  auto r = run_budconv({"convert", sample("hebei-chengde-2021-goals.xml").string(), "--to",
                        "sichuan", "-o", (dir / "s.xlsx").string(), "--no-recovery"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("--no-recovery") != std::string::npos);
  auto back =
      run_budconv({"convert", (dir / "s.xlsx").string(), "-o", (dir / "back.xml").string()});
  REQUIRE(back.exit_code == 0);
  CHECK(back.err.find("MAP-RECOVERY") == std::string::npos);
  CHECK(read_file(dir / "back.xml").find("basis=\"") == std::string::npos);
}

TEST_CASE("CSV output cannot keep the hidden sheet and the report says so",
          "[cli][recovery][report]") {
  TempDir dir("csv");
  const fs::path rep = dir / "loss.json";
  auto r = run_budconv({"convert", sample("hebei-chengde-2021-goals.xml").string(), "--to",
                        "sichuan", "-o", (dir / "s.csv").string(), "--report", rep.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("此输出格式无法保存隐藏工作表 budconv-data") != std::string::npos);
  CHECK(read_file(dir / "s.csv").find("budconv-recovery") == std::string::npos);
  const std::string j = read_file(rep);
  CHECK(j.find("\"output_can_hold\": false") != std::string::npos);
  CHECK(j.find("\"recoverable\": true") == std::string::npos);
  CHECK(j.find("\"recoverable\": false") != std::string::npos);
}

TEST_CASE("a corrupt or forged hidden sheet is reported in one line and ignored",
          "[cli][recovery][corrupt]") {
  TempDir dir("forged");
  const std::string form = sichuan_form(dir);
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><submission xmlns=\"urn:budconv:submission:1\" "
      "format-version=\"1\">&b;</submission>";
  const std::string valid_other =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission xmlns=\"urn:budconv:submission:1\" "
      "format-version=\"1\" agency-name=\"伪造\"/>\n";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"checksum", text_row({"budconv-recovery", "1"}) +
                       text_row({"templates", "sichuan.goal.table6"}) + text_row({"bytes", "5"}) +
                       text_row({"fnv1a64", "0"}) + text_row({"note", ""}) + text_row({"<a/>!"})},
      {"version", text_row({"budconv-recovery", "7"})},
      {"marker", text_row({"something else"})},
      {"size", text_row({"budconv-recovery", "1"}) + text_row({"t", ""}) +
                   text_row({"bytes", "99999999999999999999999"})},
      {"bomb", text_row({"budconv-recovery", "1"}) +
                   text_row({"templates", "sichuan.goal.table6"}) +
                   text_row({"bytes", std::to_string(bomb.size())}) +
                   text_row({"fnv1a64", budconv::recovery_checksum(bomb)}) +
                   text_row({"note", ""}) + text_row({bomb})},
      {"empty", ""},
      {"no templates", text_row({"budconv-recovery", "1"}) +
                           text_row({"templates", "nope.goal.x"}) +
                           text_row({"bytes", std::to_string(valid_other.size())}) +
                           text_row({"fnv1a64", budconv::recovery_checksum(valid_other)}) +
                           text_row({"note", ""}) + text_row({valid_other})},
  };
  for (const auto& [name, rows] : cases) {
    INFO(name);
    write_file(dir / (name + ".xml"), with_recovery_rows(form, rows));
    auto r = run_budconv(
        {"convert", (dir / (name + ".xml")).string(), "-o", (dir / (name + "-back.xml")).string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string back = read_file(dir / (name + "-back.xml"));
    CHECK(back.find("伪造") == std::string::npos);
    CHECK(r.err.find("MAP-RECOVERY-001") != std::string::npos);
    CHECK(back.find("basis=\"") == std::string::npos);  // the visible form alone
  }
}

TEST_CASE("an edited form keeps the edit and regains only what the form cannot hold",
          "[cli][recovery]") {
  TempDir dir("edited");
  std::string form = sichuan_form(dir);
  const std::string cell = "<Data ss:Type=\"String\">289.89</Data>";
  const auto at = form.find(cell);
  REQUIRE(at != std::string::npos);
  REQUIRE(at < form.find("budconv-data"));
  form.replace(at, cell.size(), "<Data ss:Type=\"String\">300</Data>");
  write_file(dir / "edited.xml", form);
  auto r =
      run_budconv({"convert", (dir / "edited.xml").string(), "-o", (dir / "back.xml").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("MAP-RECOVERY-003") != std::string::npos);
  CHECK(r.err.find("城乡居民基本医疗保险专项资金") != std::string::npos);
  const auto original = load(sample("hebei-chengde-2021-goals.xml"));
  const auto back = load(dir / "back.xml");
  REQUIRE(back.goals.size() == original.goals.size());
  const budconv::PerformanceGoal& g = back.goals[0];
  REQUIRE(g.name == "城乡居民基本医疗保险专项资金");
  CHECK_FALSE(budconv::same_ignoring_source(g, original.goals[0]));
  const budconv::Indicator& edited = g.indicators[0];
  REQUIRE(edited.name == "参保人数");
  REQUIRE(edited.target.value.has_value());
  CHECK(edited.target.value->to_string() == "300");  // the user's value
  CHECK(edited.basis == "2020 年 12 月底数据");      // what 表6 has no column for
  CHECK(g.code == original.goals[0].code);
  CHECK(g.purpose == original.goals[0].purpose);
  for (std::size_t i = 1; i < back.goals.size(); ++i) {
    CHECK(budconv::same_ignoring_source(back.goals[i], original.goals[i]));
  }
}

TEST_CASE("budget tables lost in another region's form are reported by column and row",
          "[cli][recovery][budget]") {
  bt::TempDir dir("recovery-budget");
  const fs::path report = dir / "loss.json";
  const bt::RunResult r = bt::run_budconv(
      {"convert", (bt::source_dir() / "samples" / "henan-qinyang-2020-budget.xlsx").string(),
       "--to", "hebei", "-o", (dir / "hebei.xlsx").string(), "--report", report.string()},
      {"BUDCONV_LANG=zh"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string json = bt::read_file(report);
  // Tables the Hebei form has no kind for are lost whole …
  CHECK(json.find("\"field\": \"budget-table\", \"value\": \"2020年机关运行经费\"") !=
        std::string::npos);
  // … the others only by the columns it cannot hold, each named with its published header.
  CHECK(json.find("2020年部门支出总体情况表：2020年 基本支出 人员经费支出（personnel） ×24") !=
        std::string::npos);
  // Carried by a declared correspondence (合计 → 预算数): not lost.
  CHECK(json.find("2020年部门收支总体情况表：合计（total）") == std::string::npos);
  CHECK(json.find("\"field\": \"budget-table\", \"value\": \"2020年部门收支总体情况表\"") ==
        std::string::npos);
  CHECK(r.err.find("预算表的栏目（budget-table.column）") != std::string::npos);
}
