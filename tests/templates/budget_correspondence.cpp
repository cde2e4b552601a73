// Column correspondences of budget definitions (formats/schema/mapping-budget.md,
// "Correspondences"): `from` (first present) and `from-sum` (exact sum) parse, bad declarations
// are errors naming the line, the writer fills a column the table lacks from the ids it names,
// and what it carries is no longer reported as lost. On the real definitions: Henan's sample
// (seed 004, 万元) in Hebei's form shows its 收支总表 expenditure side and its 财政拨款收支总表
// fund columns to the 分 in 元, validates without VAL-ROW-004, and Hebei's 收支总表 comes back
// under Henan's 合计.
#include <catch2/catch.hpp>

#include "budconv/mapping.hpp"
#include "budconv/submission_xml.hpp"
#include "budconv/validation.hpp"
#include "test_support.hpp"

namespace bt = budconv::test;
using namespace budconv;

namespace {

/// A budget definition with one table whose columns are `columns` (line 5 is the first).
std::string definition(const std::string& columns, const std::string& kind = "income") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<mapping xmlns="urn:budconv:mapping:1" format-version="1" id="test.budget" region="test"
         model="budget" name="测试" name-en="test">
  <budget-table kind=")" +
         kind + R"(">
)" + columns +
         R"(    <title scope="department">测试表</title>
  </budget-table>
</mapping>)";
}

const char* const kFundColumns =
    R"(    <column role="name" header="项目"/>
    <column id="total" header="合计"/>
    <column id="fiscal_appropriation" header="一般公共预算" from-sum="carryover_general general_public"/>
    <column id="gov_fund" header="政府性基金" from="gov_fund_current gov_fund_transfer"/>
)";

MappingDefinition parse_ok(const std::string& xml) {
  auto def = parse_mapping(xml, "test.xml", Lang::en);
  if (!def) FAIL(def.error().message);
  return std::move(def).value();
}

/// The error message of a definition that must not load.
std::string parse_error(const std::string& xml) {
  auto def = parse_mapping(xml, "bad.xml", Lang::en);
  REQUIRE_FALSE(def);
  return def.error().message;
}

MappingDefinition region_definition(const std::string& region) {
  auto def = load_mapping(bt::source_dir() / "formats" / region / "budget-tables.xml", Lang::en);
  if (!def) FAIL(def.error().message);
  return std::move(def).value();
}

Submission sample(const std::string& file) {
  const auto path = bt::source_dir() / "samples" / file;
  auto doc = parse_submission_xml(bt::read_file(path), path.string(), Lang::zh);
  if (!doc) FAIL(doc.error().message);
  return std::move(doc).value();
}

/// `doc`'s budget tables laid out with `def` and read back with it; losses in `losses`.
Submission through(const MappingDefinition& def, const Submission& doc, Diagnostics& losses) {
  Workbook book;
  Options options;
  options.lang = Lang::en;
  Status st = write_budget_with_mapping(def, doc, options, book, losses);
  if (!st) FAIL(st.error().message);
  Submission back;
  Diagnostics diags;
  st = read_budget_with_mapping(def, book, options, back, diags);
  if (!st) FAIL(st.error().message);
  return back;
}

const BudgetTable& table_of(const Submission& doc, const std::string& kind) {
  for (const auto& t : doc.budget_tables) {
    if (t.kind == kind) return t;
  }
  FAIL("no table of kind " << kind);
  return doc.budget_tables.front();
}

std::optional<Money> amount(const BudgetRow& r, const std::string& id) {
  const auto it = r.amounts.find(id);
  return it == r.amounts.end() ? std::nullopt : std::optional<Money>(it->second);
}

/// The rows of `side` in order (placeholders of a two-sided table included, as written).
std::vector<const BudgetRow*> side_rows(const BudgetTable& t, Side side) {
  std::vector<const BudgetRow*> out;
  for (const auto& r : t.rows) {
    if (r.side == side) out.push_back(&r);
  }
  return out;
}

/// The MAP-LOSS-001 messages (English) that name column `id` of the table titled `title`.
std::vector<std::string> losses_of(const Diagnostics& losses, const std::string& title,
                                   const std::string& id) {
  std::vector<std::string> out;
  for (const auto& d : losses.items()) {
    if (d.rule == "MAP-LOSS-001" && d.location.name == "「" + title + "」" &&
        d.message_en.find("has no place for " + id + " ") != std::string::npos) {
      out.push_back(d.message_en);
    }
  }
  return out;
}

BudgetRow row(const std::string& name, std::map<std::string, Money> amounts) {
  BudgetRow r;
  r.name = name;
  r.level = 1;
  r.amounts = std::move(amounts);
  return r;
}

