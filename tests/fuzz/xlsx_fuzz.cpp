// Deterministic mutation fuzzing of the XLSX reader. The zip layer is fuzzed on the raw bytes; the
// XML parsers (workbook, relationships, shared strings, styles, sheets) on parts mutated inside a
// well-formed zip, since a damaged zip rarely gets past its CRC checks. Every case must be read or
// refused with one line naming the file, through both the whole-workbook and the row-streaming
// paths, never crash or throw.
#include <catch2/catch.hpp>

#include "../unit/xlsx_fixture.hpp"
#include "mutator.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
using namespace budconv;

namespace {

const std::vector<std::string> kTokens = {
    "<!DOCTYPE x [<!ENTITY a \"b\">]>",
    "&a;",
    "&#0;",
    "&#x4E2D;",
    "<![CDATA[",
    "]]>",
    "<!--",
    " r=\"XFD1048576\"",
    " r=\"A0\"",
    " r=\"\"",
    " t=\"s\"",
    " t=\"inlineStr\"",
    " t=\"e\"",
    " t=\"b\"",
    " t=\"d\"",
    " s=\"99999\"",
    "<v>4294967296</v>",
    "<f t=\"shared\" si=\"0\"/>",
    "<c>",
    "</c>",
    "<row>",
    "</row>",
    "<mergeCell ref=\"A1:XFD1048576\"/>",
    "_x0000_",
    "\xFF",
    "\xE4\xB8",
};

// The parts of a real form our writer produced: one sheet per goal, shared strings, styles,
// merges, a hidden recovery sheet.
std::vector<bt::xlsx::Part> seed_parts() {
  const fs::path sample = bt::source_dir() / "samples" / "henan-qinyang-2020-goals.xlsx";
  std::vector<bt::xlsx::Part> parts;
  int err = 0;
  zip_t* z = zip_open(sample.c_str(), ZIP_RDONLY, &err);
  REQUIRE(z != nullptr);
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    REQUIRE(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0);
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(f != nullptr);
    std::string data(static_cast<std::size_t>(st.size), '\0');
    REQUIRE(zip_fread(f, data.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    parts.push_back({st.name, std::move(data)});
  }
  zip_close(z);
  return parts;
}

// Discards what a streaming read produces.
class NullSink final : public RowSink {
 protected:
  Status do_begin_sheet(const SheetStart&) override { return {}; }
  Status do_row(std::uint32_t, std::span<const RowCell>) override { return {}; }
  Result<SheetEnd> do_end_sheet(std::span<const MergedRange>) override { return SheetEnd::done; }
};

}  // namespace

TEST_CASE("the XLSX reader survives mutated parts and mutated zips", "[xlsx][fuzz]") {
  const std::vector<bt::xlsx::Part> parts = seed_parts();
  REQUIRE(parts.size() > 4);
  bt::TempDir dir("xlsx-fuzz");
  bt::Mutator mutator(20261126, kTokens);
  std::vector<std::string> inputs;
  // Parts mutated inside a sound zip: each case damages one XML part.
  for (int i = 0; i < 600; ++i) {
    std::vector<bt::xlsx::Part> damaged = parts;
    bt::xlsx::Part& victim = damaged[mutator.pick(damaged.size())];
    victim.data = mutator.mutate(victim.data);
    bt::xlsx::write_zip(dir / "case.xlsx", damaged);
    inputs.push_back(bt::read_file(dir / "case.xlsx"));
  }
  // The zip itself damaged.
  bt::xlsx::write_zip(dir / "seed.xlsx", parts);
  const std::string zip_bytes = bt::read_file(dir / "seed.xlsx");
  for (auto& damaged : mutator.variants({zip_bytes}, 300)) inputs.push_back(std::move(damaged));

  budconv::xlsx::XlsxFormat fmt;
  const bt::FuzzTally whole = bt::fuzz_files(inputs, dir.path(), "xlsx", bt::workbook_reader(fmt));
  CHECK(whole.accepted > 0);
  CHECK(whole.refused > 0);
  const bt::FuzzTally streamed =
      bt::fuzz_files(inputs, dir.path(), "xlsx", [&](const fs::path& p, const Options& o) {
        NullSink sink;
        Status st = fmt.read_rows(p, o, sink);
        // "Cannot stream this input" sends the caller to read(): not a refusal of the file.
        if (!st.ok() && st.error().code == ErrorCode::unsupported) return Status{};
        return st;
      });
  CHECK(streamed.refused > 0);
}
