/// @file validation_narrative.cpp
/// The published narrative (情况说明) against its own tables. Document extras keyed
/// `narrative.<section>` (部门), `narrative.unit.<section>` (单位) or
/// `narrative.unit.<agency-code>.<section>` hold the paragraphs (formats/schema/submission-xml.md).
/// Every "<名称>N万元" / "<名称>N元" whose name is a known budget figure is compared exactly with
/// the table figure of the same scope; anything else in the text is ignored, and so are figures of
/// another year ("较2020年减少…", "2020年公务接待费…"), changes (增加/减少) and thresholds
/// ("100万元以上"). A blank table cell agrees with a stated 0. All findings are warnings: the
/// tables are what was approved, the narrative is what the clerk has to correct.
/// VAL-NAR-001 收入: 预算收入 / 收入合计 / 收入总计 and the sources (一般公共预算, 政府性基金,
///             国有资本经营, 财政专户, 其他来源 = 事业 + 经营 + 上级补助 + 附属单位上缴 + 其他收入,
///             其他收入): the 收入总表's column when it has one for exactly that source, else the
///             收支总表's income row of that name (Hebei's 收入总表 lumps all 财政拨款 together).
/// VAL-NAR-002 支出: 支出预算 / 支出合计 / 支出总计, 基本支出, 项目支出 (支出总表),
/// 一般公共预算支出
///             and 一般公共预算基本支出 (their tables' 合计).
/// VAL-NAR-003 人员经费 / (日常)公用经费: the 基本支出表's columns, else the 一般公共预算支出表's,
///             else the 支出总表's.
/// VAL-NAR-004 机关运行经费: the 机关运行经费 table's 合计, else 公用经费 (Hebei defines 机关运行费
/// as
///             the 公用经费).
/// VAL-NAR-005 "三公"经费: the "三公"经费支出表's 合计 (an empty table published as 空表 is 0).
#include <map>
#include <string_view>

#include "validation_detail.hpp"

