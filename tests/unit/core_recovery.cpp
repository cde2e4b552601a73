// Recovery in core: losses found by comparison, the hidden sheet written and read back (and
// refused when corrupt or forged), and restoring an original over a read form.
#include <catch2/catch.hpp>

#include "budconv/recovery.hpp"
#include "budconv/submission_xml.hpp"

using namespace budconv;

namespace {

Indicator indicator(std::string name, std::string basis) {
  Indicator i;
  i.level1 = "产出指标";
  i.level2 = "数量指标";
  i.name = std::move(name);
  i.target.text = "≥90%";
  i.basis = std::move(basis);
  return i;
}

Submission sample() {
  Submission doc;
  doc.agency_name = "承德市医疗保障局";
  doc.fiscal_year = 2021;
  doc.kind = "performance-goals";
  PerformanceGoal g;
  g.kind = "project";
  g.name = "医保信息化";
  g.code = "1308002180NBHMV4FV2C2";
  g.indicators = {indicator("参保人数", "2020 年 12 月底数据"), indicator("结算率", "统计年报")};
  doc.goals.push_back(g);
  return doc;
}

// What a form without 项目编码 and 指标值确定依据 gives back.
Submission projected(const Submission& doc) {
  Submission p = doc;
  p.agency_name.clear();
  p.fiscal_year = 0;
  for (auto& g : p.goals) {
    g.code.clear();
    for (auto& i : g.indicators) i.basis.clear();
  }
  return p;
}

// A recovery sheet holding `xml` with a correct size and checksum: a forgery.
Workbook forged(const std::string& xml) {
  Workbook book;
  Sheet& s = book.add_sheet(std::string(kRecoverySheetName));
  s.set(0, 0, Cell::make_text(std::string(kRecoveryMarker)));
  s.set(0, 1, Cell::make_text(std::string(kRecoveryVersion)));
  s.set(2, 1, Cell::make_text(std::to_string(xml.size())));
  s.set(3, 1, Cell::make_text(budconv::recovery_checksum(xml)));
  s.set(5, 0, Cell::make_text(xml));
  return book;
}

}  // namespace

TEST_CASE("losses name the field, goal, indicator and the lost value", "[recovery]") {
  const Submission doc = sample();
  const auto losses = find_losses(doc, projected(doc));
  REQUIRE(losses.size() == 5);
  CHECK(losses[0].field == "document.agency-name");
  CHECK_FALSE(losses[0].goal.has_value());
  CHECK(losses[2].field == "goal.code");
  CHECK(losses[2].goal == std::optional<std::size_t>(0));
  CHECK(losses[2].value == "1308002180NBHMV4FV2C2");
  CHECK(losses[4].field == "indicator.basis");
  CHECK(losses[4].indicator == std::optional<std::size_t>(1));
  CHECK(losses[4].indicator_name == "结算率");
  CHECK(losses[4].value == "统计年报");
  CHECK(loss_field_label("indicator.basis").first == "指标值确定依据");
}

TEST_CASE("a goal or indicator missing from the layout is one loss", "[recovery]") {
  const Submission doc = sample();
  Submission back = doc;
  back.goals[0].indicators.pop_back();
  auto losses = find_losses(doc, back);
  REQUIRE(losses.size() == 1);
  CHECK(losses[0].field == "indicator");
  back.goals.clear();
  losses = find_losses(doc, back);
  REQUIRE(losses.size() == 1);
  CHECK(losses[0].field == "goal");
  CHECK(find_losses(doc, doc).empty());
}

TEST_CASE("the recovery sheet holds the original across cells cut at character boundaries",
          "[recovery]") {
  Submission doc = sample();
  // 3-byte characters over more than two cells: a cut inside one would break the UTF-8.
  doc.goals[0].indicators[0].description =
      std::string(25000, 'x') + std::string(20000 * 3 / 3, 'y');
  for (int i = 0; i < 15000; ++i) doc.goals[0].purpose += "中";
  doc.goals[0].indicators[1].basis = "A_x0041_B";  // what XLSX would read as "AAB"
  doc.goals[0].source.sheet = "表6";
  Workbook book;
  book.add_sheet("表6");
  REQUIRE(add_recovery_sheet(doc, "sichuan.goal.table6", book, Lang::zh));
  const Sheet* s = book.find_sheet(std::string(kRecoverySheetName));
  REQUIRE(s != nullptr);
  CHECK(s->hidden);
  CHECK(s->rows.size() > 6);
  for (const auto& [r, cells] : s->rows) {
    for (const auto& [c, cell] : cells) CHECK(cell.text.size() <= kRecoveryChunkBytes);
  }
  auto back = read_recovery_sheet(book, Lang::zh);
  REQUIRE(back);
  REQUIRE(back.value().has_value());
  CHECK(back.value()->templates == "sichuan.goal.table6");
  CHECK(back.value()->original.goals[0].purpose == doc.goals[0].purpose);
  CHECK(back.value()->original.goals[0].indicators[1].basis == "A_x0041_B");
  CHECK(back.value()->original.goals[0].source.sheet.empty());  // provenance is not kept
  CHECK(without_recovery_sheet(book).sheets.size() == 1);
}

