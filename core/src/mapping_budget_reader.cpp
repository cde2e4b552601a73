/// @file mapping_budget_reader.cpp
/// Reads budget tables (model="budget" definitions) from a Workbook. A table starts at a title
/// cell matching one of the definition's titles (any column: titles move), its header line
/// (agency, 预算年度, 单位) follows, then a header of one or more rows that is matched column by
/// column on the normalised header path, an optional 栏次 row, the data rows and 注 lines. A
/// table ends where the next title begins. Cells of columns the definition does not know are
/// kept as text columns under their header label, so nothing read is dropped.
#include <algorithm>
#include <charconv>
#include <limits>
#include <set>

#include "budconv/cell_ref.hpp"
#include "mapping_budget.hpp"
#include "mapping_scan.hpp"
#include "mapping_text.hpp"

namespace budconv {

namespace {

using namespace mapping_detail;

/// Widest header the reader looks at; a hostile sheet with merges to XFD must not cost more.
constexpr std::uint32_t kMaxColumns = 256;
/// Rows between a title and its header that may hold header-line facts.
constexpr int kMaxHeaderLineRows = 8;

/// A title found on a sheet.
struct FoundTable {
  const BudgetTableMapping* def = nullptr;
  std::string scope;
  std::string title;
  std::uint32_t row = 0, col = 0;
  std::uint32_t end = std::numeric_limits<std::uint32_t>::max();
};

const BudgetTableMapping* match_title(const MappingDefinition& def, const std::string& text,
                                      std::string& scope) {
  if (text.size() > kMaxLabelBytes) return nullptr;
  const std::string norm = normalize_label(strip_numbering(text));
  if (norm.empty()) return nullptr;
  for (const auto& t : def.budget_tables) {
    for (const auto& [s, pattern] : t.titles) {
      if (glob_match(normalize_label(with_year(pattern, 0)), norm)) {
        scope = s;
        return &t;
      }
    }
  }
  return nullptr;
}

std::vector<FoundTable> find_tables(const MappingDefinition& def, const LabelIndex& index) {
  std::vector<FoundTable> out;
  for (const auto& [row, cells] : index.rows) {
    for (const auto& cell : cells) {
      FoundTable f;
      // The index holds normalised text; titles are matched on it (numbering is ASCII-folded).
      f.def = match_title(def, cell.norm, f.scope);
      if (f.def == nullptr) continue;
      f.row = row;
      f.col = cell.col;
      out.push_back(std::move(f));
      break;
    }
  }
  for (std::size_t i = 0; i + 1 < out.size(); ++i) out[i].end = out[i + 1].row;
  return out;
}

bool is_blank_row(const std::map<std::uint32_t, Cell>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const auto& kv) { return kv.second.blank(); });
}

/// Text after the first colon ("预算年度：2021" → "2021"), or nullopt without one.
std::optional<std::string> after_colon(const std::string& text) {
  for (std::string_view colon : {"：", ":"}) {
    const auto at = text.find(colon);
    if (at != std::string::npos) return trim_text(std::string_view(text).substr(at + colon.size()));
  }
  return std::nullopt;
}

/// Cell text as the model keeps it: numbers lose a spurious ".0" that a code stored as a number
/// may carry ("2101202.0" → "2101202").
std::string code_text(const Cell* cell) {
  if (cell == nullptr) return "";
  std::string t = trim_text(cell->text);
  if (cell->type == CellType::number) {
    const auto dot = t.find('.');
    if (dot != std::string::npos && t.find_first_not_of('0', dot + 1) == std::string::npos)
      t.resize(dot);
  }
  return t;
}

/// The year a "{year}年…" title names ("2020年部门收支总体情况表" → 2020), else 0.
int title_year(const BudgetTableMapping& t, const std::string& title) {
  const bool has = std::any_of(t.titles.begin(), t.titles.end(), [](const auto& st) {
    return st.second.find("{year}") != std::string::npos;
  });
  const std::string norm = normalize_label(title);
  const auto at = norm.find_first_of("0123456789");
  if (!has || at == std::string::npos) return 0;
  int y = 0;
  std::from_chars(norm.data() + at, norm.data() + norm.size(), y);
  return y > 1900 && y < 3000 ? y : 0;
}

bool name_matches(const std::vector<std::string>& globs, const std::string& name) {
  const std::string norm = normalize_label(name);
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return glob_match(g, norm); });
}