namespace budconv::validation_detail {

namespace {

/// The table figures a narrative may state.
enum class Figure {
  income_total,
  income_grand_total,
  general_public_income,
  gov_fund_income,
  state_capital_income,
  special_account_income,
  other_sources_income,
  other_income,
  expenditure_total,
  expenditure_grand_total,
  basic,
  project,
  general_public_expenditure,
  general_public_basic,
  personnel,
  public_funds,
  operating_costs,
  three_public,
};

struct Term {
  std::string_view label;  // after normalize_label
  Figure figure;
};

// Exact names only: "补助支出" or "其他支出" must not match anything (no noise).
constexpr Term kTerms[] = {
    {"预算收入", Figure::income_total},
    {"收入预算", Figure::income_total},
    {"收入合计", Figure::income_total},
    {"本年收入合计", Figure::income_total},
    {"收入总计", Figure::income_grand_total},
    {"一般公共预算收入", Figure::general_public_income},
    {"一般公共预算拨款收入", Figure::general_public_income},
    {"基金预算收入", Figure::gov_fund_income},
    {"政府性基金收入", Figure::gov_fund_income},
    {"政府性基金预算收入", Figure::gov_fund_income},
    {"政府性基金预算拨款收入", Figure::gov_fund_income},
    {"国有资本经营预算收入", Figure::state_capital_income},
    {"国有资本经营预算拨款收入", Figure::state_capital_income},
    {"财政专户核拨收入", Figure::special_account_income},
    {"财政专户收入", Figure::special_account_income},
    {"财政专户管理资金收入", Figure::special_account_income},
    {"其他来源收入", Figure::other_sources_income},
    {"其他收入", Figure::other_income},
    {"支出预算", Figure::expenditure_total},
    {"支出合计", Figure::expenditure_total},
    {"本年支出合计", Figure::expenditure_total},
    {"支出总计", Figure::expenditure_grand_total},
    {"基本支出", Figure::basic},
    {"项目支出", Figure::project},
    {"一般公共预算支出", Figure::general_public_expenditure},
    {"一般公共预算基本支出", Figure::general_public_basic},
    {"人员经费", Figure::personnel},
    {"人员经费支出", Figure::personnel},
    {"公用经费", Figure::public_funds},
    {"日常公用经费", Figure::public_funds},
    {"公用经费支出", Figure::public_funds},
    {"机关运行经费", Figure::operating_costs},
    {"机关运行费", Figure::operating_costs},
    {"三公经费", Figure::three_public},
    {"财政拨款三公经费", Figure::three_public},
};

// Words before a name that do not change what it is ("其中：", "我部门", "2021年").
constexpr std::string_view kLeadFillers[] = {"其中", "主要包括", "包括",   "以及",   "和",
                                             "及",   "我单位",   "我部门", "本单位", "本部门",
                                             "部门", "单位",     "全年",   "年度",   "度"};
// Verbs after a name ("共计安排", "预算为"); stripped only when what remains is a known name.
constexpr std::string_view kTailFillers[] = {"共计安排", "预算安排", "支出预算", "年初预算",
                                             "预算",     "安排",     "共计"};
// A name with one of these states a change or a share, not the figure itself.
constexpr std::string_view kChangeWords[] = {"增加", "减少", "增长", "下降", "同比",
                                             "较",   "上年", "比",   "占"};
// Code points that end a clause.
constexpr std::string_view kBoundaries[] = {"，", "。", "；", "：", "、", "！", "？", "（",
                                            "）", ",",  ";",  ":",  "(",  ")",  "!",  "?"};
constexpr std::string_view kSentenceEnds[] = {"。", "！", "？", "!", "?"};

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// The text without blanks: PDF renderings put spaces around numbers ("收入合计 141.47 万元").
std::string without_blanks(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (text.substr(i, 3) == "\u3000") {
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

/// Drops quotes ("“三公”经费" → "三公经费"), leading fillers and a leading year ("2021年").
std::string strip_lead(std::string label) {
  for (const char* q : {"“", "”", "\"", "‘", "’"}) {
    for (auto at = label.find(q); at != std::string::npos; at = label.find(q))
      label.erase(at, std::string_view(q).size());
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view f : kLeadFillers) {
      if (label.size() > f.size() && starts_with(label, f)) {
        label.erase(0, f.size());
        changed = true;
      }
    }
    std::size_t d = 0;
    while (d < label.size() && is_digit(label[d])) ++d;
    if (d == 4 && starts_with(std::string_view(label).substr(4), "年")) {
      label.erase(0, 4 + std::string_view("年").size());
      changed = true;
    }
  }
  return label;
}

std::optional<Figure> lookup(std::string_view label) {
  for (const Term& t : kTerms) {
    if (t.label == label) return t.figure;
  }
  return std::nullopt;
}

/// The figure a clause's name stands for, if it is one we know.
std::optional<Figure> figure_of(const std::string& raw) {
  for (std::string_view w : kChangeWords) {
    if (raw.find(w) != std::string::npos) return std::nullopt;
  }
  std::string label = strip_lead(raw);
  if (ends_with(label, "为")) label.resize(label.size() - std::string_view("为").size());
  if (auto f = lookup(label)) return f;
  for (std::string_view tail : kTailFillers) {
    if (label.size() > tail.size() && ends_with(label, tail)) {
      if (auto f = lookup(std::string_view(label).substr(0, label.size() - tail.size()))) return f;
    }
  }
  return std::nullopt;
}

/// The statement as published, without the conjunction that joined it ("和日常公用经费…").
std::string phrase(std::string text) {
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view f : {"其中", "主要包括", "包括", "以及", "和", "及"}) {
      if (text.size() > f.size() && starts_with(text, f)) {
        text.erase(0, f.size());
        changed = true;
      }
    }
  }
  return text;
}

/// One recognised statement: "其他来源收入8万元".
struct Statement {
  Figure figure;
  std::string phrase;  // name + number + unit as published (blanks removed)
  Money amount;
};

std::optional<std::string_view> match_any(std::string_view s, std::size_t at,
                                          const std::string_view* list, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (s.substr(at, list[i].size()) == list[i]) return list[i];
  }
  return std::nullopt;
}