/// A one-sided table of `kind` with the given columns and rows (in 元).
BudgetTable hand_table(const std::string& kind, const std::vector<std::string>& columns,
                       std::vector<BudgetRow> rows) {
  BudgetTable t;
  t.kind = kind;
  t.title = "测试表";
  t.scope = "department";
  for (const auto& id : columns) t.columns.push_back(TableColumn{id, id, ColumnType::money, {}});
  t.rows = std::move(rows);
  return t;
}

Money yuan(std::int64_t y) {
  return Money{y * 100};
}

}  // namespace

TEST_CASE("budget correspondences: from and from-sum parse into the column",
          "[mapping][budget][correspondence]") {
  const MappingDefinition def = parse_ok(definition(kFundColumns));
  REQUIRE(def.budget_tables.size() == 1);
  const auto& cols = def.budget_tables[0].columns;
  REQUIRE(cols.size() == 4);
  CHECK(cols[1].from_kind == BudgetFrom::none);
  CHECK(cols[1].from.empty());
  CHECK(cols[2].from_kind == BudgetFrom::sum);
  CHECK(cols[2].from == std::vector<std::string>{"carryover_general", "general_public"});
  CHECK(cols[3].from_kind == BudgetFrom::first);
  CHECK(cols[3].from == std::vector<std::string>{"gov_fund_current", "gov_fund_transfer"});
  // An id of the definition's own columns is known even when not canonical.
  CHECK_NOTHROW(parse_ok(definition(R"(    <column id="my_amount" header="甲"/>
    <column id="total" header="合计" from="my_amount"/>
)")));
}

TEST_CASE("budget correspondences: bad declarations are errors naming the line",
          "[mapping][budget][correspondence]") {
  SECTION("an unknown id") {
    const std::string e = parse_error(definition(R"(    <column id="total" header="合计"/>
    <column id="gov_fund" header="基金" from="gov_fund_curent"/>
)"));
    CHECK_THAT(e, Catch::Contains("line 6"));
    CHECK_THAT(e, Catch::Contains("unknown column id gov_fund_curent"));
  }
  SECTION("a cycle through two columns") {
    const std::string e =
        parse_error(definition(R"(    <column id="total" header="合计" from="amount"/>
    <column id="amount" header="金额" from-sum="total basic"/>
)"));
    CHECK_THAT(e, Catch::Contains("line 5"));
    CHECK_THAT(e, Catch::Contains("cycle: total → amount → total"));
  }
  SECTION("a column taken from itself") {
    const std::string e = parse_error(definition(R"(    <column role="name" header="项目"/>
    <column id="total" header="合计" from="basic total"/>
)"));
    CHECK_THAT(e, Catch::Contains("line 6"));
    CHECK_THAT(e, Catch::Contains("cycle"));
  }
  SECTION("from on a code column") {
    const std::string e = parse_error(definition(
        R"(    <column role="code" header="科目编码" class="function" levels="3 5 7" from="total"/>
    <column id="total" header="合计"/>
)"));
    CHECK_THAT(e, Catch::Contains("line 5"));
    CHECK_THAT(e, Catch::Contains("money value columns only"));
  }
  SECTION("from-sum on a name column") {
    const std::string e = parse_error(definition(R"(    <column id="total" header="合计"/>
    <column role="name" header="项目" from-sum="total"/>
)"));
    CHECK_THAT(e, Catch::Contains("line 6"));
    CHECK_THAT(e, Catch::Contains("money value columns only"));
  }
  SECTION("from on a text column") {
    const std::string e = parse_error(definition(R"(    <column id="total" header="合计"/>
    <column id="note" header="说明" type="text" from="total"/>
)"));
    CHECK_THAT(e, Catch::Contains("line 6"));
  }
  SECTION("both from and from-sum, an empty list, a repeated id") {
    CHECK_THAT(parse_error(definition(
                   R"(    <column id="total" header="合计" from="basic" from-sum="basic project"/>
)")),
               Catch::Contains("line 5") && Catch::Contains("either from or from-sum"));
    CHECK_THAT(parse_error(definition(R"(    <column id="total" header="合计" from-sum="  "/>
)")),
               Catch::Contains("line 5") && Catch::Contains("at least one column id"));
    CHECK_THAT(parse_error(definition(R"(    <column id="total" header="合计" from="basic basic"/>
)")),
               Catch::Contains("line 5") && Catch::Contains("repeated"));
  }
}

TEST_CASE("budget correspondences: the writer sums exactly, takes the first present, keeps blank",
          "[mapping][budget][correspondence]") {
  const MappingDefinition def = parse_ok(definition(kFundColumns));
  Submission doc;
  doc.budget_tables.push_back(hand_table(
      "income",
      {"total", "carryover_general", "general_public", "gov_fund_current", "gov_fund_transfer"},
      {row("两项", {{"total", yuan(300)},
                    {"carryover_general", Money{10001}},
                    {"general_public", Money{19999}}}),
       row("一项", {{"total", yuan(50)}, {"general_public", yuan(50)}}),
       row("无", {{"total", yuan(9)}}), row("转移", {{"gov_fund_transfer", yuan(7)}}),
       row("两者", {{"gov_fund_current", yuan(3)}, {"gov_fund_transfer", yuan(4)}})}));
  Diagnostics losses;
  const Submission back = through(def, doc, losses);
  const BudgetTable& t = table_of(back, "income");
  REQUIRE(t.rows.size() == 5);
  CHECK(amount(t.rows[0], "fiscal_appropriation") == Money{30000});  // 100.01 + 199.99
  CHECK(amount(t.rows[1], "fiscal_appropriation") == yuan(50));
  CHECK_FALSE(amount(t.rows[2], "fiscal_appropriation"));  // blank, not 0
  CHECK(amount(t.rows[3], "gov_fund") == yuan(7));         // the first id with an amount
  CHECK(amount(t.rows[4], "gov_fund") == yuan(3));
  CHECK_FALSE(amount(t.rows[2], "gov_fund"));
  // Shown alone: carried. Summed: the money is shown, the split is reported. Not shown: lost.
  const auto general = losses_of(losses, "测试表", "general_public");
  REQUIRE(general.size() == 1);
  CHECK_THAT(general[0], Catch::Contains("两项") && Catch::Contains("split is not kept"));
  CHECK(losses_of(losses, "测试表", "carryover_general").size() == 1);
  CHECK(losses_of(losses, "测试表", "gov_fund_current").empty());
  const auto transfer = losses_of(losses, "测试表", "gov_fund_transfer");
  REQUIRE(transfer.size() == 1);
  CHECK_THAT(transfer[0], Catch::Contains("两者") && !Catch::Contains("split"));
}

TEST_CASE("budget correspondences: a table with the column keeps its own values, blanks too",
          "[mapping][budget][correspondence]") {
  const MappingDefinition def = parse_ok(definition(kFundColumns));
  Submission doc;
  doc.budget_tables.push_back(
      hand_table("income", {"total", "fiscal_appropriation", "general_public"},
                 {row("有", {{"fiscal_appropriation", yuan(5)}, {"general_public", yuan(8)}}),
                  row("空", {{"general_public", yuan(8)}})}));
  Diagnostics losses;
  const Submission back = through(def, doc, losses);
  const BudgetTable& t = table_of(back, "income");
  REQUIRE(t.rows.size() == 2);
  CHECK(amount(t.rows[0], "fiscal_appropriation") == yuan(5));
  CHECK_FALSE(amount(t.rows[1], "fiscal_appropriation"));
  // Not carried, so reported: once per row.
  CHECK(losses_of(losses, "测试表", "general_public").size() == 2);
}

TEST_CASE("budget correspondences: a source the form derives too is taken through it",
          "[mapping][budget][correspondence]") {
  const MappingDefinition def = parse_ok(definition(R"(    <column role="name" header="项目"/>
    <column id="total" header="合计" from="fiscal_appropriation"/>
    <column id="fiscal_appropriation" header="一般" from-sum="carryover_general general_public"/>
)"));
  Submission doc;
  doc.budget_tables.push_back(
      hand_table("income", {"carryover_general", "general_public"},
                 {row("甲", {{"carryover_general", yuan(1)}, {"general_public", yuan(2)}})}));
  Diagnostics losses;
  const Submission back = through(def, doc, losses);
  const BudgetTable& t = table_of(back, "income");
  REQUIRE(t.rows.size() == 1);
  CHECK(amount(t.rows[0], "total") == yuan(3));
  CHECK(amount(t.rows[0], "fiscal_appropriation") == yuan(3));
}

TEST_CASE(
    "budget correspondences: the Henan sample in Hebei's form shows its expenditure side "
    "and fund columns to the 分",
    "[mapping][budget][correspondence][henan][hebei]") {
  const Submission henan = sample("henan-qinyang-2020.xml");
  const MappingDefinition hebei = region_definition("hebei");
  Diagnostics losses;
  const Submission back = through(hebei, henan, losses);

  SECTION("收支总表: 支出 预算数 is Henan's 合计 of every line") {
    const BudgetTable& from = table_of(henan, "income-expenditure-summary");
    const BudgetTable& to = table_of(back, "income-expenditure-summary");
    CHECK(from.unit == AmountUnit::wan_yuan);
    CHECK(to.unit == AmountUnit::yuan);
    const auto want = side_rows(from, Side::expenditure);
    const auto got = side_rows(to, Side::expenditure);
    std::size_t carried = 0;
    for (std::size_t i = 0; i < want.size() && i < got.size(); ++i) {
      INFO(want[i]->name);
      CHECK(got[i]->name == want[i]->name);
      CHECK(amount(*got[i], "expenditure_amount") == amount(*want[i], "total"));
      carried += amount(*want[i], "total").has_value();
    }
    CHECK(carried >= 7);
    // Seed 004: 一、基本支出 57.47 万元 and 支出总计 141.47 万元, in 元.
    for (const BudgetRow* r : got) {
      if (r->name == "基本支出") CHECK(amount(*r, "expenditure_amount") == Money{57'470'000});
      if (r->name == "支出总计") CHECK(amount(*r, "expenditure_amount") == Money{141'470'000});
    }
    CHECK(losses_of(losses, from.title, "total").empty());
    // The fund split of that side has no place in Hebei's 收支总表: still reported.
    CHECK_FALSE(losses_of(losses, from.title, "general_public").empty());
  }

  SECTION("财政拨款收支总表: 一般公共预算财政拨款 = 结转 + 本年 一般公共预算") {
    const BudgetTable& from = table_of(henan, "fiscal-summary");
    const BudgetTable& to = table_of(back, "fiscal-summary");
    const auto want = side_rows(from, Side::expenditure);
    const auto got = side_rows(to, Side::expenditure);
    REQUIRE(want.size() == got.size());
    std::size_t carried = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      INFO(want[i]->name);
      CHECK(amount(*got[i], "total") == amount(*want[i], "total"));
      const auto general = amount(*want[i], "general_public");
      CHECK(amount(*got[i], "fiscal_appropriation") == general);  // its carryover is blank
      CHECK_FALSE(amount(*got[i], "gov_fund"));                   // every fund part is blank
      carried += general.has_value();
    }
    CHECK(carried == 4);  // 社会保障和就业 5.95, 卫生健康 131.40, 住房保障 4.12, 支出合计 141.47
    for (const BudgetRow* r : got) {
      if (r->name == "卫生健康支出")
        CHECK(amount(*r, "fiscal_appropriation") == Money{131'400'000});
      if (r->name == "支出合计") CHECK(amount(*r, "fiscal_appropriation") == Money{141'470'000});
    }
    CHECK(losses_of(losses, from.title, "general_public").empty());
    // 其中：财政拨款 is a part of 一般公共预算 that Hebei's form does not show.
    CHECK_FALSE(losses_of(losses, from.title, "general_public_fiscal").empty());
  }

  SECTION(
      "validation of the Hebei form finds no VAL-ROW-004; without the correspondences it "
      "does") {
    const auto row_004 = [](const Submission& doc) {
      std::size_t n = 0;
      const Diagnostics found = validate_submission(doc, {});
      for (const auto& d : found.items()) n += d.rule == "VAL-ROW-004";
      return n;
    };
    CHECK(row_004(back) == 0);
    MappingDefinition bare = hebei;
    for (auto& t : bare.budget_tables) {
      for (auto& c : t.columns) {
        c.from_kind = BudgetFrom::none;
        c.from.clear();
      }
    }
    Diagnostics bare_losses;
    CHECK(row_004(through(bare, henan, bare_losses)) > 0);
    CHECK_FALSE(
        losses_of(bare_losses, table_of(henan, "fiscal-summary").title, "general_public").empty());
  }
}

TEST_CASE("budget correspondences: Hebei's 收支总表 comes back under Henan's 合计",
          "[mapping][budget][correspondence][henan][hebei]") {
  const Submission hebei = sample("hebei-weixian-2021.xml");
  Diagnostics losses;
  const Submission back = through(region_definition("henan"), hebei, losses);
  // The first table of the kind is Hebei's 部门 table, written first.
  const BudgetTable& from = table_of(hebei, "income-expenditure-summary");
  const auto want = side_rows(from, Side::expenditure);
  const auto got = side_rows(table_of(back, "income-expenditure-summary"), Side::expenditure);
  REQUIRE(want.size() == got.size());
  std::size_t carried = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO(want[i]->name);
    CHECK(amount(*got[i], "total") == amount(*want[i], "expenditure_amount"));
    carried += amount(*want[i], "expenditure_amount").has_value();
  }
  CHECK(carried >= 3);
  CHECK(losses_of(losses, from.title, "expenditure_amount").empty());
  // No way back from Hebei's fund columns: a fund's money cannot be split into its years.
  const auto& fiscal = table_of(hebei, "fiscal-summary");
  CHECK_FALSE(losses_of(losses, fiscal.title, "fiscal_appropriation").empty());
}