/// Where each sheet column of a table's header goes.
struct ColumnMap {
  std::optional<std::uint32_t> serial;
  std::map<std::uint32_t, const BudgetColumnMapping*> known;  ///< sheet column → definition column
  std::map<std::uint32_t, TableColumn> unknown;               ///< sheet column → kept as text
  std::size_t matched = 0;                                    ///< definition columns found
};

class BudgetTableReader {
 public:
  BudgetTableReader(const MappingDefinition& def, const Sheet& sheet, const MergeLookup& merges,
                    const Options& options, Diagnostics& diags)
      : def_(def), sheet_(sheet), merges_(merges), options_(options), diags_(diags) {}

  /// The first header row after the title, or nullopt; header-line facts go to `table`/`year`.
  std::optional<std::uint32_t> header_line(const FoundTable& f, BudgetTable& table,
                                           int& year) const {
    std::vector<std::string> firsts;
    for (const auto& c : f.def->columns) firsts.push_back(header_glob({c.header.front()}, f.scope));
    if (!f.def->serial_label.empty()) firsts.push_back(header_glob({f.def->serial_label}, f.scope));
    int seen = 0;
    for (auto it = sheet_.rows.upper_bound(f.row); it != sheet_.rows.end() && it->first < f.end;
         ++it) {
      if (is_blank_row(it->second)) continue;
      const bool header = std::any_of(it->second.begin(), it->second.end(), [&](const auto& kv) {
        if (kv.second.type != CellType::text || kv.second.text.size() > kMaxLabelBytes)
          return false;
        const std::string norm = normalize_label(kv.second.text);
        return std::any_of(firsts.begin(), firsts.end(),
                           [&](const std::string& g) { return glob_match(g, norm); });
      });
      if (header) return it->first;
      if (++seen > kMaxHeaderLineRows) return std::nullopt;
      for (const auto& [c, cell] : it->second) {
        if (!cell.blank()) header_fact(*f.def, cell.text, table, year, a1(it->first, c));
      }
    }
    return std::nullopt;
  }

  void header_fact(const BudgetTableMapping& t, const std::string& raw, BudgetTable& table,
                   int& year, const std::string& cell) const {
    const std::string text = trim_text(raw);
    const std::string norm = normalize_label(text);
    for (const auto& item : t.header_line) {
      if (item.label.empty()) continue;
      const std::string label = normalize_label(item.label);
      if (norm.rfind(label, 0) != 0) continue;
      const std::string value = after_colon(text).value_or(norm.substr(label.size()));
      if (item.field == "year") {
        int y = 0;
        const auto r = std::from_chars(value.data(), value.data() + value.size(), y);
        if (r.ec == std::errc() && y > 1900 && y < 3000) {
          year = y;
          return;
        }
      } else if (item.field == "unit") {
        if (const auto u = parse_amount_unit(value)) {
          table.unit = *u;
          return;
        }
      } else if (item.field == "agency") {
        set_agency(table, value);
        return;
      } else {
        table.extras.push_back(Extra{"header." + item.key, value, SourceRef{sheet_.name, cell}});
        return;
      }
    }
    if (const auto value = after_colon(text)) {
      // "截止时间：2020-12-31" → header.截止时间; the key is the label before the colon.
      const std::string label = normalize_label(text);
      table.extras.push_back(Extra{"header." + label.substr(0, label.find(':')), *value,
                                   SourceRef{sheet_.name, cell}});
      return;
    }
    if (table.agency_code.empty() && table.agency_name.empty()) {
      set_agency(table, text);
      return;
    }
    table.extras.push_back(Extra{"header", text, SourceRef{sheet_.name, cell}});
  }

  /// "450威县医疗保障局", "450001威县医疗保障局(本级）", "315-乐山市医疗保障局": code + name.
  static void set_agency(BudgetTable& table, const std::string& text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    table.agency_code = text.substr(0, digits);
    std::string_view name = std::string_view(text).substr(digits);
    if (digits > 0 && !name.empty() && name.front() == '-') name.remove_prefix(1);
    table.agency_name = trim_text(name);
  }

