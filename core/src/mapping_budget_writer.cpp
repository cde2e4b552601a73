/// @file mapping_budget_writer.cpp
/// Lays out budget tables in a model="budget" definition's form: one sheet per table with the
/// title, the header line (agency, 预算年度, 单位), a merged multi-row header generated from
/// the columns' header paths, the 栏次 row, the rows (two-sided tables: one printed line per
/// income/expenditure pair) and the notes. Amounts are written in the template's unit, exactly.
#include <algorithm>
#include <set>

#include "budconv/cell_ref.hpp"
#include "mapping_budget.hpp"
#include "mapping_text.hpp"
#include "text_normalize.hpp"

namespace budconv {

namespace {

using namespace mapping_detail;

/// A written column: the definition's column, or the serial column (def == nullptr).
struct OutColumn {
  const BudgetColumnMapping* def = nullptr;
  std::vector<std::string> path;
};

class BudgetTableWriter {
 public:
  BudgetTableWriter(const MappingDefinition& def, const BudgetTableMapping& t,
                    const Submission& doc, Diagnostics& losses)
      : def_(def), t_(t), doc_(doc), losses_(losses) {}

  void write(const BudgetTable& table, Sheet& s) {
    where_ = "「" + table.title + "」";
    corr_.emplace(t_, table);
    const std::string scope = table.scope.empty() ? "department" : table.scope;
    if (!t_.serial_label.empty()) cols_.push_back(OutColumn{nullptr, {t_.serial_label}});
    for (const auto& c : t_.columns) {
      std::vector<std::string> path;
      for (const auto& p : c.header) path.push_back(with_year(scoped(p, scope), doc_.fiscal_year));
      cols_.push_back(OutColumn{&c, std::move(path)});
    }
    for (const auto& c : cols_)
      depth_ = std::max(depth_, static_cast<std::uint32_t>(c.path.size()));
    const auto n = static_cast<std::uint32_t>(cols_.size());
    std::string title = table.title;
    if (!title_fits(title, scope)) title = with_year(written_title(t_, scope), doc_.fiscal_year);
    if (title.empty()) title = t_.titles.front().second;
    Cell tc = Cell::make_text(title);
    tc.bold = true;
    tc.halign = HAlign::center;
    s.set(0, 0, tc);
    if (n > 1) s.merges.push_back(MergedRange{{0, 0}, {0, n - 1}});
    header_line(table, s, 1);
    header(s, 2);
    std::uint32_t row = 2 + depth_;
    if (!t_.numbers_label.empty()) {
      s.set(row, 0, Cell::make_text(t_.numbers_label));
      for (std::uint32_t c = 1; c < n; ++c) s.set(row, c, Cell::make_number(std::to_string(c)));
      ++row;
    }
    check_losses(table);
    std::size_t serial = 0;
    if (!t_.two_sided) {
      for (const auto& r : table.rows) {
        write_row(r, Side::none, s, row);
        set_serial(s, row, ++serial);
        ++row;
        for (const auto& d : r.details) {
          write_row(d, Side::none, s, row);
          set_serial(s, row, ++serial);
          ++row;
        }
      }
    } else {
      for (std::size_t i = 0; i < table.rows.size(); ++row) {
        // One printed line: the next income row, then the next expenditure row, when present.
        if (table.rows[i].side == Side::income) write_row(table.rows[i++], Side::income, s, row);
        if (i < table.rows.size() && table.rows[i].side == Side::expenditure) {
          write_row(table.rows[i++], Side::expenditure, s, row);
        } else if (i < table.rows.size() && table.rows[i].side == Side::none) {
          lose("row side", table.rows[i++].name);
        }
        set_serial(s, row, ++serial);
      }
    }
    // The header and the body are the ruled grid; title, header line and notes stand outside.
    if (n > 0 && row > 2) s.rule({2, 0}, {row - 1, n - 1});
    for (const auto& note : table.notes) s.set(row++, 0, Cell::make_text(note));
    for (std::uint32_t c = 0; c < n; ++c) s.column_widths[c] = width(cols_[c]);
    // Long header labels wrap; their rows grow to show them whole.
    if (depth_ > 0) s.fit_row_heights(2, 2 + depth_ - 1);
  }

