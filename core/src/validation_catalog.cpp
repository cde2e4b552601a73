/// @file validation_catalog.cpp
/// Codes and names against the reference catalog for the document's fiscal year:
/// VAL-CAT-001 (warning) the code is not in the catalog — the catalog covers what the seeds and
/// medical-insurance departments use, so an unknown code may be a gap in it, not a wrong code;
/// VAL-CAT-002 the name is not the code's name: an error against a `high` row, a warning against
/// a `medium` one (the real file may be right); VAL-CAT-003 (info) a known variant.
/// Detail rows are skipped: they repeat their 项's code with an item name.
#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

void check_one(const Context& ctx, const BudgetTable& t, const BudgetRow& r, Classification c,
               const std::string& code, const std::string& name, Diagnostics& out) {
  if (c == Classification::none || code.empty() || name.empty()) return;
  const Catalog& cat = *ctx.catalog;
  Location loc = row_location(ctx, t, &r);
  loc.code = code;
  loc.name = name;
  const std::string year_zh = ctx.year ? std::to_string(ctx.year) + " 年" : "";
  const std::string year_en = ctx.year ? " for " + std::to_string(ctx.year) : "";
  switch (cat.check(c, code, name, ctx.year)) {
    case NameCheck::exact:
      return;
    case NameCheck::unknown_code: {
      Diagnostic d;
      d.severity = Severity::warning;
      d.rule = "VAL-CAT-001";
      d.message_zh =
          "编码 " + code + " 不在" + year_zh + classification_label(c, false) + "科目目录中";
      d.message_en =
          "code " + code + " is not in the " + classification_label(c, true) + " catalog" + year_en;
      d.hint_zh = "请核对编码；如编码无误，可在 formats/reference/" +
                  std::string(catalog_file_name(c)) + " 中补充。";
      d.hint_en = "Check the code; if it is right, add it to formats/reference/" +
                  std::string(catalog_file_name(c)) + ".";
      d.location = std::move(loc);
      out.add(std::move(d));
      return;
    }
    case NameCheck::mismatch: {
      const CatalogEntry* e = cat.find(c, code, ctx.year);
      Diagnostic d;
      d.severity = e->confidence == "high" ? Severity::error : Severity::warning;
      d.rule = "VAL-CAT-002";
      d.message_zh = "名称与编码 " + code + " 不符（" + classification_label(c, false) + "）";
      d.message_en =
          "the name does not match code " + code + " (" + classification_label(c, true) + ")";
      d.expected = e->name;
      d.found = name;
      d.hint_zh = "请核对编码或名称。";
      d.hint_en = "Check the code or the name.";
      d.location = std::move(loc);
      out.add(std::move(d));
      return;
    }
    case NameCheck::variant: {
      const CatalogEntry* e = cat.find(c, code, ctx.year);
      Diagnostic d;
      d.severity = Severity::info;
      d.rule = "VAL-CAT-003";
      d.message_zh = "名称为编码 " + code + "“" + e->name + "”的已知写法";
      d.message_en = "the name is a known variant of code " + code + " '" + e->name + "'";
      d.location = std::move(loc);
      out.add(std::move(d));
      return;
    }
  }
}

}  // namespace

void check_catalog(const Submission& doc, const Context& ctx, Diagnostics& out) {
  if (!ctx.catalog) return;
  for (const auto& t : doc.budget_tables) {
    for (const auto& r : t.rows) {
      if (r.is_total) continue;
      check_one(ctx, t, r, r.classification, r.code, r.name, out);
      if (r.alt) check_one(ctx, t, r, r.alt->classification, r.alt->code, r.alt->name, out);
    }
  }
}

}  // namespace budconv::validation_detail
