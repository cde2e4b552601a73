// A bureau converts and checks many files at once: `convert IN… -d DIR --to X` and
// `validate FILE…`. Each file stands on its own (a broken one does not stop the others), the
// outputs are named after the inputs, and the exit code says whether everything went through.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
namespace bt = budconv::test;

namespace {

fs::path sample(const std::string& name) {
  return bt::source_dir() / "samples" / name;
}

const char* const kChengde = "hebei-chengde-2021-goals.xlsx";
const char* const kLeshan = "sichuan-leshan-2022-goals.xlsx";

}  // namespace

TEST_CASE("convert -d converts every input and a broken one only fails itself", "[cli][batch]") {
  bt::TempDir dir("batch");
  bt::write_file(dir / "broken.xlsx", "PK\x03\x04 not really a workbook");
  const fs::path out = dir / "out";
  const fs::path reports = dir / "reports";
  const bt::RunResult r = bt::run_budconv(
      {"convert", sample(kChengde).string(), (dir / "broken.xlsx").string(),
       sample(kLeshan).string(), "-d", out.string(), "--to", "henan", "--report", reports.string()},
      {"BUDCONV_LANG=zh"});
  INFO(r.err);
  CHECK(r.exit_code == 6);
  CHECK(fs::exists(out / "hebei-chengde-2021-goals.xlsx"));
  CHECK(fs::exists(out / "sichuan-leshan-2022-goals.xlsx"));
  CHECK_FALSE(fs::exists(out / "broken.xlsx"));
  CHECK(r.err.find("==> [2/3] ") != std::string::npos);
  CHECK(r.err.find("批量转换：成功 2 个，失败 1 个：") != std::string::npos);
  // One JSON report per input, the failed one saying so.
  const std::string broken = bt::read_file(reports / "broken.json");
  CHECK(broken.find("\"completed\": false") != std::string::npos);
  CHECK(bt::read_file(reports / "sichuan-leshan-2022-goals.json").find("\"completed\": true") !=
        std::string::npos);
  // What was written is the same as converting the file alone.
  const bt::RunResult alone = bt::run_budconv(
      {"convert", sample(kChengde).string(), "--to", "henan", "-o", (dir / "alone.xlsx").string()});
  REQUIRE(alone.exit_code == 0);
  const bt::RunResult a =
      bt::run_budconv({"convert", (dir / "alone.xlsx").string(), "-o", (dir / "a.xml").string()});
  const bt::RunResult b =
      bt::run_budconv({"convert", (out / "hebei-chengde-2021-goals.xlsx").string(), "-o",
                       (dir / "b.xml").string()});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(bt::read_file(dir / "a.xml") == bt::read_file(dir / "b.xml"));
}

TEST_CASE("convert -d with every input good exits 0 and takes the extension from --to",
          "[cli][batch]") {
  bt::TempDir dir("batch");
  const bt::RunResult r =
      bt::run_budconv({"--lang", "en", "convert", sample(kChengde).string(),
                       sample(kLeshan).string(), "-d", (dir / "csv").string(), "--to", "csv"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "csv" / "hebei-chengde-2021-goals.csv"));
  CHECK(fs::exists(dir / "csv" / "sichuan-leshan-2022-goals.csv"));
  CHECK(r.err.find("batch: 2 converted, 0 failed") != std::string::npos);
}

TEST_CASE("batch misuse is a usage error that writes nothing", "[cli][batch]") {
  bt::TempDir dir("batch");
  const bt::RunResult no_to = bt::run_budconv(
      {"convert", sample(kChengde).string(), "-d", (dir / "x").string()}, {"BUDCONV_LANG=zh"});
  CHECK(no_to.exit_code == 2);
  CHECK(no_to.err.find("--to") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "x"));
  const bt::RunResult two_to_one =
      bt::run_budconv({"convert", sample(kChengde).string(), sample(kLeshan).string(), "-o",
                       (dir / "one.xlsx").string()},
                      {"BUDCONV_LANG=zh"});
  CHECK(two_to_one.exit_code == 2);
  CHECK(two_to_one.err.find("-d") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "one.xlsx"));
  const bt::RunResult both =
      bt::run_budconv({"convert", sample(kChengde).string(), "-o", (dir / "o.xlsx").string(), "-d",
                       (dir / "d").string(), "--to", "henan"});
  CHECK(both.exit_code == 2);
}

TEST_CASE("two inputs with the same name never overwrite each other's output", "[cli][batch]") {
  bt::TempDir dir("batch");
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  fs::copy_file(sample(kChengde), dir / "a" / "form.xlsx");
  fs::copy_file(sample(kLeshan), dir / "b" / "form.xlsx");
  const bt::RunResult r = bt::run_budconv(
      {"convert", (dir / "a" / "form.xlsx").string(), (dir / "b" / "form.xlsx").string(), "-d",
       (dir / "out").string(), "--to", "xml"},
      {"BUDCONV_LANG=zh"});
  INFO(r.err);
  CHECK(r.exit_code == 6);
  CHECK(r.err.find("请用 -o 单独转换此文件") != std::string::npos);
  // The output is the first input's (Chengde, Hebei), not Leshan's.
  CHECK(bt::read_file(dir / "out" / "form.xml").find("承德") != std::string::npos);
}

TEST_CASE("validate takes several files: one JSON array and exit codes 5 and 6",
          "[cli][batch][validation]") {
  bt::TempDir dir("batch");
  // Leshan's weights sum to 90: errors, but every file was read.
  const bt::RunResult errors = bt::run_budconv(
      {"validate", sample(kChengde).string(), sample(kLeshan).string(), "--format", "json"});
  CHECK(errors.exit_code == 5);
  CHECK(errors.out.rfind("[\n{", 0) == 0);
  CHECK(errors.out.find("\"file\": \"" + sample(kLeshan).string() + "\"") != std::string::npos);
  CHECK(errors.out.find("VAL-GOAL-003") != std::string::npos);
  const bt::RunResult clean =
      bt::run_budconv({"validate", sample(kChengde).string(), sample(kChengde).string()});
  CHECK(clean.exit_code == 0);
  bt::write_file(dir / "broken.xml", "<not-a-submission/>");
  const bt::RunResult unread = bt::run_budconv(
      {"validate", (dir / "broken.xml").string(), sample(kChengde).string(), "--format", "json"});
  CHECK(unread.exit_code == 6);
  // The array holds the file that was read, and nothing dangles where the broken one was.
  CHECK(unread.out.rfind("[\n{", 0) == 0);
  CHECK(unread.out.find("[\n,") == std::string::npos);
}
