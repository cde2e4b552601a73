// Reading .xls: we check the container and the record stream ourselves first (encryption,
// code page, dimensions), hand FreeXL either the original file or a private rebuilt copy,
// then lay our scan's merges, formula results and BOOLERR cells over FreeXL's values.
//
// FreeXL traps handled here: freexl_open may return FREEXL_OK with a NULL handle (any record
// it fails to parse), so the handle is checked as well as the code; the handle is closed on
// every path; FreeXL allocates a dense grid of every sheet's declared dimensions at open time,
// so those are bounded before it runs; it has no merged-cell API, no formula values, and
// reports BOOLERR cells (booleans and error codes alike) as the integer 0 or 1.
#include <freexl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "budconv/file_io.hpp"
#include "budconv/number_text.hpp"
#include "xls_biff.hpp"
#include "xls_cfb.hpp"
#include "xls_codepage.hpp"
#include "xls_dates.hpp"
#include "xls_format.hpp"

namespace budconv::xls {

namespace {

namespace fs = std::filesystem;

/// Builds one-line errors that start with the file's name, in the user's language.
class Messages {
 public:
  Messages(std::string file, bool english) : file_(std::move(file)), en_(english) {}
  bool english() const { return en_; }
  Error operator()(ErrorCode code, const std::string& zh, const std::string& en) const {
    return make_error(code, en_ ? file_ + ": " + en : file_ + "：" + zh);
  }

 private:
  std::string file_;
  bool en_;
};

/// A private temporary file, removed when the object dies (every return path).
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove(path_, ec);
    }
  }
  /// Creates the file (mode 0600) with `bytes`; false on any failure.
  bool create(const std::string& bytes) {
    std::error_code ec;
    fs::path dir = fs::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string templ = (dir / "budconv-xls-XXXXXX").string();
    const int fd = mkstemp(templ.data());
    if (fd < 0) return false;
    path_ = templ;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n <= 0) {
        ::close(fd);
        return false;
      }
      done += static_cast<std::size_t>(n);
    }
    return ::close(fd) == 0;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Owns a FreeXL handle; freexl_close runs on every path.
class FreexlHandle {
 public:
  FreexlHandle() = default;
  FreexlHandle(const FreexlHandle&) = delete;
  FreexlHandle& operator=(const FreexlHandle&) = delete;
  ~FreexlHandle() {
    if (handle_) freexl_close(handle_);
  }
  const void** out() { return &handle_; }
  const void* get() const { return handle_; }

 private:
  const void* handle_ = nullptr;
};

std::string num(std::uint64_t v) {
  return std::to_string(v);
}

/// A one-line reason for a FreeXL error code, and the ErrorCode it maps to.
Error freexl_error(const Messages& msg, int rc, const std::string& where_zh,
                   const std::string& where_en) {
  const std::string code = " (FreeXL " + std::to_string(rc) + ")";
  const std::string code_zh = "（FreeXL " + std::to_string(rc) + "）";
  switch (rc) {
    case FREEXL_FILE_NOT_FOUND:
      return msg(ErrorCode::io, where_zh + "无法打开文件" + code_zh,
                 where_en + "cannot open the file" + code);
    case FREEXL_INSUFFICIENT_MEMORY:
      return msg(ErrorCode::limit,
                 where_zh + "工作表声明的行列范围过大，FreeXL 无法分配内存" + code_zh,
                 where_en + "a sheet declares dimensions too large for FreeXL to allocate" + code);
    case FREEXL_INVALID_CHARACTER:
      return msg(ErrorCode::format,
                 where_zh + "文字不符合文件声明的代码页，可用选项 codepage 指定（如 936 即 GBK）" +
                     code_zh,
                 where_en +
                     "text is not valid in the declared code page; set option codepage (e.g. 936 "
                     "for GBK)" +
                     code);
    case FREEXL_UNSUPPORTED_CHARSET:
      return msg(ErrorCode::unsupported,
                 where_zh + "不支持文件声明的代码页，可用选项 codepage 指定" + code_zh,
                 where_en + "the declared code page is not supported; set option codepage" + code);
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return msg(ErrorCode::format, where_zh + "复合文件中没有 Workbook 数据流" + code_zh,
                 where_en + "no Workbook stream in the compound file" + code);
    case FREEXL_CRAFTED_FILE:
      return msg(ErrorCode::format, where_zh + "文件严重损坏或被蓄意构造" + code_zh,
                 where_en + "the file is severely damaged or crafted" + code);
    case FREEXL_ILLEGAL_CELL_ROW_COL:
    case FREEXL_ILLEGAL_RK_VALUE:
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
    case FREEXL_BIFF_INVALID_BOF:
      return msg(ErrorCode::format, where_zh + "BIFF 记录损坏" + code_zh,
                 where_en + "damaged BIFF records" + code);
    default:
      return msg(ErrorCode::format, where_zh + "文件结构损坏，无法读取" + code_zh,
                 where_en + "damaged file structure, cannot be read" + code);
  }
}

