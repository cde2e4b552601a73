// The budconv program as a user runs it: exit codes, --force, atomic writes, bad inputs.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using budconv::test::run_budconv;
using budconv::test::TempDir;

namespace {

fs::path sample(const std::string& name) {
  return budconv::test::source_dir() / "samples" / name;
}

// A small valid canonical document, independent of the transcribed samples.
const char* kMiniXml = R"XML(<?xml version="1.0" encoding="UTF-8"?>
<submission xmlns="urn:budconv:submission:1" format-version="1" agency-code="315" agency-name="乐山市医疗保障局" fiscal-year="2022" kind="performance-goals" region="sichuan">
  <goal kind="department" name="" unit-name="315-乐山市医疗保障局" amount-unit="wan-yuan">
    <budget period="annual" total="2565.19"/>
    <indicator period="annual" level1="产出指标" level2="数量指标" name="开展医保集中宣传次数(次)" target="≥2次" comparator="ge" value="2" unit="次" weight="5" direction="正向指标"/>
  </goal>
</submission>
)XML";

void expect_one_line_error(const budconv::test::RunResult& r, int code, const std::string& needle) {
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == code);
  CHECK(budconv::test::line_count(r.err) == 1);
  CHECK(r.err.find(needle) != std::string::npos);
  CHECK(r.err.find("terminate") == std::string::npos);
}

}  // namespace

