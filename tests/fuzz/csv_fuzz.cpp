// Deterministic mutation fuzzing of the CSV/TSV reader: damaged UTF-8, UTF-8-with-BOM and GB18030
// files (broken quotes, stray bytes, cut multi-byte characters, NULs) must be read or refused with
// one line naming the file, never crash or throw.
#include <catch2/catch.hpp>

#include "csv_format.hpp"
#include "mutator.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;

namespace {

const std::vector<std::string> kTokens = {
    "\"",
    "\"\"",
    ",",
    "\t",
    "\r",
    "\n",
    "\r\n",
    std::string("\0", 1),
    "\xEF\xBB\xBF",
    "\xFF\xFE",
    "\xE4\xB8",
    "\xD6",
    "\x81\x30",
    "\x81\x30\x81\x30",
    "=SUM(A1)",
    "9999999999999999999",
};

// A 收入总表 extract: codes as text, amounts with thousands separators, a quoted cell with a comma
// and a line break.
const std::string kUtf8 =
    "科目编码,科目名称,合计,备注\r\n"
    "201,一般公共服务支出,\"538,500.00\",\r\n"
    "2010201,行政运行,\"538,500.00\",\"含\"\"两会\"\"经费，\n跨行\"\r\n"
    "208,社会保障和就业支出,\"2,097,300.00\",\r\n";
// The same head in GB18030: 科目编码,合计 then an amount.
const std::string kGb18030 =
    "\xBF\xC6\xC4\xBF\xB1\xE0\xC2\xEB,\xBA\xCF\xBC\xC6\r\n"
    "201,\"538,500.00\"\r\n";

}  // namespace

TEST_CASE("the CSV reader survives mutated files in every encoding", "[csv][fuzz]") {
  bt::Mutator mutator(20261124, kTokens);
  bt::TempDir dir("csv-fuzz");
  budconv::csv::DelimitedFormat fmt(budconv::csv::csv_dialect());
  const bt::FuzzTally total =
      bt::fuzz_files(mutator.variants({kUtf8, "\xEF\xBB\xBF" + kUtf8, kGb18030}, 400), dir.path(),
                     "csv", bt::workbook_reader(fmt));
  CHECK(total.accepted > 0);
  CHECK(total.refused > 0);
}
