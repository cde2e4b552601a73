/// @file mapping_budget_loader.cpp
/// Reads the <budget-table> elements of a model="budget" definition (formats/schema/mapping.md,
/// "Budget tables"). Like the goal loader it mirrors mapping.xsd and names the line of every
/// error, because definitions are edited by hand.
#include <algorithm>
#include <charconv>
#include <set>

#include "budconv/cell_ref.hpp"
#include "budconv/vocabulary.hpp"
#include "mapping_budget.hpp"
#include "mapping_text.hpp"

namespace budconv::mapping_detail {

namespace {

// The canonical money column ids (formats/schema/submission-xml.md, "Column ids"): what a
// correspondence may name besides the ids of the definition's own columns. A source must be a
// column some form publishes, or the declaration is a typo that would silently carry nothing.
constexpr std::string_view kCanonicalMoneyIds[] = {"total",
                                                   "current_subtotal",
                                                   "fiscal_appropriation",
                                                   "fiscal_special_account",
                                                   "business_income",
                                                   "operating_income",
                                                   "superior_subsidy",
                                                   "affiliated_remittance",
                                                   "other_income",
                                                   "carryover",
                                                   "basic",
                                                   "personnel",
                                                   "public_funds",
                                                   "project",
                                                   "project_department",
                                                   "project_special",
                                                   "remit_superior",
                                                   "operating_expense",
                                                   "affiliated_subsidy",
                                                   "general_public",
                                                   "general_public_fiscal",
                                                   "gov_fund",
                                                   "gov_fund_current",
                                                   "gov_fund_transfer",
                                                   "state_capital",
                                                   "carryover_general",
                                                   "carryover_gov_fund",
                                                   "unit_funds",
                                                   "income_amount",
                                                   "expenditure_amount",
                                                   "amount",
                                                   "unit_price"};

class BudgetLoader {
 public:
  explicit BudgetLoader(std::string_view xml) : xml_(xml) {}

  [[noreturn]] void fail(const pugi::xml_node& node, std::string zh, std::string en) const {
    const auto offset = std::clamp<std::ptrdiff_t>(node.offset_debug(), 0,
                                                   static_cast<std::ptrdiff_t>(xml_.size()));
    const int line = 1 + static_cast<int>(std::count(xml_.begin(), xml_.begin() + offset, '\n'));
    throw BudgetDefinitionError{line, std::move(zh), std::move(en)};
  }

  int line_of(const pugi::xml_node& node) const {
    const auto offset = std::clamp<std::ptrdiff_t>(node.offset_debug(), 0,
                                                   static_cast<std::ptrdiff_t>(xml_.size()));
    return 1 + static_cast<int>(std::count(xml_.begin(), xml_.begin() + offset, '\n'));
  }

  void only(const pugi::xml_node& node, std::initializer_list<std::string_view> attrs,
            std::initializer_list<std::string_view> children) const {
    for (const auto& a : node.attributes()) {
      const std::string_view name = a.name();
      if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) continue;
      if (std::find(attrs.begin(), attrs.end(), name) == attrs.end()) {
        // std::string("<").append(…): `"<" + std::string` trips g++ 12's -Wrestrict (Release).
        fail(node, std::string("<").append(node.name()) + "> 不允许属性 " + std::string(name),
             std::string("<").append(node.name()) + "> does not allow attribute " +
                 std::string(name));
      }
    }
    for (const auto& c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::find(children.begin(), children.end(), std::string_view(c.name())) ==
          children.end()) {
        fail(c, std::string("<").append(node.name()) + "> 中不允许 <" + c.name() + ">",
             std::string("<").append(c.name()) + "> is not allowed inside <" + node.name() + ">");
      }
    }
  }

  std::string required(const pugi::xml_node& node, const char* attr) const {
    const std::string v = node.attribute(attr).value();
    if (v.empty()) {
      fail(node, "<" + std::string(node.name()) + "> 缺少属性 " + attr,
           "<" + std::string(node.name()) + "> lacks attribute " + attr);
    }
    return v;
  }

  bool boolean(const pugi::xml_node& node, const char* attr) const {
    const std::string_view v = node.attribute(attr).value();
    if (v.empty() || v == "false" || v == "0") return false;
    if (v == "true" || v == "1") return true;
    fail(node, std::string("属性 ") + attr + " 应为 true 或 false",
         std::string("attribute ") + attr + " must be true or false");
  }

