// The "codepage" option: GBK text in Excel 95 files whose CODEPAGE record is missing or wrong,
// and the private container copy it is read from.
#include "xls_codepage.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "xls_biff.hpp"
#include "xls_test_support.hpp"

using budconv::ErrorCode;
using budconv::Lang;
using xls_test::corpus;
using xls_test::read_xls;

namespace {

/// "预算" in GBK: four bytes, so it can replace four ASCII bytes without moving anything.
const std::string kYusuanGbk = "\xD4\xA4\xCB\xE3";

/// A copy of a corpus file with the first occurrence of `ascii` overwritten by GBK "预算".
std::string with_gbk_text(const std::string& rel, const std::string& ascii) {
  std::string bytes = budconv::test::read_file(corpus(rel));
  const std::size_t pos = bytes.find(ascii);
  REQUIRE(pos != std::string::npos);
  REQUIRE(ascii.size() >= kYusuanGbk.size());
  bytes.replace(pos, kYusuanGbk.size(), kYusuanGbk);
  return bytes;
}

std::string text_at(const budconv::Workbook& book, std::size_t sheet, std::uint32_t row,
                    std::uint32_t col) {
  REQUIRE(sheet < book.sheets.size());
  return book.sheets[sheet].text(row, col);
}

}  // namespace

TEST_CASE("xls codepage option decodes GBK in a BIFF5 file without CODEPAGE record", "[xls]") {
  // apache-poi/59074.xls is an Excel 95 file with no CODEPAGE record at all; its A1 label
  // "SYMBOL_RTS" becomes "预算OL_RTS" in GBK, as a Chinese system would have written it.
  budconv::test::TempDir dir("xls-cp");
  const auto path = dir / "gbk-no-codepage.xls";
  const std::string original = with_gbk_text("apache-poi/59074.xls", "SYMBOL_RTS");
  budconv::test::write_file(path, original);
  xls_test::ScopedTmpdir tmp;

  auto plain = read_xls(path);
  REQUIRE_FALSE(plain.status.ok());
  CHECK(plain.status.error().code == ErrorCode::unsupported);
  CHECK_THAT(plain.status.error().message, Catch::Contains("codepage"));
  CHECK_THAT(plain.status.error().message, Catch::Contains("gbk-no-codepage.xls"));

  for (const std::string value : {"936", "gbk", "CP936"}) {
    INFO("codepage=" << value);
    auto r = read_xls(path, {{"codepage", value}});
    REQUIRE(r.status.ok());
    CHECK(r.book.sheets.at(0).name == "MISSINGDATA");
    CHECK(text_at(r.book, 0, 0, 0) == "预算OL_RTS");
    CHECK(text_at(r.book, 0, 0, 1) == "SYMBOL_EXCH_TICKER");
  }
  CHECK(budconv::test::read_file(path) == original);  // the input is never modified
  CHECK(tmp.leftovers() == 0);                        // the private copy is gone
}

TEST_CASE("xls codepage option replaces a wrong CODEPAGE record", "[xls]") {
  // testEXCEL_95.xls declares code page 1252; its A1 starts "Sample Excel", now GBK "预算le Excel".
  budconv::test::TempDir dir("xls-cp");
  const auto path = dir / "gbk-as-1252.xls";
  budconv::test::write_file(path, with_gbk_text("apache-poi/testEXCEL_95.xls", "Sample Excel"));
  xls_test::ScopedTmpdir tmp;

  auto as_declared = read_xls(path);
  REQUIRE(as_declared.status.ok());
  CHECK(text_at(as_declared.book, 0, 0, 0) ==
        "\xC3\x94\xC2\xA4\xC3\x8B\xC3\xA3le Excel Worksheet - Numbers and their Squares");

  auto overridden = read_xls(path, {{"codepage", "936"}});
  REQUIRE(overridden.status.ok());
  CHECK(text_at(overridden.book, 0, 0, 0) == "预算le Excel Worksheet - Numbers and their Squares");
  CHECK(overridden.book.sheets.at(0).text(8, 2) == "16");
  CHECK(tmp.leftovers() == 0);
}

