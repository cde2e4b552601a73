// The regional goal forms saved as legacy .xls (BIFF8) still read through their templates: each
// goal sample is saved as .xls by tests/support/xlsx_to_xls.py (openpyxl + xlwt, since budconv
// writes no .xls) and must give the same canonical XML as the .xlsx, down to the sheet and cell
// each value came from. (The GB18030 CSV variant is covered in cli_regions_containers.cpp.)
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "cli_regions_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;
namespace rg = budconv::test::regions;

namespace {

// The Debian interpreter: the pyenv python3 on PATH has neither openpyxl nor xlwt.
const char* const kPython = "/usr/bin/python3";

fs::path converter_script() {
  return bt::source_dir() / "tests/support/xlsx_to_xls.py";
}

// Fails the test (never skips it) when the converter cannot run: ./build.sh installs its modules.
void require_converter() {
  const bt::RunResult r = bt::run({kPython, "-c", "import openpyxl, xlwt"});
  if (r.exit_code != 0)
    FAIL("python3-xlwt or python3-openpyxl is missing (" << r.err
                                                         << "); run ./build.sh, which installs "
                                                            "the Debian packages the tests need");
}

// Saves `xlsx` as `xls` the way "Save as Excel 97-2003" would.
void save_as_xls(const fs::path& xlsx, const fs::path& xls) {
  const bt::RunResult r =
      bt::run({kPython, converter_script().string(), xlsx.string(), xls.string()});
  INFO("xlsx_to_xls.py " << xlsx.string() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  // A compound file (OLE2), as every BIFF8 workbook is.
  REQUIRE(bt::read_file(xls).rfind("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 0) == 0);
}

// The canonical XML of `in` written by `budconv convert`; `tmpl` receives the template it read
// with.
std::string canonical_xml(const fs::path& in, const fs::path& out, std::string& tmpl) {
  const bt::RunResult r =
      bt::run_budconv({"convert", in.string(), "-o", out.string()}, {"BUDCONV_LANG=zh"});
  INFO("budconv convert " << in.string() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string tag = "读取所用模板：";
  const auto at = r.err.find(tag);
  tmpl = at == std::string::npos
             ? ""
             : r.err.substr(at + tag.size(), r.err.find('\n', at) - at - tag.size());
  return bt::read_file(out);
}

// The merged ranges `budconv inspect --dump` lists for a workbook, sorted (readers list them in
// file order, which differs between containers).
std::string merged_ranges(const fs::path& book) {
  const bt::RunResult r =
      bt::run_budconv({"inspect", "--dump", book.string()}, {"BUDCONV_LANG=zh"});
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> merges;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.find("] merge ") != std::string::npos) merges.push_back(line);
  std::sort(merges.begin(), merges.end());
  std::string out;
  for (const auto& m : merges) out += m + '\n';
  return out;
}

}  // namespace

TEST_CASE("every goal sample saved as .xls reads through its template to the same goals",
          "[xls][templates][cli]") {
  require_converter();
  int read = 0;
  for (const auto& s : rg::goal_samples()) {
    if (!rg::template_built(s.tmpl) || !fs::exists(s.workbook_path())) continue;
    INFO(s.workbook);
    bt::TempDir dir("xls-templates");
    const fs::path xls = dir / (s.stem() + ".xls");
    save_as_xls(s.workbook_path(), xls);
    // The form keeps its merged cells: the Sichuan 表6 and the level-1 columns rely on fill-down.
    const std::string merges = merged_ranges(xls);
    CHECK(std::count(merges.begin(), merges.end(), '\n') > 3);
    CHECK(merges == merged_ranges(s.workbook_path()));

    std::string want_tmpl, got_tmpl;
    const std::string want = canonical_xml(s.workbook_path(), dir / "from-xlsx.xml", want_tmpl);
    const std::string got = canonical_xml(xls, dir / "from-xls.xml", got_tmpl);
    CHECK(want_tmpl == s.tmpl);
    CHECK(got_tmpl == s.tmpl);
    // Same goals, indicators, targets and budgets, read from the same sheets and cells (the
    // canonical XML does not name the file it came from).
    CHECK(want.find("<indicator ") != std::string::npos);
    INFO(rg::first_difference(want, got));
    CHECK(want == got);
    ++read;
  }
  CHECK(read >= 4);  // the four goal samples of samples/goal-forms.tsv
}

TEST_CASE("the .xls variant of a goal form converts into another region's form",
          "[xls][templates][cli]") {
  require_converter();
  const auto samples = rg::goal_samples();
  const auto sichuan = std::find_if(samples.begin(), samples.end(),
                                    [](const auto& s) { return s.region == "sichuan"; });
  REQUIRE(sichuan != samples.end());
  if (!rg::template_built(sichuan->tmpl) || rg::goal_template_of("hebei").empty()) return;
  bt::TempDir dir("xls-cross");
  const fs::path xls = dir / "leshan.xls";
  save_as_xls(sichuan->workbook_path(), xls);
  const fs::path hebei = dir / "leshan-hebei.xlsx";
  const bt::RunResult r = bt::run_budconv(
      {"convert", xls.string(), "--to", "hebei", "-o", hebei.string()}, {"BUDCONV_LANG=zh"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("读取所用模板：" + sichuan->tmpl) != std::string::npos);
  // What every form has a column for survives: the same as converting the .xlsx.
  const fs::path direct = dir / "direct-hebei.xlsx";
  REQUIRE(bt::run_budconv({"convert", sichuan->workbook_path().string(), "--to", "hebei", "-o",
                           direct.string()})
              .exit_code == 0);
  const std::string want = rg::seed_fields(rg::submission_dump(direct), rg::kVisibleEverywhere);
  const std::string got = rg::seed_fields(rg::submission_dump(hebei), rg::kVisibleEverywhere);
  CHECK(std::count(got.begin(), got.end(), '\n') > 20);
  INFO(rg::first_difference(want, got));
  CHECK(want == got);
}

TEST_CASE("a converted form saved as .xls keeps what its hidden recovery sheet holds",
          "[xls][templates][recovery][cli]") {
  require_converter();
  if (rg::goal_template_of("sichuan").empty()) return;
  // Wei County's canonical XML (goals and 22 budget tables) is far larger than FreeXL's limit of
  // about 16,000 characters per cell, so the hidden sheet must be cut finer than Excel allows.
  const fs::path source = bt::source_dir() / "samples/hebei-weixian-2021.xml";
  REQUIRE(bt::read_file(source).size() > 32767);
  bt::TempDir dir("xls-recovery");
  const fs::path xlsx = dir / "weixian-sichuan.xlsx";
  const bt::RunResult w = bt::run_budconv(
      {"convert", source.string(), "--to", "sichuan", "-o", xlsx.string()}, {"BUDCONV_LANG=zh"});
  INFO(w.err);
  REQUIRE(w.exit_code == 0);
  const fs::path xls = dir / "weixian-sichuan.xls";
  save_as_xls(xlsx, xls);
  std::string tmpl_xlsx, tmpl_xls;
  const std::string want = canonical_xml(xlsx, dir / "from-xlsx.xml", tmpl_xlsx);
  const std::string got = canonical_xml(xls, dir / "from-xls.xml", tmpl_xls);
  // 指标值确定依据 has no column in 表6: only the recovery sheet brings it back.
  CHECK(want.find("basis=\"医疗保险政策宣传广度\"") != std::string::npos);
  INFO(rg::first_difference(want, got));
  CHECK(want == got);
}
