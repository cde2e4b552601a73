// Indicator targets (指标值): every target text of the seeds, with the parse expected for it.
#include <catch2/catch.hpp>
#include <string>

#include "budconv/target.hpp"

using budconv::Comparator;
using budconv::Decimal;
using budconv::Target;

namespace {

constexpr auto eq = Comparator::eq;
constexpr auto ge = Comparator::ge;
constexpr auto le = Comparator::le;
constexpr auto gt = Comparator::gt;
constexpr auto lt = Comparator::lt;
constexpr auto range = Comparator::range;
constexpr auto qual = Comparator::qualitative;

/// One expected parse: values as exact decimal text ("" = absent).
struct Expect {
  const char* text;
  Comparator comparator;
  const char* value;
  const char* value2;
  const char* unit;
};

std::string show(const std::optional<Decimal>& d) {
  return d ? d->to_string() : "";
}

void check_parse(const Target& t, const Expect& e) {
  INFO("target: [" << e.text << "] parsed as " << budconv::comparator_id(t.comparator) << " "
                   << show(t.value) << " " << show(t.value2) << " [" << t.unit << "]");
  CHECK(t.comparator == e.comparator);
  CHECK(show(t.value) == e.value);
  CHECK(show(t.value2) == e.value2);
  CHECK(t.unit == e.unit);
}

void check_table(const Expect* begin, const Expect* end) {
  for (const Expect* e = begin; e != end; ++e) {
    const Target t = Target::parse(e->text);
    CHECK(t.text == e->text);  // the published text is kept byte for byte
    check_parse(t, *e);
  }
}

}  // namespace

TEST_CASE("every target of seed 000 (Chengde, Hebei) parses as expected", "[target][seed]") {
  const Expect cases[] = {
      {"289.89 万人", eq, "289.89", "", "万人"},
      {"42.73 万", eq, "42.73", "", "万"},
      {"≤15%", le, "15", "", "%"},
      {"6-9 个月", range, "6", "9", "个月"},
      {"100%", eq, "100", "", "%"},
      {"≥100%", ge, "100", "", "%"},
      {"580 元/人", eq, "580", "", "元/人"},
      {"≥75%", ge, "75", "", "%"},
      {"≥90%", ge, "90", "", "%"},
      {"56.77万人", eq, "56.77", "", "万人"},
      {"18.77万人次", eq, "18.77", "", "万人次"},
      {"≥21200", ge, "21200", "", ""},
      {"≥85%", ge, "85", "", "%"},
      {"24小时内", le, "24", "", "小时"},
      {"≤300元/件", le, "300", "", "元/件"},
      {"≥15%", ge, "15", "", "%"},
      {"222488", eq, "222488", "", ""},
      {"64.67%", eq, "64.67", "", "%"},
      {">=90", ge, "90", "", ""},
      {"24330", eq, "24330", "", ""},
      {"69%", eq, "69", "", "%"},
      {">=90%", ge, "90", "", "%"},
      {"三级医院：在职 82% 退休 85% 二级医院：在职 87% 退休 90% 一级医院：在职 90% 退休 93%", qual,
       "", "", ""},
      {"市本级和 8 个县(市)", qual, "", "", ""},
      {"有所提升", qual, "", "", ""},
      {"及时", qual, "", "", ""},
      {"有所提高", qual, "", "", ""},
      {"≥98%", ge, "98", "", "%"},
      {"=100%", eq, "100", "", "%"},
      {"每月 8 日 前", qual, "", "", ""},  // a day of the month: a deadline, not a quantity
      {"工资标准", qual, "", "", ""},
      {"每月发放 工资", qual, "", "", ""},
      {"≥95%", ge, "95", "", "%"},
      {"长期", qual, "", "", ""},
      {"2021 年", qual, "", "", ""},  // a calendar year, not "2021 years"
      {"10 万元", eq, "10", "", "万元"},
      {">90%", gt, "90", "", "%"},
      {">2次", gt, "2", "", "次"},
      {">5次", gt, "5", "", "次"},
      {"显著提升", qual, "", "", ""},
      {"2021年是否实施", qual, "", "", ""},
      {"10万元", eq, "10", "", "万元"},
  };
  check_table(std::begin(cases), std::end(cases));
}

