/// @file validation_eval.cpp
/// Self-evaluation figures: VAL-EVAL-001 年初结转 + 本年收入 − 本年支出 = 年末结转;
/// VAL-EVAL-002 the published breakdowns: 支出 = 基本 + 项目, 基本 = 人员 + 公用,
/// 三公 = 出国 + 车辆 + 接待. Only figures that are all published are compared.
#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

std::optional<Money> fig(const Evaluation& e, const char* id) {
  auto it = e.figures.find(id);
  if (it == e.figures.end()) return std::nullopt;
  return it->second;
}

Location eval_location(const Context& ctx, const Evaluation& e) {
  Location loc;
  loc.file = ctx.file;
  loc.sheet = e.title;
  return loc;
}

void sum_rule(const Context& ctx, const Evaluation& e, const char* target,
              std::initializer_list<const char*> parts, const std::string& zh,
              const std::string& en, Diagnostics& out) {
  const auto t = fig(e, target);
  if (!t) return;
  std::vector<Money> ms;
  for (const char* p : parts) {
    const auto m = fig(e, p);
    if (!m) return;
    ms.push_back(*m);
  }
  const auto sum = add_all(ms);
  if (!sum || *sum == *t) return;
  out.add(
      mismatch(Severity::error, "VAL-EVAL-002", zh, en, eval_location(ctx, e), *sum, *t, e.unit));
}

}  // namespace

void check_evaluations(const Submission& doc, const Context& ctx, Diagnostics& out) {
  for (const auto& e : doc.evaluations) {
    const auto open = fig(e, "opening_balance"), in = fig(e, "income"),
               spent = fig(e, "expenditure"), close = fig(e, "closing_balance");
    if (open && in && spent && close) {
      const auto gross = Money::checked_add(*open, *in);
      if (gross) {
        const Money expected{gross->fen - spent->fen};
        if (expected != *close) {
          Diagnostic d = mismatch(Severity::error, "VAL-EVAL-001",
                                  "年末结转不等于年初结转 + 本年收入 − 本年支出",
                                  "closing balance is not opening + income − expenditure",
                                  eval_location(ctx, e), expected, *close, e.unit);
          d.hint_zh = "请核对年初结转、本年收入、本年支出和年末结转四个数。";
          d.hint_en = "Check the opening balance, income, expenditure and closing balance.";
          out.add(std::move(d));
        }
      }
    }
    sum_rule(ctx, e, "expenditure", {"basic", "project"}, "本年支出不等于基本支出 + 项目支出",
             "expenditure is not basic + project", out);
    sum_rule(ctx, e, "basic", {"personnel", "public_funds"}, "基本支出不等于人员经费 + 公用经费",
             "basic is not personnel + public funds", out);
    sum_rule(ctx, e, "three_public", {"overseas", "vehicle", "reception"},
             "“三公”经费不等于因公出国（境）费 + 公务用车 + 公务接待费",
             "three public costs are not overseas + vehicles + reception", out);
  }
}

}  // namespace budconv::validation_detail
