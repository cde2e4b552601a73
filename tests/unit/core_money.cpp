// Exact money: parsing published amounts in 元 and 万元, formatting them back.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

#include "budconv/money.hpp"

using budconv::AmountFormat;
using budconv::AmountParseError;
using budconv::AmountUnit;
using budconv::format_amount;
using budconv::Money;
using budconv::parse_amount;

namespace {

constexpr auto yuan = AmountUnit::yuan;
constexpr auto wan = AmountUnit::wan_yuan;

std::int64_t fen_of(const std::string& text, AmountUnit unit, bool round = false) {
  const auto r = parse_amount(text, unit, {.allow_rounding = round});
  INFO("text: " << text);
  REQUIRE(r.value.has_value());
  REQUIRE_FALSE(r.error.has_value());
  return r.value->fen;
}

AmountParseError error_of(const std::string& text, AmountUnit unit, bool round = false) {
  const auto r = parse_amount(text, unit, {.allow_rounding = round});
  INFO("text: " << text);
  REQUIRE_FALSE(r.value.has_value());
  REQUIRE(r.error.has_value());
  return *r.error;
}

}  // namespace

TEST_CASE("parse_amount reads published amounts exactly", "[money]") {
  struct Case {
    const char* text;
    AmountUnit unit;
    std::int64_t fen;
  };
  const Case cases[] = {
      {"2,565.19", wan, 2565190000},  // Sichuan: 25 651 900.00 元
      {"90816893.00", yuan, 9081689300},
      {"9081.6893", wan, 9081689300},  // the same amount in 万元
      {"141.47", wan, 141470000},
      {"1,200.00", wan, 1200000000},
      {"27.50", wan, 27500000},
      {"0.000001", wan, 1},  // 1 分 in 万元
      {"0.01", yuan, 1},
      {"0", yuan, 0},
      {"0.00", wan, 0},
      {"-0", yuan, 0},
      {"-3", yuan, -300},
      {"+3", yuan, 300},
      {"（12.50）", yuan, -1250},  // full-width accounting negative
      {"(12.50)", yuan, -1250},
      {"( 12.50 )", yuan, -1250},
      {"１２３．４５", yuan, 12345},     // full-width digits and point
      {"１，２３４．５", yuan, 123450},  // full-width comma
      {"－７", yuan, -700},              // full-width minus
      {"\xE2\x88\x92"
       "7",
       yuan, -700},  // U+2212 MINUS SIGN
      {"  580 ", yuan, 58000},
      {"\t580\t", yuan, 58000},
      {"\xC2\xA0"
       "580"
       "\xC2\xA0",
       yuan, 58000},  // NBSP
      {"\xE3\x80\x80"
       "580"
       "\xE3\x80\x80",
       yuan, 58000},  // ideographic space
      {"40 万元", wan, 40000000},
      {"10万元", wan, 10000000},
      {"53.5 万元", wan, 53500000},
      {"580元", yuan, 58000},
      {"580 元", yuan, 58000},
      {"（580元）", yuan, -58000},
      {"(580)元", yuan, -58000},
      {"¥1,234.56", yuan, 123456},
      {"-￥3", yuan, -300},
      {"1,234,567.89", yuan, 123456789},
      {"001.50", yuan, 150},       // leading zeros are harmless
      {"1.500000000", yuan, 150},  // zeros beyond 1 分 are exact
  };
  for (const Case& c : cases) {
    CHECK(fen_of(c.text, c.unit) == c.fen);
  }
}

TEST_CASE("parse_amount accepts the exponent form spreadsheets store", "[money]") {
  CHECK(fen_of("9.0816893E7", yuan) == 9081689300);
  CHECK(fen_of("1E3", wan) == 1000000000);
  CHECK(fen_of("1.5e-2", yuan, true) == 2);
  CHECK(error_of("2.5651900000000001E7", yuan) == AmountParseError::too_precise);
  CHECK(fen_of("2.5651900000000001E7", yuan, true) == 2565190000);
  CHECK(error_of("1.5E-3", yuan) == AmountParseError::too_precise);
  CHECK(fen_of("1E-2", yuan) == 1);
  CHECK(error_of("1E+30", yuan) == AmountParseError::out_of_range);
  CHECK(fen_of("0E+99999", yuan) == 0);
}