/// Every recognised figure of the paragraph, in text order.
std::vector<Statement> statements(std::string_view paragraph, int year) {
  const std::string s = without_blanks(paragraph);
  std::vector<Statement> out;
  std::size_t clause = 0;  // where the current name may begin
  int sentence_year = 0;   // the year the sentence speaks of (0 = not said)
  std::size_t i = 0;
  while (i < s.size()) {
    if (auto b = match_any(s, i, kBoundaries, std::size(kBoundaries))) {
      if (match_any(s, i, kSentenceEnds, std::size(kSentenceEnds))) sentence_year = 0;
      i += b->size();
      clause = i;
      continue;
    }
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '.' || s[i] == ',')) ++i;
    const std::string_view number = std::string_view(s).substr(start, i - start);
    const std::string_view rest = std::string_view(s).substr(i);
    if (number.size() == 4 && starts_with(rest, "年")) {
      sentence_year = (number[0] - '0') * 1000 + (number[1] - '0') * 100 + (number[2] - '0') * 10 +
                      (number[3] - '0');
      continue;
    }
    AmountUnit unit = AmountUnit::yuan;
    std::size_t unit_len = 0;
    if (starts_with(rest, "万元")) {
      unit = AmountUnit::wan_yuan;
      unit_len = std::string_view("万元").size();
    } else if (starts_with(rest, "元")) {
      unit = AmountUnit::yuan;
      unit_len = std::string_view("元").size();
    } else {
      continue;  // a percentage, a count, a year without 年 …
    }
    const std::size_t name_at = clause;
    clause = i + unit_len;
    i = clause;
    const std::string_view after = std::string_view(s).substr(i);
    if (starts_with(after, "以上") || starts_with(after, "以下") || starts_with(after, "左右"))
      continue;
    if (year != 0 && sentence_year != 0 && sentence_year != year) continue;
    const std::string raw = s.substr(name_at, start - name_at);
    const auto figure = figure_of(raw);
    if (!figure) continue;
    const AmountParse parsed = parse_amount(number, unit);
    if (!parsed.value) continue;  // finer than 1 分 or not a number: not a statement we can check
    out.push_back(Statement{*figure, phrase(s.substr(name_at, clause - name_at)), *parsed.value});
  }
  return out;
}

/// Tables of one scope, first of each kind.
struct Group {
  std::string scope, agency_code;
  std::map<std::string, const BudgetTable*> by_kind;
  const BudgetTable* get(const std::string& kind) const {
    auto it = by_kind.find(kind);
    return it == by_kind.end() ? nullptr : it->second;
  }
};

/// What the tables say for a figure, and where.
struct Found {
  const BudgetTable* table = nullptr;
  const BudgetRow* row = nullptr;
  std::optional<Money> amount;   // blank when every cell is blank
  std::string what_zh, what_en;  // "合计行“其他收入”" / "the total row's '其他收入'"
};

const BudgetRow* first_total(const BudgetTable& t) {
  for (const auto& r : t.rows) {
    if (r.is_total) return &r;
  }
  return nullptr;
}

/// The total row's sum over the columns of `ids` the table has; nullopt when it has none.
std::optional<Found> total_columns(const BudgetTable* t, std::initializer_list<const char*> ids) {
  if (!t) return std::nullopt;
  Found f;
  f.table = t;
  f.row = first_total(*t);
  std::vector<Money> parts;
  std::string names;
  for (const char* id : ids) {
    if (!has_column(*t, id)) continue;
    names += (names.empty() ? "" : "、") + column_label(*t, id);
    if (f.row) {
      if (auto m = amount(*f.row, id)) parts.push_back(*m);
    }
  }
  if (names.empty()) return std::nullopt;
  if (!parts.empty()) f.amount = add_all(parts);
  if (!parts.empty() && !f.amount) return std::nullopt;  // overflow: nothing sensible to say
  f.what_zh = "合计行“" + names + "”";
  f.what_en = "the total row's '" + names + "'";
  return f;
}

std::optional<Money> income_side_amount(const BudgetTable& t, const BudgetRow& r) {
  for (const auto& c : t.columns) {
    if (c.side == Side::income && c.type == ColumnType::money) {
      if (auto m = amount(r, c.id)) return m;
    }
  }
  return std::nullopt;
}

/// The summed income-side rows of the 收支总表 with one of `names`; nullopt when none exists.
std::optional<Found> summary_rows(const BudgetTable* t, std::initializer_list<const char*> names) {
  if (!t || !two_sided(*t)) return std::nullopt;
  Found f;
  f.table = t;
  std::vector<Money> parts;
  std::string listed;
  for (const auto& r : t->rows) {
    if (r.side != Side::income || r.is_total) continue;
    const std::string name = without_blanks(r.name);
    bool wanted = false;
    for (const char* n : names) wanted = wanted || name == n;
    if (!wanted) continue;
    if (!f.row) f.row = &r;
    listed += (listed.empty() ? "" : "、") + r.name;
    if (auto m = income_side_amount(*t, r)) parts.push_back(*m);
  }
  if (!f.row) return std::nullopt;
  if (!parts.empty()) f.amount = add_all(parts);
  if (!parts.empty() && !f.amount) return std::nullopt;
  f.what_zh = "“" + listed + "”行";
  f.what_en = "the row(s) '" + listed + "'";
  return f;
}