/// The file is not a compound file nor raw BIFF: say what it looks like instead.
Error not_xls(const Messages& msg, std::string_view bytes) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() &&
         (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
    ++i;
  if (bytes.substr(0, 4) == "PK\x03\x04")
    return msg(ErrorCode::format, "这是 .xlsx（zip）文件，只是扩展名为 .xls，请改名为 .xlsx 后再读",
               "this is an .xlsx (zip) file with an .xls name; rename it to .xlsx");
  if (i < bytes.size() && bytes[i] == '<')
    return msg(
        ErrorCode::format,
        "这是另存为 .xls 的 HTML/XML 表格而不是 Excel 工作簿；请用 Excel/WPS 打开后另存为 .xlsx",
        "this is an HTML/XML table saved under an .xls name, not an Excel workbook; "
        "open it in Excel/WPS and save it as .xlsx");
  return msg(ErrorCode::format, "不是 Excel 97-2003 工作簿（缺少复合文件签名）",
             "not an Excel 97-2003 workbook (no compound-file signature)");
}

bool is_raw_biff(std::string_view bytes) {
  return bytes.size() >= 4 && bytes[0] == '\x09' &&
         (bytes[1] == '\x00' || bytes[1] == '\x02' || bytes[1] == '\x04');
}

/// What the container and record checks decided.
struct Plan {
  std::optional<BiffScan> scan;  ///< our scan (BIFF5/8 in a compound file only)
  std::string rebuilt;           ///< a compound file to hand FreeXL instead of the original
};

