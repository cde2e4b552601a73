// The narrative (情况说明) against its own tables (VAL-NAR-*), with the published sentences of
// seed 001 (Wei County, Hebei 2021) and seed 004 (Qinyang, Henan 2020).
#include <catch2/catch.hpp>
#include <functional>

#include "core_validation_fixture.hpp"

using namespace budconv;
using namespace budconv::test;

namespace {

// Seed 001, 部门: copied from the published 说明.
const char* const kIncome =
    "反映本部门当年全部收入。2021年预算收入9081.6893万元，其中：一般公共预算收入9073.6893万元，"
    "基金预算收入0万元，财政专户核拨收入0万元，其他来源收入8万元。";
const char* const kSpending =
    "收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映威县医疗保障局"
    "年度部门预算中支出预算的总体情况。2021年部门支出预算为9081.6893万元，其中基本支出327."
    "1893万元，"
    "包括人员经费313.0693万元和日常公用经费14.12万元；项目支出8754."
    "5万元，主要为城乡居民基本医疗保险"
    "村级代办员补助支出10万元，公务员医疗补助支出200万元，财政对城乡居民基本医疗保险基金的补助支出"
    "6345万元，财政对其他基本医疗保险基金的补助支出629."
    "5万元，城乡医疗救助支出1538万元，医疗保障管理"
    "事务32万元；其他支出0万元。";
const char* const kChange =
    "2021年部门预算收支安排9081.6893万元，较2020年减少24236.15万元，其中：基本支出增加71.35万元，"
    "主要是人员工资调整；项目支出减少24307."
    "5万元，主要是城乡居民基本医疗保险财政补助资金实行市级统筹。";
const char* const kOperating =
    "2021年，我部门机关运行经费共计安排14.12万元，主要用于保证机关正常运转的办公及印刷费、邮电费、"
    "差旅费、会议费、福利费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、日常维修费、"
    "办公楼物业管理费等支出。";
const char* const kThreePublic =
    "2021年，我部门财政拨款“三公”经费预算安排0万元，2020年我部门公务接待费0.125万元，同比下降100%，"
    "响应财政号召压减“三公”经费支出。";

/// Wei County's tables in 元; `split` moves 8 万元 from 财政拨款 to 其他收入, which makes the
/// tables say what the narrative says.
struct Tables {
  std::int64_t general_public = 90816893, other = 0, special = 0, fund = 0;
  std::int64_t total = 90816893, basic = 3271893, project = 87545000;
  std::int64_t personnel = 3130693, public_funds = 141200;
  std::int64_t three_public = 0;  // 0 = the empty published table
  std::string scope = "department";
  std::string agency_code;
};

Tables agreeing() {
  Tables t;
  t.general_public = 90736893;
  t.other = 80000;
  return t;
}

std::vector<BudgetTable> tables(const Tables& v) {
  auto scoped = [&](BudgetTable t) {
    t.scope = v.scope;
    t.agency_code = v.agency_code;
    return t;
  };
  BudgetTable summary;
  summary.kind = "income-expenditure-summary";
  summary.title = "部门预算收支总表";
  summary.columns.push_back({"income_amount", "预算数", ColumnType::money, Side::income});
  summary.columns.push_back({"expenditure_amount", "预算数", ColumnType::money, Side::expenditure});
  auto income_row = [&](const char* name, std::int64_t amount) {
    BudgetRow r = make_row("", name, 0, {}, Classification::none);
    r.side = Side::income;
    if (amount != 0) r.amounts["income_amount"] = yuan(amount);
    summary.rows.push_back(r);
  };
  income_row("一般公共预算拨款收入", v.general_public);
  income_row("政府性基金预算拨款收入", v.fund);
  income_row("财政专户管理资金收入", v.special);
  income_row("其他收入", v.other);
  summary.rows.push_back(total_row({{"income_amount", v.total}}, Side::income, "收入总计"));
  summary.rows.push_back(
      total_row({{"expenditure_amount", v.total}}, Side::expenditure, "支出总计"));

  BudgetTable income =
      make_table("income", {"total", "fiscal_appropriation", "fiscal_special_account",
                            "business_income", "other_income"});
  income.title = "部门预算收入总表";
  BudgetRow in_total = total_row({{"total", v.total}, {"fiscal_appropriation", v.general_public}});
  if (v.other != 0) in_total.amounts["other_income"] = yuan(v.other);
  if (v.special != 0) in_total.amounts["fiscal_special_account"] = yuan(v.special);
  income.rows.push_back(in_total);

  BudgetTable spending = make_table("expenditure", {"total", "basic", "project"});
  spending.title = "部门预算支出总表";
  spending.rows.push_back(
      total_row({{"total", v.total}, {"basic", v.basic}, {"project", v.project}}));

  BudgetTable basic = make_table("general-public-basic", {"total", "personnel", "public_funds"});
  basic.title = "部门预算一般公共预算财政拨款基本支出表";
  basic.rows.push_back(total_row(
      {{"total", v.basic}, {"personnel", v.personnel}, {"public_funds", v.public_funds}}));

  BudgetTable three = make_table("three-public", {"total"});
  three.title = "部门预算财政拨款“三公”经费支出表";
  if (v.three_public != 0)
    three.rows.push_back(total_row({{"total", v.three_public}}));
  else
    three.notes.push_back("注：无财政拨款“三公”经费支出表预算，空表列示。");

  return {scoped(summary), scoped(income), scoped(spending), scoped(basic), scoped(three)};
}

Submission doc_of(const Tables& v, std::vector<std::pair<std::string, std::string>> narrative) {
  Submission s;
  s.fiscal_year = 2021;
  s.source_file = "test.xml";
  s.budget_tables = tables(v);
  for (auto& [key, text] : narrative) s.extras.push_back(Extra{key, text, {}});
  return s;
}

std::vector<std::pair<std::string, std::string>> seed_narrative(const std::string& prefix = "") {
  return {{"narrative." + prefix + "收入说明", kIncome},
          {"narrative." + prefix + "支出说明", kSpending},
          {"narrative." + prefix + "比上年增减情况", kChange},
          {"narrative." + prefix + "机关运行经费", kOperating},
          {"narrative." + prefix + "三公经费", kThreePublic}};
}

/// Only the VAL-NAR findings (changed tables also trip the table rules).
std::vector<Diagnostic> narrative_findings(const Submission& s) {
  std::vector<Diagnostic> out;
  const Diagnostics all = validate_submission(s, {});
  for (const auto& d : all.items()) {
    if (d.rule.rfind("VAL-NAR-", 0) == 0) out.push_back(d);
  }
  return out;
}

std::string describe(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.format(false) + "\n";
  return out;
}

}  // namespace

