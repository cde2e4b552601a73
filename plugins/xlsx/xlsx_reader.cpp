// Package level of the XLSX reader: find the workbook through the relationships, read the small
// parts whole (workbook, rels, styles), stream shared strings and each sheet.
#include <algorithm>
#include <charconv>

#include "budconv/file_io.hpp"
#include "xlsx_dom.hpp"
#include "xlsx_format.hpp"
#include "xlsx_parts.hpp"

namespace budconv::xlsx {

namespace {

struct SheetEntry {
  std::string name;
  std::string rel_id;
  bool hidden = false;
};

struct Reader {
  SafeZip& zip;
  const Options& options;
  const std::string& file;
  bool en;
  ReadLimits limits;

  std::string msg(const std::string& english, const std::string& chinese) const {
    return en ? english : chinese;
  }

  Result<std::string> small_part(const std::string& part) {
    return zip.read(part, limits.max_small_part);
  }

  Result<std::vector<Relationship>> rels_of(const std::string& part) {
    const std::string rels_part = rels_part_for(part);
    auto xml = small_part(rels_part);
    if (!xml) return xml.error();
    return parse_relationships(xml.value(), part, file + ": " + rels_part, options.lang);
  }

  // The main part named by _rels/.rels, falling back to the conventional name.
  Result<std::string> workbook_part() {
    if (zip.find("_rels/.rels")) {
      auto rels = rels_of("");
      if (!rels) return rels.error();
      for (const Relationship& r : rels.value()) {
        if (r.type == "officeDocument" && !r.target.empty() && zip.find(r.target)) return r.target;
      }
    }
    if (zip.find("xl/workbook.xml")) return std::string("xl/workbook.xml");
    if (zip.find("mimetype") || zip.find("content.xml")) {
      return make_error(ErrorCode::format,
                        file + msg(": this is an OpenDocument file (.ods), not XLSX",
                                   ": 这是 OpenDocument 文件（.ods），不是 XLSX"));
    }
    if (zip.find("word/document.xml") || zip.find("ppt/presentation.xml")) {
      return make_error(ErrorCode::format,
                        file + msg(": this is a Word/PowerPoint document, not a workbook",
                                   ": 这是 Word/PowerPoint 文档，不是工作簿"));
    }
    return make_error(ErrorCode::format,
                      file + msg(": not an XLSX workbook (no workbook part found)",
                                 ": 不是 XLSX 工作簿（找不到 workbook 部件）"));
  }

  Status read_workbook_xml(const std::string& part, std::vector<SheetEntry>& sheets,
                           bool& date1904) {
    auto xml = small_part(part);
    if (!xml) return xml.error();
    pugi::xml_document doc;
    if (Status st = load_dom(xml.value(), doc, file + ": " + part, options.lang); !st) return st;
    pugi::xml_node root = doc.document_element();
    if (pugi::xml_node pr = child_local(root, "workbookPr")) {
      date1904 = xml_true(pr.attribute("date1904").value());
    }
    for (pugi::xml_node s : child_local(root, "sheets").children()) {
      if (s.type() != pugi::node_element || local_name(s.name()) != "sheet") continue;
      SheetEntry e;
      e.name = s.attribute("name").value();
      const char* id = prefixed_attr(s, "id");
      e.rel_id = id ? id : "";
      std::string_view state = s.attribute("state").value();
      e.hidden = state == "hidden" || state == "veryHidden";
      sheets.push_back(std::move(e));
    }
    return {};
  }

  // A positive whole number from option `key`, or `fallback` when unset or malformed.
  std::uint64_t count_option(std::string_view key, std::uint64_t fallback) const {
    std::string v = options.get(std::string(key));
    std::uint64_t n = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || r.ec != std::errc() || r.ptr != v.data() + v.size() || n == 0) return fallback;
    return n;
  }