  /// Header path of each sheet column over the header rows; parents written only over the first
  /// column of their group (no merge) carry to the right while the rows below have text.
  std::map<std::uint32_t, std::vector<std::string>> header_paths(std::uint32_t first,
                                                                 int depth) const {
    std::uint32_t width = 0;
    for (int d = 0; d < depth; ++d) {
      const auto it = sheet_.rows.find(first + static_cast<std::uint32_t>(d));
      if (it != sheet_.rows.end() && !it->second.empty())
        width = std::max(width, it->second.rbegin()->first + 1);
    }
    width = std::min(width, kMaxColumns);
    std::map<std::uint32_t, std::vector<std::string>> out;
    std::vector<std::string> carry(static_cast<std::size_t>(depth));
    for (std::uint32_t c = 0; c < width; ++c) {
      std::vector<std::string> cells(static_cast<std::size_t>(depth));
      std::vector<bool> merged(static_cast<std::size_t>(depth));
      for (int d = 0; d < depth; ++d) {
        const std::uint32_t r = first + static_cast<std::uint32_t>(d);
        cells[d] = trim_text(merges_.text(r, c));
        merged[d] = merges_.find(r, c) != nullptr;
      }
      std::vector<std::string> path;
      for (int d = 0; d < depth; ++d) {
        const bool below = std::any_of(cells.begin() + d + 1, cells.end(),
                                       [](const std::string& s) { return !s.empty(); });
        std::string t = cells[d];
        if (t.empty() && !merged[d] && below) t = carry[d];
        if (!cells[d].empty()) carry[d] = cells[d];
        if (cells[d].empty() && !below) carry[d].clear();
        if (t.empty() || (!path.empty() && path.back() == t)) continue;
        path.push_back(t);
      }
      if (!path.empty()) out[c] = std::move(path);
    }
    return out;
  }

  ColumnMap map_columns(const BudgetTableMapping& t, const std::string& scope,
                        const std::map<std::uint32_t, std::vector<std::string>>& paths) const {
    ColumnMap m;
    std::set<const BudgetColumnMapping*> used;
    const auto find = [&](const std::vector<std::string>& path,
                          bool leaf_only) -> const BudgetColumnMapping* {
      const std::string key = leaf_only ? normalize_label(path.back()) : header_key(path);
      for (const auto& c : t.columns) {
        if (used.count(&c)) continue;
        const auto match = [&](const std::vector<std::string>& def_path) {
          return glob_match(
              header_glob(leaf_only ? std::vector<std::string>{def_path.back()} : def_path, scope),
              key);
        };
        if (match(c.header) || std::any_of(c.aliases.begin(), c.aliases.end(), match)) return &c;
      }
      return nullptr;
    };
    std::size_t extra = 0;
    for (const auto& [col, path] : paths) {
      if (!t.serial_label.empty() &&
          normalize_label(path.front()) == normalize_label(t.serial_label)) {
        if (!m.serial) {
          m.serial = col;
          continue;
        }
      }
      const BudgetColumnMapping* c = find(path, false);
      if (c == nullptr) c = find(path, true);
      if (c != nullptr) {
        used.insert(c);
        m.known[col] = c;
        ++m.matched;
        continue;
      }
      TableColumn tc;
      tc.id = "extra_" + std::to_string(++extra);
      for (const auto& p : path) tc.label += (tc.label.empty() ? "" : " ") + p;
      tc.type = ColumnType::text;
      m.unknown[col] = std::move(tc);
    }
    return m;
  }

  /// Reads the table whose title is `f`; false when its header is not found. A continuation
  /// (the same title repeated over the next page's header) adds its rows to `table`.
  bool read(const FoundTable& f, BudgetTable& table, int& year, bool continuation = false) {
    BudgetTable scratch;
    BudgetTable& head = continuation ? scratch : table;
    return read_into(f, head, table, year, continuation);
  }