/// Checks a compound file and decides whether FreeXL may read it as it is.
Result<Plan> plan_compound(std::string_view bytes, std::optional<std::uint16_t> cp_option,
                           const Limits& limits, const Messages& msg) {
  CfbFile cfb(bytes);
  if (cfb.problem() == CfbProblem::truncated)
    return msg(ErrorCode::format, "文件不完整（复合文件结构被截断）",
               "the file is truncated (incomplete compound file)");
  if (cfb.problem() != CfbProblem::none)
    return msg(ErrorCode::format, "复合文件结构损坏（扇区表错误或循环）",
               "damaged compound file (bad or looping sector tables)");
  if (cfb.find_stream("EncryptedPackage"))
    return msg(
        ErrorCode::encrypted,
        "这是加密（设有打开密码）的 Excel 2007 及以后版本工作簿；请在 Excel/WPS "
        "中取消密码后另存再读",
        "this is an encrypted (password-protected) Excel 2007+ workbook; remove the password in "
        "Excel/WPS, save, and try again");
  const CfbEntry* entry = cfb.find_stream("Workbook");
  if (!entry) entry = cfb.find_stream("Book");
  if (!entry)
    return msg(
        ErrorCode::format,
        "复合文件中没有 Workbook 数据流，不是 Excel 工作簿（可能是 Word 等其他 Office 文档）",
        "no Workbook stream: not an Excel workbook (perhaps another Office document)");
  CfbProblem stream_problem = CfbProblem::none;
  auto stream = cfb.read_stream(*entry, stream_problem);
  if (!stream)
    return msg(ErrorCode::format, "Workbook 数据流不完整或损坏",
               "the Workbook stream is truncated or damaged");

  BiffProblem biff_problem = BiffProblem::none;
  auto scan = scan_biff(*stream, cp_option, biff_problem);
  if (!scan) {
    switch (biff_problem) {
      case BiffProblem::unsupported:
        return msg(ErrorCode::unsupported, "不支持的 BIFF 版本", "unsupported BIFF version");
      case BiffProblem::truncated:
        return msg(ErrorCode::format, "工作簿记录被截断", "the workbook records are truncated");
      case BiffProblem::oversized:
        return msg(ErrorCode::format, "工作簿含有超过 8224 字节的记录（文件损坏或被蓄意构造）",
                   "the workbook has a record longer than 8224 bytes (damaged or crafted file)");
      default:
        return msg(ErrorCode::format, "Workbook 数据流不以 BIFF 文件头（BOF）开始",
                   "the Workbook stream does not start with a BIFF BOF record");
    }
  }
  if (scan->encrypted)
    return msg(ErrorCode::encrypted,
               "工作簿已加密（设有打开密码）；请在 Excel/WPS 中取消密码后另存再读",
               "the workbook is encrypted (password to open); remove the password in Excel/WPS, "
               "save, and try again");

  std::optional<std::uint16_t> patch_cp = cp_option;
  if (!cp_option) {
    if (!scan->codepage && scan->version == 5)
      return msg(
          ErrorCode::unsupported,
          "BIFF5 工作簿缺少代码页（CODEPAGE）记录，无法判断文字编码；请用选项 codepage 指定（如 "
          "936 即 GBK）",
          "BIFF5 workbook without a CODEPAGE record, so its text encoding is unknown; set option "
          "codepage (e.g. 936 for GBK)");
    if (scan->codepage && !freexl_supports_codepage(*scan->codepage)) {
      if (scan->version != 8)
        return msg(ErrorCode::unsupported,
                   "不支持文件声明的代码页 " + num(*scan->codepage) +
                       "；请用选项 codepage 指定（可选：" + supported_codepages_text() + "）",
                   "the declared code page " + num(*scan->codepage) +
                       " is not supported; set option "
                       "codepage (one of " +
                       supported_codepages_text() + ")");
      // BIFF8 text is UTF-16 whatever the record says; FreeXL only needs a code page it knows.
      patch_cp = 1200;
    }
  }

  // FreeXL allocates a dense grid of each sheet's declared DIMENSIONS when it opens the file.
  // A declaration far beyond the cells really present (65536 × 256 over a few cells is a
  // classic) or short of them (FreeXL then fails) is corrected in the private copy; what
  // remains to bound is the extent the cells really use.
  constexpr std::uint64_t kSlack = std::uint64_t{1} << 20;
  bool shrink = false;
  std::uint64_t used = 0;
  const BiffSheet* largest = nullptr;
  for (const BiffSheet& s : scan->sheets) {
    if (!s.substream_found) continue;
    const std::uint64_t declared_area = std::uint64_t{s.declared_rows} * s.declared_cols;
    const std::uint64_t used_area = std::uint64_t{s.used_rows} * s.used_cols;
    if (s.dimensions_offset && (declared_area > used_area + kSlack ||
                                s.declared_rows < s.used_rows || s.declared_cols < s.used_cols))
      shrink = true;
    const std::uint64_t area = s.dimensions_offset ? used_area : std::max(declared_area, used_area);
    used += area;
    if (!largest || area > std::uint64_t{largest->used_rows} * largest->used_cols) largest = &s;
  }
  if (used > limits.max_cell_visits && largest)
    return msg(ErrorCode::limit,
               "工作表的单元格范围过大（最大的一张为 " + num(largest->used_rows) + " 行 × " +
                   num(largest->used_cols) + " 列，全部共 " + num(used) + " 个单元格，上限 " +
                   num(limits.max_cell_visits) + "）",
               "the sheets span too many cells (largest " + num(largest->used_rows) + " rows × " +
                   num(largest->used_cols) + " columns; " + num(used) + " cells in all, limit " +
                   num(limits.max_cell_visits) + ")");

  // FreeXL looks for exactly "Workbook" or "Book" among the entries of the first directory
  // sector only; anything else needs the rebuilt copy too.
  const bool freexl_finds_stream = (entry->name == "Workbook" || entry->name == "Book") &&
                                   entry->index < cfb.sector_size() / 128;
  // Patches in an order that keeps the scan's offsets valid: same-size first, then the SST
  // (after every BOUNDSHEET), then the CODEPAGE insertion at the very start of the globals.
  Plan plan;
  std::string body = std::move(*stream);
  bool rebuild = !freexl_finds_stream;
  if (shrink) rebuild |= shrink_dimensions(body, *scan);
  if (auto filled = fill_empty_sst_strings(body, *scan)) {
    body = std::move(*filled);
    rebuild = true;
  }
  if (patch_cp) {
    body = override_codepage(body, *scan, *patch_cp);
    rebuild = true;
  }
  if (rebuild)
    plan.rebuilt = build_single_stream_cfb(scan->version == 8 ? "Workbook" : "Book", body);
  plan.scan = std::move(scan);
  return plan;
}

