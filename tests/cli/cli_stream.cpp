// `budconv convert x.xlsx -o y.csv` streams rows; its output, messages and exit codes must be
// those of the whole-workbook path (BUDCONV_NO_STREAM=1) for every file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace budconv::test;
namespace fs = std::filesystem;

namespace {

struct Outcome {
  int code = -1;
  std::string err;
  bool exists = false;
  std::string bytes;
};

Outcome convert(const fs::path& in, const fs::path& out, std::vector<std::string> extra,
                bool stream) {
  std::vector<std::string> args{"convert", in.string(), "-o", out.string(), "--force"};
  args.insert(args.end(), extra.begin(), extra.end());
  fs::remove(out);
  RunResult r = run_budconv(
      args, stream ? std::vector<std::string>{} : std::vector<std::string>{"BUDCONV_NO_STREAM=1"});
  Outcome o;
  o.code = r.exit_code;
  o.err = r.err;
  o.exists = fs::exists(out);
  if (o.exists) o.bytes = read_file(out);
  return o;
}

/// Converts both ways and requires the same exit code, messages and bytes; returns the outcome.
Outcome check_same(const fs::path& in, const TempDir& dir, std::vector<std::string> extra = {}) {
  Outcome whole = convert(in, dir / "whole.csv", extra, false);
  Outcome streamed = convert(in, dir / "stream.csv", extra, true);
  INFO(in.string() << "\nwhole: " << whole.err << "streamed: " << streamed.err);
  CHECK(streamed.code == whole.code);
  CHECK(streamed.exists == whole.exists);
  CHECK(streamed.bytes == whole.bytes);
  std::string err = whole.err;
  for (std::size_t at; (at = err.find("whole.csv")) != std::string::npos;)
    err.replace(at, 9, "stream.csv");
  CHECK(streamed.err == err);
  return streamed;
}

}  // namespace

TEST_CASE("every corpus xlsx converts to the same CSV streamed as whole", "[cli][stream]") {
  TempDir dir("cli-stream");
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(shared_dir() / "corpus")) {
    if (!e.is_regular_file() || e.path().extension() != ".xlsx") continue;
    check_same(e.path(), dir);
    ++files;
  }
  CHECK(files > 0);
}

TEST_CASE("a generated workbook streams identically, with --sheet and in GB18030",
          "[cli][stream]") {
  TempDir dir("cli-stream");
  std::string csv = "序号,单位编码,单位名称,金额,备注\r\n";
  for (int i = 1; i <= 300; ++i) {
    csv += std::to_string(i) + ",0101" + std::to_string(i % 7) + ",威县医疗保障综合执法大队" +
           std::to_string(i % 5) + "," + std::to_string(i * 1000 + 7) + "." +
           std::to_string(i % 100) + (i % 4 == 0 ? ",\"含,逗号\"" : ",") + "\r\n";
  }
  csv += ",,,123456789012345678,\r\n";
  write_file(dir / "in.csv", csv);
  REQUIRE(run_budconv({"convert", (dir / "in.csv").string(), "-o", (dir / "in.xlsx").string()})
              .exit_code == 0);
  Outcome o = check_same(dir / "in.xlsx", dir);
  CHECK(o.code == 0);
  CHECK(o.bytes.find("威县医疗保障综合执法大队") != std::string::npos);
  check_same(dir / "in.xlsx", dir, {"--encoding", "gb18030"});
  check_same(dir / "in.xlsx", dir, {"--sheet", "in"});
  check_same(dir / "in.xlsx", dir, {"--sheet", "不存在"});
  check_same(dir / "in.xlsx", dir, {"--delimiter", "tab"});
}

TEST_CASE("a truncated xlsx fails streamed with the same one-line error and no output file",
          "[cli][stream][corrupt]") {
  TempDir dir("cli-stream");
  write_file(dir / "in.csv", "a,b\r\n1,2\r\n");
  REQUIRE(run_budconv({"convert", (dir / "in.csv").string(), "-o", (dir / "full.xlsx").string()})
              .exit_code == 0);
  const std::string bytes = read_file(dir / "full.xlsx");
  write_file(dir / "cut.xlsx", bytes.substr(0, bytes.size() / 2));
  Outcome o = check_same(dir / "cut.xlsx", dir);
  CHECK(o.code != 0);
  CHECK_FALSE(o.exists);
  CHECK(line_count(o.err) == 1);
}