  bool read_into(const FoundTable& f, BudgetTable& head, BudgetTable& table, int& year,
                 bool continuation) {
    const BudgetTableMapping& t = *f.def;
    if (continuation) head.unit = table.unit;
    head.kind = t.kind;
    head.title = trim_text(sheet_.text(f.row, f.col));
    head.scope = f.scope;
    if (!continuation) head.unit = t.unit;
    head.source = SourceRef{sheet_.name, a1(f.row, f.col)};
    const auto first = header_line(f, head, year);
    if (!first) {
      warn("BUD-MAP-001", f.row, f.col, "表「" + table.title + "」下方未找到表头，已跳过",
           "no header found under table \"" + table.title + "\"; skipped");
      return false;
    }
    if (year == 0) year = title_year(t, head.title);
    int depth = 1;
    for (const auto& c : t.columns) depth = std::max(depth, static_cast<int>(c.header.size()));
    map_ = map_columns(t, f.scope, header_paths(*first, depth));
    for (const auto& c : t.columns) {
      if (c.role != BudgetColumnRole::value) continue;
      const bool found = std::any_of(map_.known.begin(), map_.known.end(),
                                     [&](const auto& kv) { return kv.second == &c; });
      if (found && !continuation)
        table.columns.push_back(
            TableColumn{c.id, with_year(scoped(c.label, f.scope), year), c.type, c.side});
    }
    for (const auto& [col, tc] : map_.unknown) {
      if (!continuation) table.columns.push_back(tc);
      warn("BUD-MAP-002", *first, col,
           "表「" + table.title + "」的列「" + tc.label + "」不在模板中，按文字保留",
           "column \"" + tc.label + "\" of table \"" + table.title +
               "\" is not in the template; kept as text");
    }
    const std::string numbers = normalize_label(t.numbers_label);
    if (!continuation) {
      codes_.assign(6, "");
      item_name_.clear();
    }
    for (auto it = sheet_.rows.lower_bound(*first + static_cast<std::uint32_t>(depth));
         it != sheet_.rows.end() && it->first < f.end; ++it) {
      const auto& cells = it->second;
      if (is_blank_row(cells)) continue;
      const auto firstcell = std::find_if(cells.begin(), cells.end(),
                                          [](const auto& kv) { return !kv.second.blank(); });
      const std::string lead = normalize_label(firstcell->second.text);
      if (lead == "栏次" || (!numbers.empty() && lead == numbers)) continue;
      if (lead.rfind("注:", 0) == 0 || lead.rfind("注1", 0) == 0) {
        table.notes.push_back(trim_text(firstcell->second.text));
        continue;
      }
      if (!t.two_sided) {
        BudgetRow row = read_row(t, table, it->first, Side::none);
        if (!blank_row(row)) add_row(t, table, std::move(row));
        continue;
      }
      BudgetRow income = read_row(t, table, it->first, Side::income);
      BudgetRow expenditure = read_row(t, table, it->first, Side::expenditure);
      if (blank_row(income) && blank_row(expenditure)) continue;
      // One printed line is two rows; an empty half stays as a placeholder so lines pair up.
      for (BudgetRow* r : {&income, &expenditure}) {
        if (blank_row(*r)) r->source = {};
        table.rows.push_back(std::move(*r));
      }
    }
    return true;
  }

  static bool blank_row(const BudgetRow& r) {
    return r.code.empty() && r.name.empty() && r.label.empty() && r.amounts.empty() &&
           r.texts.empty() && !r.alt;
  }

 private:
  void warn(const char* rule, std::uint32_t row, std::uint32_t col, std::string zh,
            std::string en) const {
    Location loc;
    loc.file = options_.display_name;
    loc.sheet = sheet_.name;
    loc.cell = a1(row, col);
    diags_.add(Severity::warning, rule, std::move(zh), std::move(en), std::move(loc));
  }