 private:
  bool title_fits(const std::string& title, const std::string& scope) const {
    const std::string norm = normalize_label(title);
    return !norm.empty() && std::any_of(t_.titles.begin(), t_.titles.end(), [&](const auto& st) {
      return st.first == scope && glob_match(normalize_label(with_year(st.second, 0)), norm);
    });
  }

  void lose(const std::string& what, const std::string& value) { lose(what, what, value); }

  void lose(const std::string& what_zh, const std::string& what_en, const std::string& value) {
    Diagnostic d;
    d.severity = Severity::warning;
    d.rule = "MAP-LOSS-001";
    d.message_zh = "模板 " + def_.id + " 无处存放" + where_ + "的「" + what_zh + "」：" + value;
    d.message_en =
        "template " + def_.id + " has no place for " + what_en + " of " + where_ + ": " + value;
    d.location.name = where_;
    losses_.add(std::move(d));
  }

  void header_line(const BudgetTable& table, Sheet& s, std::uint32_t row) {
    const auto n = static_cast<std::uint32_t>(cols_.size());
    const auto k = static_cast<std::uint32_t>(t_.header_line.size());
    std::set<std::string> written;
    for (std::uint32_t i = 0; i < k; ++i) {
      const BudgetHeaderItem& item = t_.header_line[i];
      std::string text;
      if (item.field == "agency") {
        const bool own = !table.agency_code.empty() || !table.agency_name.empty();
        text = item.label +
               (own ? table.agency_code + table.agency_name : doc_.agency_code + doc_.agency_name);
      } else if (item.field == "year") {
        text = item.label + (doc_.fiscal_year != 0 ? std::to_string(doc_.fiscal_year) : "");
      } else if (item.field == "unit") {
        text = item.label + amount_unit_label(t_.unit);
      } else {
        for (const auto& e : table.extras) {
          if (e.key == "header." + item.key) text = item.label + e.value;
        }
        written.insert("header." + item.key);
      }
      if (text.empty()) continue;
      const std::uint32_t col = item.col.value_or(k <= 1 || n <= 1 ? 0 : (n - 1) * i / (k - 1));
      s.set(row, std::min(col, n - 1), Cell::make_text(text));
    }
    for (const auto& e : table.extras) {
      if (!written.count(e.key)) lose("extra " + e.key, e.value);
    }
  }

  /// Header cells from the paths: a path part shared by neighbouring columns is merged across
  /// them; a path shorter than the header is merged down to its last row.
  void header(Sheet& s, std::uint32_t top) {
    const auto n = static_cast<std::uint32_t>(cols_.size());
    for (std::uint32_t level = 0; level < depth_; ++level) {
      for (std::uint32_t c = 0; c < n;) {
        const auto& p = cols_[c].path;
        if (p.size() <= level) {
          ++c;
          continue;
        }
        std::uint32_t end = c + 1;
        while (end < n && cols_[end].path.size() > level &&
               std::equal(p.begin(), p.begin() + level + 1, cols_[end].path.begin()) &&
               (level + 1 < p.size() || level + 1 < cols_[end].path.size())) {
          ++end;
        }
        Cell cell = Cell::make_text(p[level]);
        cell.bold = true;
        cell.halign = HAlign::center;
        cell.valign = VAlign::center;
        cell.wrap = true;
        s.set(top + level, c, cell);
        const std::uint32_t bottom = level + 1 == p.size() ? top + depth_ - 1 : top + level;
        if (end - 1 > c || bottom > top + level) {
          s.merges.push_back(MergedRange{{top + level, c}, {bottom, end - 1}});
        }
        c = end;
      }
    }
  }

  void set_serial(Sheet& s, std::uint32_t row, std::size_t n) const {
    if (!t_.serial_label.empty()) s.set(row, 0, Cell::make_number(std::to_string(n)));
  }