std::optional<Found> summary_total(const BudgetTable* t, Side side) {
  if (!t) return std::nullopt;
  const BudgetRow* r = last_total(*t, side);
  if (!r) return std::nullopt;
  Found f{t, r, side_total(*t, side), "“" + r->name + "”", "'" + r->name + "'"};
  return f;
}

/// The 合计 of a single-amount table ("total", else "amount", else its first money column).
std::optional<Found> table_total_of(const BudgetTable* t) {
  if (!t) return std::nullopt;
  for (const char* id : {"total", "amount"}) {
    if (has_column(*t, id)) return total_columns(t, {id});
  }
  for (const auto& c : t->columns) {
    if (c.type == ColumnType::money) return total_columns(t, {c.id.c_str()});
  }
  return std::nullopt;
}

template <typename... F>
std::optional<Found> first_of(F&&... candidates) {
  std::optional<Found> out;
  ((out ? void() : void(out = candidates())), ...);
  return out;
}

std::optional<Found> resolve(Figure fig, const Group& g) {
  const BudgetTable* income = g.get("income");
  const BudgetTable* summary = g.get("income-expenditure-summary");
  const BudgetTable* spending = g.get("expenditure");
  const BudgetTable* gp = g.get("general-public-expenditure");
  const BudgetTable* gp_basic = g.get("general-public-basic");
  auto inc = [&](std::initializer_list<const char*> ids) {
    return [=] { return total_columns(income, ids); };
  };
  auto rows = [&](std::initializer_list<const char*> names) {
    return [=] { return summary_rows(summary, names); };
  };
  auto in_total = [&] { return total_columns(income, {"total"}); };
  auto in_grand = [&] { return summary_total(summary, Side::income); };
  auto out_total = [&] { return total_columns(spending, {"total"}); };
  auto out_grand = [&] { return summary_total(summary, Side::expenditure); };
  auto split = [&](const char* id) {
    return first_of([=] { return total_columns(gp_basic, {id}); },
                    [=] { return total_columns(gp, {id}); },
                    [=] { return total_columns(spending, {id}); });
  };
  switch (fig) {
    case Figure::income_total:
      return first_of(in_total, in_grand);
    case Figure::income_grand_total:
      return first_of(in_grand, in_total);
    case Figure::general_public_income:
      return first_of(inc({"general_public"}),
                      rows({"一般公共预算拨款收入", "一般公共预算收入", "一般公共预算拨款"}));
    case Figure::gov_fund_income:
      return first_of(inc({"gov_fund"}), rows({"政府性基金预算拨款收入", "政府性基金预算收入",
                                               "政府性基金收入", "政府性基金预算拨款"}));
    case Figure::state_capital_income:
      return first_of(inc({"state_capital"}),
                      rows({"国有资本经营预算拨款收入", "国有资本经营预算收入"}));
    case Figure::special_account_income:
      return first_of(
          inc({"fiscal_special_account"}),
          rows({"财政专户管理资金收入", "纳入财政专户管理的行政事业性收费", "财政专户收入"}));
    case Figure::other_sources_income:
      return first_of(inc({"business_income", "operating_income", "superior_subsidy",
                           "affiliated_remittance", "other_income"}),
                      rows({"事业收入", "事业单位经营收入", "经营收入", "上级补助收入",
                            "附属单位上缴收入", "其他收入", "其他资金"}));
    case Figure::other_income:
      return first_of(inc({"other_income"}), rows({"其他收入", "其他资金"}));
    case Figure::expenditure_total:
      return first_of(out_total, out_grand);
    case Figure::expenditure_grand_total:
      return first_of(out_grand, out_total);
    case Figure::basic:
      return first_of([&] { return total_columns(spending, {"basic"}); },
                      [&] { return total_columns(gp, {"basic"}); });
    case Figure::project:
      return first_of([&] { return total_columns(spending, {"project"}); },
                      [&] { return total_columns(gp, {"project"}); });
    case Figure::general_public_expenditure:
      return total_columns(gp, {"total"});
    case Figure::general_public_basic:
      return table_total_of(gp_basic);
    case Figure::personnel:
      return split("personnel");
    case Figure::public_funds:
      return split("public_funds");
    case Figure::operating_costs:
      return first_of([&] { return table_total_of(g.get("operating-costs")); },
                      [&] { return split("public_funds"); });
    case Figure::three_public:
      return table_total_of(g.get("three-public"));
  }
  return std::nullopt;
}