/// Converts one FreeXL value; nullopt for empty cells.
std::optional<Cell> to_cell(const FreeXL_CellValue& v, bool date1904) {
  switch (v.type) {
    case FREEXL_CELL_INT:
      return Cell::make_number(std::to_string(v.value.int_value));
    case FREEXL_CELL_DOUBLE:
      return Cell::make_number(excel_number_text(v.value.double_value));
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
      if (!v.value.text_value || !*v.value.text_value) return std::nullopt;
      if (v.value.text_value == kEmptyStringPlaceholder) return std::nullopt;
      return Cell::make_text(v.value.text_value);
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      if (!v.value.text_value) return std::nullopt;
      return freexl_date_cell(v.value.text_value, date1904);
    default:
      return std::nullopt;
  }
}

struct SheetChoice {
  unsigned short index = 0;
  std::string name;
};

}  // namespace

Status XlsFormat::do_read(const fs::path& path, const Options& options, Workbook& out) {
  const Messages msg(display_name(path, options), options.english());

  std::optional<std::uint16_t> cp_option;
  if (options.has("codepage")) {
    cp_option = parse_codepage_option(options.get("codepage"));
    if (!cp_option || !freexl_supports_codepage(*cp_option))
      return msg(ErrorCode::usage,
                 "选项 codepage 的值“" + options.get("codepage") + "”无效；可选：" +
                     supported_codepages_text() + "，或 gbk、big5、shift_jis、utf-16",
                 "invalid value \"" + options.get("codepage") +
                     "\" for option codepage; use one of " + supported_codepages_text() +
                     ", or gbk, big5, shift_jis, utf-16");
  }

  auto bytes = read_file_bounded(path, limits_.max_file_bytes, options.lang);
  if (!bytes) return bytes.error();
  const std::string_view data = bytes.value();
  if (data.empty()) return msg(ErrorCode::format, "文件为空", "the file is empty");

  Plan plan;
  if (has_cfb_magic(data) ||
      (data.size() < kCfbMagic.size() && kCfbMagic.substr(0, data.size()) == data)) {
    auto planned = plan_compound(data, cp_option, limits_, msg);
    if (!planned) return planned.error();
    plan = std::move(planned.value());
  } else if (is_raw_biff(data)) {
    if (cp_option)
      return msg(ErrorCode::unsupported,
                 "选项 codepage 只适用于 Excel 5.0 及以后的 .xls（BIFF5/BIFF8）",
                 "option codepage applies only to Excel 5.0 and later .xls files (BIFF5/BIFF8)");
  } else {
    return not_xls(msg, data);
  }

  TempFile temp;
  fs::path freexl_path = path;
  if (!plan.rebuilt.empty()) {
    if (!temp.create(plan.rebuilt))
      return msg(ErrorCode::io, "无法创建临时文件", "cannot create a temporary file");
    freexl_path = temp.path();
    std::string().swap(plan.rebuilt);  // FreeXL reads the file; free our copy first
  }

  FreexlHandle handle;
  const int rc = freexl_open(freexl_path.c_str(), handle.out());
  if (rc != FREEXL_OK) return freexl_error(msg, rc, "", "");
  if (!handle.get())
    return msg(ErrorCode::format,
               "FreeXL 无法解析工作簿记录（文件损坏或含有不支持的内容；已知原因之一是单元格的"
               "文字过长，超过约 8,000 个汉字）。请在 Excel 或 WPS 中另存为 .xlsx 后再转换",
               "FreeXL could not parse the workbook records (damaged file or unsupported content; "
               "one known cause is a cell holding more than about 8,000 Chinese characters). Save it as "
               ".xlsx in Excel or WPS and convert that");

  unsigned int sheet_count = 0, datemode = 0;
  if (freexl_get_info(handle.get(), FREEXL_BIFF_SHEET_COUNT, &sheet_count) != FREEXL_OK)
    sheet_count = 0;
  if (freexl_get_info(handle.get(), FREEXL_BIFF_DATEMODE, &datemode) != FREEXL_OK) datemode = 0;
  const bool date1904 = datemode == FREEXL_BIFF_DATEMODE_1904;

  std::vector<SheetChoice> worksheets;
  for (unsigned int i = 0; i < sheet_count && i <= 0xFFFF; ++i) {
    const BiffSheet* info =
        plan.scan && i < plan.scan->sheets.size() ? &plan.scan->sheets[i] : nullptr;
    if (info && info->kind != 0) continue;  // charts, macro sheets and VB modules hold no table
    const char* name = nullptr;
    if (freexl_get_worksheet_name(handle.get(), static_cast<unsigned short>(i), &name) != FREEXL_OK)
      continue;
    worksheets.push_back({static_cast<unsigned short>(i), name ? name : ""});
  }

  if (options.has("sheet")) {
    const std::string wanted = options.get("sheet");
    std::optional<SheetChoice> found;
    for (const SheetChoice& s : worksheets)
      if (s.name == wanted) found = s;
    if (!found && !wanted.empty() && wanted.find_first_not_of("0123456789") == std::string::npos &&
        wanted.size() < 6) {
      const std::size_t pos = std::stoul(wanted);
      if (pos >= 1 && pos <= worksheets.size()) found = worksheets[pos - 1];
    }
    if (!found) {
      std::string names;
      for (const SheetChoice& s : worksheets) names += (names.empty() ? "" : "、") + s.name;
      std::string names_en;
      for (const SheetChoice& s : worksheets) names_en += (names_en.empty() ? "" : ", ") + s.name;
      return msg(ErrorCode::usage, "没有名为“" + wanted + "”的工作表；现有：" + names,
                 "no sheet named \"" + wanted + "\"; the sheets are: " + names_en);
    }
    worksheets = {*found};
  }

  Workbook book;
  book.date1904 = date1904;
  std::uint64_t visits = 0;
  for (const SheetChoice& choice : worksheets) {
    const std::string where_zh = "工作表“" + choice.name + "”：";
    const std::string where_en = "sheet \"" + choice.name + "\": ";
    int src = freexl_select_active_worksheet(handle.get(), choice.index);
    if (src != FREEXL_OK) return freexl_error(msg, src, where_zh, where_en);
    unsigned int rows = 0;
    unsigned short cols = 0;
    src = freexl_worksheet_dimensions(handle.get(), &rows, &cols);
    if (src != FREEXL_OK) return freexl_error(msg, src, where_zh, where_en);
    if (rows > kMaxRows) rows = kMaxRows;
    visits += std::uint64_t{rows} * cols;
    if (visits > limits_.max_cell_visits)
      return msg(ErrorCode::limit,
                 where_zh + "单元格范围过大（" + num(rows) + " 行 × " + num(cols) +
                     " 列，累计超过上限 " + num(limits_.max_cell_visits) + "）",
                 where_en + "too many cells (" + num(rows) + " rows × " + num(cols) +
                     " columns; the total exceeds the limit of " + num(limits_.max_cell_visits) +
                     ")");
    Sheet& sheet = book.add_sheet(choice.name);
    for (unsigned int r = 0; r < rows; ++r) {
      for (unsigned int c = 0; c < cols; ++c) {
        FreeXL_CellValue value{};
        src = freexl_get_cell_value(handle.get(), r, static_cast<unsigned short>(c), &value);
        if (src != FREEXL_OK) {
          const std::string cell = a1(r, c);
          return freexl_error(msg, src, "工作表“" + choice.name + "”!" + cell + "：",
                              "sheet \"" + choice.name + "\"!" + cell + ": ");
        }
        if (auto cell = to_cell(value, date1904)) sheet.set(r, c, std::move(*cell));
      }
    }
    if (plan.scan && choice.index < plan.scan->sheets.size()) {
      const BiffSheet& info = plan.scan->sheets[choice.index];
      sheet.hidden = info.visibility != 0;
      sheet.merges = info.merges;
      for (const ScannedCell& sc : info.cells) sheet.set(sc.row, sc.col, sc.cell);
      for (const ScannedFormat& f : info.formats) {
        auto row = sheet.rows.find(f.row);
        if (row == sheet.rows.end()) continue;
        auto cell = row->second.find(f.col);
        if (cell != row->second.end() && cell->second.type == CellType::number &&
            f.code < plan.scan->format_codes.size())
          cell->second.number_format = plan.scan->format_codes[f.code];
      }
    }
  }
  out = std::move(book);
  return {};
}

}  // namespace budconv::xls