  BudgetRow read_row(const BudgetTableMapping& t, BudgetTable& table, std::uint32_t r, Side side) {
    BudgetRow row;
    row.side = side;
    std::vector<std::string> parts(6);
    int deepest = 0;
    std::optional<std::uint32_t> first_col;
    Classification code_class = Classification::none;
    std::vector<int> levels;
    for (const auto& [col, c] : map_.known) {
      if (c->side != side) continue;
      const Cell* cell = sheet_.find(r, col);
      if (cell == nullptr || cell->blank()) continue;
      if (!first_col) first_col = col;
      switch (c->role) {
        case BudgetColumnRole::code:
          row.code = code_text(cell);
          code_class = c->classification;
          levels = c->levels;
          break;
        case BudgetColumnRole::code_part:
          parts[static_cast<std::size_t>(c->part)] = code_text(cell);
          deepest = std::max(deepest, c->part);
          code_class = c->classification;
          break;
        case BudgetColumnRole::name: {
          auto [label, name] = split_row_label(cell->text);
          row.label = std::move(label);
          row.name = std::move(name);
          if (c->classification != Classification::none) code_class = c->classification;
          break;
        }
        case BudgetColumnRole::alt_code:
        case BudgetColumnRole::alt_name: {
          if (!row.alt) row.alt = AltClass{c->classification, "", ""};
          (c->role == BudgetColumnRole::alt_code ? row.alt->code : row.alt->name) =
              c->role == BudgetColumnRole::alt_code ? code_text(cell) : trim_text(cell->text);
          break;
        }
        case BudgetColumnRole::value:
          read_value(*c, table, *cell, r, col, row);
          break;
        case BudgetColumnRole::serial:
          break;
      }
    }
    if (side != Side::expenditure) {
      for (const auto& [col, tc] : map_.unknown) {
        const Cell* cell = sheet_.find(r, col);
        if (cell != nullptr && !cell->blank()) row.texts[tc.id] = trim_text(cell->text);
      }
    }
    if (deepest > 0) {
      // Split codes: a blank 类 / 款 on a deeper row inherits the row above's.
      for (int p = 1; p <= deepest; ++p) {
        if (parts[p].empty()) parts[p] = codes_[p];
        codes_[p] = parts[p];
        row.code += parts[p];
      }
      for (int p = deepest + 1; p < 6; ++p) codes_[p].clear();
      row.level = deepest;
    } else if (!row.code.empty()) {
      const auto at = std::find(levels.begin(), levels.end(), static_cast<int>(row.code.size()));
      row.level = at == levels.end() ? 0 : static_cast<int>(at - levels.begin()) + 1;
      if (at == levels.end()) {
        warn("BUD-MAP-003", r, first_col.value_or(0),
             "编码「" + row.code + "」的位数不是模板的科目级次",
             "code \"" + row.code + "\" has a length the template's levels do not know");
      }
    }
    row.is_total = row.code.empty() && !row.name.empty() && name_matches(t.totals, row.name);
    // A names-only row takes its name column's classification (Henan's 部门预算经济分类).
    if (!row.code.empty() || (!row.name.empty() && !row.is_total)) row.classification = code_class;
    if (t.level_by_alt && row.code.empty() && !row.is_total && !row.name.empty())
      row.level = row.alt ? 2 : 1;
    if (first_col) row.source = SourceRef{sheet_.name, a1(r, *first_col)};
    return row;
  }

  void read_value(const BudgetColumnMapping& c, const BudgetTable& table, const Cell& cell,
                  std::uint32_t r, std::uint32_t col, BudgetRow& row) {
    if (c.type != ColumnType::money) {
      row.texts[c.id] = c.type == ColumnType::quantity ? code_text(&cell) : trim_text(cell.text);
      return;
    }
    const AmountParse p = parse_amount(cell.text, table.unit);
    if (p.value) {
      row.amounts[c.id] = *p.value;
    } else if (p.error) {
      row.texts[c.id] = trim_text(cell.text);
      warn(
          "BUD-MAP-004", r, col,
          "「" + cell.text + "」不是金额（" + amount_error_text(*p.error, false) + "），按文字保留",
          "\"" + cell.text + "\" is not an amount (" + amount_error_text(*p.error, true) +
              "); kept as text");
    }
  }

  /// Rows repeating the code of the 项 above are its detail rows (Henan lists several named
  /// lines under one 210 15 01).
  void add_row(const BudgetTableMapping& t, BudgetTable& table, BudgetRow row) {
    int deepest = 0;
    for (const auto& c : t.columns) {
      if (c.role == BudgetColumnRole::code_part) deepest = std::max(deepest, c.part);
      if (c.role == BudgetColumnRole::code)
        deepest = std::max(deepest, static_cast<int>(c.levels.size()));
    }
    if (t.inherit_blank && deepest == 0 && row.code.empty() && !row.is_total) {
      // Names only (Henan's 三公 table): a line with a blank name continues the item above,
      // as its level-2 line under the level-1 line that names it.
      if (!row.name.empty()) {
        row.level = 1;
        item_name_ = row.name;
      } else if (!item_name_.empty()) {
        row.name = item_name_;
        row.level = 2;
      }
    }
    if (!row.code.empty() && !table.rows.empty()) {
      BudgetRow& prev = table.rows.back();
      if (prev.code == row.code && prev.level == deepest && deepest > 0) {
        row.level = 4;
        prev.details.push_back(std::move(row));
        return;
      }
    }
    table.rows.push_back(std::move(row));
  }

  const MappingDefinition& def_;
  const Sheet& sheet_;
  const MergeLookup& merges_;
  const Options& options_;
  Diagnostics& diags_;
  ColumnMap map_;
  std::vector<std::string> codes_;
  std::string item_name_;  ///< inherit="blank" without codes: the item blank names continue
};