TEST_CASE("The seed's narrative is quiet when the tables say the same", "[validation][narrative]") {
  const auto found = narrative_findings(doc_of(agreeing(), seed_narrative()));
  INFO(describe(found));
  CHECK(found.empty());
}

TEST_CASE("Each recognised figure of the seed's sentences fires on its own contradiction",
          "[validation][narrative]") {
  struct Case {
    const char* what;
    std::function<void(Tables&)> change;
    std::vector<std::pair<std::string, std::string>> expected;  // rule, phrase
  };
  const std::vector<Case> cases{
      {"income total",
       [](Tables& t) { t.total += 1; },
       // The 收支总表's 支出总计 and the 支出总表 move with it: 支出预算 disagrees too.
       {{"VAL-NAR-001", "预算收入9081.6893万元"}, {"VAL-NAR-002", "支出预算为9081.6893万元"}}},
      {"general public",
       [](Tables& t) { t.general_public += 1; },
       {{"VAL-NAR-001", "一般公共预算收入9073.6893万元"}}},
      {"fund", [](Tables& t) { t.fund = 1; }, {{"VAL-NAR-001", "基金预算收入0万元"}}},
      {"special account",
       [](Tables& t) { t.special = 1; },
       {{"VAL-NAR-001", "财政专户核拨收入0万元"}}},
      {"other sources", [](Tables& t) { t.other = 0; }, {{"VAL-NAR-001", "其他来源收入8万元"}}},
      {"basic", [](Tables& t) { t.basic += 1; }, {{"VAL-NAR-002", "基本支出327.1893万元"}}},
      {"project", [](Tables& t) { t.project += 1; }, {{"VAL-NAR-002", "项目支出8754.5万元"}}},
      {"personnel", [](Tables& t) { t.personnel += 1; }, {{"VAL-NAR-003", "人员经费313.0693万元"}}},
      // Hebei's 机关运行费 is the 公用经费: both statements disagree.
      {"public funds",
       [](Tables& t) { t.public_funds += 1; },
       {{"VAL-NAR-003", "日常公用经费14.12万元"},
        {"VAL-NAR-004", "机关运行经费共计安排14.12万元"}}},
      {"three public",
       [](Tables& t) { t.three_public = 1; },
       {{"VAL-NAR-005", "财政拨款“三公”经费预算安排0万元"}}},
  };
  for (const auto& c : cases) {
    Tables t = agreeing();
    c.change(t);
    const auto found = narrative_findings(doc_of(t, seed_narrative()));
    INFO(c.what << "\n" << describe(found));
    REQUIRE(found.size() == c.expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK(found[i].rule == c.expected[i].first);
      CHECK(found[i].severity == Severity::warning);
      CHECK(found[i].message_zh.find(c.expected[i].second + "”") != std::string::npos);
      CHECK_FALSE(found[i].hint_zh.empty());
      CHECK_FALSE(found[i].hint_en.empty());
    }
  }
}

