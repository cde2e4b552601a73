/// @file validation.cpp
/// The rule list, the step runner and the helpers the steps share.
#include "budconv/validation.hpp"

#include "validation_detail.hpp"

namespace budconv {

namespace validation_detail {

Location row_location(const Context& ctx, const BudgetTable& t, const BudgetRow* row) {
  Location loc;
  loc.file = ctx.file;
  const SourceRef& src = row && !row->source.sheet.empty() ? row->source : t.source;
  loc.sheet = src.sheet.empty() ? t.title : src.sheet;
  loc.cell = src.cell;
  if (row) {
    loc.code = row->code;
    loc.name = row->name.empty() && row->is_total ? "合计" : row->name;
  }
  return loc;
}

std::string amount_text(Money m, AmountUnit unit) {
  // The published unit in both languages: the clerk compares with the printed table.
  return format_amount(m, unit, AmountFormat{2, true}) + " " + amount_unit_label(unit);
}

Money or_zero(const std::optional<Money>& m) {
  return m ? *m : Money{};
}

std::optional<Money> amount(const BudgetRow& row, const std::string& column) {
  auto it = row.amounts.find(column);
  if (it == row.amounts.end()) return std::nullopt;
  return it->second;
}

std::optional<Money> add_all(const std::vector<Money>& parts) {
  Money sum;
  for (const Money& p : parts) {
    auto s = Money::checked_add(sum, p);
    if (!s) return std::nullopt;
    sum = *s;
  }
  return sum;
}

std::string column_label(const BudgetTable& t, const std::string& column) {
  for (const auto& c : t.columns) {
    if (c.id == column) return c.label.empty() ? c.id : c.label;
  }
  return column;
}

bool has_column(const BudgetTable& t, const std::string& id) {
  for (const auto& c : t.columns) {
    if (c.id == id && c.type == ColumnType::money) return true;
  }
  return false;
}

bool two_sided(const BudgetTable& t) {
  for (const auto& c : t.columns) {
    if (c.side != Side::none) return true;
  }
  return false;
}

bool placeholder(const BudgetRow& r) {
  return r.name.empty() && r.code.empty() && r.amounts.empty() && r.details.empty();
}

std::string classification_label(Classification c, bool english) {
  switch (c) {
    case Classification::function:
      return english ? "function classification" : "功能分类";
    case Classification::economic_department:
      return english ? "department economic classification" : "部门预算经济分类";
    case Classification::economic_government:
      return english ? "government economic classification" : "政府预算经济分类";
    case Classification::none:
      break;
  }
  return "";
}

Diagnostic mismatch(Severity s, const std::string& rule, std::string zh, std::string en,
                    Location loc, Money expected, Money found, AmountUnit unit) {
  Diagnostic d;
  d.severity = s;
  d.rule = rule;
  // The difference is what a clerk looks for in the other cells; put it in the message.
  const Money diff{found.fen - expected.fen};
  d.message_zh = std::move(zh) + "，相差 " + amount_text(diff, unit);
  d.message_en = std::move(en) + ", difference " + amount_text(diff, unit);
  d.location = std::move(loc);
  d.expected = amount_text(expected, unit);
  d.found = amount_text(found, unit);
  return d;
}

}  // namespace validation_detail

const std::vector<ValidationRule>& validation_rules() {
  static const std::vector<ValidationRule> rules{
      {"CAT-FILL-001", Severity::info, "按名称补填编码", "code filled in from the name"},
      {"CAT-FILL-002", Severity::error, "名称对应多个编码，无法补填", "name matches several codes"},
      {"CAT-FILL-003", Severity::info, "按编码补填名称", "name filled in from the code"},
      {"VAL-SUM-001", Severity::error, "合计 = 顶层各行之和", "total = sum of the top-level rows"},
      {"VAL-SUM-002", Severity::error, "类 = 所属各款之和", "类 = sum of its 款"},
      {"VAL-SUM-003", Severity::error, "款 = 所属各项之和", "款 = sum of its 项"},
      {"VAL-SUM-004", Severity::error, "项 = 所属明细之和", "项 = sum of its detail rows"},
      {"VAL-ROW-001", Severity::error, "合计 = 基本支出 + 项目支出（+ 经营支出等）",
       "total = basic + project (+ operating …)"},
      {"VAL-ROW-002", Severity::error, "基本支出 = 人员经费 + 公用经费",
       "basic = personnel + public"},
      {"VAL-ROW-003", Severity::error, "项目支出 = 部门支出 + 专项支出",
       "project = department + special"},
      {"VAL-ROW-004", Severity::error, "合计 = 各资金来源之和", "total = sum of the fund sources"},
      {"VAL-BAL-001", Severity::error, "收入总计 = 支出总计", "income total = expenditure total"},
      {"VAL-XT-001", Severity::error, "收入总表合计 = 收支总表收入总计",
       "income table total = summary income total"},
      {"VAL-XT-002", Severity::error, "支出总表合计 = 收支总表本年支出",
       "expenditure table total = summary expenditure"},
      {"VAL-XT-003", Severity::error, "一般公共预算支出表合计 = 财政拨款收支总表一般公共预算支出",
       "general public expenditure = fiscal summary's general public column"},
      {"VAL-XT-004", Severity::error, "全部为一般公共预算财政拨款时，支出总表 = 一般公共预算支出表",
       "all funds general public: expenditure table = general public expenditure table"},
      {"VAL-XT-005", Severity::error, "基本支出表合计 = 一般公共预算支出表基本支出",
       "basic expenditure table total = general public table's basic"},
      {"VAL-XT-006", Severity::warning, "人员经费、公用经费与经济分类口径一致",
       "personnel / public funds agree with the economic classes"},
      {"VAL-CAT-001", Severity::warning, "编码不在当年分类科目中",
       "code not in the catalog for the year"},
      {"VAL-CAT-002", Severity::error, "编码与名称不符（目录行为 medium 时为警告）",
       "code and name disagree (a warning against a medium row)"},
      {"VAL-CAT-003", Severity::info, "名称为已知变体", "name is a known variant"},
      {"VAL-GOAL-001", Severity::error, "缺少产出、效益或满意度指标",
       "goal lacks output, effect or satisfaction indicators"},
      {"VAL-GOAL-002", Severity::warning, "指标值看似数值却无法解析",
       "target looks numeric but does not parse"},
      {"VAL-GOAL-003", Severity::error, "权重合计应为 100", "weights must sum to 100"},
      {"VAL-GOAL-004", Severity::error, "资金支出计划应逐期递增且不超过 100%",
       "spending plan must rise and stay ≤ 100%"},
      {"VAL-GOAL-005", Severity::error, "资金总额 = 财政资金 + 其他资金",
       "total = fiscal + other funds"},
      {"VAL-EVAL-001", Severity::error, "年初结转 + 本年收入 − 本年支出 = 年末结转",
       "opening + income − expenditure = closing"},
      {"VAL-EVAL-002", Severity::error, "支出 = 基本 + 项目，基本 = 人员 + 公用，三公 = 各项之和",
       "expenditure, basic and three-public breakdowns add up"},
      {"VAL-NAR-001", Severity::warning, "情况说明的收入数与收入总表/收支总表一致",
       "narrative income figures agree with the income tables"},
      {"VAL-NAR-002", Severity::warning, "情况说明的支出数与支出总表等一致",
       "narrative expenditure figures agree with the expenditure tables"},
      {"VAL-NAR-003", Severity::warning, "情况说明的人员经费、公用经费与基本支出表一致",
       "narrative personnel / public funds agree with the basic expenditure table"},
      {"VAL-NAR-004", Severity::warning, "情况说明的机关运行经费与报表一致",
       "narrative operating costs agree with the tables"},
      {"VAL-NAR-005", Severity::warning, "情况说明的“三公”经费与“三公”经费支出表一致",
       "narrative three-public spending agrees with its table"},
  };
  return rules;
}

Diagnostics validate_submission(const Submission& doc, const ValidationOptions& options) {
  using namespace validation_detail;
  Context ctx{options.catalog, options.file.empty() ? doc.source_file : options.file,
              doc.fiscal_year};
  static constexpr Step kSteps[] = {check_hierarchy_sums, check_row_identities, check_balance,
                                    check_cross_tables,   check_catalog,        check_goals,
                                    check_evaluations,    check_narrative};
  Diagnostics out;
  for (Step step : kSteps) step(doc, ctx, out);
  return out;
}

Diagnostics check_submission(Submission& doc, const ValidationOptions& options) {
  Diagnostics out;
  if (options.catalog) {
    // The fill step names doc.source_file in its locations; show the caller's name there too.
    const std::string saved = doc.source_file;
    if (!options.file.empty()) doc.source_file = options.file;
    fill_from_catalog(doc, *options.catalog, out);
    doc.source_file = saved;
  }
  out.merge(validate_submission(doc, options));
  return out;
}

std::string validation_summary(const Diagnostics& diags, bool english) {
  const auto e = diags.count(Severity::error), w = diags.count(Severity::warning),
             i = diags.count(Severity::info);
  if (english) {
    auto n = [](std::size_t k, const char* one, const char* many) {
      return std::to_string(k) + " " + (k == 1 ? one : many);
    };
    return n(e, "error", "errors") + ", " + n(w, "warning", "warnings") + ", " +
           n(i, "note", "notes");
  }
  return std::to_string(e) + " 个错误，" + std::to_string(w) + " 个警告，" + std::to_string(i) +
         " 个提示";
}

}  // namespace budconv
