// Deterministic mutation fuzzing of the legacy .xls reader (budconv's compound-file and BIFF
// passes, then FreeXL): damaged variants of real BIFF8/BIFF5 files from the corpus must be read or
// refused with one line naming the file, never crash, hang or throw.
#include <catch2/catch.hpp>

#include "mutator.hpp"
#include "test_support.hpp"
#include "xls_format.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;

namespace {

// BIFF record ids and lengths that reach the record walker's special paths: BOF, EOF, SST,
// CONTINUE, CODEPAGE, MERGEDCELLS, FILEPASS, huge and zero lengths; and compound-file sector
// markers (free, end of chain, FAT, DIFAT).
const std::vector<std::string> kTokens = {
    std::string("\x09\x08\x10\x00", 4),         std::string("\x0A\x00\x00\x00", 4),
    std::string("\xFC\x00\xFF\xFF", 4),         std::string("\x3C\x00\x20\x20", 4),
    std::string("\x42\x00\x02\x00\xA8\x03", 6), std::string("\xE5\x00\x0A\x00", 4),
    std::string("\x2F\x00\x06\x00", 4),         std::string("\xFF\xFF\xFF\xFF", 4),
    std::string("\xFE\xFF\xFF\xFF", 4),         std::string("\xFD\xFF\xFF\xFF", 4),
    std::string("\xFC\xFF\xFF\xFF", 4),         std::string("\x00\x00\x00\x00", 4),
    std::string("\x00\x10\x00\x00", 4),
};

// Small real files of several producers: Excel, LibreOffice, PhpSpreadsheet, BIFF5.
std::vector<fs::path> seeds() {
  std::vector<fs::path> out;
  const fs::path corpus = bt::shared_dir() / "corpus";
  for (const char* f :
       {"phpspreadsheet/HiddenMergeCellsTest.xls", "phpspreadsheet/maccentraleurope.biff5.xls",
        "phpspreadsheet/RichTextFontSize.xls"}) {
    if (fs::exists(corpus / f)) out.push_back(corpus / f);
  }
  return out;
}

}  // namespace

TEST_CASE("the .xls reader survives mutated workbooks", "[xls][fuzz]") {
  const auto files = seeds();
  if (files.empty()) {
    WARN("../shared/corpus is missing: no .xls seeds");
    return;
  }
  bt::Mutator mutator(20261123, kTokens);
  bt::TempDir dir("xls-fuzz");
  std::vector<std::string> seed_bytes;
  for (const fs::path& f : files) seed_bytes.push_back(bt::read_file(f));
  budconv::xls::XlsFormat fmt;
  const bt::FuzzTally total = bt::fuzz_files(mutator.variants(seed_bytes, 250), dir.path(), "xls",
                                             bt::workbook_reader(fmt));
  CHECK(total.accepted > 0);
  CHECK(total.refused > 0);
}
