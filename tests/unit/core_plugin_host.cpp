// The plugin host: loading from directories, ABI stamps, broken libraries, exception safety.
#include <catch2/catch.hpp>

#include "budconv/registry.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace budconv;

namespace {
fs::path test_plugins() {
  return BUDCONV_TEST_PLUGIN_DIR;
}

const PluginFailure* failure_for(const Registry& reg, const std::string& stem) {
  for (const auto& f : reg.failures()) {
    if (f.path.stem() == stem) return &f;
  }
  return nullptr;
}
}  // namespace

TEST_CASE("healthy plugin loads and its formats are usable", "[plugin]") {
  Registry reg;
  REQUIRE(reg.load_file(test_plugins() / "budconv_good_probe.so"));
  REQUIRE(reg.plugins().size() == 1);
  CHECK(reg.plugins()[0].info.id == "probe");
  auto containers = reg.containers();
  REQUIRE(containers.size() == 1);
  test::TempDir dir("probe");
  test::write_file(dir / "a.probe", "x");
  Workbook book;
  REQUIRE(containers[0]->read(dir / "a.probe", {}, book).ok());
  REQUIRE(book.sheets.size() == 1);
  CHECK(book.sheets[0].text(0, 0) == "a.probe");
}

TEST_CASE("an exception thrown inside a plugin becomes an error value", "[plugin]") {
  Registry reg;
  REQUIRE(reg.load_file(test_plugins() / "budconv_good_probe.so"));
  test::TempDir dir("probe");
  test::write_file(dir / "throw.probe", "x");
  Workbook book;
  Status st = reg.containers()[0]->read(dir / "throw.probe", {}, book);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::internal);
  CHECK(st.error().message.find("probe exploded") != std::string::npos);
}

TEST_CASE("broken plugins are reported with a reason and skipped", "[plugin]") {
  test::TempDir dir("plugins");
  for (const char* name : {"budconv_abi_mismatch.so", "budconv_null_factory.so",
                           "budconv_no_stamp.so", "budconv_good_probe.so"}) {
    fs::copy_file(test_plugins() / name, dir / name);
  }
  test::write_file(dir / "budconv_garbage.so", "this is not an ELF file");
  test::write_file(dir / "unrelated.so", "ignored: not named budconv_*");
  Registry reg;
  reg.load_directory(dir.path());
  REQUIRE(reg.plugins().size() == 1);
  CHECK(reg.plugins()[0].info.id == "probe");
  REQUIRE(reg.failures().size() == 4);
  const auto* abi = failure_for(reg, "budconv_abi_mismatch");
  REQUIRE(abi);
  CHECK(abi->reason_en.find("ABI mismatch") != std::string::npos);
  CHECK(abi->reason_zh.find("ABI") != std::string::npos);
  const auto* nul = failure_for(reg, "budconv_null_factory");
  REQUIRE(nul);
  CHECK(nul->reason_en.find("factory") != std::string::npos);
  const auto* stamp = failure_for(reg, "budconv_no_stamp");
  REQUIRE(stamp);
  CHECK(stamp->reason_en.find("ABI stamp") != std::string::npos);
  const auto* garbage = failure_for(reg, "budconv_garbage");
  REQUIRE(garbage);
  CHECK(garbage->reason_en.find("cannot load") != std::string::npos);
}

TEST_CASE("a format object keeps its library loaded after the registry is gone", "[plugin]") {
  std::shared_ptr<ContainerFormat> fmt;
  {
    Registry reg;
    REQUIRE(reg.load_file(test_plugins() / "budconv_good_probe.so"));
    fmt = reg.containers().at(0);
  }
  // Calling into the plugin's code after the registry died must still work.
  CHECK(fmt->info().id == "probe");
}

TEST_CASE("BUDCONV_PLUGIN_PATH is searched first", "[plugin]") {
  ::setenv("BUDCONV_PLUGIN_PATH", "/nonexistent:" BUDCONV_TEST_PLUGIN_DIR, 1);
  auto dirs = Registry::default_search_path();
  ::unsetenv("BUDCONV_PLUGIN_PATH");
  REQUIRE(dirs.size() >= 2);
  CHECK(dirs[0] == fs::path("/nonexistent"));
  CHECK(dirs[1] == fs::path(BUDCONV_TEST_PLUGIN_DIR));
}

TEST_CASE("input detection names the readable formats when nothing matches", "[plugin]") {
  Registry reg;
  REQUIRE(reg.load_file(test_plugins() / "budconv_good_probe.so"));
  test::TempDir dir("detect");
  test::write_file(dir / "x.unknown", "hello");
  auto r = reg.detect_input(dir / "x.unknown", Lang::en);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::format);
  CHECK(r.error().message.find("probe") != std::string::npos);
  test::write_file(dir / "empty.probe", "");
  auto e = reg.detect_input(dir / "empty.probe", Lang::zh);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message.find("文件为空") != std::string::npos);
  auto d = reg.detect_input(dir.path(), Lang::en);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("directory") != std::string::npos);
}
