/// @file validation_cross.cpp
/// Agreement between the tables of one scope (部门 or one 单位: same scope and agency code).
/// VAL-XT-001 收入总表 合计 = 收支总表 收入总计 (both include 上年结转).
/// VAL-XT-002 支出总表 合计 = 收支总表 本年支出合计 (支出总计 when no 本年 row is published).
/// VAL-XT-003 一般公共预算支出表 合计 = 财政拨款收支总表 本年支出 in its 一般公共预算 (财政拨款)
///            column.
/// VAL-XT-004 when every fund is 一般公共预算财政拨款 (收入总表 合计 = 财政拨款, or the 收支总表's
///            支出总计 is all 财政拨款), 支出总表 and 一般公共预算支出表 agree row by row (by
///            code).
/// VAL-XT-005 一般公共预算基本支出表 合计 = 一般公共预算支出表 合计行的 基本支出.
/// VAL-XT-006 (warning) 人员经费 = the 基本支出表's 301 工资福利支出 + 303 对个人和家庭的补助,
///            公用经费 = its other classes, against the 支出表's 人员/公用 columns (else the
///            基本支出 表's own). Classification habits differ (工会经费 and 福利费 are 302 but
///            some counties count them as 人员经费), so this is a warning, not an error.
#include <algorithm>
#include <map>

#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

const BudgetRow* total_row(const BudgetTable& t) {
  for (const auto& r : t.rows) {
    if (r.is_total) return &r;
  }
  return nullptr;
}

std::optional<Money> total_in(const BudgetTable* t, const std::string& column) {
  const BudgetRow* r = t ? total_row(*t) : nullptr;
  return r ? amount(*r, column) : std::nullopt;
}

/// The expenditure-side 本年支出合计 row, else the last expenditure total.
const BudgetRow* current_spending_row(const BudgetTable& t) {
  for (const auto& r : t.rows) {
    if (r.is_total && r.side == Side::expenditure && r.name.find("本年") != std::string::npos)
      return &r;
  }
  return last_total(t, Side::expenditure);
}

struct Group {
  std::map<std::string, const BudgetTable*> by_kind;  // first table of each kind
  const BudgetTable* get(const std::string& kind) const {
    auto it = by_kind.find(kind);
    return it == by_kind.end() ? nullptr : it->second;
  }
};

void compare(const Context& ctx, const BudgetTable& t, const BudgetRow* row,
             const std::optional<Money>& expected, const std::optional<Money>& found,
             const char* rule, Severity sev, const std::string& zh, const std::string& en,
             Diagnostics& out) {
  if (!expected && !found) return;
  if (or_zero(expected) == or_zero(found)) return;
  out.add(mismatch(sev, rule, zh, en, row_location(ctx, t, row), or_zero(expected), or_zero(found),
                   t.unit));
}

std::string basic_amount_column(const BudgetTable& t) {
  return has_column(t, "total") ? "total" : "amount";
}

bool all_general_public(const Group& g) {
  if (const BudgetTable* inc = g.get("income")) {
    const auto total = total_in(inc, "total");
    return total && total_in(inc, "fiscal_appropriation") == total;
  }
  if (const BudgetTable* sum = g.get("income-expenditure-summary")) {
    const BudgetRow* r = last_total(*sum, Side::expenditure);
    if (!r || !amount(*r, "total")) return false;
    return amount(*r, "general_public_fiscal") == amount(*r, "total");
  }
  return false;
}

void compare_by_code(const Context& ctx, const BudgetTable& a, const BudgetTable& b,
                     Diagnostics& out) {
  std::map<std::string, const BudgetRow*> rows_b;
  for (const auto& r : b.rows) {
    if (!r.code.empty() && !r.is_total) rows_b.emplace(r.code, &r);
  }
  std::vector<std::string> columns;
  for (const char* c : {"total", "basic", "project", "personnel", "public_funds"}) {
    if (has_column(a, c) && has_column(b, c)) columns.emplace_back(c);
  }
  auto other_name = [&](bool en) { return en ? "'" + b.title + "'" : "“" + b.title + "”"; };
  auto check_pair = [&](const BudgetRow& ra, const BudgetRow* rb) {
    for (const auto& c : columns) {
      const std::string label = column_label(a, c);
      compare(ctx, a, &ra, rb ? amount(*rb, c) : std::nullopt, amount(ra, c), "VAL-XT-004",
              Severity::error,
              "资金全部为一般公共预算财政拨款，本行“" + label + "”应与" + other_name(false) +
                  (rb ? "同一科目一致" : "一致（该表无此科目）"),
              "all funds are general public appropriations, so column '" + label + "' must match " +
                  other_name(true) + (rb ? "" : " (which lacks this code)"),
              out);
    }
  };
  if (const BudgetRow* ta = total_row(a)) check_pair(*ta, total_row(b));
  std::map<std::string, bool> seen;
  for (const auto& r : a.rows) {
    if (r.code.empty() || r.is_total) continue;
    seen[r.code] = true;
    auto it = rows_b.find(r.code);
    check_pair(r, it == rows_b.end() ? nullptr : it->second);
  }
  for (const auto& [code, rb] : rows_b) {
    if (seen.count(code)) continue;
    for (const auto& c : columns) {
      compare(ctx, b, rb, std::nullopt, amount(*rb, c), "VAL-XT-004", Severity::error,
              "资金全部为一般公共预算财政拨款，但“" + a.title + "”无此科目",
              "all funds are general public appropriations, but '" + a.title + "' lacks this code",
              out);
    }
  }
}

