// Sichuan 表6 has one title for the whole department, in the shape Leshan publishes it:
// `乐山市医疗保障局预算项目绩效目标申报表（2022年度）` (seed 002). Goals from another region carry
// their own titles (Hebei: one `…绩效目标表` per project); the sheet then gets a title composed
// from the agency and the year, the projects' titles are listed as losses, and the year is read
// back from the title. A goal kind the form cannot express (a special fund) is a loss too, never
// silently a project.
#include <catch2/catch.hpp>

#include "budconv/mapping.hpp"
#include "sichuan_templates.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

namespace {

std::shared_ptr<TemplateFormat> table6() {
  auto loaded = sichuan::load_sichuan_templates(bt::source_dir() / "formats" / "sichuan", Lang::zh);
  if (!loaded) FAIL(loaded.error().message);
  for (const auto& t : loaded.value()) {
    if (t->info().id == "sichuan.goal.table6") return t;
  }
  FAIL("sichuan.goal.table6 not loaded");
  return nullptr;
}

PerformanceGoal goal(std::string kind, std::string name, std::string title) {
  PerformanceGoal g;
  g.kind = std::move(kind);
  g.name = std::move(name);
  g.title = std::move(title);
  g.budgets.push_back(GoalBudget{Period::annual, Money{1906700000}, std::nullopt, std::nullopt});
  Indicator i;
  i.level1 = "产出指标";
  i.level2 = "数量指标";
  i.name = "参保人数";
  i.target = Target::parse("≥289.89万人");
  g.indicators.push_back(i);
  return g;
}

/// Two Hebei goals (a special fund and a project), each with its own title.
Submission hebei_goals() {
  Submission doc;
  doc.agency_name = "承德市医疗保障局";
  doc.fiscal_year = 2021;
  doc.goals.push_back(goal("special-fund", "城乡居民基本医疗保险专项资金",
                           "城乡居民基本医疗保险专项资金绩效目标表"));
  doc.goals.push_back(goal("project", "医保服务大厅劳务派遣人员经费",
                           "医保服务大厅劳务派遣人员经费项目绩效目标表"));
  return doc;
}

std::string title_of(const Workbook& book) {
  REQUIRE_FALSE(book.sheets.empty());
  const Cell* c = book.sheets[0].find(0, 0);
  return c == nullptr ? std::string() : c->text;
}

std::string losses_text(const Diagnostics& losses) {
  std::string all;
  for (const auto& d : losses.items()) {
    CHECK(d.rule == "MAP-LOSS-001");
    all += d.message_en + "\n";
  }
  return all;
}

}  // namespace

TEST_CASE("Sichuan table 6 composes its title from the agency and year for other regions' goals",
          "[sichuan][mapping][title]") {
  const auto t = table6();
  const Submission doc = hebei_goals();
  Workbook book;
  Diagnostics losses;
  REQUIRE(t->from_submission(doc, Options{}, book, losses).ok());
  CHECK(title_of(book) == "承德市医疗保障局预算项目绩效目标申报表（2021年度）");
  const std::string lost = losses_text(losses);
  INFO(lost);
  // Both projects' own titles are lost; the year is not (the title carries it back).
  CHECK(lost.find("城乡居民基本医疗保险专项资金绩效目标表") != std::string::npos);
  CHECK(lost.find("医保服务大厅劳务派遣人员经费项目绩效目标表") != std::string::npos);
  CHECK(lost.find("fiscal_year") == std::string::npos);
  Submission back;
  Diagnostics diags;
  REQUIRE(t->to_submission(book, Options{}, back, diags).ok());
  CHECK(back.fiscal_year == 2021);
  REQUIRE(back.goals.size() == 2);
  CHECK(back.goals[1].title == "承德市医疗保障局预算项目绩效目标申报表（2021年度）");
}

TEST_CASE("Sichuan table 6 keeps a title of its own shape as published",
          "[sichuan][mapping][title]") {
  const auto t = table6();
  Submission doc;
  doc.agency_name = "另一个名字";
  doc.fiscal_year = 2023;
  const std::string leshan = "乐山市医疗保障局预算项目绩效目标申报表（2022年度）";
  doc.goals.push_back(goal("project", "医保基金专项审计", leshan));
  Workbook book;
  Diagnostics losses;
  REQUIRE(t->from_submission(doc, Options{}, book, losses).ok());
  CHECK(title_of(book) == leshan);
  CHECK(losses_text(losses).find("goal.title") == std::string::npos);
}

TEST_CASE("Sichuan table 6 title without a year uses the unit name without its code",
          "[sichuan][mapping][title]") {
  const auto t = table6();
  Submission doc;
  PerformanceGoal g = goal("project", "医保基金专项审计", "");
  g.unit_name = "315-乐山市医疗保障局";
  doc.goals.push_back(g);
  Workbook book;
  Diagnostics losses;
  REQUIRE(t->from_submission(doc, Options{}, book, losses).ok());
  CHECK(title_of(book) == "乐山市医疗保障局预算项目绩效目标申报表");
}

TEST_CASE("a special fund written as Sichuan table 6 reports its kind as lost",
          "[sichuan][mapping][loss]") {
  const auto t = table6();
  const Submission doc = hebei_goals();
  Workbook book;
  Diagnostics losses;
  REQUIRE(t->from_submission(doc, Options{}, book, losses).ok());
  std::size_t kind_losses = 0;
  for (const auto& d : losses.items()) {
    if (d.message_en.find("goal.kind") != std::string::npos) {
      ++kind_losses;
      CHECK(d.message_en.find("special-fund") != std::string::npos);
      CHECK(d.message_zh.find("城乡居民基本医疗保险专项资金") != std::string::npos);
    }
  }
  CHECK(kind_losses == 1);  // the project is expressible; the special fund is not
}

TEST_CASE("composed layout text refuses unknown placeholders with the line",
          "[sichuan][mapping][definition]") {
  const std::string xml =
      R"(<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="x.goal" region="x" model="goal" name="x" name-en="x">
  <table><title><pattern>*表</pattern></title>
    <grid><column name="indicator.name"><label>三级指标</label></column></grid></table>
  <layout>
    <row><cell compose="{agency}{month}表"/></row>
    <grid/></layout>
</mapping>)";
  auto def = parse_mapping(xml, "bad.xml", Lang::zh);
  REQUIRE_FALSE(def);
  CHECK(def.error().message.find("第 5 行") != std::string::npos);
  CHECK(def.error().message.find("month") != std::string::npos);
  const std::string periods =
      R"(<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="x.goal" region="x" model="goal" name="x" name-en="x">
  <table><title><pattern>*表</pattern></title>
    <grid><column name="indicator.name" period="yearly"><label>三级指标</label></column></grid></table>
  <layout><grid/></layout>
</mapping>)";
  auto bad_period = parse_mapping(periods, "bad.xml", Lang::en);
  REQUIRE_FALSE(bad_period);
  CHECK(bad_period.error().message.find("period") != std::string::npos);
}