TEST_CASE("Wei County's tables contradict its 收入说明 twice: 9073.6893 and 8 万元",
          "[validation][narrative]") {
  const auto found = narrative_findings(doc_of(Tables{}, seed_narrative()));
  INFO(describe(found));
  REQUIRE(found.size() == 2);
  CHECK(found[0].rule == "VAL-NAR-001");
  CHECK(found[0].message_zh.find("一般公共预算收入9073.6893万元") != std::string::npos);
  CHECK(found[0].location.sheet == "部门预算收支总表");
  CHECK(found[0].location.name == "一般公共预算拨款收入");
  CHECK(found[0].expected == "90,736,893.00 元");
  CHECK(found[0].found == "90,816,893.00 元");
  CHECK(found[1].rule == "VAL-NAR-001");
  CHECK(found[1].message_zh.find("情况说明“收入说明”写“其他来源收入8万元”") != std::string::npos);
  CHECK(found[1].message_zh.find("部门预算收入总表") != std::string::npos);
  CHECK(found[1].location.name == "合计");
  CHECK(found[1].expected == "80,000.00 元");
  CHECK(found[1].found == "0.00 元");
  CHECK(found[1].hint_zh.find("为空") != std::string::npos);
  CHECK(found[1].message_en.find("narrative '收入说明'") != std::string::npos);
  CHECK(found[1].hint_en.find("is blank") != std::string::npos);
}

TEST_CASE("Other years, changes, thresholds and unknown names are never compared",
          "[validation][narrative]") {
  // Tables that contradict every figure below if any were read as this year's figure.
  Tables t = agreeing();
  const auto found = narrative_findings(doc_of(
      t, {{"narrative.比上年增减情况",
           "2021年部门预算收支安排1万元，较2020年减少24236.15万元，"
           "其中：基本支出增加71.35万元；项目支出减少2万元。"},
          {"narrative.三公经费", "2020年我部门公务接待费0.125万元，同比下降100%。"},
          {"narrative.绩效", "其中预算支出100万元及100万元以上项目0个，支出总额0万元。"},
          {"narrative.支出说明", "主要为公务员医疗补助支出200万元；其他支出0万元；基本支出占40%。"},
          {"narrative.收入说明", "预算收入9081.68930001万元，预算收入99999999999999999999万元。"},
          {"note.收入说明", "预算收入1万元。"},
          {"narrative.", "预算收入1万元。"},
          {"narrative.收入说明", ""},
          {"narrative.收入说明", "万元元，。9万元2021年"}}));
  INFO(describe(found));
  CHECK(found.empty());
}

TEST_CASE("The 元 statements and a stated 0 against a blank cell", "[validation][narrative]") {
  Tables t = agreeing();
  auto one = [&](const char* text) {
    return narrative_findings(doc_of(t, {{"narrative.收入说明", text}}));
  };
  CHECK(one("预算收入90816893.00元，其他收入8万元，基金预算收入0元。").empty());
  const auto off = one("预算收入90,816,893.01元。");
  REQUIRE(off.size() == 1);
  CHECK(off[0].expected == "90,816,893.01 元");
  CHECK(off[0].message_zh.find("相差 -0.01 元") != std::string::npos);
}

