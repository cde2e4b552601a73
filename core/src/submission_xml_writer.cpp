// Canonical XML writer: Submission → bytes. Deterministic (attributes and children in the order of
// formats/schema/submission-xml.md, maps in key order) and lossless for every model field.
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "budconv/money.hpp"
#include "budconv/submission_xml.hpp"
#include "submission_xml_lex.hpp"

namespace budconv::xml {

namespace {

// Thrown inside the writer only; write_xml turns it into the returned Error.
struct WriteFailure {
  Error error;
};

// pugixml's own escaping writes TAB/CR literally (which a conforming parser folds to a space in
// attributes) and control characters as &#NN; (which XML 1.0 forbids). So values are escaped
// here and the document is saved with format_no_escapes.
std::string escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class Writer {
 public:
  explicit Writer(Lang lang) : en_(lang == Lang::en) {}

  std::string run(const Submission& doc) {
    pugi::xml_document d;
    pugi::xml_node decl = d.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = d.append_child("submission");
    attr(root, "xmlns", kNamespace);
    attr(root, "format-version", kFormatVersion);
    attr(root, "agency-code", doc.agency_code);
    attr(root, "agency-name", doc.agency_name);
    int_attr(root, "fiscal-year", doc.fiscal_year);
    vocab_attr(root, "kind", doc.kind, is_submission_kind, false);
    attr(root, "region", doc.region);
    attr(root, "template", doc.template_id);
    for (const Extra& e : doc.extras) extra(root, e);
    for (const BudgetTable& t : doc.budget_tables) table(root, t);
    for (const PerformanceGoal& g : doc.goals) goal(root, g);
    for (const Evaluation& e : doc.evaluations) evaluation(root, e);
    std::ostringstream os;
    d.save(os, "  ", pugi::format_indent | pugi::format_no_escapes, pugi::encoding_utf8);
    // pugixml ends empty elements with " />"; the canonical form (and the spec) uses "/>". Every
    // '>' inside a value is escaped, so the pattern can only be a tag end.
    std::string out = os.str();
    std::string compact;
    compact.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out.compare(i, 3, " />") == 0) continue;  // drop the blank, keep "/>"
      compact += out[i];
    }
    return compact;
  }

 private:
  [[noreturn]] void fail(pugi::xml_node n, const char* name, const std::string& zh,
                         const std::string& en) const {
    std::string where = "<" + std::string(n.name()) + ">";
    if (name) where += en_ ? std::string(" attribute ") + name : std::string(" 属性 ") + name;
    throw WriteFailure{make_error(ErrorCode::invalid_value,
                                  en_ ? "cannot write canonical XML: " + where + ": " + en
                                      : "无法写出规范 XML：" + where + "：" + zh)};
  }

  std::string checked(pugi::xml_node n, const char* name, std::string_view value,
                      bool attribute) const {
    if (value.size() > kMaxValueBytes) {
      fail(n, name, "长度超过 " + std::to_string(kMaxValueBytes >> 20) + " MiB 上限",
           "longer than the limit of " + std::to_string(kMaxValueBytes >> 20) + " MiB");
    }
    if (auto bad = find_bad_char(value)) {
      fail(n, name, describe_bad_char(value, *bad, false) + "（“" + shorten(value) + "”）",
           describe_bad_char(value, *bad, true) + " (\"" + shorten(value) + "\")");
    }
    return escape(value, attribute);
  }

  // Empty values are omitted: the reader's default for an absent attribute is the empty string.
  void attr(pugi::xml_node n, const char* name, std::string_view value) const {
    if (value.empty()) return;
    n.append_attribute(name).set_value(checked(n, name, value, true).c_str());
  }

  void int_attr(pugi::xml_node n, const char* name, int value) const {
    if (value != 0) attr(n, name, std::to_string(value));
  }

  void vocab_attr(pugi::xml_node n, const char* name, const std::string& value,
                  bool (*known)(std::string_view), bool required) const {
    if (value.empty() && !required) return;
    if (!known(value)) {
      fail(
          n, name, "“" + shorten(value) + "”不是已知的取值（见 formats/schema/submission-xml.md）",
          "\"" + shorten(value) + "\" is not a known value (see formats/schema/submission-xml.md)");
    }
    attr(n, name, value);
  }

