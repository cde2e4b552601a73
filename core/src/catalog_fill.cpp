/// @file catalog_fill.cpp
/// The catalog pipeline step: codes from names, names from codes, with a note for each.
#include <algorithm>
#include <map>

#include "budconv/catalog.hpp"
#include "validation_detail.hpp"

namespace budconv {

namespace {

using validation_detail::Context;
using validation_detail::row_location;

std::string codes_of(const std::vector<const CatalogEntry*>& entries) {
  std::string s;
  for (const auto* e : entries) s += (s.empty() ? "" : "、") + e->code + " " + e->name;
  return s;
}

std::vector<const CatalogEntry*> under(const std::vector<const CatalogEntry*>& all,
                                       const std::string& parent) {
  std::vector<const CatalogEntry*> out;
  for (const auto* e : all) {
    if (e->code.size() > parent.size() && e->code.compare(0, parent.size(), parent) == 0) {
      out.push_back(e);
    }
  }
  return out;
}

/// Codes filled in one table, per classification: one note each, not one per row.
struct Filled {
  Location first;                  ///< the first filled row
  std::vector<std::string> items;  ///< "301 工资福利支出", each once
  std::size_t rows = 0;            ///< rows filled
};

/// Fills one (classification, code, name) triple; `parent` narrows an ambiguous name.
void fill_one(Classification c, std::string& code, std::string& name, const std::string& parent,
              const Catalog& cat, const Context& ctx, const Location& where,
              std::map<Classification, Filled>& filled, Diagnostics& diags) {
  if (c == Classification::none) return;
  if (code.empty() && !name.empty()) {
    auto found = cat.find_by_name(c, name, ctx.year);
    if (found.size() > 1 && !parent.empty()) {
      auto narrowed = under(found, parent);
      if (!narrowed.empty()) found = std::move(narrowed);
    }
    Location loc = where;
    loc.name = name;
    if (found.size() == 1) {
      code = found[0]->code;
      Filled& f = filled[c];
      if (f.rows++ == 0) f.first = loc;
      const std::string item = code + " " + name;
      if (std::find(f.items.begin(), f.items.end(), item) == f.items.end()) f.items.push_back(item);
    } else if (found.size() > 1) {
      diags.add(
          Severity::error, "CAT-FILL-002",
          "名称对应多个编码（" + codes_of(found) + "），无法补填；请在表中写明编码",
          "the name matches several codes (" + codes_of(found) + "); write the code in the table",
          loc);
    }
  } else if (!code.empty() && name.empty()) {
    if (const CatalogEntry* e = cat.find(c, code, ctx.year)) {
      name = e->name;
      Location loc = where;
      loc.code = code;
      loc.name = name;
      diags.add(Severity::info, "CAT-FILL-003", "按编码补填名称“" + name + "”",
                "name '" + name + "' filled in from the code", loc);
    }
  }
}

void report_filled(const std::map<Classification, Filled>& filled, Diagnostics& diags) {
  for (const auto& [c, f] : filled) {
    std::string list;
    for (const auto& item : f.items) list += (list.empty() ? "" : "、") + item;
    const std::string n = std::to_string(f.rows);
    diags.add(Severity::info, "CAT-FILL-001",
              "按名称为 " + n + " 行补填" + validation_detail::classification_label(c, false) +
                  "编码：" + list,
              validation_detail::classification_label(c, true) +
                  " codes filled in from the names on " + n + " rows: " + list,
              Location{f.first.file, f.first.sheet, f.first.cell, "", ""});
  }
}

}  // namespace

void fill_from_catalog(Submission& doc, const Catalog& catalog, Diagnostics& diags) {
  const Context ctx{&catalog, doc.source_file, doc.fiscal_year};
  for (BudgetTable& t : doc.budget_tables) {
    std::map<Classification, Filled> filled;
    std::map<int, std::string> code_at_level;  // the last code seen at each level, for narrowing
    for (BudgetRow& r : t.rows) {
      if (r.is_total) continue;
      std::string parent;
      for (const auto& [level, code] : code_at_level) {
        if (level < r.level && !code.empty()) parent = code;
      }
      const Location where = row_location(ctx, t, &r);
      fill_one(r.classification, r.code, r.name, parent, catalog, ctx, where, filled, diags);
      if (r.alt) {
        fill_one(r.alt->classification, r.alt->code, r.alt->name, "", catalog, ctx, where, filled,
                 diags);
      }
      code_at_level.erase(code_at_level.lower_bound(r.level), code_at_level.end());
      code_at_level[r.level] = r.code;
    }
    report_filled(filled, diags);
  }
}

}  // namespace budconv