const char* rule_of(Figure f) {
  switch (f) {
    case Figure::income_total:
    case Figure::income_grand_total:
    case Figure::general_public_income:
    case Figure::gov_fund_income:
    case Figure::state_capital_income:
    case Figure::special_account_income:
    case Figure::other_sources_income:
    case Figure::other_income:
      return "VAL-NAR-001";
    case Figure::expenditure_total:
    case Figure::expenditure_grand_total:
    case Figure::basic:
    case Figure::project:
    case Figure::general_public_expenditure:
    case Figure::general_public_basic:
      return "VAL-NAR-002";
    case Figure::personnel:
    case Figure::public_funds:
      return "VAL-NAR-003";
    case Figure::operating_costs:
      return "VAL-NAR-004";
    case Figure::three_public:
      return "VAL-NAR-005";
  }
  return "VAL-NAR-001";
}

/// Where a narrative key points: scope, agency code ("" = any) and section name.
struct NarrativeKey {
  std::string scope, agency_code, section;
};

std::optional<NarrativeKey> parse_key(std::string_view key) {
  constexpr std::string_view kPrefix = "narrative.", kUnit = "unit.";
  if (!starts_with(key, kPrefix)) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  NarrativeKey t{"department", "", std::string(key)};
  if (starts_with(key, kUnit)) {
    key.remove_prefix(kUnit.size());
    t.scope = "unit";
    const auto dot = key.find('.');
    // An ASCII segment before a dot is an agency code; section names are Chinese.
    if (dot != std::string_view::npos && dot > 0 && static_cast<unsigned char>(key[0]) < 0x80) {
      t.agency_code = std::string(key.substr(0, dot));
      key.remove_prefix(dot + 1);
    }
    t.section = std::string(key);
  }
  if (t.section.empty()) return std::nullopt;
  return t;
}

const Group* group_for(const std::vector<Group>& groups, const NarrativeKey& t) {
  for (const auto& g : groups) {
    if (g.scope == t.scope && (t.agency_code.empty() || g.agency_code == t.agency_code)) return &g;
  }
  // A unit budget published alone keeps its narrative under the plain key.
  if (t.scope == "department" && groups.size() == 1) return &groups.front();
  return nullptr;
}

void check_statement(const Context& ctx, const NarrativeKey& target, const Statement& st,
                     const Found& f, Diagnostics& out) {
  const Money found = or_zero(f.amount);
  if (found == st.amount) return;
  const BudgetTable& t = *f.table;
  const std::string blank_zh = f.amount ? "是 " + amount_text(found, t.unit) : "为空";
  const std::string blank_en = f.amount ? "shows " + amount_text(found, t.unit) : "is blank";
  Diagnostic d = mismatch(Severity::warning, rule_of(st.figure),
                          "情况说明“" + target.section + "”写“" + st.phrase + "”，与“" + t.title +
                              "”" + f.what_zh + "不一致",
                          "the narrative '" + target.section + "' states \"" + st.phrase +
                              "\", which disagrees with " + f.what_en + " of '" + t.title + "'",
                          row_location(ctx, t, f.row), st.amount, found, t.unit);
  d.hint_zh = "说明写“" + st.phrase + "”，而“" + t.title + "”" + f.what_zh + blank_zh +
              "：请核对说明与报表，改正有误的一方";
  d.hint_en = "the narrative says \"" + st.phrase + "\" but the table " + blank_en +
              ": check the narrative against the tables and correct the wrong one";
  out.add(std::move(d));
}

}  // namespace

void check_narrative(const Submission& doc, const Context& ctx, Diagnostics& out) {
  std::vector<Group> groups;  // in document order
  for (const auto& t : doc.budget_tables) {
    auto it = groups.begin();
    while (it != groups.end() && (it->scope != t.scope || it->agency_code != t.agency_code)) ++it;
    if (it == groups.end()) it = groups.insert(groups.end(), Group{t.scope, t.agency_code, {}});
    it->by_kind.emplace(t.kind, &t);
  }
  for (const Extra& e : doc.extras) {
    const auto target = parse_key(e.key);
    if (!target) continue;
    const Group* g = group_for(groups, *target);
    if (!g) continue;
    for (const Statement& st : statements(e.value, ctx.year)) {
      if (auto f = resolve(st.figure, *g)) check_statement(ctx, *target, st, *f, out);
    }
  }
}

}  // namespace budconv::validation_detail