  void write_row(const BudgetRow& r, Side side, Sheet& s, std::uint32_t row) {
    std::size_t code_at = 0;
    // inherit="blank" without codes: a level-2 line of the item above leaves the name blank.
    const bool continued = t_.inherit_blank && r.code.empty() && r.level == 2 && !r.is_total &&
                           r.label.empty() && r.name == item_name_ &&
                           !has_role(BudgetColumnRole::code) &&
                           !has_role(BudgetColumnRole::code_part);
    for (std::uint32_t c = 0; c < cols_.size(); ++c) {
      const BudgetColumnMapping* m = cols_[c].def;
      if (m == nullptr || m->side != side) continue;
      switch (m->role) {
        case BudgetColumnRole::code:
          if (!r.code.empty()) s.set(row, c, Cell::make_text(r.code));
          break;
        case BudgetColumnRole::code_part: {
          const std::size_t len =
              std::min<std::size_t>(static_cast<std::size_t>(m->digits),
                                    r.code.size() - std::min(code_at, r.code.size()));
          const std::string part = r.code.substr(std::min(code_at, r.code.size()), len);
          const std::string above =
              previous_code_.substr(0, std::min(previous_code_.size(), code_at + len));
          const bool inherited = t_.inherit_blank && r.level != 4 &&
                                 code_at + len < r.code.size() &&
                                 above == r.code.substr(0, code_at + len);
          if (!part.empty() && !inherited) s.set(row, c, Cell::make_text(part));
          code_at += static_cast<std::size_t>(m->digits);
          break;
        }
        case BudgetColumnRole::name:
          if (!continued && (!r.label.empty() || !r.name.empty()))
            s.set(row, c, Cell::make_text(r.label + r.name));
          break;
        case BudgetColumnRole::alt_code:
          if (r.alt && !r.alt->code.empty()) s.set(row, c, Cell::make_text(r.alt->code));
          break;
        case BudgetColumnRole::alt_name:
          if (r.alt && !r.alt->name.empty()) s.set(row, c, Cell::make_text(r.alt->name));
          break;
        case BudgetColumnRole::value:
          if (corr_->applies(*m)) {
            if (const auto v = corr_->value(r, *m).amount)
              s.set(row, c, Cell::make_number(format_amount(*v, t_.unit), def_.money_format));
          } else if (const auto a = r.amounts.find(m->id); a != r.amounts.end()) {
            s.set(row, c, Cell::make_number(format_amount(a->second, t_.unit), def_.money_format));
          } else if (const auto x = r.texts.find(m->id); x != r.texts.end()) {
            s.set(row, c, Cell::make_text(x->second));
          }
          break;
        case BudgetColumnRole::serial:
          break;
      }
    }
    if (!r.code.empty()) previous_code_ = r.code;
    if (r.code.empty() && r.level == 1) item_name_ = r.name;
  }

  bool holds(const std::string& id, Side side) const {
    return std::any_of(t_.columns.begin(), t_.columns.end(), [&](const BudgetColumnMapping& c) {
      return c.role == BudgetColumnRole::value && c.id == id && c.side == side;
    });
  }

  bool has_role(BudgetColumnRole role) const {
    return std::any_of(t_.columns.begin(), t_.columns.end(),
                       [&](const BudgetColumnMapping& c) { return c.role == role; });
  }