  std::vector<int> numbers(const pugi::xml_node& node, const char* attr, int lo, int hi) const {
    std::vector<int> out;
    std::string_view v = node.attribute(attr).value();
    while (!v.empty()) {
      const auto sp = v.find(' ');
      const auto word = v.substr(0, sp);
      if (!word.empty()) {
        int n = 0;
        const auto r = std::from_chars(word.data(), word.data() + word.size(), n);
        if (r.ec != std::errc() || r.ptr != word.data() + word.size() || n < lo || n > hi) {
          fail(node,
               std::string("属性 ") + attr + " 应为 " + std::to_string(lo) + "–" +
                   std::to_string(hi) + " 的整数",
               std::string("attribute ") + attr + " must hold integers " + std::to_string(lo) +
                   "–" + std::to_string(hi));
        }
        out.push_back(n);
      }
      if (sp == std::string_view::npos) break;
      v.remove_prefix(sp + 1);
    }
    return out;
  }

  static std::vector<std::string> words(std::string_view v) {
    std::vector<std::string> out;
    while (!v.empty()) {
      const auto sp = v.find(' ');
      if (sp != 0) out.emplace_back(v.substr(0, sp));
      if (sp == std::string_view::npos) break;
      v.remove_prefix(sp + 1);
    }
    return out;
  }

  std::vector<std::string> path(const pugi::xml_node& node, std::string_view text) const {
    std::vector<std::string> out;
    while (true) {
      const auto slash = text.find('/');
      std::string part = trim_text(text.substr(0, slash));
      if (normalize_label(part).empty())
        fail(node, "表头路径有空段", "a header path has an empty part");
      out.push_back(std::move(part));
      if (slash == std::string_view::npos) break;
      text.remove_prefix(slash + 1);
    }
    return out;
  }

  Classification classification(const pugi::xml_node& node) const {
    const std::string_view v = node.attribute("class").value();
    if (v.empty()) return Classification::none;
    const auto c = parse_classification(v);
    if (!c) {
      fail(node, "class 应为 function、economic-department、economic-government 或 none",
           "class must be function, economic-department, economic-government or none");
    }
    return *c;
  }

  Side side(const pugi::xml_node& node) const {
    const std::string_view v = node.attribute("side").value();
    if (v.empty()) return Side::none;
    if (v == "income") return Side::income;
    if (v == "expenditure") return Side::expenditure;
    fail(node, "side 应为 income 或 expenditure", "side must be income or expenditure");
  }

  BudgetColumnMapping column(const pugi::xml_node& n) const {
    only(n,
         {"role", "id", "label", "type", "side", "header", "class", "levels", "part", "digits",
          "width", "from", "from-sum"},
         {"alias"});
    BudgetColumnMapping c;
    c.line = line_of(n);
    const std::string_view role = n.attribute("role").value();
    static const std::pair<std::string_view, BudgetColumnRole> kRoles[] = {
        {"serial", BudgetColumnRole::serial},       {"code", BudgetColumnRole::code},
        {"code-part", BudgetColumnRole::code_part}, {"name", BudgetColumnRole::name},
        {"alt-code", BudgetColumnRole::alt_code},   {"alt-name", BudgetColumnRole::alt_name},
        {"value", BudgetColumnRole::value}};
    bool known = role.empty();
    for (const auto& [word, r] : kRoles) {
      if (role == word) {
        c.role = r;
        known = true;
      }
    }
    if (!known) {
      fail(n, "role 应为 code、code-part、name、alt-code、alt-name 或 value",
           "role must be code, code-part, name, alt-code, alt-name or value");
    }
    if (c.role == BudgetColumnRole::serial) {
      fail(n, "序号列由 <budget-table serial=\"…\"> 给出",
           "the serial column is given by <budget-table serial=\"…\">");
    }
    c.header = path(n, required(n, "header"));
    for (const auto& a : n.children("alias")) {
      only(a, {}, {});
      c.aliases.push_back(path(a, a.text().get()));
    }
    c.side = side(n);
    c.classification = classification(n);
    c.levels = numbers(n, "levels", 1, 30);
    if (c.role == BudgetColumnRole::value) {
      c.id = required(n, "id");
      const std::string_view type = n.attribute("type").value();
      if (type.empty() || type == "money") {
        c.type = ColumnType::money;
      } else if (type == "quantity") {
        c.type = ColumnType::quantity;
      } else if (type == "text") {
        c.type = ColumnType::text;
      } else {
        fail(n, "type 应为 money、quantity 或 text", "type must be money, quantity or text");
      }
    } else if (n.attribute("id") || n.attribute("type")) {
      fail(n, "只有 value 列有 id 和 type", "only value columns have id and type");
    }
    c.label = n.attribute("label").value();
    if (c.label.empty()) {
      for (const auto& p : c.header) c.label += (c.label.empty() ? "" : " ") + p;
    }
    if (c.role == BudgetColumnRole::code_part) {
      const auto part = numbers(n, "part", 1, 5);
      const auto digits = numbers(n, "digits", 1, 10);
      if (part.size() != 1 || digits.size() != 1) {
        fail(n, "code-part 列需要 part 和 digits", "a code-part column needs part and digits");
      }
      c.part = part.front();
      c.digits = digits.front();
    } else if (n.attribute("part") || n.attribute("digits")) {
      fail(n, "part / digits 只用于 code-part 列", "part / digits apply to code-part columns only");
    }
    if (const auto w = numbers(n, "width", 1, 255); !w.empty()) c.width = w.front();
    correspondence(n, c);
    return c;
  }

