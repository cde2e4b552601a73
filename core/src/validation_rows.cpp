/// @file validation_rows.cpp
/// Row identities, checked on every row (details too) where the columns exist:
/// VAL-ROW-001 合计 (or 本年合计) = 基本 + 项目 + 经营 + 上缴上级 + 对附属单位补助;
/// VAL-ROW-002 基本 (or the 合计 of a 基本支出表) = 人员经费 + 公用经费;
/// VAL-ROW-003 项目 = 部门支出 + 专项支出 (Henan);
/// VAL-ROW-004 合计 = Σ fund sources (收入总表, 财政拨款收支总表, 三公, 采购; "其中：财政拨款" is a
/// part of 一般公共预算 and is not added; 本年收入小计 is a subtotal and is not added).
#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

struct Identity {
  const char* rule;
  std::string target;              ///< column that should hold the sum
  std::vector<std::string> parts;  ///< columns present in the table that add up to it
};

const std::vector<std::string> kSpendingParts{"basic", "project", "operating_expense",
                                              "remit_superior", "affiliated_subsidy"};
const std::vector<std::string> kFundParts{"fiscal_appropriation",
                                          "fiscal_special_account",
                                          "business_income",
                                          "operating_income",
                                          "superior_subsidy",
                                          "affiliated_remittance",
                                          "other_income",
                                          "carryover",
                                          "gov_fund",
                                          "state_capital",
                                          "unit_funds",
                                          "carryover_general",
                                          "carryover_gov_fund",
                                          "general_public",
                                          "gov_fund_current",
                                          "gov_fund_transfer"};

std::vector<std::string> present(const BudgetTable& t, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (has_column(t, id)) out.push_back(id);
  }
  return out;
}

std::vector<Identity> identities_of(const BudgetTable& t) {
  std::vector<Identity> out;
  const bool spending = has_column(t, "basic") && has_column(t, "project");
  if (spending) {
    const std::string target = has_column(t, "current_subtotal") ? "current_subtotal" : "total";
    if (has_column(t, target)) out.push_back({"VAL-ROW-001", target, present(t, kSpendingParts)});
  }
  if (has_column(t, "personnel") && has_column(t, "public_funds")) {
    const std::string target = has_column(t, "basic") ? "basic" : spending ? "" : "total";
    if (!target.empty() && has_column(t, target)) {
      out.push_back({"VAL-ROW-002", target, {"personnel", "public_funds"}});
    }
  }
  if (has_column(t, "project") && has_column(t, "project_department") &&
      has_column(t, "project_special")) {
    out.push_back({"VAL-ROW-003", "project", {"project_department", "project_special"}});
  }
  if (!spending && has_column(t, "total")) {
    auto parts = present(t, kFundParts);
    if (parts.size() >= 2) out.push_back({"VAL-ROW-004", "total", std::move(parts)});
  }
  return out;
}

void check_row(const Context& ctx, const BudgetTable& t, const BudgetRow& row,
               const std::vector<Identity>& ids, Diagnostics& out) {
  for (const Identity& id : ids) {
    std::vector<Money> parts;
    bool any = false;
    std::string names_zh, names_en;
    for (const auto& p : id.parts) {
      const auto m = amount(row, p);
      any = any || m.has_value();
      if (m) parts.push_back(*m);
      names_zh += (names_zh.empty() ? "“" : "”+“") + column_label(t, p);
      names_en += (names_en.empty() ? "'" : "' + '") + column_label(t, p);
    }
    const auto found = amount(row, id.target);
    if (!any && !found) continue;
    const auto expected = add_all(parts);
    if (!expected || *expected == or_zero(found)) continue;
    const std::string target = column_label(t, id.target);
    out.add(mismatch(Severity::error, id.rule, "“" + target + "”不等于" + names_zh + "”之和",
                     "'" + target + "' is not " + names_en + "'", row_location(ctx, t, &row),
                     *expected, or_zero(found), t.unit));
  }
  for (const auto& d : row.details) check_row(ctx, t, d, ids, out);
}

}  // namespace

void check_row_identities(const Submission& doc, const Context& ctx, Diagnostics& out) {
  for (const auto& t : doc.budget_tables) {
    const auto ids = identities_of(t);
    if (ids.empty()) continue;
    for (const auto& r : t.rows) {
      if (!placeholder(r)) check_row(ctx, t, r, ids, out);
    }
  }
}

}  // namespace budconv::validation_detail
