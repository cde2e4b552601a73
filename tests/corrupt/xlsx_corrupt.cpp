// Hostile and damaged XLSX input: every case must end in an Error with the right code and a
// one-line message naming the file; reads run in a child with an address-space cap so that
// "memory stays bounded" is checked, not assumed.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "../unit/xlsx_fixture.hpp"

namespace fs = std::filesystem;
using namespace budconv;
using namespace budconv::test;
using namespace budconv::test::xlsx;

#if defined(__SANITIZE_ADDRESS__)
#define XLSX_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XLSX_TEST_SANITIZED 1
#endif
#endif

namespace {

#ifdef XLSX_TEST_SANITIZED
constexpr bool kSanitized = true;  // ASan reserves terabytes of address space: no RLIMIT_AS
#else
constexpr bool kSanitized = false;
#endif

struct Outcome {
  bool clean_exit = false;  // the child returned normally (no signal, no abort)
  bool ok = false;          // the read succeeded
  ErrorCode code = ErrorCode::ok;
  std::string message;
};

// Reads `path` in a forked child limited to `as_bytes` of address space.
Outcome read_limited(const fs::path& path, std::uint64_t as_bytes,
                     const std::string& display = "a.xlsx") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    if (!kSanitized) {
      rlimit lim{as_bytes, as_bytes};
      ::setrlimit(RLIMIT_AS, &lim);
    }
    Workbook wb;
    budconv::xlsx::XlsxFormat fmt;
    Status st = fmt.read(path, opts(display), wb);
    std::string out =
        st.ok() ? std::string("ok\n")
                : std::to_string(static_cast<int>(st.error().code)) + "\n" + st.error().message;
    ssize_t n = ::write(fds[1], out.data(), out.size());
    (void)n;
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string got;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  Outcome o;
  o.clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !got.empty();
  if (!o.clean_exit) return o;
  if (got == "ok\n") {
    o.ok = true;
    return o;
  }
  auto nl = got.find('\n');
  o.code = static_cast<ErrorCode>(std::stoi(got.substr(0, nl)));
  o.message = got.substr(nl + 1);
  return o;
}

constexpr std::uint64_t kMiB = 1ull << 20;

void require_clean_error(const Outcome& o, ErrorCode code, const std::string& display = "a.xlsx") {
  INFO("message: " << o.message);
  REQUIRE(o.clean_exit);
  REQUIRE_FALSE(o.ok);
  CHECK(o.code == code);
  CHECK(o.message.rfind(display + ": ", 0) == 0);
  CHECK(line_count(o.message) == 1);
}

Package one_sheet(const std::string& body) {
  Package pkg;
  pkg.sheets.push_back({"S", body, ""});
  return pkg;
}

}  // namespace

TEST_CASE("xlsx corrupt: empty file", "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  write_file(dir / "a.xlsx", "");
  Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(o, ErrorCode::format);
  CHECK(o.message == "a.xlsx: 文件为空");
}

TEST_CASE("xlsx corrupt: truncated at many points", "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  Package pkg = one_sheet(
      "<sheetData><row r=\"1\"><c r=\"A1\" "
      "t=\"inlineStr\"><is><t>截断测试</t></is></c></row></sheetData>");
  pkg.shared_strings = "<si><t>x</t></si>";
  write_zip(dir / "full.xlsx", pkg.parts());
  const std::string bytes = read_file(dir / "full.xlsx");
  for (std::size_t cut :
       {std::size_t{1}, std::size_t{4}, std::size_t{30}, bytes.size() / 4, bytes.size() / 2,
        bytes.size() - 100, bytes.size() - 22, bytes.size() - 1}) {
    INFO("cut at " << cut << " of " << bytes.size());
    write_file(dir / "a.xlsx", bytes.substr(0, cut));
    require_clean_error(read_limited(dir / "a.xlsx", 256 * kMiB), ErrorCode::format);
  }
}

TEST_CASE("xlsx corrupt: random bytes behind a zip signature", "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  std::mt19937 rng(20240601);
  std::string junk = std::string("PK\x03\x04", 4);
  for (int i = 0; i < 20000; ++i) junk.push_back(static_cast<char>(rng() & 0xFF));
  write_file(dir / "a.xlsx", junk);
  Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(o, ErrorCode::format);
  CHECK(o.message == "a.xlsx: 不是 zip 压缩包");
}