  /// `from` / `from-sum` of a column: only on money value columns, a non-empty list of distinct
  /// ids (whether they are known is checked once the whole file is read).
  void correspondence(const pugi::xml_node& n, BudgetColumnMapping& c) const {
    const auto first = n.attribute("from");
    const auto sum = n.attribute("from-sum");
    if (!first && !sum) return;
    if (first && sum) {
      fail(n, "from 与 from-sum 只能用其一", "a column takes either from or from-sum, not both");
    }
    if (c.role != BudgetColumnRole::value || c.type != ColumnType::money) {
      fail(n,
           "from / from-sum "
           "只用于金额列（role=\"value\"、type=\"money\"），不用于代码、名称或文字列",
           "from / from-sum apply to money value columns only, not to code, name or text columns");
    }
    c.from_kind = sum ? BudgetFrom::sum : BudgetFrom::first;
    c.from = words(sum ? sum.value() : first.value());
    if (c.from.empty()) {
      fail(n, "from / from-sum 至少要列出一个列 id",
           "from / from-sum must name at least one column id");
    }
    for (std::size_t i = 0; i < c.from.size(); ++i) {
      if (std::find(c.from.begin(), c.from.begin() + static_cast<std::ptrdiff_t>(i), c.from[i]) !=
          c.from.begin() + static_cast<std::ptrdiff_t>(i)) {
        fail(n, "from / from-sum 中列 id「" + c.from[i] + "」重复",
             "column id " + c.from[i] + " is repeated in from / from-sum");
      }
    }
  }

  /// A correspondence that leads back to its own column (directly or through other columns of
  /// the table that have one) could never be resolved: an error at the first column in the loop.
  void check_cycles(const BudgetTableMapping& t) const {
    const auto column_of = [&](const std::string& id, Side side) -> const BudgetColumnMapping* {
      for (const auto& c : t.columns) {
        if (c.role == BudgetColumnRole::value && c.id == id && c.side == side) return &c;
      }
      return nullptr;
    };
    for (const auto& start : t.columns) {
      if (start.from.empty()) continue;
      // Depth-first over the sources that are themselves corresponding columns of this table.
      std::vector<std::pair<const BudgetColumnMapping*, std::string>> stack{{&start, start.id}};
      std::set<const BudgetColumnMapping*> seen;
      while (!stack.empty()) {
        const auto [col, path] = stack.back();
        stack.pop_back();
        for (const auto& source : col->from) {
          const BudgetColumnMapping* next = column_of(source, start.side);
          if (next == &start) {
            throw BudgetDefinitionError{
                start.line, "列「" + start.id + "」的 from 形成循环：" + path + " → " + source,
                "the from of column " + start.id + " makes a cycle: " + path + " → " + source};
          }
          if (next != nullptr && !next->from.empty() && seen.insert(next).second) {
            stack.emplace_back(next, path + " → " + source);
          }
        }
      }
    }
  }

