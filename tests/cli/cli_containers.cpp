// Converting between spreadsheet containers with the program, as a user would:
// csv → xlsx → csv, 2003 XML → xlsx → 2003 XML, xls → xlsx, and inspect of a workbook.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using budconv::test::read_file;
using budconv::test::run_budconv;
using budconv::test::TempDir;
using budconv::test::write_file;

namespace {

// A budget-like CSV: codes that must stay text (leading digits, a leading zero), amounts with
// two decimals, CJK names, a quoted field with a comma and one with a line break, a blank cell.
const char* kCsv =
    "科目编码,科目名称,合计,基本支出,项目支出,备注\n"
    "201,一般公共服务支出,5385000.00,,5385000.00,\n"
    "2010201,行政运行,5385000.00,,5385000.00,\"含, 逗号\"\n"
    "210,卫生健康支出,85431893.00,3271893.00,82160000.00,\"两行\n文字\"\n"
    "030101,代码前导零,0.50,0.50,,\n";

// The CSV writer ends records with CRLF (RFC 4180); line breaks inside a quoted field stay as read.
const char* kCsvCrlf =
    "科目编码,科目名称,合计,基本支出,项目支出,备注\r\n"
    "201,一般公共服务支出,5385000.00,,5385000.00,\r\n"
    "2010201,行政运行,5385000.00,,5385000.00,\"含, 逗号\"\r\n"
    "210,卫生健康支出,85431893.00,3271893.00,82160000.00,\"两行\n文字\"\r\n"
    "030101,代码前导零,0.50,0.50,,\r\n";

void convert_ok(const std::vector<std::string>& args) {
  auto r = run_budconv(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("csv → xlsx → csv keeps every value exactly", "[cli][csv][xlsx][roundtrip]") {
  TempDir dir("csvx");
  write_file(dir / "in.csv", kCsv);
  convert_ok({"convert", (dir / "in.csv").string(), "-o", (dir / "mid.xlsx").string()});
  convert_ok({"convert", (dir / "mid.xlsx").string(), "-o", (dir / "out.csv").string()});
  CHECK(read_file(dir / "out.csv") == kCsvCrlf);
}

TEST_CASE("GB18030 csv is detected and can be written back as GB18030", "[cli][csv]") {
  TempDir dir("gbk");
  // "威县医疗保障局,90816893.00\n" in GB18030.
  const std::string gbk = "\xCD\xFE\xCF\xD8\xD2\xBD\xC1\xC6\xB1\xA3\xD5\xCF\xBE\xD6,90816893.00\n";
  write_file(dir / "in.csv", gbk);
  convert_ok({"convert", (dir / "in.csv").string(), "-o", (dir / "utf8.csv").string()});
  CHECK(read_file(dir / "utf8.csv") == "威县医疗保障局,90816893.00\r\n");
  convert_ok({"convert", (dir / "utf8.csv").string(), "-o", (dir / "back.csv").string(),
              "--encoding", "gb18030"});
  CHECK(read_file(dir / "back.csv") == gbk.substr(0, gbk.size() - 1) + "\r\n");
}

TEST_CASE("2003 XML → xlsx → 2003 XML keeps values and merges",
          "[cli][spreadsheetml][xlsx][roundtrip]") {
  TempDir dir("ssml");
  const std::string xml = R"XML(<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="收入总表">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">部门预算收入总表</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">2101202</Data></Cell><Cell><Data ss:Type="String">财政对城乡居民基本医疗保险基金的补助</Data></Cell><Cell ss:Index="4"><Data ss:Type="Number">63450000</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>
)XML";
  write_file(dir / "in.xml", xml);
  convert_ok({"convert", (dir / "in.xml").string(), "-o", (dir / "mid.xlsx").string()});
  convert_ok({"convert", (dir / "mid.xlsx").string(), "-o", (dir / "out.xml").string(), "--to",
              "spreadsheetml"});
  auto a = run_budconv({"inspect", "--dump", (dir / "in.xml").string()});
  auto b = run_budconv({"inspect", "--dump", (dir / "out.xml").string()});
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  // The dumps start with the file line, which differs; compare what follows it.
  CHECK(a.out.substr(a.out.find('\n')) == b.out.substr(b.out.find('\n')));
  CHECK(b.out.find("A1:C1") != std::string::npos);
  CHECK(b.out.find("63450000") != std::string::npos);
}

TEST_CASE("inspect shows sheets, dimensions, merges and a preview", "[cli][xlsx]") {
  TempDir dir("insp");
  write_file(dir / "in.csv", kCsv);
  convert_ok({"convert", (dir / "in.csv").string(), "-o", (dir / "b.xlsx").string()});
  auto r = run_budconv({"inspect", (dir / "b.xlsx").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("A1:F5") != std::string::npos);
  CHECK(r.out.find("一般公共服务支出") != std::string::npos);
  CHECK(r.out.find("2010201") != std::string::npos);
}

TEST_CASE("a legacy .xls converts to xlsx and csv", "[cli][xls]") {
  const fs::path xls =
      budconv::test::shared_dir() / "corpus" / "apache-poi" / "Basic_Expense_Template_2011.xls";
  REQUIRE(fs::exists(xls));
  TempDir dir("xls");
  convert_ok({"convert", xls.string(), "-o", (dir / "a.xlsx").string()});
  auto r = run_budconv({"inspect", (dir / "a.xlsx").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("工作表") != std::string::npos);
  auto csv = run_budconv({"convert", (dir / "a.xlsx").string(), "-o", (dir / "a.csv").string()});
  CHECK(csv.exit_code == 0);
  CHECK(fs::file_size(dir / "a.csv") > 0);
}

TEST_CASE("a spreadsheet cannot become canonical XML without a template", "[cli]") {
  TempDir dir("tmpl");
  write_file(dir / "in.csv", kCsv);
  auto r = run_budconv(
      {"convert", (dir / "in.csv").string(), "-o", (dir / "out.xml").string(), "--to", "xml"});
  CHECK(r.exit_code != 0);
  CHECK(budconv::test::line_count(r.err) == 1);
  CHECK_FALSE(fs::exists(dir / "out.xml"));
}