TEST_CASE("blank is not zero", "[money]") {
  for (const char* text : {"", " ", "\t", "\xE3\x80\x80", "-", "—", "--", "——", " - ", "–"}) {
    const auto r = parse_amount(text, yuan);
    INFO("text: [" << text << "]");
    CHECK(r.blank());
    CHECK_FALSE(r.value.has_value());
    CHECK_FALSE(r.error.has_value());
  }
  const auto zero = parse_amount("0.00", yuan);
  CHECK_FALSE(zero.blank());
  REQUIRE(zero.value);
  CHECK(zero.value->fen == 0);
}

TEST_CASE("parse_amount rejects what is not an amount", "[money]") {
  for (const char* text :
       {"1.2.3",   "12a", "a12",       "1,23,4",   "1,23", "12,34.5", "1234,567", ",123",
        "1,",      "1.",  ".5",        "1 234",    "--3",  "-(3)",    "(-3)",     "(3",
        "3)",      "()",  "- 3",       "¥",        "1e",   "1.2.3元", "三百",     "N/A",
        "#DIV/0!", "12%", "1,234.5.6", "\xFF\xFE", "0x10"}) {
    CHECK(error_of(text, yuan) == AmountParseError::not_a_number);
  }
}

TEST_CASE("a unit word must match the table's unit", "[money]") {
  CHECK(error_of("580元", wan) == AmountParseError::not_a_number);
  CHECK(error_of("40万元", yuan) == AmountParseError::not_a_number);
  CHECK(error_of("40 亿元", wan) == AmountParseError::not_a_number);
  CHECK(error_of("(580元)元", yuan) == AmountParseError::not_a_number);
  CHECK(error_of("(580万元)", yuan) == AmountParseError::not_a_number);
}

TEST_CASE("more precision than 1 fen is an error unless rounding is allowed", "[money]") {
  CHECK(error_of("1.234", yuan) == AmountParseError::too_precise);
  CHECK(error_of("0.0000001", wan) == AmountParseError::too_precise);
  CHECK(error_of("2565.1900001", wan) == AmountParseError::too_precise);
  // Half away from zero.
  CHECK(fen_of("1.234", yuan, true) == 123);
  CHECK(fen_of("1.235", yuan, true) == 124);
  CHECK(fen_of("-1.235", yuan, true) == -124);
  CHECK(fen_of("-1.2349999", yuan, true) == -123);
  CHECK(fen_of("0.0000005", wan, true) == 1);
  CHECK(fen_of("0.0000004999", wan, true) == 0);
  CHECK(fen_of("0.001", yuan, true) == 0);
  CHECK(fen_of("0.00000000000000000000000009", yuan, true) == 0);
  CHECK(fen_of("0.30000000000000004", yuan, true) == 30);  // a double artefact in a cell
}

TEST_CASE("amounts beyond 64 bits of fen are out of range", "[money]") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CHECK(fen_of("92233720368547758.07", yuan) == max);
  CHECK(fen_of("-92233720368547758.07", yuan) == -max);
  CHECK(error_of("92233720368547758.08", yuan) == AmountParseError::out_of_range);
  CHECK(error_of("9223372036854.775808", wan) == AmountParseError::out_of_range);
  CHECK(error_of("99999999999999999999999999999", yuan) == AmountParseError::out_of_range);
  CHECK(error_of("92233720368547758.075", yuan, true) == AmountParseError::out_of_range);
  CHECK(error_of(std::string(5000, '9'), yuan) == AmountParseError::out_of_range);
}

TEST_CASE("format_amount is exact in both units", "[money]") {
  CHECK(format_amount(Money{9081689300}, wan) == "9081.6893");
  CHECK(format_amount(Money{9081689300}, yuan) == "90816893.00");
  CHECK(format_amount(Money{141470000}, wan) == "141.47");
  CHECK(format_amount(Money{2565190000}, wan) == "2565.19");
  CHECK(format_amount(Money{2565190000}, wan, {.min_decimals = 2, .thousands = true}) ==
        "2,565.19");
  CHECK(format_amount(Money{1200000000}, wan) == "1200.00");
  CHECK(format_amount(Money{1}, wan) == "0.000001");
  CHECK(format_amount(Money{1}, yuan) == "0.01");
  CHECK(format_amount(Money{0}, yuan) == "0.00");
  CHECK(format_amount(Money{-1250}, yuan) == "-12.50");
  CHECK(format_amount(Money{-1}, wan) == "-0.000001");
  CHECK(format_amount(Money{12300}, yuan, {.min_decimals = 0}) == "123");
  CHECK(format_amount(Money{12345}, yuan, {.min_decimals = 0}) == "123.45");
  CHECK(format_amount(Money{12340}, yuan, {.min_decimals = 0}) == "123.4");
  CHECK(format_amount(Money{40000000}, wan, {.min_decimals = 0}) == "40");
  CHECK(format_amount(Money{40000000}, wan, {.min_decimals = 4}) == "40.0000");
  CHECK(format_amount(Money{123456789}, yuan, {.min_decimals = 2, .thousands = true}) ==
        "1,234,567.89");
  CHECK(format_amount(Money{-123456789}, yuan, {.min_decimals = 2, .thousands = true}) ==
        "-1,234,567.89");
  CHECK(format_amount(Money{100000}, yuan, {.min_decimals = 2, .thousands = true}) == "1,000.00");
  CHECK(format_amount(Money{99900}, yuan, {.min_decimals = 2, .thousands = true}) == "999.00");
  CHECK(format_amount(Money{std::numeric_limits<std::int64_t>::min()}, yuan) ==
        "-92233720368547758.08");
  CHECK(format_amount(Money{std::numeric_limits<std::int64_t>::max()}, wan) ==
        "9223372036854.775807");
}