TEST_CASE("xlsx corrupt: flipped bytes never crash", "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  Package pkg = one_sheet(
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>2565.19</v></c></row>"
      "</sheetData><mergeCells><mergeCell ref=\"A2:B3\"/></mergeCells>");
  pkg.shared_strings = "<si><t>翻转</t></si>";
  pkg.styles = basic_styles();
  std::vector<Part> parts = pkg.parts();
  for (Part& p : parts)
    p.store = true;  // stored parts: flips reach the XML parsers, not only inflate
  write_zip(dir / "full.xlsx", parts);
  const std::string bytes = read_file(dir / "full.xlsx");
  std::mt19937 rng(7);
  int errors = 0, oks = 0;
  for (int i = 0; i < 60; ++i) {
    std::string bad = bytes;
    for (int k = 0; k < 3; ++k) bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    write_file(dir / "a.xlsx", bad);
    Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
    INFO("variant " << i << ": " << o.message);
    REQUIRE(o.clean_exit);
    if (o.ok) {
      ++oks;
    } else {
      ++errors;
      CHECK(o.message.rfind("a.xlsx: ", 0) == 0);
      CHECK(line_count(o.message) == 1);
    }
  }
  CHECK(errors + oks == 60);
  CHECK(errors > 0);
}

TEST_CASE("xlsx corrupt: password-protected workbook (CFB with EncryptedPackage)",
          "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  // A minimal compound file: header, then one directory sector whose second entry is the
  // "EncryptedPackage" stream, as Excel writes for an encrypted .xlsx.
  std::string cfb(512 + 512, '\0');
  const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  std::memcpy(cfb.data(), sig, 8);
  const std::u16string name = u"EncryptedPackage";
  char* entry = cfb.data() + 512 + 128;
  for (std::size_t i = 0; i < name.size(); ++i) entry[2 * i] = static_cast<char>(name[i]);
  entry[64] = static_cast<char>((name.size() + 1) * 2);
  entry[66] = 2;  // stream
  write_file(dir / "a.xlsx", cfb);
  Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(o, ErrorCode::encrypted);
  CHECK(o.message == "a.xlsx: 文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码后另存再试");

  // The same text inside stream data (not a directory record) is not mistaken for encryption.
  std::string plain(512 + 512, '\0');
  std::memcpy(plain.data(), sig, 8);
  for (std::size_t i = 0; i < name.size(); ++i) plain[512 + 3 + 2 * i] = static_cast<char>(name[i]);
  write_file(dir / "a.xlsx", plain);
  Outcome p = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(p, ErrorCode::format);

  Outcome real = read_limited(shared_dir() / "corpus" / "excelize" / "encryptAES.xlsx", 256 * kMiB,
                              "encryptAES.xlsx");
  require_clean_error(real, ErrorCode::encrypted, "encryptAES.xlsx");
}

TEST_CASE("xlsx corrupt: zip bombs", "[xlsx][corrupt][limits]") {
  TempDir dir("xlsx-bad");
  // Honest headers, absurd ratio: refused before inflating.
  Package pkg = one_sheet("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>" +
                          std::string(64u << 20, ' '));
  write_zip(dir / "a.xlsx", pkg.parts());
  Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(o, ErrorCode::limit);
  CHECK(o.message == "a.xlsx: S (xl/worksheets/sheet1.xml): 压缩比超过 100:1（疑似 zip 炸弹）");

  // Lying headers: the entry claims 1000 bytes but inflates to 64 MiB.
  std::string bytes = read_file(dir / "a.xlsx");
  const std::string part = "xl/worksheets/sheet1.xml";
  auto patch_u32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
      bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  for (std::size_t pos = 0; (pos = bytes.find("PK\x01\x02", pos)) != std::string::npos; pos += 4) {
    if (bytes.compare(pos + 46, part.size(), part) == 0) patch_u32(pos + 24, 1000);
  }
  for (std::size_t pos = 0; (pos = bytes.find("PK\x03\x04", pos)) != std::string::npos; pos += 4) {
    if (bytes.compare(pos + 30, part.size(), part) == 0) patch_u32(pos + 22, 1000);
  }
  write_file(dir / "a.xlsx", bytes);
  Outcome lie = read_limited(dir / "a.xlsx", 256 * kMiB);
  INFO(lie.message);
  REQUIRE(lie.clean_exit);
  REQUIRE_FALSE(lie.ok);
  CHECK((lie.code == ErrorCode::format || lie.code == ErrorCode::limit));
  CHECK(lie.message.rfind("a.xlsx: ", 0) == 0);
}