  /// Every source of a correspondence is a canonical money id or a column of this definition.
  static void check_sources(const MappingDefinition& def) {
    std::set<std::string> known(std::begin(kCanonicalMoneyIds), std::end(kCanonicalMoneyIds));
    for (const auto& t : def.budget_tables) {
      for (const auto& c : t.columns) {
        if (c.role == BudgetColumnRole::value) known.insert(c.id);
      }
    }
    for (const auto& t : def.budget_tables) {
      for (const auto& c : t.columns) {
        for (const auto& source : c.from) {
          if (known.count(source)) continue;
          throw BudgetDefinitionError{
              c.line,
              "列「" + c.id + "」的 from 引用了未知的列 id「" + source +
                  "」（应为 formats/schema/submission-xml.md 中的规范列 id 或本定义中的列）",
              "the from of column " + c.id + " names an unknown column id " + source +
                  " (use a canonical id of formats/schema/submission-xml.md or a column of this "
                  "definition)"};
        }
      }
    }
  }

  BudgetTableMapping table(const pugi::xml_node& t) const {
    only(t, {"kind", "unit", "two-sided", "serial", "numbers", "totals", "inherit", "level-by-alt"},
         {"title", "header-line", "column"});
    BudgetTableMapping out;
    out.line = line_of(t);
    out.kind = required(t, "kind");
    if (table_kind_label(out.kind, false) == out.kind) {
      fail(t, "未知的表种类「" + out.kind + "」", "unknown table kind \"" + out.kind + "\"");
    }
    if (const auto u = t.attribute("unit")) {
      const auto unit = parse_amount_unit(u.value());
      if (!unit) fail(t, "unit 应为 yuan 或 wan-yuan", "unit must be yuan or wan-yuan");
      out.unit = *unit;
    }
    out.two_sided = boolean(t, "two-sided");
    out.level_by_alt = boolean(t, "level-by-alt");
    out.serial_label = t.attribute("serial").value();
    out.numbers_label = t.attribute("numbers").value();
    if (const auto totals = t.attribute("totals")) {
      out.totals.clear();
      for (const auto& w : words(totals.value())) out.totals.push_back(normalize_label(w));
    }
    if (const auto inherit = t.attribute("inherit")) {
      if (std::string_view(inherit.value()) != "blank")
        fail(t, "inherit 只能为 blank", "inherit must be blank");
      out.inherit_blank = true;
    }
    for (const auto& n : t.children("title")) {
      only(n, {"scope"}, {});
      const std::string scope = required(n, "scope");
      if (scope != "department" && scope != "unit") {
        fail(n, "scope 应为 department 或 unit", "scope must be department or unit");
      }
      const std::string text = trim_text(n.text().get());
      if (normalize_label(text).empty()) fail(n, "<title> 为空", "empty <title>");
      out.titles.emplace_back(scope, text);
    }
    if (out.titles.empty())
      fail(t, "<budget-table> 至少需要一个 <title>", "<budget-table> needs a <title>");
    if (const auto line = t.child("header-line")) {
      only(line, {}, {"item"});
      for (const auto& n : line.children("item")) {
        only(n, {"field", "label", "key", "col"}, {});
        BudgetHeaderItem item;
        item.field = required(n, "field");
        if (item.field != "agency" && item.field != "year" && item.field != "unit" &&
            item.field != "extra") {
          fail(n, "field 应为 agency、year、unit 或 extra",
               "field must be agency, year, unit or extra");
        }
        item.label = n.attribute("label").value();
        item.key = n.attribute("key").value();
        if ((item.field == "extra") != !item.key.empty()) {
          fail(n, "key 用于且只用于 field=\"extra\"",
               "key is for field=\"extra\" only, and required there");
        }
        if (item.field != "agency" && normalize_label(item.label).empty()) {
          fail(n, "<item> 需要 label", "<item> needs a label");
        }
        if (const auto col = n.attribute("col")) {
          const auto c = parse_column(col.value());
          if (!c) fail(n, "col 应为列字母（如 B）", "col must be column letters (e.g. B)");
          item.col = *c;
        }
        out.header_line.push_back(std::move(item));
      }
    }
    std::set<std::string> ids;
    bool has_name = false;
    for (const auto& n : t.children("column")) {
      BudgetColumnMapping c = column(n);
      if (c.role == BudgetColumnRole::value && !ids.insert(c.id + "/" + side_id(c.side)).second) {
        fail(n, "列 id「" + c.id + "」重复", "duplicate column id " + c.id);
      }
      if (c.side == Side::none && out.two_sided) {
        fail(n, "两栏表的列需要 side", "columns of a two-sided table need a side");
      }
      has_name = has_name || c.role == BudgetColumnRole::name || c.role == BudgetColumnRole::value;
      out.columns.push_back(std::move(c));
    }
    if (!has_name)
      fail(t, "<budget-table> 至少需要一个 name 或 value 列",
           "<budget-table> needs a name or value column");
    check_cycles(out);
    return out;
  }

