/* gen_sheet: writes the benchmark workbook, a budget expenditure detail sheet shaped like the
 * 部门预算 tables in the seeds (text codes with leading digits, repeated CJK names, amounts in 元
 * with two decimals, some blank amounts, a date column), deterministic so every run measures
 * the same bytes.
 *
 * Usage: gen_sheet OUT.xlsx ROWS [--inline]
 *   ROWS      data rows below the one header row
 *   --inline  libxlsxwriter's constant_memory mode: fast and small, but every string is written
 *             as an inline string (t="inlineStr"). Without it the strings go to the shared
 *             string table (t="s"), as Excel and WPS write them, which is what real files look
 *             like; that needs more memory while generating (about 1 KB per row).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* A tiny deterministic generator (no dependence on the C library's rand()). */
static uint64_t state = 0x2021450001ULL;
static uint32_t next_random(void) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(state >> 33);
}

/* Exact two-decimal amount in 分 turned into the double libxlsxwriter writes with %.16G, which
 * prints back as the same two-decimal text (12345.67). */
static double amount(uint32_t max_fen) { return (double)(next_random() % max_fen) / 100.0; }

static const char* const kAgencyCodes[] = {"450001", "450002", "450003", "315001", "315002", "010101"};
static const char* const kAgencyNames[] = {"威县医疗保障局(本级）", "威县医疗保障事务中心", "威县医疗保障综合执法大队",
                                           "乐山市医疗保障局",     "乐山市医疗保险服务中心", "承德市医疗保障局"};
static const char* const kFuncCodes[] = {"2101202", "2011101", "2080505", "2210201", "2101301", "2130599", "2080506"};
static const char* const kFuncNames[] = {"城乡居民基本医疗保险", "行政运行", "机关事业单位基本养老保险缴费支出", "住房公积金",
                                         "行政单位医疗", "其他扶贫支出", "机关事业单位职业年金缴费支出"};
static const char* const kEconCodes[] = {"30101", "30102", "30103", "30201", "30211", "30302", "31002", "30113"};
static const char* const kEconNames[] = {"基本工资", "津贴补贴", "奖金", "办公费", "差旅费", "退休费", "办公设备购置", "住房公积金"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char* const kHeader[] = {"序号",     "单位编码", "单位名称", "功能分类科目编码", "功能分类科目名称", "经济分类科目编码",
                                      "经济分类科目名称", "合计", "基本支出", "项目支出", "财政拨款", "下达日期"};

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s OUT.xlsx ROWS [--inline]\n", argv[0]);
    return 2;
  }
  const long rows = strtol(argv[2], NULL, 10);
  if (rows < 1 || rows > 1048575) {
    fprintf(stderr, "ROWS must be 1..1048575\n");
    return 2;
  }
  const int inline_strings = argc > 3 && strcmp(argv[3], "--inline") == 0;

  lxw_workbook_options options = {.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE,
                                  .tmpdir = NULL,
                                  .use_zip64 = LXW_FALSE};
  lxw_workbook* book = workbook_new_opt(argv[1], &options);
  if (!book) {
    fprintf(stderr, "cannot create %s\n", argv[1]);
    return 1;
  }
  lxw_worksheet* sheet = workbook_add_worksheet(book, "支出明细表");
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(book);
  format_set_num_format(money, "#,##0.00");
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "yyyy-mm-dd");

  for (lxw_col_t c = 0; c < COUNT(kHeader); ++c) worksheet_write_string(sheet, 0, c, kHeader[c], bold);

  for (long i = 1; i <= rows; ++i) {
    const lxw_row_t r = (lxw_row_t)i;
    const uint32_t agency = next_random() % COUNT(kAgencyCodes);
    const uint32_t func = next_random() % COUNT(kFuncCodes);
    const uint32_t econ = next_random() % COUNT(kEconCodes);
    const double basic = amount(100000000u);                          /* up to 999,999.99 元 */
    const int has_project = next_random() % 10 < 7;                   /* 30 % blank: blank is not zero */
    const double project = has_project ? amount(50000000u) : 0.0;
    /* Sum in 分 so the total is exact; the double only carries it to the writer. */
    const double total = (double)((int64_t)(basic * 100.0 + 0.5) + (int64_t)(project * 100.0 + 0.5)) / 100.0;
    const double serial = 44197.0 + (double)(next_random() % 365); /* a day in 2021 */

    worksheet_write_number(sheet, r, 0, (double)i, NULL);
    worksheet_write_string(sheet, r, 1, kAgencyCodes[agency], NULL);
    worksheet_write_string(sheet, r, 2, kAgencyNames[agency], NULL);
    worksheet_write_string(sheet, r, 3, kFuncCodes[func], NULL);
    worksheet_write_string(sheet, r, 4, kFuncNames[func], NULL);
    worksheet_write_string(sheet, r, 5, kEconCodes[econ], NULL);
    worksheet_write_string(sheet, r, 6, kEconNames[econ], NULL);
    worksheet_write_number(sheet, r, 7, total, money);
    worksheet_write_number(sheet, r, 8, basic, money);
    if (has_project) worksheet_write_number(sheet, r, 9, project, money);
    worksheet_write_number(sheet, r, 10, total, money);
    worksheet_write_number(sheet, r, 11, serial, date);
  }

  const lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) {
    fprintf(stderr, "writing %s failed: %s\n", argv[1], lxw_strerror(err));
    return 1;
  }
  return 0;
}