TEST_CASE("every target of seed 001 (Wei County, Hebei) parses as expected", "[target][seed]") {
  const Expect cases[] = {
      {"2次", eq, "2", "", "次"},
      {"3次", eq, "3", "", "次"},
      {"100%", eq, "100", "", "%"},
      {"95%", eq, "95", "", "%"},
      {"280元/人", eq, "280", "", "元/人"},
      {"280元/人/年", eq, "280", "", "元/人/年"},
      {"≥90%", ge, "90", "", "%"},
      {"≥95%", ge, "95", "", "%"},
      {"≥98%", ge, "98", "", "%"},
      {"≤100%", le, "100", "", "%"},
      {"54.47万人", eq, "54.47", "", "万人"},
      {"550人次", eq, "550", "", "人次"},
      {"2019年门诊享受待遇人次", qual, "", "", ""},  // a description that starts with a year
      {"有效改善", qual, "", "", ""},
      {"按计划完成补助资金", qual, "", "", ""},
      {"人数超市局目标人数", qual, "", "", ""},
      {"规定时间完成下达参保任务", qual, "", "", ""},
  };
  check_table(std::begin(cases), std::end(cases));
}

TEST_CASE("every target of seed 004 (Qinyang, Henan) parses as expected", "[target][seed]") {
  const Expect cases[] = {
      // Single items of the multi-indicator cells (splitting them is the Henan template's job).
      {"≥1次", ge, "1", "", "次"},
      {"≥2次", ge, "2", "", "次"},
      {"≥4次", ge, "4", "", "次"},
      {"≥12次", ge, "12", "", "次"},
      {"≥90%", ge, "90", "", "%"},
      {"≤60分钟", le, "60", "", "分钟"},
      {"不少于5万元", ge, "5", "", "万元"},
      // Whole cells.
      {"35万元", eq, "35", "", "万元"},
      {"10万元", eq, "10", "", "万元"},
      {"20万元", eq, "20", "", "万元"},
      {"≥95%", ge, "95", "", "%"},
      {"329种", eq, "329", "", "种"},
      {"逐步推开", qual, "", "", ""},
      {"不晚于2020年第一季度", qual, "", "", ""},  // a deadline: qualitative, see target.cpp
      {"超过100种", gt, "100", "", "种"},
      {"100%", eq, "100", "", "%"},
      {"1年", eq, "1", "", "年"},
      {"效果 ≥95%", ge, "95", "", "%"},  // a label before the comparator is kept in text only
      // Unsplit multi-item cells are not one target.
      {"1: ≥1次 2: ≥2次", qual, "", "", ""},
      {"1. ≥90% 2. ≤60分钟 3. ≥90%", qual, "", "", ""},
      {"1. ≥2次 2. ≥12次 3. ≥4次 4. 不少于5万元", qual, "", "", ""},
  };
  check_table(std::begin(cases), std::end(cases));
}

TEST_CASE("every target of seed 002 (Leshan, Sichuan) builds from its three columns",
          "[target][seed]") {
  struct Row {
    const char* nature;
    const char* value;
    const char* unit;
    Expect expect;  // expect.text is the composed one-cell text
  };
  const Row rows[] = {
      {"=", "0", "人", {"0人", eq, "0", "", "人"}},
      {"=", "100", "%", {"100%", eq, "100", "", "%"}},
      {"=", "10", "万人次", {"10万人次", eq, "10", "", "万人次"}},
      {"=", "10", "亿元", {"10亿元", eq, "10", "", "亿元"}},
      {"=", "120", "个", {"120个", eq, "120", "", "个"}},
      {"=", "15", "万元", {"15万元", eq, "15", "", "万元"}},
      {"=", "27.5", "万元", {"27.5万元", eq, "27.5", "", "万元"}},
      {"=", "2", "期", {"2期", eq, "2", "", "期"}},
      {"=", "3.5", "万人次", {"3.5万人次", eq, "3.5", "", "万人次"}},
      {"=", "30", "万元", {"30万元", eq, "30", "", "万元"}},
      {"=", "320", "元", {"320元", eq, "320", "", "元"}},
      {"=", "40", "天", {"40天", eq, "40", "", "天"}},
      {"=", "450", "万元", {"450万元", eq, "450", "", "万元"}},
      {"=", "9", "万人", {"9万人", eq, "9", "", "万人"}},
      {"≤", "30", "万元", {"≤30万元", le, "30", "", "万元"}},
      {"≤", "4", "月", {"≤4月", le, "4", "", "月"}},
      {"≥", "100", "%", {"≥100%", ge, "100", "", "%"}},
      {"≥", "10", "%", {"≥10%", ge, "10", "", "%"}},
      {"≥", "1", "次", {"≥1次", ge, "1", "", "次"}},
      {"≥", "254", "万人", {"≥254万人", ge, "254", "", "万人"}},
      {"≥", "2", "天", {"≥2天", ge, "2", "", "天"}},
      {"≥", "2", "次", {"≥2次", ge, "2", "", "次"}},
      {"≥", "50", "%", {"≥50%", ge, "50", "", "%"}},
      {"≥", "580", "元", {"≥580元", ge, "580", "", "元"}},
      {"≥", "5", "%", {"≥5%", ge, "5", "", "%"}},
      {"≥", "5", "次", {"≥5次", ge, "5", "", "次"}},
      {"≥", "70", "%", {"≥70%", ge, "70", "", "%"}},
      {"≥", "80", "%", {"≥80%", ge, "80", "", "%"}},
      {"≥", "85", "%", {"≥85%", ge, "85", "", "%"}},
      {"≥", "8", "次", {"≥8次", ge, "8", "", "次"}},
      {"≥", "90", "%", {"≥90%", ge, "90", "", "%"}},
      {"≥", "92", "%", {"≥92%", ge, "92", "", "%"}},
      {"≥", "95", "%", {"≥95%", ge, "95", "", "%"}},
      {"定性", "高中低", "", {"高中低", qual, "", "", ""}},
  };
  for (const Row& r : rows) {
    const Target t = Target::from_parts(r.nature, r.value, r.unit);
    INFO("parts: " << r.nature << " | " << r.value << " | " << r.unit);
    CHECK(t.text == r.expect.text);
    check_parse(t, r.expect);
    // The composed text reads back as the same parts (Sichuan → one-cell templates → Sichuan).
    if (t.comparator != qual) check_parse(Target::parse(t.text), r.expect);
  }
}