TEST_CASE("a corrupt or forged recovery sheet is an error, never a crash", "[recovery][corrupt]") {
  Workbook book;
  REQUIRE(add_recovery_sheet(sample(), "t", book, Lang::en));
  Sheet& s = book.sheets.back();
  SECTION("no sheet is no data") {
    Workbook none;
    auto r = read_recovery_sheet(none, Lang::zh);
    REQUIRE(r);
    CHECK_FALSE(r.value().has_value());
  }
  SECTION("changed data") {
    s.at(5, 0).text[40] = 'Q';
    auto r = read_recovery_sheet(book, Lang::en);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("checksum") != std::string::npos);
  }
  SECTION("truncated data") {
    s.at(5, 0).text.resize(100);
    CHECK_FALSE(read_recovery_sheet(book, Lang::zh));
  }
  SECTION("another version") {
    s.at(0, 1).text = "99";
    auto r = read_recovery_sheet(book, Lang::zh);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("budconv-data") != std::string::npos);
  }
  SECTION("absurd size") {
    s.at(2, 1).text = "999999999999999999999999";
    CHECK_FALSE(read_recovery_sheet(book, Lang::zh));
  }
  SECTION("wrong marker") {
    s.at(0, 0).text = "hello";
    CHECK_FALSE(read_recovery_sheet(book, Lang::zh));
  }
  SECTION("forged: an entity bomb with a matching checksum") {
    const std::string bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]><submission xmlns=\"urn:budconv:submission:1\" "
        "format-version=\"1\">&b;</submission>";
    auto r = read_recovery_sheet(forged(bomb), Lang::en);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find('\n') == std::string::npos);
  }
  SECTION("forged: not XML at all") {
    CHECK_FALSE(read_recovery_sheet(forged(std::string(1000, '\xff')), Lang::zh));
  }
}

TEST_CASE("an unedited goal comes back exactly, an edited one keeps the edit", "[recovery]") {
  const Submission original = sample();
  const Submission projection = projected(original);
  SECTION("unedited") {
    Submission read = projection;
    read.goals[0].source.sheet = "表6";
    Diagnostics notes;
    restore_from_recovery(original, projection, read, notes);
    CHECK(read.agency_name == original.agency_name);
    CHECK(read.fiscal_year == 2021);
    CHECK(same_ignoring_source(read.goals[0], original.goals[0]));
    CHECK(read.goals[0].source.sheet == "表6");
    CHECK(notes.count(Severity::warning) == 0);
  }
  SECTION("edited target and removed indicator") {
    Submission read = projection;
    read.goals[0].indicators[0].target.text = "≥95%";
    read.goals[0].indicators.pop_back();
    Diagnostics notes;
    restore_from_recovery(original, projection, read, notes);
    REQUIRE(read.goals[0].indicators.size() == 1);
    CHECK(read.goals[0].indicators[0].target.text == "≥95%");
    CHECK(read.goals[0].indicators[0].basis == "2020 年 12 月底数据");
    CHECK(read.goals[0].code == original.goals[0].code);
    REQUIRE(notes.count(Severity::warning) == 1);
    CHECK(notes.items()[0].message_zh.find("医保信息化") != std::string::npos);
  }
  SECTION("a changed field stays as the user wrote it") {
    Submission read = projection;
    read.goals[0].code = "NEW";
    read.goals[0].indicators[1].basis = "自定";
    Diagnostics notes;
    restore_from_recovery(original, projection, read, notes);
    CHECK(read.goals[0].code == "NEW");
    CHECK(read.goals[0].indicators[1].basis == "自定");
    CHECK(read.goals[0].indicators[0].basis == "2020 年 12 月底数据");
  }
}

TEST_CASE("canonical XML text round-trips in core", "[recovery][xml]") {
  const Submission doc = sample();
  auto xml = to_submission_xml(doc, Lang::zh);
  REQUIRE(xml);
  auto back = parse_submission_xml(xml.value(), "mem", Lang::zh);
  REQUIRE(back);
  CHECK(back.value() == doc);
  auto bad = parse_submission_xml("<submission", "mem.xml", Lang::en);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("mem.xml") != std::string::npos);
}
