// Text encodings: names, UTF-8 validation, BOMs, detection, bounded conversion with positions.
#include <catch2/catch.hpp>
#include <string>

#include "budconv/encoding.hpp"

using namespace budconv;

namespace {

// 威县医疗保障局 in UTF-8 and in GB18030 (= GBK for these characters).
const std::string kWeiUtf8 = "威县医疗保障局";
const std::string kWeiGb = "\xCD\xFE\xCF\xD8\xD2\xBD\xC1\xC6\xB1\xA3\xD5\xCF\xBE\xD6";

std::string utf16le(const std::u16string& s) {
  std::string out;
  for (char16_t c : s) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

}  // namespace

TEST_CASE("encoding names parse to the encodings they mean", "[encoding]") {
  struct Case {
    const char* name;
    TextEncoding want;
  };
  const Case cases[] = {
      {"utf-8", TextEncoding::utf8},         {"UTF8", TextEncoding::utf8},
      {"utf_8", TextEncoding::utf8},         {"utf-8-bom", TextEncoding::utf8_bom},
      {"UTF-8-SIG", TextEncoding::utf8_bom}, {"gbk", TextEncoding::gb18030},
      {"GB2312", TextEncoding::gb18030},     {"gb18030", TextEncoding::gb18030},
      {"cp936", TextEncoding::gb18030},      {"936", TextEncoding::gb18030},
      {"utf-16le", TextEncoding::utf16le},   {"unicode", TextEncoding::utf16le},
      {"UTF-16BE", TextEncoding::utf16be},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    auto r = parse_encoding_name(c.name, Lang::zh);
    REQUIRE(r.ok());
    CHECK(r.value() == c.want);
  }
  CHECK(std::string(encoding_id(TextEncoding::gb18030)) == "gb18030");
  CHECK(std::string(encoding_id(TextEncoding::utf16le)) == "utf-16le");
}

TEST_CASE("an unknown encoding name is a usage error listing the known names", "[encoding]") {
  auto zh = parse_encoding_name("big5", Lang::zh);
  REQUIRE_FALSE(zh.ok());
  CHECK(zh.error().code == ErrorCode::usage);
  CHECK(zh.error().message.find("big5") != std::string::npos);
  CHECK(zh.error().message.find("未知的编码") != std::string::npos);
  auto en = parse_encoding_name("latin-9", Lang::en);
  REQUIRE_FALSE(en.ok());
  CHECK(en.error().message.find("unknown encoding") != std::string::npos);
  CHECK(en.error().message.find("gb18030") != std::string::npos);
}

TEST_CASE("find_invalid_utf8 reports the offset of the first bad sequence", "[encoding]") {
  CHECK_FALSE(find_invalid_utf8("").has_value());
  CHECK_FALSE(find_invalid_utf8("plain ascii").has_value());
  CHECK_FALSE(find_invalid_utf8(kWeiUtf8).has_value());
  CHECK_FALSE(find_invalid_utf8("\xF0\x9F\x98\x80").has_value());                 // U+1F600
  CHECK(find_invalid_utf8("ab\xC0\x80") == std::optional<std::size_t>(2));        // overlong NUL
  CHECK(find_invalid_utf8("a\xED\xA0\x80") == std::optional<std::size_t>(1));     // surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == std::optional<std::size_t>(0));  // > U+10FFFF
  CHECK(find_invalid_utf8("xyz\xE5\xA8") == std::optional<std::size_t>(3));       // cut short
  CHECK(find_invalid_utf8("\xFF") == std::optional<std::size_t>(0));
  CHECK(find_invalid_utf8("ok\x80") == std::optional<std::size_t>(2));  // stray continuation
  // GBK bytes after valid UTF-8: the offset is where the GBK starts.
  CHECK(find_invalid_utf8("威" + kWeiGb) == std::optional<std::size_t>(3));
}

TEST_CASE("BOMs are recognised and produced", "[encoding]") {
  CHECK(detect_bom("\xEF\xBB\xBFx") == TextEncoding::utf8_bom);
  CHECK(detect_bom("\xFF\xFEx\0") == TextEncoding::utf16le);
  CHECK(detect_bom("\xFE\xFF\0x") == TextEncoding::utf16be);
  CHECK_FALSE(detect_bom("abc").has_value());
  CHECK_FALSE(detect_bom("\xEF\xBB").has_value());
  CHECK(bom_bytes(TextEncoding::utf8_bom) == "\xEF\xBB\xBF");
  CHECK(bom_bytes(TextEncoding::utf8).empty());
  CHECK(bom_bytes(TextEncoding::gb18030).empty());
}

TEST_CASE("detection table: BOM, then valid UTF-8, then GB18030, else nothing", "[encoding]") {
  struct Case {
    const char* what;
    std::string bytes;
    std::optional<TextEncoding> want;
  };
  const Case cases[] = {
      {"empty", "", TextEncoding::utf8},
      {"ascii", "a,b,c\r\n1,2,3\r\n", TextEncoding::utf8},
      {"utf-8 chinese", kWeiUtf8 + ",450\n", TextEncoding::utf8},
      {"gb18030 chinese", kWeiGb + ",450\n", TextEncoding::gb18030},
      {"gb18030 four-byte", "\x81\x30\x81\x30", TextEncoding::gb18030},
      {"utf-8 bom", "\xEF\xBB\xBF" + kWeiUtf8, TextEncoding::utf8_bom},
      {"utf-16le bom", std::string("\xFF\xFE", 2) + utf16le(u"a\tb"), TextEncoding::utf16le},
      {"utf-16be bom", std::string("\xFE\xFF\0a", 4), TextEncoding::utf16be},
      {"lone 0x80", "abc\x80", std::nullopt},
      {"0xFF byte", "\xFF\x41", std::nullopt},
      {"gbk cut in half", kWeiGb.substr(0, 3), std::nullopt},
      // Valid GB18030 as a whole, but four UTF-8 characters come first: mixed, not GB18030.
      {"utf-8 then gbk", kWeiUtf8.substr(0, 12) + kWeiGb, std::nullopt},
      {"two utf-8 chars then gbk", kWeiUtf8.substr(0, 6) + kWeiGb, TextEncoding::gb18030},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(detect_encoding(c.bytes) == c.want);
  }
}

TEST_CASE("find_invalid_gb18030 points at the first bad byte", "[encoding]") {
  CHECK_FALSE(find_invalid_gb18030(kWeiGb).has_value());
  CHECK(find_invalid_gb18030(kWeiGb.substr(0, 4) + "\x80" + "x") == std::optional<std::size_t>(4));
  CHECK(find_invalid_gb18030("ab\xCD") == std::optional<std::size_t>(2));  // incomplete at end
}

TEST_CASE("utf8_position counts lines (CR, LF, CRLF) and characters", "[encoding]") {
  const std::string text = "ab\r\n威县\rx\ny";
  CHECK(utf8_position(text, 0).line == 1);
  CHECK(utf8_position(text, 0).column == 1);
  CHECK(utf8_position(text, 2).column == 3);
  const auto after_crlf = utf8_position(text, 4);
  CHECK(after_crlf.line == 2);
  CHECK(after_crlf.column == 1);
  const auto wei_end = utf8_position(text, 10);  // after 威县 (6 bytes)
  CHECK(wei_end.line == 2);
  CHECK(wei_end.column == 3);
  CHECK(utf8_position(text, 11).line == 3);  // after the lone CR
  CHECK(utf8_position(text, text.size()).line == 4);
}

TEST_CASE("GB18030 decodes to UTF-8 and encodes back to the same bytes", "[encoding]") {
  auto utf8 = decode_to_utf8(kWeiGb, TextEncoding::gb18030, "x.csv", Lang::zh, 1 << 20);
  REQUIRE(utf8.ok());
  CHECK(utf8.value() == kWeiUtf8);
  auto gb = encode_from_utf8(kWeiUtf8, TextEncoding::gb18030, "x.csv", Lang::zh, 1 << 20);
  REQUIRE(gb.ok());
  CHECK(gb.value() == kWeiGb);
  // Characters outside GBK take four bytes in GB18030 and still round-trip.
  const std::string rare = "€😀é";
  auto rare_gb = encode_from_utf8(rare, TextEncoding::gb18030, "x", Lang::zh, 1 << 20);
  REQUIRE(rare_gb.ok());
  auto back = decode_to_utf8(rare_gb.value(), TextEncoding::gb18030, "x", Lang::zh, 1 << 20);
  REQUIRE(back.ok());
  CHECK(back.value() == rare);
}

TEST_CASE("UTF-16LE with BOM (Excel Unicode text) decodes to UTF-8", "[encoding]") {
  const std::string bytes =
      std::string("\xFF\xFE", 2) + utf16le(u"代码\t名称\r\n2101202\t行政运行");
  auto r = decode_to_utf8(bytes, TextEncoding::utf16le, "u.txt", Lang::zh, 1 << 20);
  REQUIRE(r.ok());
  CHECK(r.value() == "代码\t名称\r\n2101202\t行政运行");
  auto enc = encode_from_utf8("a\t威", TextEncoding::utf16le, "u.txt", Lang::zh, 1 << 20);
  REQUIRE(enc.ok());
  CHECK(enc.value() == std::string("\xFF\xFE", 2) + utf16le(u"a\t威"));
  // An odd number of bytes cannot be UTF-16.
  auto odd = decode_to_utf8(bytes + "x", TextEncoding::utf16le, "u.txt", Lang::en, 1 << 20);
  REQUIRE_FALSE(odd.ok());
  CHECK(odd.error().code == ErrorCode::format);
  CHECK(odd.error().message.find("u.txt: line 2") != std::string::npos);
}

TEST_CASE("decode errors name the line and column of the bad bytes", "[encoding]") {
  // GBK bytes in a file that is read as UTF-8.
  const std::string bytes = "代码,名称\n2101202," + kWeiGb + "\n";
  auto zh = decode_to_utf8(bytes, TextEncoding::utf8, "d.csv", Lang::zh, 1 << 20);
  REQUIRE_FALSE(zh.ok());
  CHECK(zh.error().code == ErrorCode::format);
  CHECK(zh.error().message.find("d.csv：第 2 行第 9 列") != std::string::npos);
  CHECK(zh.error().message.find("CD FE") != std::string::npos);
  auto en = decode_to_utf8(bytes, TextEncoding::utf8, "d.csv", Lang::en, 1 << 20);
  REQUIRE_FALSE(en.ok());
  CHECK(en.error().message.find("d.csv: line 2, column 9") != std::string::npos);
  CHECK(en.error().message.find("not valid utf-8") != std::string::npos);
  // An invalid byte inside GB18030 text.
  auto gb = decode_to_utf8("ab\n" + kWeiGb.substr(0, 2) + "\x80", TextEncoding::gb18030, "g.csv",
                           Lang::en, 1 << 20);
  REQUIRE_FALSE(gb.ok());
  CHECK(gb.error().message.find("line 2, column 2") != std::string::npos);
  // A file that ends in the middle of a character.
  auto cut = decode_to_utf8(kWeiGb.substr(0, 5), TextEncoding::gb18030, "c.csv", Lang::en, 1 << 20);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().message.find("ends inside") != std::string::npos);
}