TEST_CASE("yuan and wan-yuan denote the same exact amounts", "[money]") {
  CHECK(fen_of("9081.6893", wan) == fen_of("90816893.00", yuan));
  CHECK(fen_of("141.47", wan) == fen_of("1414700", yuan));
  CHECK(fen_of("2,565.19", wan) == fen_of("25651900.00", yuan));
  CHECK(fen_of("0.0001", wan) == fen_of("1", yuan));
}

TEST_CASE("format then parse gives the same amount back", "[money]") {
  const std::int64_t values[] = {0,
                                 1,
                                 -1,
                                 99,
                                 100,
                                 101,
                                 12345,
                                 -12345,
                                 9081689300,
                                 2565190000,
                                 141470000,
                                 1000000,
                                 999999,
                                 1000001,
                                 123456789012,
                                 -987654321,
                                 4611686018427387904LL,
                                 std::numeric_limits<std::int64_t>::max(),
                                 -std::numeric_limits<std::int64_t>::max()};
  for (std::int64_t v : values) {
    for (AmountUnit unit : {yuan, wan}) {
      for (bool thousands : {false, true}) {
        for (int min_decimals : {0, 2, 6}) {
          const std::string text =
              format_amount(Money{v}, unit, {.min_decimals = min_decimals, .thousands = thousands});
          INFO(text);
          CHECK(fen_of(text, unit) == v);
        }
      }
    }
  }
  // Walk every 分 of a range that crosses unit boundaries.
  for (std::int64_t v = -20001; v <= 20001; v += 7) {
    CHECK(fen_of(format_amount(Money{v}, wan), wan) == v);
    CHECK(fen_of(format_amount(Money{v}, yuan), yuan) == v);
  }
}

TEST_CASE("amount units have labels, ids and parse back", "[money]") {
  CHECK(std::string(budconv::amount_unit_label(yuan)) == "元");
  CHECK(std::string(budconv::amount_unit_label(wan)) == "万元");
  CHECK(std::string(budconv::amount_unit_id(yuan)) == "yuan");
  CHECK(std::string(budconv::amount_unit_id(wan)) == "wan-yuan");
  CHECK(budconv::parse_amount_unit("元") == yuan);
  CHECK(budconv::parse_amount_unit(" 万元 ") == wan);
  CHECK(budconv::parse_amount_unit("yuan") == yuan);
  CHECK(budconv::parse_amount_unit("wan-yuan") == wan);
  CHECK_FALSE(budconv::parse_amount_unit("单位：元"));
  CHECK_FALSE(budconv::parse_amount_unit("亿元"));
  CHECK_FALSE(budconv::parse_amount_unit(""));
}

TEST_CASE("checked_add detects overflow", "[money]") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  CHECK(Money::checked_add(Money{1}, Money{2}) == Money{3});
  CHECK(Money::checked_add(Money{max}, Money{-1}) == Money{max - 1});
  CHECK_FALSE(Money::checked_add(Money{max}, Money{1}));
  CHECK_FALSE(Money::checked_add(Money{-max}, Money{-2}));
  CHECK(Money{1} < Money{2});
}

TEST_CASE("amount error texts exist in both languages", "[money]") {
  for (auto e : {AmountParseError::not_a_number, AmountParseError::too_precise,
                 AmountParseError::out_of_range}) {
    const std::string zh = budconv::amount_error_text(e, false);
    const std::string en = budconv::amount_error_text(e, true);
    CHECK_FALSE(zh.empty());
    CHECK_FALSE(en.empty());
    CHECK(zh != en);
  }
  CHECK(budconv::amount_error_text(AmountParseError::too_precise, false).find("分") !=
        std::string::npos);
}