  void id_attr(pugi::xml_node n, const char* name, const std::string& value) const {
    if (!is_identifier(value)) {
      fail(n, name, "“" + shorten(value) + "”不是合法的标识（应为小写字母、数字和 _）",
           "\"" + shorten(value) + "\" is not a valid id (lower-case letters, digits and _)");
    }
    attr(n, name, value);
  }

  void decimal_attr(pugi::xml_node n, const char* name, const std::optional<Decimal>& d) const {
    if (!d) return;
    if (d->scale < 0 || d->scale > 18) {
      fail(n, name, "小数位数 " + std::to_string(d->scale) + " 超出 0–18",
           "scale " + std::to_string(d->scale) + " outside 0-18");
    }
    attr(n, name, d->to_string());
  }

  std::string amount(pugi::xml_node n, const char* name, Money m, AmountUnit unit) const {
    std::string s = format_amount(m, unit);
    if (!is_amount_lexical(s)) {  // a broken format_amount must not produce schema-invalid files
      fail(n, name, "金额格式化结果“" + shorten(s) + "”不符合规范",
           "amount formatted as \"" + shorten(s) + "\" is not canonical");
    }
    return s;
  }

  void amount_attr(pugi::xml_node n, const char* name, const std::optional<Money>& m,
                   AmountUnit unit) const {
    if (m) attr(n, name, amount(n, name, *m, unit));
  }

  void set_text(pugi::xml_node n, std::string_view value) const {
    if (!value.empty())
      n.append_child(pugi::node_pcdata).set_value(checked(n, nullptr, value, false).c_str());
  }

  void text_child(pugi::xml_node parent, const char* name, std::string_view value) const {
    set_text(parent.append_child(name), value);
  }

  void source(pugi::xml_node n, const SourceRef& s) const {
    attr(n, "sheet", s.sheet);
    attr(n, "cell", s.cell);
  }

  void extra(pugi::xml_node parent, const Extra& e) const {
    pugi::xml_node n = parent.append_child("extra");
    attr(n, "key", e.key);
    source(n, e.source);
    set_text(n, e.value);
  }

  void table(pugi::xml_node parent, const BudgetTable& t) const {
    pugi::xml_node n = parent.append_child("budget-table");
    vocab_attr(n, "kind", t.kind, is_table_kind, true);
    attr(n, "title", t.title);
    vocab_attr(n, "scope", t.scope, is_scope, false);
    attr(n, "agency-code", t.agency_code);
    attr(n, "agency-name", t.agency_name);
    attr(n, "unit", amount_unit_id(t.unit));
    source(n, t.source);
    for (const TableColumn& c : t.columns) {
      pugi::xml_node cn = n.append_child("column");
      id_attr(cn, "id", c.id);
      attr(cn, "label", c.label);
      attr(cn, "type",
           c.type == ColumnType::quantity ? "quantity"
           : c.type == ColumnType::text   ? "text"
                                          : "");
      attr(cn, "side", side_id(c.side));
    }
    for (const BudgetRow& r : t.rows) row(n, "row", r, t, 0);
    for (const std::string& note : t.notes) text_child(n, "note", note);
    for (const Extra& e : t.extras) extra(n, e);
  }

  // Keys of `values` in the table's column order, then any key no column declares.
  template <class V>
  std::vector<std::string> ordered_keys(const std::map<std::string, V>& values,
                                        const BudgetTable& t) const {
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (const TableColumn& c : t.columns) {
      if (values.count(c.id) && seen.insert(c.id).second) keys.push_back(c.id);
    }
    for (const auto& [k, v] : values) {
      if (!seen.count(k)) keys.push_back(k);
    }
    return keys;
  }

