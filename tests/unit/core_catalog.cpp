// Code catalogs: loading formats/reference, look-ups by code and name, variants, fiscal years,
// and the fill step (codes from names, names from codes, ambiguous names).
#include <catch2/catch.hpp>

#include "core_validation_fixture.hpp"

using namespace budconv;
using namespace budconv::test;

TEST_CASE("The repository catalogs load with every classification", "[catalog]") {
  const Catalog& cat = repo_catalog();
  CHECK(cat.size() > 180);
  CHECK(cat.indicators().size() >= 16);
  const CatalogEntry* e = cat.find(Classification::function, "2101501", 2021);
  REQUIRE(e != nullptr);
  CHECK(e->name == "行政运行");
  REQUIRE(cat.find(Classification::economic_government, "50101", 2020) != nullptr);
  CHECK(cat.find(Classification::economic_government, "50101", 2020)->name == "工资奖金津补贴");
  CHECK(cat.find(Classification::economic_department, "99999", 2021) == nullptr);
}

TEST_CASE("Catalog codes are valid only in their fiscal years", "[catalog]") {
  const Catalog& cat = repo_catalog();
  CHECK(cat.find(Classification::economic_department, "30101", 2018) != nullptr);
  CHECK(cat.find(Classification::economic_department, "30101", 2017) == nullptr);
  CHECK(cat.find(Classification::economic_department, "30101", 0) != nullptr);
  Catalog own;
  REQUIRE(own.add_tsv(
      Classification::function,
      "code\tname\tvalid_from\tvalid_to\n2100101\t旧名称\t2015\t2019\n2100101\t新名称\t2020\t\n",
      "own.tsv", Lang::en));
  CHECK(own.find(Classification::function, "2100101", 2019)->name == "旧名称");
  CHECK(own.find(Classification::function, "2100101", 2023)->name == "新名称");
}

TEST_CASE("A shared name maps to both codes", "[catalog]") {
  auto found =
      repo_catalog().find_by_name(Classification::economic_department, "房屋建筑物购建", 2021);
  REQUIRE(found.size() == 2);
  std::vector<std::string> codes{found[0]->code, found[1]->code};
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"30901", "31001"});
}

TEST_CASE("Henan name variants and full-width brackets are recognised", "[catalog]") {
  const Catalog& cat = repo_catalog();
  auto one = [&](const char* name) {
    auto f = cat.find_by_name(Classification::economic_department, name, 2020);
    return f.size() == 1 ? f[0]->code : std::string("?");
  };
  CHECK(one("机关事业单位基本养老保险费") == "30108");
  CHECK(one("城镇职工基本医疗保险缴费") == "30110");
  CHECK(one("其他社会保障性缴费") == "30112");
  CHECK(one("因公出国(境)费用") == "30212");
  CHECK(one(" 基本 工资 ") == "30101");
  CHECK(cat.check(Classification::economic_department, "30108", "机关事业单位基本养老保险费",
                  2020) == NameCheck::variant);
  CHECK(cat.check(Classification::economic_department, "30212", "因公出国(境)费用", 2020) ==
        NameCheck::exact);
  CHECK(cat.check(Classification::economic_department, "30101", "奖金", 2020) ==
        NameCheck::mismatch);
  CHECK(cat.check(Classification::economic_department, "30100", "奖金", 2020) ==
        NameCheck::unknown_code);
}

TEST_CASE("The indicator framework maps published variants", "[catalog]") {
  const Catalog& cat = repo_catalog();
  CHECK(cat.indicator(1, "效果指标") == "效益指标");
  CHECK(cat.indicator(2, "可持续性影响") == "可持续影响指标");
  CHECK(cat.indicator(1, "随便写写").empty());
}

TEST_CASE("A malformed catalog line is an error naming the file and line", "[catalog]") {
  Catalog cat;
  Status st = cat.add_tsv(Classification::function,
                          "# c\ncode\tname\n201\t一般公共服务支出\n20x\t坏\n", "bad.tsv", Lang::en);
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("bad.tsv line 4") != std::string::npos);
  Catalog nohead;
  CHECK_FALSE(
      nohead.add_tsv(Classification::function, "201\t一般公共服务支出\n", "h.tsv", Lang::en));
}

TEST_CASE("The fill step fills codes from names with a note", "[catalog][fill]") {
  BudgetTable t = make_table("general-public-basic", {"amount"});
  t.rows.push_back(
      make_row("", "工资福利支出", 1, {{"amount", 10}}, Classification::economic_department));
  t.rows.push_back(make_row("", "机关事业单位基本养老保险费", 2, {{"amount", 10}},
                            Classification::economic_department));
  t.rows.back().alt = AltClass{Classification::economic_government, "", "社会保障缴费"};
  Submission s = doc_with(t, 2020);
  Diagnostics d;
  fill_from_catalog(s, repo_catalog(), d);
  CHECK(s.budget_tables[0].rows[0].code == "301");
  CHECK(s.budget_tables[0].rows[1].code == "30108");
  CHECK(s.budget_tables[0].rows[1].alt->code == "50102");
  CHECK(count_rule(d, "CAT-FILL-001") == 2);  // one note per table and classification
  CHECK_FALSE(d.has_errors());
}

TEST_CASE("An ambiguous name is an error listing both codes unless the parent decides",
          "[catalog][fill]") {
  BudgetTable t = make_table("general-public-basic", {"amount"});
  t.rows.push_back(
      make_row("", "房屋建筑物购建", 2, {{"amount", 5}}, Classification::economic_department));
  Submission s = doc_with(t);
  Diagnostics d;
  fill_from_catalog(s, repo_catalog(), d);
  CHECK(s.budget_tables[0].rows[0].code.empty());
  const Diagnostic* e = find_rule(d, "CAT-FILL-002");
  REQUIRE(e != nullptr);
  CHECK(e->severity == Severity::error);
  CHECK(e->message_zh.find("30901") != std::string::npos);
  CHECK(e->message_zh.find("31001") != std::string::npos);

  BudgetTable u = make_table("general-public-basic", {"amount"});
  u.rows.push_back(
      make_row("310", "资本性支出", 1, {{"amount", 5}}, Classification::economic_department));
  u.rows.push_back(
      make_row("", "房屋建筑物购建", 2, {{"amount", 5}}, Classification::economic_department));
  Submission s2 = doc_with(u);
  Diagnostics d2;
  fill_from_catalog(s2, repo_catalog(), d2);
  CHECK(s2.budget_tables[0].rows[1].code == "31001");
  CHECK_FALSE(d2.has_errors());
}

TEST_CASE("The fill step fills a missing name from the code", "[catalog][fill]") {
  BudgetTable t = make_table("expenditure", {"total"});
  t.rows.push_back(make_row("2101501", "", 3, {{"total", 1}}));
  Submission s = doc_with(t);
  Diagnostics d;
  fill_from_catalog(s, repo_catalog(), d);
  CHECK(s.budget_tables[0].rows[0].name == "行政运行");
  CHECK(count_rule(d, "CAT-FILL-003") == 1);
}
