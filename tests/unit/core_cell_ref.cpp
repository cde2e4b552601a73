// A1 references ⇄ zero-based positions.
#include <catch2/catch.hpp>
#include <string>

#include "budconv/cell_ref.hpp"

using budconv::CellPos;
using budconv::parse_a1;

TEST_CASE("column letters are bijective base 26", "[cell_ref]") {
  CHECK(budconv::column_letters(0) == "A");
  CHECK(budconv::column_letters(25) == "Z");
  CHECK(budconv::column_letters(26) == "AA");
  CHECK(budconv::column_letters(51) == "AZ");
  CHECK(budconv::column_letters(52) == "BA");
  CHECK(budconv::column_letters(701) == "ZZ");
  CHECK(budconv::column_letters(702) == "AAA");
  CHECK(budconv::column_letters(16383) == "XFD");
  CHECK(budconv::column_letters(4294967295u) == "MWLQKWV");  // no overflow at the top
}

TEST_CASE("A1 text for positions", "[cell_ref]") {
  CHECK(budconv::a1(0, 0) == "A1");
  CHECK(budconv::a1(6, 3) == "D7");
  CHECK(budconv::a1(CellPos{1048575, 16383}) == "XFD1048576");
}

TEST_CASE("parse_a1 reads valid references", "[cell_ref]") {
  CHECK(parse_a1("A1") == CellPos{0, 0});
  CHECK(parse_a1("D7") == CellPos{6, 3});
  CHECK(parse_a1("d7") == CellPos{6, 3});
  CHECK(parse_a1("$D$7") == CellPos{6, 3});
  CHECK(parse_a1("$D7") == CellPos{6, 3});
  CHECK(parse_a1("D$7") == CellPos{6, 3});
  CHECK(parse_a1("AA10") == CellPos{9, 26});
  CHECK(parse_a1("XFD1048576") == CellPos{1048575, 16383});
  CHECK(parse_a1("xfd1048576") == CellPos{1048575, 16383});
}

TEST_CASE("parse_a1 rejects malformed and out-of-grid references", "[cell_ref]") {
  for (const char* ref :
       {"",      "A",    "7",    "A0",   "A01", "1A",   "A-1",   "A1B",      " A1",
        "A1 ",   "$$A1", "A$$1", "A$",   "$1",  "XFE1", "AAAA1", "A1048577", "A99999999999",
        "A1:B2", "Ａ1",  "中1",  "A1\n", "A+1"}) {
    INFO("ref: [" << ref << "]");
    CHECK_FALSE(parse_a1(ref));
  }
}

TEST_CASE("A1 round trip over the grid's corners and a sample inside", "[cell_ref]") {
  for (std::uint32_t col : {0u, 1u, 25u, 26u, 27u, 701u, 702u, 703u, 16382u, 16383u}) {
    for (std::uint32_t row : {0u, 8u, 9u, 99u, 65535u, 65536u, 1048575u}) {
      const std::string ref = budconv::a1(row, col);
      INFO(ref);
      CHECK(parse_a1(ref) == CellPos{row, col});
    }
  }
  for (std::uint32_t col = 0; col < budconv::kMaxCols; col += 37) {
    CHECK(budconv::parse_column(budconv::column_letters(col)) == col);
  }
}

TEST_CASE("parse_column reads letters alone or the column of a reference", "[cell_ref]") {
  CHECK(budconv::parse_column("A") == 0u);
  CHECK(budconv::parse_column("AA") == 26u);
  CHECK(budconv::parse_column("D7") == 3u);
  CHECK(budconv::parse_column("$D$7") == 3u);
  CHECK(budconv::parse_column("xfd") == 16383u);
  CHECK_FALSE(budconv::parse_column(""));
  CHECK_FALSE(budconv::parse_column("7"));
  CHECK_FALSE(budconv::parse_column("XFE"));
  CHECK_FALSE(budconv::parse_column("D7x"));
  CHECK_FALSE(budconv::parse_column("D$"));
  CHECK_FALSE(budconv::parse_column("A-"));
}
