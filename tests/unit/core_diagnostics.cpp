// Findings: locations, severities and the one-line message format.
#include <catch2/catch.hpp>
#include <string>

#include "budconv/diagnostics.hpp"

using budconv::Diagnostic;
using budconv::Diagnostics;
using budconv::Location;
using budconv::Severity;

namespace {

Diagnostic sum_mismatch() {
  Diagnostic d;
  d.severity = Severity::error;
  d.rule = "BUD-SUM-001";
  d.message_zh = "合计不等于各项之和";
  d.message_en = "total differs from the sum of its items";
  d.location = {"文件.xlsx", "收入总表", "D7", "2101202", "财政对城乡居民基本医疗保险基金的补助"};
  d.expected = "100.00";
  d.found = "99.00";
  d.hint_zh = "请核对各项金额。";
  d.hint_en = "Check the item amounts.";
  return d;
}

}  // namespace

TEST_CASE("locations name the parts that are known", "[diagnostics]") {
  CHECK(Location{"a.xlsx", "收入总表", "D7", "", ""}.to_string() == "a.xlsx: 收入总表!D7");
  CHECK(Location{"a.xlsx", "收入总表", "", "", ""}.to_string() == "a.xlsx: 收入总表");
  CHECK(Location{"a.xlsx", "", "", "", ""}.to_string() == "a.xlsx");
  CHECK(Location{"", "收入总表", "D7", "", ""}.to_string() == "收入总表!D7");
  CHECK(Location{"", "", "D7", "", ""}.to_string() == "D7");
  CHECK(Location{"a.csv", "", "D7", "", ""}.to_string() == "a.csv: D7");
  CHECK(Location{}.to_string().empty());
}

TEST_CASE("a finding formats as one line in Chinese", "[diagnostics]") {
  CHECK(sum_mismatch().format(false) ==
        "错误 [BUD-SUM-001] 文件.xlsx: 收入总表!D7 (2101202 财政对城乡居民基本医疗保险基金的补助)："
        "合计不等于各项之和（应为 100.00，实际 99.00）。请核对各项金额。");
}

TEST_CASE("a finding formats as one line in English", "[diagnostics]") {
  CHECK(
      sum_mismatch().format(true) ==
      "error [BUD-SUM-001] 文件.xlsx: 收入总表!D7 (2101202 财政对城乡居民基本医疗保险基金的补助): "
      "total differs from the sum of its items (expected 100.00, found 99.00). "
      "Check the item amounts.");
}

TEST_CASE("optional parts of a finding are left out cleanly", "[diagnostics]") {
  Diagnostic d;
  d.severity = Severity::warning;
  d.rule = "XLSX-LIMIT-002";
  d.message_zh = "工作表过大。";
  d.message_en = "sheet too large.";
  CHECK(d.format(false) == "警告 [XLSX-LIMIT-002]：工作表过大。");
  CHECK(d.format(true) == "warning [XLSX-LIMIT-002]: sheet too large.");
  d.location.name = "参保人数";
  d.found = "≥九十%";
  d.severity = Severity::info;
  CHECK(d.format(false) == "提示 [XLSX-LIMIT-002] (参保人数)：工作表过大（实际 ≥九十%）。");
  d.message_zh = "第一行\n第二行";
  CHECK(d.format(false).find('\n') == std::string::npos);
}

TEST_CASE("severities have ids and labels", "[diagnostics]") {
  CHECK(std::string(budconv::severity_id(Severity::warning)) == "warning");
  CHECK(std::string(budconv::severity_label(Severity::info, false)) == "提示");
  CHECK(std::string(budconv::severity_label(Severity::warning, false)) == "警告");
  CHECK(std::string(budconv::severity_label(Severity::error, false)) == "错误");
  CHECK(std::string(budconv::severity_label(Severity::error, true)) == "error");
}

TEST_CASE("a diagnostics list counts and merges", "[diagnostics]") {
  Diagnostics a;
  CHECK_FALSE(a.has_errors());
  a.add(Severity::warning, "W1", "警告", "warning");
  a.add(sum_mismatch());
  CHECK(a.count(Severity::warning) == 1);
  CHECK(a.count(Severity::error) == 1);
  CHECK(a.has_errors());
  CHECK(a.items()[0].rule == "W1");
  CHECK(a.items()[0].message(true) == "warning");
  Diagnostics b;
  b.add(Severity::info, "I1", "提示", "info", Location{"f", "", "", "", ""});
  a.merge(b);
  CHECK(a.items().size() == 3);
  CHECK(a.items()[2].location.file == "f");
  a.merge(a);  // merging into itself doubles, without invalidating anything
  CHECK(a.items().size() == 6);
}