/// A table repeating the title of the table above it on the same sheet is that table's next
/// page (seed 004's 部门支出总体情况表 prints its title and header again).
bool continues(const BudgetTable& previous, const FoundTable& f, const Sheet& sheet) {
  return previous.kind == f.def->kind && previous.scope == f.scope &&
         normalize_label(previous.title) == normalize_label(sheet.text(f.row, f.col));
}

std::string titles_list(const MappingDefinition& def) {
  std::string out;
  for (const auto& t : def.budget_tables) {
    if (!t.titles.empty()) out += "「" + t.titles.front().second + "」";
  }
  return out;
}

}  // namespace

int detect_budget_with_mapping(const MappingDefinition& def, const Workbook& book,
                               std::string& why) {
  int best = 0;
  std::size_t tables = 0;
  std::string best_why = "未找到标题为 " + titles_list(def) + " 等的表";
  Diagnostics quiet;
  const Options options;
  try {
    for (const auto& sheet : book.sheets) {
      const LabelIndex index = index_labels(sheet);
      const auto found = find_tables(def, index);
      if (found.empty()) continue;
      const MergeLookup merges(sheet);
      BudgetTableReader reader(def, sheet, merges, options, quiet);
      for (const auto& f : found) {
        ++tables;
        BudgetTable table;
        int year = 0;
        std::size_t want = 0;
        for (const auto& c : f.def->columns) want += c.role != BudgetColumnRole::serial;
        const bool ok = reader.read(f, table, year);
        std::size_t got = 0;
        if (ok) {
          got = table.columns.size();
          for (const auto& c : table.columns) got -= c.id.rfind("extra_", 0) == 0;
          std::size_t values = 0;
          for (const auto& c : f.def->columns) values += c.role == BudgetColumnRole::value;
          want = std::max<std::size_t>(values, 1);
        }
        // Title 40, header 60 by the share of the template's value columns found.
        const int score = 40 + (ok ? static_cast<int>(60 * std::min(got, want) / want) : 0);
        if (score > best) {
          best = score;
          best_why = sheet.name + "!" + a1(f.row, f.col) + "：标题「" + table.title + "」，表头 " +
                     std::to_string(got) + "/" + std::to_string(want) + " 列";
        }
      }
    }
  } catch (const std::exception&) {
    best = 0;
  }
  why = def.id + "：" + best_why + (tables > 1 ? "（共 " + std::to_string(tables) + " 个表）" : "");
  return std::min(best, 100);
}

Status read_budget_with_mapping(const MappingDefinition& def, const Workbook& book,
                                const Options& options, Submission& out,
                                Diagnostics& diags) noexcept {
  return guarded(def, options, [&]() -> Status {
    std::vector<BudgetTable> tables;
    int year = 0;
    for (const auto& sheet : book.sheets) {
      const LabelIndex index = index_labels(sheet);
      const auto found = find_tables(def, index);
      if (found.empty()) continue;
      const MergeLookup merges(sheet);
      BudgetTableReader reader(def, sheet, merges, options, diags);
      const std::size_t before = tables.size();
      for (const auto& f : found) {
        if (tables.size() > before && continues(tables.back(), f, sheet)) {
          reader.read(f, tables.back(), year, true);
          continue;
        }
        BudgetTable table;
        if (reader.read(f, table, year)) tables.push_back(std::move(table));
      }
    }
    if (tables.empty()) {
      const std::string file = options.display_name.empty() ? "" : options.display_name + ": ";
      return make_error(
          ErrorCode::format,
          file + msg(options.lang,
                     "未找到" + def.name + "：应有标题为 " + titles_list(def) +
                         " 之一的表及其表头（模板 " + def.id + "）",
                     "no " + def.name_en + " found: expected a table titled " + titles_list(def) +
                         " with its header (template " + def.id + ")"));
    }
    const auto lead = std::find_if(tables.begin(), tables.end(),
                                   [](const BudgetTable& t) { return t.scope == "department"; });
    const BudgetTable& head = lead == tables.end() ? tables.front() : *lead;
    if (out.agency_code.empty() && out.agency_name.empty()) {
      out.agency_code = head.agency_code;
      out.agency_name = head.agency_name;
    }
    if (out.fiscal_year == 0) out.fiscal_year = year;
    if (out.kind.empty()) out.kind = lead == tables.end() ? "unit-budget" : "department-budget";
    if (out.region.empty()) out.region = def.region;
    if (out.template_id.empty()) out.template_id = def.id;
    for (auto& t : tables) out.budget_tables.push_back(std::move(t));
    return {};
  });
}

}  // namespace budconv