TEST_CASE("xls codepage option leaves BIFF8 Unicode text alone", "[xls]") {
  xls_test::ScopedTmpdir tmp;
  auto r = read_xls(corpus("apache-poi/chinese-provinces.xls"), {{"codepage", "936"}});
  REQUIRE(r.status.ok());
  CHECK(r.book.sheets.at(0).text(1, 1) == "安徽省");
  CHECK(tmp.leftovers() == 0);
}

TEST_CASE("xls codepage option rejects unknown values and raw BIFF", "[xls]") {
  for (const std::string value : {"klingon", "65000", "10029", ""}) {
    INFO("codepage=" << value);
    auto r = read_xls(corpus("apache-poi/SampleSS.xls"), {{"codepage", value}}, Lang::en);
    REQUIRE_FALSE(r.status.ok());
    CHECK(r.status.error().code == ErrorCode::usage);
    CHECK_THAT(r.status.error().message, Catch::Contains("option codepage"));
  }
  auto raw = read_xls(corpus("apache-poi/testEXCEL_4.xls"), {{"codepage", "936"}});
  REQUIRE_FALSE(raw.status.ok());
  CHECK(raw.status.error().code == ErrorCode::unsupported);

  using budconv::xls::parse_codepage_option;
  CHECK(parse_codepage_option("936") == 936);
  CHECK(parse_codepage_option("GB2312") == 936);
  CHECK(parse_codepage_option("windows-1252") == 1252);
  CHECK(parse_codepage_option("big5") == 950);
  CHECK(parse_codepage_option("utf-16") == 1200);
  CHECK_FALSE(parse_codepage_option("cp").has_value());
}

TEST_CASE("xls codepage insertion moves every sheet offset", "[xls]") {
  const std::string stream = xls_test::workbook_stream(corpus("apache-poi/59074.xls"));
  budconv::xls::BiffProblem problem = budconv::xls::BiffProblem::none;
  auto before = budconv::xls::scan_biff(stream, std::nullopt, problem);
  REQUIRE(before.has_value());
  REQUIRE_FALSE(before->codepage.has_value());
  const std::string patched = budconv::xls::override_codepage(stream, *before, 936);
  CHECK(patched.size() == stream.size() + 6);
  auto after = budconv::xls::scan_biff(patched, std::nullopt, problem);
  REQUIRE(after.has_value());
  CHECK(after->codepage == 936);
  REQUIRE(after->sheets.size() == before->sheets.size());
  for (std::size_t i = 0; i < after->sheets.size(); ++i) {
    CHECK(after->sheets[i].bof_offset == before->sheets[i].bof_offset + 6);
    CHECK(after->sheets[i].substream_found);
  }

  // Replacement keeps the size and only changes the two value bytes.
  const std::string s95 = xls_test::workbook_stream(corpus("apache-poi/testEXCEL_95.xls"));
  auto scan95 = budconv::xls::scan_biff(s95, std::nullopt, problem);
  REQUIRE(scan95.has_value());
  REQUIRE(scan95->codepage == 1252);
  const std::string replaced = budconv::xls::override_codepage(s95, *scan95, 936);
  CHECK(replaced.size() == s95.size());
  CHECK(budconv::xls::le16(replaced, *scan95->codepage_offset + 4) == 936);
}

TEST_CASE("xls single-stream compound files read back exactly", "[xls]") {
  // Sizes around the 4096-byte mini-stream cutoff and one past 109 FAT sectors (needs DIFAT).
  for (std::size_t size : {std::size_t{0}, std::size_t{100}, std::size_t{4095}, std::size_t{4096},
                           std::size_t{70000}, std::size_t{8u << 20}}) {
    INFO("size " << size);
    std::string data(size, '\0');
    for (std::size_t i = 0; i < size; ++i) data[i] = static_cast<char>((i * 131) % 251);
    const std::string file = budconv::xls::build_single_stream_cfb("Workbook", data);
    budconv::xls::CfbFile cfb(file);
    REQUIRE(cfb.problem() == budconv::xls::CfbProblem::none);
    const budconv::xls::CfbEntry* e = cfb.find_stream("workbook");
    REQUIRE(e != nullptr);
    CHECK(e->name == "Workbook");
    budconv::xls::CfbProblem problem = budconv::xls::CfbProblem::none;
    auto back = cfb.read_stream(*e, problem);
    REQUIRE(back.has_value());
    CHECK(*back == data);
  }
}