TEST_CASE("targets accept full-width forms, word comparators and suffixes", "[target]") {
  const Expect cases[] = {
      {"＞＝90％", ge, "90", "", "%"},
      {"≧90%", ge, "90", "", "%"},
      {"＜＝５次", le, "5", "", "次"},
      {"＞5次", gt, "5", "", "次"},
      {"<5%", lt, "5", "", "%"},
      {"＝100%", eq, "100", "", "%"},
      {"6～9个月", range, "6", "9", "个月"},
      {"6~9个月", range, "6", "9", "个月"},
      {"6至9个月", range, "6", "9", "个月"},
      {"1.5-2.5 万元", range, "1.5", "2.5", "万元"},
      {"不低于90%", ge, "90", "", "%"},
      {"不高于 15%", le, "15", "", "%"},
      {"不超过300元/件", le, "300", "", "元/件"},
      {"高于95%", gt, "95", "", "%"},
      {"低于5%", lt, "5", "", "%"},
      {"大于等于 3 次", ge, "3", "", "次"},
      {"337 万以上", ge, "337", "", "万"},
      {"5个工作日以内", le, "5", "", "个工作日"},
      {"≤24小时内", le, "24", "", "小时"},
      {"1,200 人次", eq, "1200", "", "人次"},
      {"-3", eq, "-3", "", ""},
      {"0.50%", eq, "0.50", "", "%"},
      {"3 个百分点", eq, "3", "", "个百分点"},
      {"100 km", eq, "100", "", "km"},
      {"≥5万元以下", qual, "", "", ""},  // contradicts itself
      {"≥6-9个月", qual, "", "", ""},    // a comparator on a range
      {"1.2.3", qual, "", "", ""},
      {"12,34", qual, "", "", ""},
      {"≥", qual, "", "", ""},
      {"很高", qual, "", "", ""},
      {"\xFF\xFE 90%", qual, "", "", ""},  // invalid UTF-8 is kept, never parsed
  };
  check_table(std::begin(cases), std::end(cases));
}

TEST_CASE("empty targets stay none and the text is never altered", "[target]") {
  CHECK(Target::parse("").comparator == Comparator::none);
  const Target blank = Target::parse("  \xE3\x80\x80");
  CHECK(blank.comparator == Comparator::none);
  CHECK(blank.text == "  \xE3\x80\x80");
  const Target t = Target::parse(" ≥ 90 % ");
  CHECK(t.text == " ≥ 90 % ");
  CHECK(t.comparator == Comparator::ge);
  CHECK(t.unit == "%");
  CHECK(Target::from_parts("", "", "").comparator == Comparator::none);
  CHECK(Target::from_parts(" ", " ", " ") == Target{});
}