 private:
  std::string_view xml_;
};

}  // namespace

std::optional<BudgetDefinitionError> load_budget_definition(const pugi::xml_node& root,
                                                            std::string_view xml,
                                                            MappingDefinition& def) {
  try {
    BudgetLoader loader(xml);
    loader.only(root,
                {"format-version", "id", "region", "model", "name", "name-en", "money-format"},
                {"budget-table"});
    if (const auto f = root.attribute("money-format")) def.money_format = f.value();
    std::set<std::string> kinds;
    for (const auto& t : root.children("budget-table")) {
      BudgetTableMapping table = loader.table(t);
      if (!kinds.insert(table.kind).second) {
        loader.fail(t, "表种类「" + table.kind + "」重复", "duplicate table kind " + table.kind);
      }
      def.budget_tables.push_back(std::move(table));
    }
    if (def.budget_tables.empty()) {
      loader.fail(root, "model=\"budget\" 的定义至少需要一个 <budget-table>",
                  "a model=\"budget\" definition needs at least one <budget-table>");
    }
    BudgetLoader::check_sources(def);
    return std::nullopt;
  } catch (const BudgetDefinitionError& e) {
    return e;
  }
}

std::pair<std::string, std::string> split_row_label(std::string_view text) {
  const std::string t = trim_text(text);
  std::string rest = strip_numbering(t);
  std::string label = trim_text(std::string_view(t).substr(0, t.size() - rest.size()));
  for (std::string_view word : {"其中：", "其中:"}) {
    if (label.empty() && rest.rfind(word, 0) == 0) {
      label = std::string(word);
      rest = trim_text(std::string_view(rest).substr(word.size()));
    }
  }
  return {label, rest};
}

std::string header_key(const std::vector<std::string>& path) {
  std::string out;
  // Appended piecewise: `"/" + std::string` trips g++ 12's -Wrestrict in Release builds.
  for (const auto& p : path) {
    if (!out.empty()) out += '/';
    out += normalize_label(p);
  }
  return out;
}

std::string scoped(std::string_view text, const std::string& scope) {
  std::string out(text);
  const std::string word = scope == "unit" ? "单位" : "部门";
  for (auto at = out.find("{scope}"); at != std::string::npos;
       at = out.find("{scope}", at + word.size())) {
    out.replace(at, 7, word);
  }
  return out;
}

std::vector<std::string> scoped(const std::vector<std::string>& path, const std::string& scope) {
  std::vector<std::string> out;
  for (const auto& p : path) out.push_back(scoped(p, scope));
  return out;
}

std::string with_year(std::string_view text, int year) {
  std::string out(text);
  const std::string value = year == 0 ? "#" : std::to_string(year);
  for (auto at = out.find("{year}"); at != std::string::npos;
       at = out.find("{year}", at + value.size())) {
    out.replace(at, 6, value);
  }
  return out;
}

std::string header_glob(const std::vector<std::string>& path, const std::string& scope) {
  std::string out;
  for (const auto& p : path) {
    if (!out.empty()) out += '/';
    out += normalize_label(with_year(scoped(p, scope), 0));
  }
  return out;
}

std::string written_title(const BudgetTableMapping& table, const std::string& scope) {
  for (const auto& [s, title] : table.titles) {
    if (s == scope && title.find_first_of("*#") == std::string::npos) return title;
  }
  return "";
}

}  // namespace budconv::mapping_detail