TEST_CASE("xlsx corrupt: XML bombs", "[xlsx][corrupt][limits]") {
  TempDir dir("xlsx-bad");
  std::string lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  std::string prev = "lol";
  for (int i = 1; i <= 9; ++i) {
    std::string cur = "lol" + std::to_string(i);
    lol += "<!ENTITY " + cur + " \"";
    for (int k = 0; k < 10; ++k) lol += "&" + prev + ";";
    lol += "\">";
    prev = cur;
  }
  lol += "]><worksheet xmlns=\"" + Ns{}.main +
         "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t>"
         "</is></c></row></sheetData></worksheet>";
  Package pkg = one_sheet("<sheetData/>");
  std::vector<Part> parts = pkg.parts();
  for (Part& p : parts) {
    if (p.name == "xl/worksheets/sheet1.xml") p.data = lol;
  }
  write_zip(dir / "a.xlsx", parts);
  Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(o, ErrorCode::limit);
  CHECK(o.message ==
        "a.xlsx: S (xl/worksheets/sheet1.xml): 第 1 行: 不允许 DOCTYPE/实体声明（疑似 XML 炸弹）");

  // External entities are refused the same way (no file is ever opened).
  for (Part& p : parts) {
    if (p.name == "xl/worksheets/sheet1.xml")
      p.data =
          "<!DOCTYPE x [<!ENTITY e SYSTEM "
          "\"file:///etc/passwd\">]><worksheet><sheetData>&e;</sheetData></worksheet>";
  }
  write_zip(dir / "a.xlsx", parts);
  require_clean_error(read_limited(dir / "a.xlsx", 256 * kMiB), ErrorCode::limit);

  Outcome poc = read_limited(shared_dir() / "corpus" / "apache-poi" / "poc-xmlbomb.xlsx",
                             256 * kMiB, "poc.xlsx");
  require_clean_error(poc, ErrorCode::limit, "poc.xlsx");
}

TEST_CASE("xlsx corrupt: huge declared dimension costs nothing", "[xlsx][corrupt][limits]") {
  TempDir dir("xlsx-bad");
  Package pkg = one_sheet(
      "<dimension ref=\"A1:XFD1048576\"/><cols><col min=\"1\" max=\"16384\" width=\"20\"/></cols>"
      "<sheetData><row r=\"1048576\" spans=\"1:16384\"><c r=\"XFD1048576\"><v>1</v></c></row>"
      "</sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>");
  write_zip(dir / "a.xlsx", pkg.parts());
  // 64 MiB of address space is far less than one byte per declared cell.
  Outcome o = read_limited(dir / "a.xlsx", 64 * kMiB);
  INFO(o.message);
  REQUIRE(o.clean_exit);
  CHECK(o.ok);
}

TEST_CASE("xlsx corrupt: invalid UTF-8 in shared strings", "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  Package pkg =
      one_sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>");
  pkg.shared_strings = "<si><t>\xCA\xD5\xC8\xEB</t></si>";  // 收入 in GBK, not UTF-8
  write_zip(dir / "a.xlsx", pkg.parts());
  Outcome o = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(o, ErrorCode::format);
  CHECK(o.message.rfind("a.xlsx: xl/sharedStrings.xml: XML 格式错误（第 2 行第 ", 0) == 0);
}

TEST_CASE("xlsx corrupt: not a workbook at all", "[xlsx][corrupt]") {
  TempDir dir("xlsx-bad");
  write_zip(dir / "a.xlsx", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
                             {"content.xml", "<office:document-content/>"}});
  Outcome ods = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(ods, ErrorCode::format);
  CHECK(ods.message == "a.xlsx: 这是 OpenDocument 文件（.ods），不是 XLSX");

  write_zip(dir / "a.xlsx", {{"hello.txt", "hi"}});
  Outcome other = read_limited(dir / "a.xlsx", 256 * kMiB);
  require_clean_error(other, ErrorCode::format);
  CHECK(other.message == "a.xlsx: 不是 XLSX 工作簿（找不到 workbook 部件）");
}