TEST_CASE("compose writes the canonical one-cell text", "[target]") {
  CHECK(Target::parse("≥ 90 %").compose() == "≥90%");
  CHECK(Target::parse(">=90%").compose() == "≥90%");
  CHECK(Target::parse("289.89 万人").compose() == "289.89万人");
  CHECK(Target::parse("=100%").compose() == "100%");
  CHECK(Target::parse("6-9 个月").compose() == "6-9个月");
  CHECK(Target::parse("24小时内").compose() == "≤24小时");
  CHECK(Target::parse("超过100种").compose() == ">100种");
  CHECK(Target::parse("低于5%").compose() == "<5%");
  CHECK(Target::parse("0.50%").compose() == "0.50%");  // the published scale is kept
  CHECK(Target::parse("有所提升").compose() == "有所提升");
  CHECK(Target::parse("").compose().empty());
  // Composed texts parse back to the same parts.
  for (const char* text : {"≥90%", "6-9个月", "≤300元/件", "42.73万", "<5%", ">2次", "0人"}) {
    const Target a = Target::parse(text);
    const Target b = Target::parse(a.compose());
    CHECK(a == b);
  }
}

TEST_CASE("from_parts handles unusual Sichuan columns", "[target]") {
  // A range written in the value column.
  const Target r = Target::from_parts("=", "6-9", "个月");
  CHECK(r.comparator == Comparator::range);
  CHECK(r.value->to_string() == "6");
  CHECK(r.value2->to_string() == "9");
  CHECK(r.unit == "个月");
  CHECK(r.text == "6-9个月");
  // No nature: a bare number is "=".
  const Target bare = Target::from_parts("", "30", "万元");
  CHECK(bare.comparator == Comparator::eq);
  CHECK(bare.text == "30万元");
  // ASCII symbols and ids are accepted as 指标性质.
  CHECK(Target::from_parts(">=", "90", "%").comparator == Comparator::ge);
  CHECK(Target::from_parts("le", "4", "月").comparator == Comparator::le);
  // A unit column the unit grammar does not know is still taken as published.
  const Target odd = Target::from_parts("≥", "3", "人/季度次");
  CHECK(odd.comparator == Comparator::ge);
  CHECK(odd.unit == "人/季度次");
  // A value that is not a number: the three cells are read as one text.
  const Target words = Target::from_parts("≥", "九十", "%");
  CHECK(words.comparator == Comparator::qualitative);
  CHECK(words.text == "≥九十%");
  const Target pct = Target::from_parts("≥", "90%", "");
  CHECK(pct.comparator == Comparator::ge);
  CHECK(pct.unit == "%");
  // 定性 keeps the value text, with its unit apart.
  const Target q = Target::from_parts("定性", "好", "级");
  CHECK(q.comparator == Comparator::qualitative);
  CHECK(q.text == "好");
  CHECK(q.unit == "级");
}

TEST_CASE("comparators have ids, symbols and parse back", "[target]") {
  for (Comparator c : {Comparator::none, eq, ge, le, gt, lt, range, qual}) {
    CHECK(budconv::parse_comparator(budconv::comparator_id(c)) == c);
    const std::string sym = budconv::comparator_symbol(c);
    if (!sym.empty()) CHECK(budconv::parse_comparator(sym) == c);
  }
  CHECK(std::string(budconv::comparator_symbol(ge)) == "≥");
  CHECK(std::string(budconv::comparator_symbol(qual)) == "定性");
  CHECK(std::string(budconv::comparator_symbol(range)).empty());
  CHECK(budconv::parse_comparator("＞＝") == ge);
  CHECK(budconv::parse_comparator(" <= ") == le);
  CHECK(budconv::parse_comparator("不少于") == ge);
  CHECK(budconv::parse_comparator("不超过") == le);
  CHECK(budconv::parse_comparator("超过") == gt);
  CHECK(budconv::parse_comparator("低于") == lt);
  CHECK_FALSE(budconv::parse_comparator(""));
  CHECK_FALSE(budconv::parse_comparator("约"));
  CHECK_FALSE(budconv::parse_comparator("≥90"));
}

TEST_CASE("huge or hostile target texts stay cheap and qualitative", "[target][corrupt]") {
  std::string many = "1";
  for (int i = 0; i < 200000; ++i) many += "个";
  CHECK(Target::parse(many).comparator == Comparator::qualitative);
  const std::string digits(200000, '9');
  CHECK(Target::parse(digits).comparator == Comparator::qualitative);  // no exact 64-bit value
  std::string slashes = "1";
  for (int i = 0; i < 100000; ++i) slashes += "元/";
  CHECK(Target::parse(slashes).comparator == Comparator::qualitative);
  const std::string nul("\0≥90%", 6);
  CHECK(Target::parse(nul).text == nul);
  CHECK(Target::parse(nul).comparator == Comparator::qualitative);
}