TEST_CASE("Qinyang's spaced sentences read against a 收支总表 without a 收入总表",
          "[validation][narrative]") {
  // Seed 004: the income side exists only as rows of the 收支总表, in 万元.
  auto build = [](const char* gp_row) {
    BudgetTable s;
    s.kind = "income-expenditure-summary";
    s.title = "2020年部门收支总体情况表";
    s.scope = "department";
    s.unit = AmountUnit::wan_yuan;
    s.columns.push_back({"income_amount", "金额", ColumnType::money, Side::income});
    s.columns.push_back({"total", "合计", ColumnType::money, Side::expenditure});
    auto row = [&](const char* name, std::optional<Money> m) {
      BudgetRow r;
      r.side = Side::income;
      r.name = name;
      if (m) r.amounts["income_amount"] = *m;
      s.rows.push_back(r);
    };
    row(gp_row, Money{141470000});
    row("政府性基金预算收入", std::nullopt);
    row("国有资本经营预算收入", std::nullopt);
    row("其他资金", std::nullopt);
    BudgetRow in = total_row({}, Side::income, "收入总计");
    in.amounts["income_amount"] = Money{141470000};
    s.rows.push_back(in);
    Submission d;
    d.fiscal_year = 2020;
    d.budget_tables.push_back(s);
    d.extras.push_back(
        Extra{"narrative.收入说明",
              "我单位 2020 年收入合计 141.47 万元，其中：一般公共预算收入 141.47 "
              "万元；政府性基金预算收入 0 万元；国有资本经营预算收入 0 万元；其他收入 0 万元。",
              {}});
    return d;
  };
  CHECK(narrative_findings(build("一般公共预算收入")).empty());
  Submission changed = build("一般公共预算收入");
  changed.budget_tables[0].rows[1].amounts["income_amount"] = Money{1000000};  // 1 万元 fund
  const auto found = narrative_findings(changed);
  INFO(describe(found));
  REQUIRE(found.size() == 1);
  CHECK(found[0].message_zh.find("“政府性基金预算收入0万元”") != std::string::npos);
  CHECK(found[0].found == "1.00 万元");
}

TEST_CASE("Narrative keys pick the scope: 部门, 单位 and 单位 by agency code",
          "[validation][narrative]") {
  Tables dept;  // Wei County's real split: 2 findings per 收入说明
  Tables unit_a = agreeing();
  unit_a.scope = "unit";
  unit_a.agency_code = "450001";
  Tables unit_b;
  unit_b.scope = "unit";
  unit_b.agency_code = "450002";
  Submission s;
  s.fiscal_year = 2021;
  for (const Tables* v : {&dept, &unit_a, &unit_b}) {
    for (auto& t : tables(*v)) s.budget_tables.push_back(std::move(t));
  }
  auto count_for = [&](const std::string& key) {
    Submission d = s;
    d.extras.push_back(Extra{key, kIncome, {}});
    return narrative_findings(d).size();
  };
  CHECK(count_for("narrative.收入说明") == 2);       // 部门
  CHECK(count_for("narrative.unit.收入说明") == 0);  // the first 单位 (450001) agrees
  CHECK(count_for("narrative.unit.450002.收入说明") == 2);
  CHECK(count_for("narrative.unit.450001.收入说明") == 0);
  CHECK(count_for("narrative.unit.999999.收入说明") == 0);  // no such 单位: nothing to compare
  // A document of 单位 tables only keeps its narrative under the plain key.
  Submission unit_only = doc_of(unit_b, {{"narrative.收入说明", kIncome}});
  CHECK(narrative_findings(unit_only).size() == 2);
}

TEST_CASE("VAL-NAR rules are listed as warnings", "[validation][narrative]") {
  std::size_t n = 0;
  for (const auto& r : validation_rules()) {
    if (r.id.rfind("VAL-NAR-", 0) != 0) continue;
    ++n;
    CHECK(r.severity == Severity::warning);
    CHECK_FALSE(r.title_zh.empty());
    CHECK_FALSE(r.title_en.empty());
  }
  CHECK(n == 5);
}