TEST_CASE("a UTF-8 BOM is stripped when decoding UTF-8", "[encoding]") {
  auto r =
      decode_to_utf8("\xEF\xBB\xBF" + kWeiUtf8, TextEncoding::utf8, "b.csv", Lang::zh, 1 << 20);
  REQUIRE(r.ok());
  CHECK(r.value() == kWeiUtf8);
  auto w = encode_from_utf8(kWeiUtf8, TextEncoding::utf8_bom, "b.csv", Lang::zh, 1 << 20);
  REQUIRE(w.ok());
  CHECK(w.value() == "\xEF\xBB\xBF" + kWeiUtf8);
}

TEST_CASE("conversion output is bounded", "[encoding]") {
  const std::string big(10000, 'a');
  auto r = decode_to_utf8(big, TextEncoding::gb18030, "big.csv", Lang::en, 100);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::limit);
  auto w = encode_from_utf8(big, TextEncoding::utf8, "big.csv", Lang::zh, 100);
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().code == ErrorCode::limit);
  const ConversionOutcome o = convert_encoding(big, TextEncoding::utf8, TextEncoding::gb18030, 50);
  CHECK(o.too_large);
  CHECK_FALSE(o.ok());
}

TEST_CASE("encoding invalid UTF-8 is an error naming line and column", "[encoding]") {
  auto r = encode_from_utf8("ok\nbad\xFF", TextEncoding::gb18030, "out.csv", Lang::zh, 1 << 20);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::invalid_value);
  CHECK(r.error().message.find("out.csv：第 2 行第 4 列") != std::string::npos);
  CHECK(r.error().message.find("UTF-8") != std::string::npos);
}

TEST_CASE("hex_at shows the bad sequence, not the ASCII after it", "[encoding]") {
  CHECK(hex_at("ab\x9A"
               "450",
               2) == "9A");
  CHECK(hex_at("\xCD\xFE\xCF\xD8\xD2", 0) == "CD FE CF D8");
  CHECK(hex_at("x", 0) == "78");
  CHECK(hex_at("x", 5).empty());
}