void check_personnel_split(const Context& ctx, const BudgetTable& basic, const BudgetTable* gp,
                           Diagnostics& out) {
  const std::string col = basic_amount_column(basic);
  std::vector<Money> personnel, public_funds;
  bool any = false;
  for (const auto& r : basic.rows) {
    if (r.is_total || r.level != 1) continue;
    if (r.classification != Classification::economic_department || r.code.size() != 3) return;
    const auto m = amount(r, col);
    if (!m) continue;
    any = true;
    (r.code == "301" || r.code == "303" ? personnel : public_funds).push_back(*m);
  }
  if (!any) return;
  const BudgetTable* target = gp && has_column(*gp, "personnel") ? gp : &basic;
  if (!has_column(*target, "personnel") || !has_column(*target, "public_funds")) return;
  const BudgetRow* row = total_row(*target);
  if (!row) return;
  const std::string where_zh = target == &basic ? "本表" : "“" + basic.title + "”";
  const std::string where_en = target == &basic ? "this table" : "'" + basic.title + "'";
  compare(ctx, *target, row, add_all(personnel), amount(*row, "personnel"), "VAL-XT-006",
          Severity::warning,
          "人员经费与" + where_zh + "经济分类（301 工资福利支出 + 303 对个人和家庭的补助）不一致",
          "personnel funds differ from the economic classes of " + where_en +
              " (301 wages and benefits + 303 grants to individuals)",
          out);
  compare(ctx, *target, row, add_all(public_funds), amount(*row, "public_funds"), "VAL-XT-006",
          Severity::warning, "公用经费与" + where_zh + "经济分类（302 商品和服务支出等）不一致",
          "public funds differ from the economic classes of " + where_en +
              " (302 goods and services and others)",
          out);
}

void check_group(const Group& g, const Context& ctx, Diagnostics& out) {
  const BudgetTable* summary = g.get("income-expenditure-summary");
  const BudgetTable* income = g.get("income");
  const BudgetTable* spending = g.get("expenditure");
  const BudgetTable* fiscal = g.get("fiscal-summary");
  const BudgetTable* gp = g.get("general-public-expenditure");
  const BudgetTable* basic = g.get("general-public-basic");
  if (summary && income) {
    compare(ctx, *income, total_row(*income), side_total(*summary, Side::income),
            total_in(income, "total"), "VAL-XT-001", Severity::error,
            "收入总表合计不等于“" + summary->title + "”的收入总计",
            "the income table's total differs from the income total of '" + summary->title + "'",
            out);
  }
  if (summary && spending) {
    const BudgetRow* r = current_spending_row(*summary);
    const auto expected =
        r ? (amount(*r, "total") ? amount(*r, "total") : amount(*r, "expenditure_amount"))
          : std::nullopt;
    compare(
        ctx, *spending, total_row(*spending), expected, total_in(spending, "total"), "VAL-XT-002",
        Severity::error, "支出总表合计不等于“" + summary->title + "”的本年支出",
        "the expenditure table's total differs from the expenditure of '" + summary->title + "'",
        out);
  }
  if (fiscal && gp) {
    const BudgetRow* r = current_spending_row(*fiscal);
    std::optional<Money> expected;
    for (const char* c : {"fiscal_appropriation", "general_public_fiscal", "general_public"}) {
      if (r && has_column(*fiscal, c)) {
        expected = amount(*r, c);
        break;
      }
    }
    compare(ctx, *gp, total_row(*gp), expected, total_in(gp, "total"), "VAL-XT-003",
            Severity::error,
            "一般公共预算支出表合计不等于“" + fiscal->title + "”的一般公共预算支出",
            "the general public expenditure total differs from the general public column of '" +
                fiscal->title + "'",
            out);
  }
  if (spending && gp && all_general_public(g)) compare_by_code(ctx, *spending, *gp, out);
  if (basic && gp) {
    compare(ctx, *basic, total_row(*basic), total_in(gp, "basic"),
            total_in(basic, basic_amount_column(*basic)), "VAL-XT-005", Severity::error,
            "基本支出表合计不等于“" + gp->title + "”的基本支出",
            "the basic expenditure total differs from the basic column of '" + gp->title + "'",
            out);
  }
  if (basic) check_personnel_split(ctx, *basic, gp, out);
}

}  // namespace

void check_cross_tables(const Submission& doc, const Context& ctx, Diagnostics& out) {
  std::vector<std::pair<std::string, Group>> groups;  // in document order
  for (const auto& t : doc.budget_tables) {
    const std::string key = t.scope + "|" + t.agency_code;
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) it = groups.insert(groups.end(), {key, Group{}});
    it->second.by_kind.emplace(t.kind, &t);
  }
  for (const auto& [key, g] : groups) check_group(g, ctx, out);
}

}  // namespace budconv::validation_detail