  // Reads every wanted sheet into `book`, or, with a `sink`, streams them into it instead.
  Status run(Workbook& book, RowSink* sink) {
    limits.max_cells = count_option(kMaxCellsOption, limits.max_cells);
    // MiB, capped so the shift cannot overflow.
    const std::uint64_t text_mib = std::min<std::uint64_t>(
        count_option(kMaxTextOption, limits.max_text_bytes >> 20), std::uint64_t{1} << 40);
    limits.max_text_bytes = text_mib << 20;
    auto wb = workbook_part();
    if (!wb) return wb.error();
    const std::string wb_part = wb.value();
    if (wb_part.size() > 4 && wb_part.compare(wb_part.size() - 4, 4, ".bin") == 0) {
      return make_error(
          ErrorCode::unsupported,
          file +
              msg(": this is a binary workbook (.xlsb), which is not supported; save it as .xlsx",
                  ": 这是二进制工作簿（.xlsb），暂不支持；请另存为 .xlsx"));
    }

    std::vector<SheetEntry> sheets;
    if (Status st = read_workbook_xml(wb_part, sheets, book.date1904); !st) return st;
    if (sheets.empty()) {
      return make_error(ErrorCode::format,
                        file + msg(": the workbook lists no sheets", ": 工作簿中没有工作表"));
    }

    std::vector<Relationship> rels;
    if (zip.find(rels_part_for(wb_part))) {
      auto r = rels_of(wb_part);
      if (!r) return r.error();
      rels = std::move(r.value());
    }
    auto by_type = [&](std::string_view type) -> std::string {
      for (const Relationship& r : rels) {
        if (r.type == type && !r.target.empty()) return r.target;
      }
      return {};
    };

    Styles styles;
    if (std::string part = by_type("styles"); !part.empty() && zip.find(part)) {
      auto xml = small_part(part);
      if (!xml) return xml.error();
      auto parsed = parse_styles(xml.value(), file + ": " + part, options.lang);
      if (!parsed) return parsed.error();
      styles = std::move(parsed.value());
    }
    SharedStrings strings;
    if (std::string part = by_type("sharedStrings"); !part.empty() && zip.find(part)) {
      if (Status st = parse_shared_strings(zip, part, limits, options.lang, strings); !st)
        return st;
    }

    const std::string wanted = options.get("sheet");
    if (options.has("sheet")) {
      bool found = false;
      std::string names;
      for (const SheetEntry& s : sheets) {
        found = found || s.name == wanted;
        names += (names.empty() ? "" : msg(", ", "、")) + s.name;
      }
      if (!found) {
        return make_error(ErrorCode::usage,
                          file + msg(": no sheet named \"" + wanted + "\"; sheets: " + names,
                                     ": 没有名为“" + wanted + "”的工作表；现有工作表：" + names));
      }
    }

    ReadBudget budget;
    for (const SheetEntry& entry : sheets) {
      if (options.has("sheet") && entry.name != wanted) continue;
      const Relationship* rel = nullptr;
      for (const Relationship& r : rels) {
        if (r.id == entry.rel_id) rel = &r;
      }
      if (!rel || rel->target.empty()) {
        return make_error(
            ErrorCode::format,
            file + ": " + entry.name +
                msg(": the workbook does not say where this sheet is stored (relationship \"" +
                        entry.rel_id + "\" missing)",
                    ": 工作簿未指明该工作表的存储位置（缺少关系“" + entry.rel_id + "”）"));
      }
      if (rel->type != "worksheet") {
        // Chart sheets, dialog sheets and macro sheets hold no cell grid.
        if (options.diagnostics) {
          options.diagnostics->add(
              Severity::info, "XLSX-SHEET-SKIPPED",
              "工作表“" + entry.name + "”不是数据表（" + rel->type + "），已跳过",
              "sheet \"" + entry.name + "\" is not a worksheet (" + rel->type + "); skipped",
              Location{file, entry.name, "", "", ""});
        }
        continue;
      }
      Sheet sheet;
      sheet.name = entry.name;
      sheet.hidden = entry.hidden;
      SheetContext ctx;
      ctx.file = file;
      ctx.part = rel->target;
      ctx.strings = &strings;
      ctx.styles = &styles;
      ctx.date1904 = book.date1904;
      ctx.limits = &limits;
      ctx.budget = &budget;
      ctx.lang = options.lang;
      if (sink) {
        if (Status st = stream_sheet(zip, ctx, sheet, *sink); !st) return st;
        continue;
      }
      if (Status st = parse_sheet(zip, ctx, sheet); !st) return st;
      book.sheets.push_back(std::move(sheet));
    }
    return {};
  }
};

}  // namespace

Status read_xlsx(const std::filesystem::path& path, const Options& options, Workbook& out) {
  const std::string file = display_name(path, options);
  auto zip = SafeZip::open(path, file, options.lang);
  if (!zip) return zip.error();
  Reader reader{zip.value(), options, file, options.english(), ReadLimits{}};
  Workbook book;
  if (Status st = reader.run(book, nullptr); !st) return st;
  out = std::move(book);
  return {};
}

Status read_xlsx_rows(const std::filesystem::path& path, const Options& options, RowSink& sink) {
  const std::string file = display_name(path, options);
  auto zip = SafeZip::open(path, file, options.lang);
  if (!zip) return zip.error();
  Reader reader{zip.value(), options, file, options.english(), ReadLimits{}};
  Workbook dates_only;  // receives the date system; the sheets go to the sink
  return reader.run(dates_only, &sink);
}

}  // namespace budconv::xlsx
