// Exact decimals for targets, weights and percentages.
#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "budconv/decimal.hpp"
#include "budconv/result.hpp"

using budconv::Decimal;

TEST_CASE("Decimal parses plain numbers and keeps their scale", "[decimal]") {
  CHECK(Decimal::parse("289.89") == Decimal{28989, 2});
  CHECK(Decimal::parse("-3") == Decimal{-3, 0});
  CHECK(Decimal::parse("1,200.5") == Decimal{12005, 1});
  CHECK(Decimal::parse("０.５０") == Decimal{50, 2});
  CHECK(Decimal::parse(" 6 ") == Decimal{6, 0});
  CHECK(Decimal::parse("+7") == Decimal{7, 0});
  CHECK(Decimal::parse("0.000000000000000001") == Decimal{1, 18});
  CHECK(Decimal::parse("9223372036854775807") ==
        Decimal{std::numeric_limits<std::int64_t>::max(), 0});
  CHECK(Decimal::parse("-9223372036854775808") ==
        Decimal{std::numeric_limits<std::int64_t>::min(), 0});
}

TEST_CASE("Decimal rejects what is not a plain number", "[decimal]") {
  for (const char* text : {"", " ", "90%", "1.2.3", "1,23", "a", "1e5", ".5", "5.", "--1", "1 000",
                           "0.0000000000000000001", "9223372036854775808", "六"}) {
    INFO(text);
    CHECK_FALSE(Decimal::parse(text));
  }
}

TEST_CASE("Decimal formats with exactly its scale", "[decimal]") {
  CHECK(Decimal{28989, 2}.to_string() == "289.89");
  CHECK(Decimal{6, 0}.to_string() == "6");
  CHECK(Decimal{50, 2}.to_string() == "0.50");
  CHECK(Decimal{-5, 1}.to_string() == "-0.5");
  CHECK(Decimal{-5, 3}.to_string() == "-0.005");
  CHECK(Decimal{std::numeric_limits<std::int64_t>::min(), 2}.to_string() ==
        "-92233720368547758.08");
  for (const char* text : {"0", "0.0", "-0.01", "123456.789", "100", "0.50"}) {
    CHECK(Decimal::parse(text)->to_string() == text);
  }
}

TEST_CASE("Decimal equality by value or by representation", "[decimal]") {
  CHECK(Decimal{15, 1}.equals(Decimal{150, 2}));
  CHECK_FALSE(Decimal{15, 1} == Decimal{150, 2});
  CHECK(Decimal{0, 5}.equals(Decimal{0, 0}));
  CHECK_FALSE(Decimal{15, 1}.equals(Decimal{151, 2}));
  CHECK_FALSE(Decimal{-15, 1}.equals(Decimal{15, 1}));
  CHECK(Decimal{std::numeric_limits<std::int64_t>::max(), 0}.equals(
      Decimal{std::numeric_limits<std::int64_t>::max(), 0}));
  CHECK_FALSE(Decimal{std::numeric_limits<std::int64_t>::max(), 0}.equals(
      Decimal{std::numeric_limits<std::int64_t>::max(), 18}));
  CHECK(Decimal{5, -2}.equals(Decimal{500, 0}));  // odd scales are still compared safely
  CHECK_FALSE(Decimal{5, -300}.equals(Decimal{5, 0}));
}

TEST_CASE("error codes have ASCII names", "[result]") {
  CHECK(std::string(budconv::error_code_name(budconv::ErrorCode::ok)) == "ok");
  CHECK(std::string(budconv::error_code_name(budconv::ErrorCode::limit)) == "limit");
  CHECK(std::string(budconv::error_code_name(budconv::ErrorCode::invalid_value)) ==
        "invalid-value");
  CHECK(std::string(budconv::error_code_name(budconv::ErrorCode::internal)) == "internal");
  const budconv::Result<int> bad = budconv::make_error(budconv::ErrorCode::io, "x");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error().code == budconv::ErrorCode::io);
}
