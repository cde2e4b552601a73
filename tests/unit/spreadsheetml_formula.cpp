// R1C1 ⇄ A1 rewriting of SpreadsheetML formulas.
#include "spreadsheetml_formula.hpp"

#include <catch2/catch.hpp>

using budconv::spreadsheetml::a1_to_r1c1;
using budconv::spreadsheetml::r1c1_to_a1;

TEST_CASE("R1C1 references become A1 references relative to the cell", "[spreadsheetml]") {
  // Seen from D4 (row 3, col 3).
  CHECK(r1c1_to_a1("=R[-1]C[-2]*2", 3, 3) == "B3*2");
  CHECK(r1c1_to_a1("=RC", 3, 3) == "D4");
  CHECK(r1c1_to_a1("=SUM(R1C1:R2C3)", 3, 3) == "SUM($A$1:$C$2)");
  CHECK(r1c1_to_a1("=R1C[1]+R[1]C2", 3, 3) == "E$1+$B5");
  CHECK(r1c1_to_a1("=ROUND(R[-1]C,2)", 3, 3) == "ROUND(D3,2)");
  CHECK(r1c1_to_a1("=SUM(R2)", 3, 3) == "SUM($2:$2)");
  CHECK(r1c1_to_a1("=SUM(R2:R[1])", 3, 3) == "SUM($2:5)");
  CHECK(r1c1_to_a1("=SUM(C[-1]:C)", 3, 3) == "SUM(C:D)");
}

TEST_CASE("strings, sheet names and functions are not references", "[spreadsheetml]") {
  CHECK(r1c1_to_a1("=RC[1]&\"R1C1\"", 3, 3) == "E4&\"R1C1\"");
  CHECK(r1c1_to_a1("='R1C1 表'!R1C1", 0, 0) == "'R1C1 表'!$A$1");
  CHECK(r1c1_to_a1("=收入总表!R[1]C", 0, 0) == "收入总表!A2");
  CHECK(r1c1_to_a1("=COUNTIF(R1C1:R9C1,\">=1\")", 0, 0) == "COUNTIF($A$1:$A$9,\">=1\")");
  CHECK(r1c1_to_a1("=RAND()+CHAR(65)", 0, 0) == "RAND()+CHAR(65)");
  CHECK(r1c1_to_a1("=Rate*2", 0, 0) == "Rate*2");
}

TEST_CASE("references outside the sheet are left as written", "[spreadsheetml]") {
  CHECK(r1c1_to_a1("=R[-10]C", 0, 0) == "R[-10]C");
  CHECK(r1c1_to_a1("=RC[-1]", 0, 0) == "RC[-1]");
}

TEST_CASE("A1 references become R1C1 references", "[spreadsheetml]") {
  CHECK(a1_to_r1c1("B3*2", 3, 3) == "R[-1]C[-2]*2");
  CHECK(a1_to_r1c1("SUM($A$1:$C$2)", 3, 3) == "SUM(R1C1:R2C3)");
  CHECK(a1_to_r1c1("E$1+$B5", 3, 3) == "R1C[1]+R[1]C2");
  CHECK(a1_to_r1c1("D4", 3, 3) == "RC");
  CHECK(a1_to_r1c1("SUM(C:D)", 3, 3) == "SUM(C[-1]:C)");
  CHECK(a1_to_r1c1("SUM($2:5)", 3, 3) == "SUM(R2:R[1])");
  CHECK(a1_to_r1c1("LOG10(A1)+TRUE", 0, 0) == "LOG10(RC)+TRUE");
  CHECK(a1_to_r1c1("\"A1\"&'B2 x'!B2", 0, 0) == "\"A1\"&'B2 x'!R[1]C[1]");
  CHECK(a1_to_r1c1("1.5+2", 0, 0) == "1.5+2");
}

TEST_CASE("A1 → R1C1 → A1 is the identity", "[spreadsheetml]") {
  const char* formulas[] = {
      "SUM(B2:B9)-$C$1", "IF(A1>0,\"正\",\"负\")", "收入总表!D7*100", "'a b'!$A1+A$1",
      "SUM(A:A)",        "AVERAGE(3:3)",           "XFD1048576",      "ROUND(C6/10000,2)",
  };
  for (const char* f : formulas) {
    INFO(f);
    for (std::uint32_t row : {0u, 5u, 100u}) {
      for (std::uint32_t col : {0u, 3u}) {
        CHECK(r1c1_to_a1(a1_to_r1c1(f, row, col), row, col) == f);
      }
    }
  }
}