TEST_CASE("version and help on every command", "[cli]") {
  auto v = run_budconv({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("budconv ") != std::string::npos);
  for (const char* cmd : {"formats", "inspect", "convert"}) {
    auto h = run_budconv({cmd, "--help"});
    INFO(cmd);
    CHECK(h.exit_code == 0);
    CHECK(h.out.find(cmd) != std::string::npos);
  }
  auto none = run_budconv({});
  CHECK(none.exit_code == 2);
  auto bad = run_budconv({"inspect"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("formats lists the loaded plugins with capabilities", "[cli]") {
  auto r = run_budconv({"formats", "--lang", "en"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("xml") != std::string::npos);
  CHECK(r.out.find("read/write") != std::string::npos);
}

TEST_CASE("a plugin that fails to load is listed with its reason", "[cli]") {
  TempDir dir("plugpath");
  budconv::test::write_file(dir / "budconv_broken.so", "not a library");
  auto r = run_budconv({"formats"}, {"BUDCONV_PLUGIN_PATH=" + dir.path().string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("加载失败") != std::string::npos);
  CHECK(r.out.find("budconv_broken.so") != std::string::npos);
}

TEST_CASE("inspect shows Wei County's department total in 元 and 万元", "[cli][samples]") {
  auto r = run_budconv({"inspect", sample("hebei-weixian-2021.xml").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("90,816,893.00 元") != std::string::npos);
  CHECK(r.out.find("9,081.6893 万元") != std::string::npos);
  CHECK(r.out.find("威县医疗保障局") != std::string::npos);
}

TEST_CASE("inspect shows Qinyang's total of 141.47 万元 exactly", "[cli][samples]") {
  auto r = run_budconv({"inspect", sample("henan-qinyang-2020.xml").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("141.47 万元") != std::string::npos);
  CHECK(r.out.find("1,414,700.00 元") != std::string::npos);
}

TEST_CASE("converting every sample XML to XML twice gives identical bytes", "[cli][samples]") {
  TempDir dir("xml2");
  int n = 0;
  for (const auto& e : fs::directory_iterator(budconv::test::source_dir() / "samples")) {
    if (e.path().extension() != ".xml") continue;
    ++n;
    const auto a = dir / ("a-" + e.path().filename().string());
    const auto b = dir / ("b-" + e.path().filename().string());
    auto r1 = run_budconv({"convert", e.path().string(), "-o", a.string()});
    INFO(e.path() << ": " << r1.err);
    REQUIRE(r1.exit_code == 0);
    auto r2 = run_budconv({"convert", a.string(), "-o", b.string()});
    REQUIRE(r2.exit_code == 0);
    CHECK(budconv::test::read_file(a) == budconv::test::read_file(b));
    CHECK(budconv::test::read_file(a) == budconv::test::read_file(e.path()));
  }
  CHECK(n >= 5);
}

TEST_CASE("an existing output is replaced only with --force", "[cli]") {
  TempDir dir("force");
  budconv::test::write_file(dir / "in.xml", kMiniXml);
  budconv::test::write_file(dir / "out.xml", "keep me");
  auto r = run_budconv({"convert", (dir / "in.xml").string(), "-o", (dir / "out.xml").string()});
  expect_one_line_error(r, 2, "--force");
  CHECK(budconv::test::read_file(dir / "out.xml") == "keep me");
  auto f = run_budconv(
      {"convert", (dir / "in.xml").string(), "-o", (dir / "out.xml").string(), "--force"});
  CHECK(f.exit_code == 0);
  CHECK(budconv::test::read_file(dir / "out.xml").find("乐山市医疗保障局") != std::string::npos);
  auto same = run_budconv(
      {"convert", (dir / "in.xml").string(), "-o", (dir / "in.xml").string(), "--force"});
  CHECK(same.exit_code == 2);
  CHECK(budconv::test::read_file(dir / "in.xml") == kMiniXml);
}

TEST_CASE("bad inputs give one line, a non-zero exit and no output file", "[cli][corrupt]") {
  TempDir dir("bad");
  struct Case {
    std::string name, bytes, needle;
  };
  std::string valid = kMiniXml;
  std::vector<Case> cases{
      {"empty.xml", "", "文件为空"},
      {"truncated.xml", valid.substr(0, valid.size() / 2), "行"},
      {"other-root.xml",
       "<?xml version=\"1.0\"?>\n<workbook xmlns=\"urn:budconv:submission:1\"/>\n", "workbook"},
      {"amount.xml",
       [&] {
         std::string s = valid;
         s.replace(s.find("2565.19"), 7, "25x5.19");
         return s;
       }(),
       "25x5.19"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    budconv::test::write_file(dir / c.name, c.bytes);
    const auto out = dir / ("out-" + c.name);
    auto r = run_budconv({"convert", (dir / c.name).string(), "-o", out.string(), "--from", "xml"});
    expect_one_line_error(r, 3, c.needle);
    CHECK(r.err.find(c.name) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  // A directory given as input.
  auto d = run_budconv({"convert", dir.path().string(), "-o", (dir / "o.xml").string()});
  expect_one_line_error(d, 3, "目录");
  CHECK_FALSE(fs::exists(dir / "o.xml"));
  // English messages on request.
  auto en = run_budconv({"inspect", (dir / "empty.xml").string(), "--lang", "en"});
  expect_one_line_error(en, 3, "empty");
}

TEST_CASE("an unwritable output leaves nothing behind", "[cli]") {
  TempDir dir("unwritable");
  budconv::test::write_file(dir / "in.xml", kMiniXml);
  budconv::test::write_file(dir / "file", "a file, not a directory");
  // Root can write anywhere on disk, so use places nobody can create files in.
  for (const std::string& out : std::vector<std::string>{
           (dir / "file" / "out.xml").string(), std::string("/proc/budconv-out.xml"),
           (dir / "missing-dir" / "out.xml").string()}) {
    INFO(out);
    auto r = run_budconv({"convert", (dir / "in.xml").string(), "-o", out});
    CHECK(r.exit_code == 4);
    CHECK(budconv::test::line_count(r.err) == 1);
    CHECK_FALSE(fs::exists(out));
  }
  for (const auto& e : fs::directory_iterator(dir.path())) {
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

TEST_CASE("the input file is never modified", "[cli]") {
  TempDir dir("input");
  budconv::test::write_file(dir / "in.xml", kMiniXml);
  auto before = fs::last_write_time(dir / "in.xml");
  auto r = run_budconv({"convert", (dir / "in.xml").string(), "-o", (dir / "out.xml").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(budconv::test::read_file(dir / "in.xml") == kMiniXml);
  CHECK(fs::last_write_time(dir / "in.xml") == before);
}
