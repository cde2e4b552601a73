/// @file catalog.cpp
/// Loading the reference catalogs (TSV with a header line; '#' lines are comments) and looking
/// codes and names up in them.
#include "budconv/catalog.hpp"

#include <charconv>

#include "budconv/file_io.hpp"
#include "budconv/mapping.hpp"

namespace budconv {

namespace {

constexpr std::size_t kMaxCatalogBytes = 8u << 20;  // the real files are a few KiB

std::string msg(Lang lang, const std::string& zh, const std::string& en) {
  return lang == Lang::en ? en : zh;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    out.emplace_back(
        s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

/// A TSV as header → column index plus data rows with their line numbers.
struct Table {
  std::map<std::string, std::size_t> header;
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::string cell(const std::vector<std::string>& row, const std::string& column) const {
    auto it = header.find(column);
    return it == header.end() || it->second >= row.size() ? "" : trim_ascii(row[it->second]);
  }
};

Result<Table> parse_tsv(std::string_view tsv, const std::string& display_name,
                        const std::string& first_column, Lang lang) {
  Table t;
  int line_no = 0;
  for (const std::string& raw : split(tsv, '\n')) {
    ++line_no;
    const std::string line = trim_ascii(raw);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = split(line, '\t');
    if (t.header.empty()) {
      if (trim_ascii(cells[0]) != first_column) {
        return make_error(ErrorCode::format,
                          msg(lang,
                              display_name + " 第 " + std::to_string(line_no) + " 行：表头应以“" +
                                  first_column + "”开头",
                              display_name + " line " + std::to_string(line_no) +
                                  ": the header must start with '" + first_column + "'"));
      }
      for (std::size_t i = 0; i < cells.size(); ++i) t.header[trim_ascii(cells[i])] = i;
      continue;
    }
    t.rows.emplace_back(line_no, std::move(cells));
  }
  if (t.header.empty()) {
    return make_error(ErrorCode::format,
                      msg(lang, display_name + "：没有表头行", display_name + ": no header line"));
  }
  return t;
}

std::optional<int> parse_year(const std::string& s) {
  if (s.empty()) return 0;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1900 || v > 2200) return std::nullopt;
  return v;
}

std::vector<std::string> variant_list(const std::string& cell) {
  std::vector<std::string> out;
  for (const std::string& v : split(cell, '|')) {
    std::string t = trim_ascii(v);
    if (!t.empty() && t[0] != '(') out.push_back(std::move(t));  // "(…)" is a note, not a name
  }
  return out;
}

std::string key(Classification c, std::string_view text) {
  return std::string(classification_id(c)) + "|" + std::string(text);
}

}  // namespace

const char* catalog_file_name(Classification c) noexcept {
  switch (c) {
    case Classification::function:
      return "function-classification.tsv";
    case Classification::economic_department:
      return "economic-classification-department.tsv";
    case Classification::economic_government:
      return "economic-classification-government.tsv";
    case Classification::none:
      break;
  }
  return "";
}

void Catalog::add(CatalogEntry entry) {
  const std::size_t i = entries_.size();
  by_code_.emplace(key(entry.classification, entry.code), i);
  by_name_.emplace(key(entry.classification, normalize_label(entry.name)), i);
  for (const auto& v : entry.variants) {
    by_name_.emplace(key(entry.classification, normalize_label(v)), i);
  }
  entries_.push_back(std::move(entry));
}

Status Catalog::add_tsv(Classification classification, std::string_view tsv,
                        const std::string& display_name, Lang lang) {
  auto table = parse_tsv(tsv, display_name, "code", lang);
  if (!table) return table.error();
  const Table& t = table.value();
  for (const auto& [line, row] : t.rows) {
    auto bad = [&](const std::string& zh, const std::string& en) {
      return make_error(ErrorCode::format,
                        msg(lang, display_name + " 第 " + std::to_string(line) + " 行：" + zh,
                            display_name + " line " + std::to_string(line) + ": " + en));
    };
    CatalogEntry e;
    e.classification = classification;
    e.code = t.cell(row, "code");
    e.name = t.cell(row, "name");
    if (e.code.empty() || e.name.empty()) return bad("缺少编码或名称", "code or name missing");
    if (e.code.find_first_not_of("0123456789") != std::string::npos) {
      return bad("编码只能是数字：" + e.code, "a code has digits only: " + e.code);
    }
    auto from = parse_year(t.cell(row, "valid_from"));
    auto to = parse_year(t.cell(row, "valid_to"));
    if (!from || !to) return bad("年度无法识别", "fiscal year not understood");
    e.valid_from = *from;
    e.valid_to = *to;
    e.variants = variant_list(t.cell(row, "variants"));
    e.confidence = t.cell(row, "confidence");
    e.note = t.cell(row, "note");
    add(std::move(e));
  }
  return {};
}

Status Catalog::add_indicator_tsv(std::string_view tsv, const std::string& display_name,
                                  Lang lang) {
  auto table = parse_tsv(tsv, display_name, "level", lang);
  if (!table) return table.error();
  const Table& t = table.value();
  for (const auto& [line, row] : t.rows) {
    IndicatorClass c;
    const std::string level = t.cell(row, "level");
    c.level = level == "2" ? 2 : 1;
    c.name = t.cell(row, "name");
    c.parent = t.cell(row, "parent");
    c.variants = variant_list(t.cell(row, "variants"));
    if ((level != "1" && level != "2") || c.name.empty()) {
      return make_error(ErrorCode::format, msg(lang,
                                               display_name + " 第 " + std::to_string(line) +
                                                   " 行：层级应为 1 或 2，且须有名称",
                                               display_name + " line " + std::to_string(line) +
                                                   ": level must be 1 or 2, with a name"));
    }
    indicators_.push_back(std::move(c));
  }
  return {};
}

Result<Catalog> Catalog::load(const std::filesystem::path& formats_dir, Lang lang) {
  Catalog cat;
  const auto dir = formats_dir / "reference";
  std::error_code ec;
  auto read = [&](const std::string& name) -> std::optional<Result<std::string>> {
    const auto p = dir / name;
    if (!std::filesystem::exists(p, ec)) return std::nullopt;
    return read_file_bounded(p, kMaxCatalogBytes, lang);
  };
  for (Classification c : {Classification::function, Classification::economic_department,
                           Classification::economic_government}) {
    auto text = read(catalog_file_name(c));
    if (!text) continue;
    if (!*text) return text->error();
    Status st = cat.add_tsv(c, text->value(), (dir / catalog_file_name(c)).string(), lang);
    if (!st) return st.error();
  }
  if (auto text = read("indicator-framework.tsv")) {
    if (!*text) return text->error();
    Status st =
        cat.add_indicator_tsv(text->value(), (dir / "indicator-framework.tsv").string(), lang);
    if (!st) return st.error();
  }
  return cat;
}

Result<Catalog> Catalog::load_default(Lang lang) {
  // The source tree's formats folder is the last resort, as the region plugins do it (a path
  // from the build, not __FILE__, which compiler caches may make relative).
  const auto dir = find_formats_dir(BUDCONV_SOURCE_FORMATS_DIR);
  if (dir.empty()) {
    return make_error(ErrorCode::plugin,
                      msg(lang, "找不到 formats 目录（可设置 BUDCONV_FORMATS_DIR）",
                          "no formats folder found (set BUDCONV_FORMATS_DIR)"));
  }
  return load(dir, lang);
}

const CatalogEntry* Catalog::find(Classification c, std::string_view code, int year) const {
  auto [lo, hi] = by_code_.equal_range(key(c, code));
  for (auto it = lo; it != hi; ++it) {
    if (entries_[it->second].valid_in(year)) return &entries_[it->second];
  }
  return nullptr;
}

std::vector<const CatalogEntry*> Catalog::find_by_name(Classification c, std::string_view name,
                                                       int year) const {
  std::vector<const CatalogEntry*> out;
  auto [lo, hi] = by_name_.equal_range(key(c, normalize_label(name)));
  for (auto it = lo; it != hi; ++it) {
    const CatalogEntry* e = &entries_[it->second];
    if (!e->valid_in(year)) continue;
    bool seen = false;
    for (const auto* o : out) seen = seen || o == e;
    if (!seen) out.push_back(e);
  }
  return out;
}

NameCheck Catalog::check(Classification c, std::string_view code, std::string_view name,
                         int year) const {
  const CatalogEntry* e = find(c, code, year);
  if (!e) return NameCheck::unknown_code;
  const std::string n = normalize_label(name);
  if (n == normalize_label(e->name)) return NameCheck::exact;
  for (const auto& v : e->variants) {
    if (n == normalize_label(v)) return NameCheck::variant;
  }
  return NameCheck::mismatch;
}

std::string Catalog::indicator(int level, std::string_view text) const {
  const std::string n = normalize_label(text);
  for (const auto& c : indicators_) {
    if (c.level != level) continue;
    if (n == normalize_label(c.name)) return c.name;
    for (const auto& v : c.variants) {
      if (n == normalize_label(v)) return c.name;
    }
  }
  return "";
}

}  // namespace budconv