  void row(pugi::xml_node parent, const char* name, const BudgetRow& r, const BudgetTable& t,
           int depth) const {
    pugi::xml_node n = parent.append_child(name);
    if (depth > kMaxDetailDepth) {
      fail(n, nullptr, "明细行嵌套超过 " + std::to_string(kMaxDetailDepth) + " 层",
           "detail rows nested deeper than " + std::to_string(kMaxDetailDepth) + " levels");
    }
    if (r.classification != Classification::none) {
      attr(n, "class", classification_id(r.classification));
    }
    attr(n, "code", r.code);
    attr(n, "side", side_id(r.side));
    attr(n, "total", r.is_total ? "true" : "");
    attr(n, "label", r.label);
    attr(n, "name", r.name);
    int_attr(n, "level", r.level);
    source(n, r.source);
    if (r.alt) {
      pugi::xml_node a = n.append_child("alt");
      if (r.alt->classification != Classification::none) {
        attr(a, "class", classification_id(r.alt->classification));
      }
      attr(a, "code", r.alt->code);
      attr(a, "name", r.alt->name);
    }
    for (const std::string& key : ordered_keys(r.amounts, t)) {
      pugi::xml_node v = n.append_child("v");
      id_attr(v, "c", key);
      set_text(v, amount(v, nullptr, r.amounts.at(key), t.unit));
    }
    for (const std::string& key : ordered_keys(r.texts, t)) {
      pugi::xml_node v = n.append_child("t");
      id_attr(v, "c", key);
      set_text(v, r.texts.at(key));
    }
    for (const BudgetRow& d : r.details) row(n, "detail", d, t, depth + 1);
  }

  void goal(pugi::xml_node parent, const PerformanceGoal& g) const {
    pugi::xml_node n = parent.append_child("goal");
    vocab_attr(n, "kind", g.kind, is_goal_kind, true);
    attr(n, "code", g.code);
    attr(n, "name", g.name);
    attr(n, "title", g.title);
    attr(n, "department", g.department);
    attr(n, "unit-name", g.unit_name);
    attr(n, "amount-unit", amount_unit_id(g.amount_unit));
    source(n, g.source);
    for (const GoalBudget& b : g.budgets) {
      pugi::xml_node bn = n.append_child("budget");
      attr(bn, "period", period_id(b.period));
      amount_attr(bn, "total", b.total, g.amount_unit);
      amount_attr(bn, "fiscal", b.fiscal, g.amount_unit);
      amount_attr(bn, "other", b.other, g.amount_unit);
    }
    if (!g.purpose.empty()) text_child(n, "purpose", g.purpose);
    for (const Milestone& m : g.spending_plan) {
      pugi::xml_node mn = n.append_child("milestone");
      attr(mn, "label", m.label);
      decimal_attr(mn, "percent", m.percent);
    }
    for (const Objective& o : g.objectives) {
      pugi::xml_node on = n.append_child("objective");
      attr(on, "period", period_id(o.period));
      set_text(on, o.text);
    }
    for (const Indicator& i : g.indicators) indicator(n, i);
    for (const Extra& e : g.extras) extra(n, e);
  }

  void indicator(pugi::xml_node parent, const Indicator& i) const {
    pugi::xml_node n = parent.append_child("indicator");
    attr(n, "period", period_id(i.period));
    attr(n, "level1", i.level1);
    attr(n, "level1-text", i.level1_text);
    attr(n, "level2", i.level2);
    attr(n, "level2-text", i.level2_text);
    attr(n, "name", i.name);
    attr(n, "description", i.description);
    attr(n, "target", i.target.text);
    if (i.target.comparator != Comparator::none) {
      attr(n, "comparator", comparator_id(i.target.comparator));
    }
    decimal_attr(n, "value", i.target.value);
    decimal_attr(n, "value2", i.target.value2);
    attr(n, "unit", i.target.unit);
    decimal_attr(n, "weight", i.weight);
    attr(n, "direction", i.direction);
    attr(n, "basis", i.basis);
    int_attr(n, "group", i.group);
    source(n, i.source);
  }

  void evaluation(pugi::xml_node parent, const Evaluation& e) const {
    pugi::xml_node n = parent.append_child("evaluation");
    attr(n, "title", e.title);
    int_attr(n, "year", e.year);
    decimal_attr(n, "score", e.score);
    attr(n, "grade", e.grade);
    attr(n, "unit", amount_unit_id(e.unit));
    for (const auto& [id, money] : e.figures) {
      pugi::xml_node f = n.append_child("figure");
      id_attr(f, "id", id);
      set_text(f, amount(f, nullptr, money, e.unit));
    }
    for (const std::string& f : e.findings) text_child(n, "finding", f);
    for (const Extra& x : e.extras) extra(n, x);
  }

  bool en_;
};

}  // namespace

}  // namespace budconv::xml

namespace budconv {

Result<std::string> to_submission_xml(const Submission& doc, Lang lang) {
  try {
    return xml::Writer(lang).run(doc);
  } catch (const xml::WriteFailure& f) {
    return f.error;
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::limit, lang == Lang::en ? "out of memory" : "内存不足");
  }
}

}  // namespace budconv