  void check_losses(const BudgetTable& table) {
    const bool codes = has_role(BudgetColumnRole::code) || has_role(BudgetColumnRole::code_part);
    const bool alts = has_role(BudgetColumnRole::alt_code) || has_role(BudgetColumnRole::alt_name);
    const std::function<void(const BudgetRow&)> check = [&](const BudgetRow& r) {
      const Side side = t_.two_sided ? r.side : Side::none;
      const auto carried = corr_->carried(r, side);
      for (const auto& [id, m] : r.amounts) {
        if (holds(id, side)) continue;
        const auto via = carried.find(id);
        // Shown alone under another id: carried, not lost. Summed with other parts: the money
        // is shown, the split is not.
        if (via != carried.end() && via->second.parts.size() == 1) continue;
        const std::string value = r.name + " " + format_amount(m, table.unit);
        if (via == carried.end()) {
          lose(id, value);
          continue;
        }
        std::string parts;
        for (const auto& p : via->second.parts) parts += (parts.empty() ? "" : " + ") + p;
        lose(id + "（" + parts + " 合计写入 " + via->second.into + "，分项未保留）",
             id + " (" + parts + " written summed into " + via->second.into +
                 "; the split is not kept)",
             value);
      }
      for (const auto& [id, text] : r.texts) {
        if (!holds(id, side)) lose(id, r.name + " " + text);
      }
      if (!r.code.empty() && !codes) lose("code", r.code + " " + r.name);
      if (r.alt && !alts) lose("alt", r.alt->code + r.alt->name);
      for (const auto& d : r.details) check(d);
    };
    for (const auto& r : table.rows) check(r);
  }

  double width(const OutColumn& c) const {
    if (c.def == nullptr) return 6;
    if (c.def->width > 0) return c.def->width;
    switch (c.def->role) {
      case BudgetColumnRole::code:
        return 12;
      case BudgetColumnRole::code_part:
        return 6;
      case BudgetColumnRole::name:
      case BudgetColumnRole::alt_name:
        return 32;
      default:
        return c.def->type == ColumnType::money ? 16 : 12;
    }
  }

  const MappingDefinition& def_;
  const BudgetTableMapping& t_;
  const Submission& doc_;
  Diagnostics& losses_;
  std::vector<OutColumn> cols_;
  std::uint32_t depth_ = 1;
  std::string where_;
  std::string previous_code_;
  std::string item_name_;  ///< inherit="blank" without codes: the last level-1 name written
  std::optional<BudgetCorrespondence> corr_;  ///< the table's correspondences, set by write()
};

/// The table's title as a sheet name: Excel allows 31 characters and no []:*?/\ .
std::string table_sheet_name(const Workbook& book, const std::string& title) {
  std::u32string name;
  for (char32_t c : detail::decode_utf8(title)) {
    if (c >= 0x20 && std::u32string_view(U"[]:*?/\\").find(c) == std::u32string_view::npos)
      name += c;
  }
  std::string out = detail::encode_utf8(name.substr(0, 31));
  for (int i = 2; out.empty() || book.find_sheet(out) != nullptr; ++i) {
    out = detail::encode_utf8(name.substr(0, 27)) + "-" + std::to_string(i);
  }
  return out;
}

}  // namespace

Status write_budget_with_mapping(const MappingDefinition& def, const Submission& doc,
                                 const Options& options, Workbook& out,
                                 Diagnostics& losses) noexcept {
  return guarded(def, options, [&]() -> Status {
    if (doc.budget_tables.empty()) {
      return make_error(ErrorCode::unsupported,
                        msg(options.lang, "文档中没有预算表，模板 " + def.id + " 无内容可写",
                            "the document has no budget tables for template " + def.id));
    }
    for (const auto& table : doc.budget_tables) {
      const auto t =
          std::find_if(def.budget_tables.begin(), def.budget_tables.end(),
                       [&](const BudgetTableMapping& m) { return m.kind == table.kind; });
      if (t == def.budget_tables.end()) {
        Diagnostic d;
        d.severity = Severity::warning;
        d.rule = "MAP-LOSS-001";
        d.message_zh =
            "模板 " + def.id + " 没有「" + table.title + "」（" + table.kind + "）这种表，未写出";
        d.message_en = "template " + def.id + " has no table of kind " + table.kind + " (\"" +
                       table.title + "\"); not written";
        d.location.name = table.title;
        losses.add(std::move(d));
        continue;
      }
      BudgetTableWriter writer(def, *t, doc, losses);
      Sheet& s = out.add_sheet("");
      writer.write(table, s);
      s.name = table_sheet_name(out, s.text(0, 0));
    }
    return {};
  });
}

}  // namespace budconv
