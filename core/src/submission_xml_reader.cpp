// Canonical XML reader: bytes → Submission. Strict on purpose: integrators feed this format by
// hand, so anything the writer would not produce (unknown element or attribute, wrong order,
// non-canonical number, DTD) is an error naming the line and the element, never silently dropped.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <pugixml.hpp>
#include <set>

#include "budconv/money.hpp"
#include "budconv/submission_xml.hpp"
#include "submission_xml_lex.hpp"

namespace budconv::xml {

namespace {

// Thrown inside the reader only; read_xml turns it into the returned Status.
struct ReadFailure {
  Error error;
};

/// One allowed child element: its name and whether it may repeat. Position in the list = order.
struct ChildRule {
  const char* name;
  bool repeat;
};

bool is_blank_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

bool starts_with(std::string_view s, std::size_t at, std::string_view prefix) {
  return s.compare(at, prefix.size(), prefix) == 0;
}

const char* parse_status_zh(pugi::xml_parse_status s) {
  switch (s) {
    case pugi::status_end_element_mismatch:
      return "结束标签与开始标签不匹配，或文档不完整";
    case pugi::status_bad_start_element:
      return "开始标签格式错误";
    case pugi::status_bad_attribute:
      return "属性格式错误";
    case pugi::status_bad_end_element:
      return "结束标签格式错误";
    case pugi::status_unrecognized_tag:
      return "无法识别的标签";
    case pugi::status_bad_pcdata:
      return "文本内容格式错误";
    case pugi::status_bad_cdata:
      return "CDATA 节格式错误";
    case pugi::status_bad_comment:
      return "注释格式错误";
    case pugi::status_bad_pi:
      return "处理指令或 XML 声明格式错误";
    case pugi::status_bad_doctype:
      return "DOCTYPE 格式错误";
    case pugi::status_no_document_element:
      return "没有根元素";
    case pugi::status_append_invalid_root:
      return "根元素无效";
    default:
      return nullptr;
  }
}

class Reader {
 public:
  Reader(std::string_view buf, const std::string& file, bool en)
      : buf_(buf), file_(file), en_(en) {}

  Submission run() {
    if (is_blank_text(buf_)) {
      throw ReadFailure{make_error(ErrorCode::format,
                                   file_ + (en_ ? ": the file is empty, not a budconv canonical XML"
                                                : "：文件为空，不是 budconv 规范 XML"))};
    }
    std::size_t start = starts_with(buf_, 0, "\xEF\xBB\xBF") ? 3 : 0;
    prescan(start);
    pugi::xml_document d;
    const unsigned flags = pugi::parse_default | pugi::parse_declaration | pugi::parse_doctype |
                           pugi::parse_ws_pcdata_single;
    pugi::xml_parse_result res =
        d.load_buffer(buf_.data() + start, buf_.size() - start, flags, pugi::encoding_utf8);
    base_ = start;
    if (!res) {
      const char* zh = parse_status_zh(res.status);
      // A cut file either fails at its very end or ends inside markup or text.
      const std::size_t last = buf_.find_last_not_of(" \t\r\n");
      const bool at_end = static_cast<std::size_t>(res.offset) + start + 1 >= buf_.size() ||
                          last == std::string_view::npos || buf_[last] != '>';
      std::string hint_zh = at_end ? "（文件是否被截断？）" : "";
      std::string hint_en = at_end ? " (is the file truncated?)" : "";
      fail(res.status == pugi::status_out_of_memory ? ErrorCode::limit : ErrorCode::format,
           start + static_cast<std::size_t>(res.offset), "",
           std::string("XML 格式错误：") + (zh ? zh : res.description()) + hint_zh,
           std::string("malformed XML: ") + res.description() + hint_en);
    }
    pugi::xml_node root;
    for (pugi::xml_node n : d.children()) {
      switch (n.type()) {
        case pugi::node_declaration:
          declaration(n);
          break;
        case pugi::node_doctype:  // prescan refuses first; kept in case a DOCTYPE slips past it
          fail(ErrorCode::unsupported, offset(n), "", doctype_zh(), doctype_en());
        case pugi::node_element:
          if (root)
            fail(ErrorCode::format, offset(n), "", "文档有多个根元素",
                 "more than one root element");
          root = n;
          break;
        case pugi::node_pcdata:
        case pugi::node_cdata:
          if (!is_blank_text(n.value())) {
            fail(ErrorCode::format, offset(n), "", "根元素之外有文本",
                 "text outside the root element");
          }
          break;
        default:
          break;
      }
    }
    if (!root) fail(ErrorCode::format, buf_.size(), "", "没有根元素", "no root element");
    return submission(root);
  }

 private:
  static const char* doctype_zh() {
    return "拒绝含 DOCTYPE 的 XML：规范 XML 不允许 DTD（防范实体扩展攻击，即“XML 炸弹”）";
  }
  static const char* doctype_en() {
    return "refusing XML with a DOCTYPE: canonical XML allows no DTD (protection against "
           "entity-expansion bombs)";
  }

  std::size_t line_at(std::size_t offset) const {
    offset = std::min(offset, buf_.size());
    return 1 + static_cast<std::size_t>(std::count(
                   buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  }

  std::size_t offset(pugi::xml_node n) const {
    std::ptrdiff_t o = n.offset_debug();
    return o < 0 ? buf_.size() : base_ + static_cast<std::size_t>(o);
  }

  [[noreturn]] void fail(ErrorCode code, std::size_t at, const std::string& where,
                         const std::string& zh, const std::string& en) const {
    const std::string line = std::to_string(line_at(at));
    std::string msg =
        en_ ? file_ + ": line " + line + (where.empty() ? "" : " " + where) + ": " + en
            : file_ + "：第 " + line + " 行" + (where.empty() ? "" : " " + where) + "：" + zh;
    throw ReadFailure{make_error(code, std::move(msg))};
  }

  // "<v c=\"total\">", plus " 属性 weight" when the problem is one attribute.
  std::string where(pugi::xml_node n, const char* attr = nullptr) const {
    std::string w = "<" + std::string(n.name());
    for (const char* key : {"c", "id", "key", "code"}) {
      pugi::xml_attribute a = n.attribute(key);
      if (a && std::strlen(a.value()) <= 40 && !find_bad_char(a.value())) {
        w += std::string(" ") + key + "=\"" + shorten(a.value()) + "\"";
        break;
      }
    }
    w += ">";
    if (attr) w += en_ ? std::string(" attribute ") + attr : std::string(" 属性 ") + attr;
    return w;
  }

  [[noreturn]] void fail_at(ErrorCode code, pugi::xml_node n, const char* attr,
                            const std::string& zh, const std::string& en) const {
    fail(code, offset(n), where(n, attr), zh, en);
  }

  // Checks what pugixml does not: UTF-8 and XML characters, DTDs, entity and character references.
  void prescan(std::size_t start) const {
    if (auto bad = find_bad_char(buf_.substr(start))) {
      BadChar b = *bad;
      b.offset += start;
      fail(ErrorCode::format, b.offset, "", describe_bad_char(buf_, b, false),
           describe_bad_char(buf_, b, true));
    }
    const std::size_t n = buf_.size();
    std::size_t markup = 0;
    for (std::size_t i = start; i < n; ++i) {
      if ((buf_[i] == '<' || buf_[i] == '=') && ++markup > kMaxMarkup) {
        fail(ErrorCode::limit, i, "",
             "元素和属性过多（超过 " + std::to_string(kMaxMarkup) + " 个），拒绝解析",
             "too many elements and attributes (more than " + std::to_string(kMaxMarkup) +
                 "), refusing to parse");
      }
      if (buf_[i] == '<') {
        std::string_view close;
        if (starts_with(buf_, i, "<!--"))
          close = "-->";
        else if (starts_with(buf_, i, "<![CDATA["))
          close = "]]>";
        else if (starts_with(buf_, i, "<?"))
          close = "?>";
        else if (starts_with(buf_, i, "<!DOCTYPE") || starts_with(buf_, i, "<!doctype")) {
          fail(ErrorCode::unsupported, i, "", doctype_zh(), doctype_en());
        }
        if (!close.empty()) {
          std::size_t end = buf_.find(close, i + 2);
          if (end == std::string_view::npos) return;  // unterminated: pugixml reports it
          i = end + close.size() - 1;
        }
      } else if (buf_[i] == '&') {
        reference(i);
      }
    }
  }

  void reference(std::size_t i) const {
    const std::size_t n = buf_.size();
    std::size_t j = i + 1;
    const bool numeric = j < n && buf_[j] == '#';
    const bool hex = numeric && j + 1 < n && buf_[j + 1] == 'x';
    j += numeric ? (hex ? 2 : 1) : 0;
    const std::size_t digits_at = j;
    while (j < n && j - i < 64) {
      const auto c = static_cast<unsigned char>(buf_[j]);
      const bool ok = numeric ? (std::isdigit(c) || (hex && std::isxdigit(c)))
                              : (std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80);
      if (!ok) break;
      ++j;
    }
    if (j >= n || buf_[j] != ';') {
      const std::string seen = shorten(buf_.substr(i, std::min<std::size_t>(j - i + 1, 16)));
      fail(ErrorCode::format, i, "",
           "“" + seen + "”不是完整的实体或字符引用（文本中的 & 应写作 &amp;）",
           "\"" + seen + "\" is not a complete entity or character reference (write & as &amp;)");
    }
    const std::string_view ref = buf_.substr(i, j - i + 1);
    if (ref == "&amp;" || ref == "&lt;" || ref == "&gt;" || ref == "&quot;" || ref == "&apos;")
      return;
    if (numeric) {
      const std::string_view digits = buf_.substr(digits_at, j - digits_at);
      std::uint32_t cp = 0;
      const bool fits = !digits.empty() && digits.size() <= 8;
      for (char c : digits.substr(0, fits ? digits.size() : 0)) {
        const auto v = static_cast<std::uint32_t>(
            std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
        cp = cp * (hex ? 16 : 10) + v;
      }
      if (fits && is_xml_char(cp)) return;
      fail(ErrorCode::format, i, "", "字符引用“" + shorten(ref) + "”不是 XML 允许的字符",
           "character reference \"" + shorten(ref) + "\" is not an allowed XML character");
    }
    fail(
        ErrorCode::format, i, "",
        "未定义的实体引用“" + shorten(ref) + "”（只允许 &amp; &lt; &gt; &quot; &apos; 和字符引用）",
        "undefined entity reference \"" + shorten(ref) +
            "\" (only &amp; &lt; &gt; &quot; &apos; and character references are allowed)");
  }

  void declaration(pugi::xml_node n) const {
    std::string enc = n.attribute("encoding").value();
    std::transform(enc.begin(), enc.end(), enc.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    if (!enc.empty() && enc != "utf-8") {
      fail(ErrorCode::unsupported, offset(n), "",
           "编码声明为“" + shorten(n.attribute("encoding").value()) + "”，规范 XML 只使用 UTF-8",
           "declared encoding \"" + shorten(n.attribute("encoding").value()) +
               "\"; canonical XML is always UTF-8");
    }
  }

  // ---- attributes --------------------------------------------------------------------------

  void expect_attrs(pugi::xml_node n, std::initializer_list<const char*> allowed) const {
    std::set<std::string_view> seen;
    for (pugi::xml_attribute a : n.attributes()) {
      if (std::strlen(a.value()) > kMaxValueBytes) {
        fail_at(ErrorCode::limit, n, a.name(),
                "值长度超过 " + std::to_string(kMaxValueBytes >> 20) + " MiB 上限",
                "value longer than the limit of " + std::to_string(kMaxValueBytes >> 20) + " MiB");
      }
      const bool known = std::any_of(allowed.begin(), allowed.end(),
                                     [&](const char* k) { return std::strcmp(k, a.name()) == 0; });
      if (!known) {
        fail_at(ErrorCode::format, n, nullptr, "未知属性 " + shorten(a.name()),
                "unknown attribute " + shorten(a.name()));
      }
      if (!seen.insert(a.name()).second) {
        fail_at(ErrorCode::format, n, a.name(), "属性重复", "duplicate attribute");
      }
    }
  }

  std::string str(pugi::xml_node n, const char* name) const { return n.attribute(name).value(); }

  std::string required(pugi::xml_node n, const char* name) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a)
      fail_at(ErrorCode::format, n, nullptr, std::string("缺少属性 ") + name,
              std::string("missing attribute ") + name);
    return a.value();
  }

  [[noreturn]] void bad_value(pugi::xml_node n, const char* name, const std::string& value,
                              const std::string& expected) const {
    fail_at(ErrorCode::invalid_value, n, name,
            "“" + shorten(value) + "”不是已知的取值（应为 " + expected + "）",
            "\"" + shorten(value) + "\" is not a known value (expected " + expected + ")");
  }

  // An enumerated attribute; the ids come from core's *_id functions so no second table exists.
  template <class E, std::size_t N, class IdFn>
  E enum_value(pugi::xml_node n, const char* name, const std::string& value,
               const std::array<E, N>& values, IdFn id) const {
    std::string expected;
    for (E v : values) {
      if (value == id(v)) return v;
      expected += (expected.empty() ? "" : " | ") + std::string(id(v));
    }
    bad_value(n, name, value, expected);
  }

  template <class E, std::size_t N, class IdFn>
  E enum_attr(pugi::xml_node n, const char* name, E absent, const std::array<E, N>& values,
              IdFn id) const {
    pugi::xml_attribute a = n.attribute(name);
    return a ? enum_value(n, name, a.value(), values, id) : absent;
  }

  std::string vocab_attr(pugi::xml_node n, const char* name, bool (*known)(std::string_view),
                         bool is_required, const char* expected) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a && !is_required) return {};
    std::string v = is_required ? required(n, name) : a.value();
    if (!known(v)) bad_value(n, name, v, expected);
    return v;
  }

  std::string id_attr(pugi::xml_node n, const char* name) const {
    std::string v = required(n, name);
    if (!is_identifier(v)) {
      fail_at(ErrorCode::invalid_value, n, name,
              "“" + shorten(v) + "”不是合法的标识（应为小写字母、数字和 _）",
              "\"" + shorten(v) + "\" is not a valid id (lower-case letters, digits and _)");
    }
    return v;
  }

  int int_attr(pugi::xml_node n, const char* name) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) return 0;
    auto v = parse_int(a.value());
    if (!v) {
      fail_at(ErrorCode::invalid_value, n, name, "“" + shorten(a.value()) + "”不是整数",
              "\"" + shorten(a.value()) + "\" is not an integer");
    }
    return *v;
  }

  bool bool_attr(pugi::xml_node n, const char* name) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) return false;
    const std::string v = a.value();
    if (v != "true" && v != "false") bad_value(n, name, v, "true | false");
    return v == "true";
  }

  std::optional<Decimal> decimal_attr(pugi::xml_node n, const char* name) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) return std::nullopt;
    std::optional<Decimal> d;
    if (is_decimal_lexical(a.value())) d = Decimal::parse(a.value());
    if (!d) {
      fail_at(ErrorCode::invalid_value, n, name,
              "“" + shorten(a.value()) + "”不是数字（应形如 90 或 289.89）",
              "\"" + shorten(a.value()) + "\" is not a number (expected e.g. 90 or 289.89)");
    }
    return d;
  }

  Money amount(pugi::xml_node n, const char* name, const std::string& text, AmountUnit unit) const {
    if (!is_amount_lexical(text)) {
      fail_at(ErrorCode::invalid_value, n, name,
              "金额“" + shorten(text) + "”不是数字（应形如 141.47，至少两位小数）",
              "amount \"" + shorten(text) +
                  "\" is not a number (expected e.g. 141.47, two or more decimals)");
    }
    AmountParse p = parse_amount(text, unit);
    if (!p.value) {
      const AmountParseError e = p.error.value_or(AmountParseError::not_a_number);
      fail_at(ErrorCode::invalid_value, n, name,
              "金额“" + shorten(text) + "”（" + amount_unit_label(unit) + "）：" +
                  amount_error_text(e, false),
              "amount \"" + shorten(text) + "\" (" + amount_unit_id(unit) +
                  "): " + amount_error_text(e, true));
    }
    return *p.value;
  }

  std::optional<Money> amount_attr(pugi::xml_node n, const char* name, AmountUnit unit) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) return std::nullopt;
    return amount(n, name, a.value(), unit);
  }

  AmountUnit unit_attr(pugi::xml_node n, const char* name) const {
    required(n, name);
    return enum_attr(n, name, AmountUnit::yuan, std::array{AmountUnit::yuan, AmountUnit::wan_yuan},
                     amount_unit_id);
  }

  Period period_attr(pugi::xml_node n) const {
    required(n, "period");
    return enum_attr(n, "period", Period::annual,
                     std::array{Period::annual, Period::implementation}, period_id);
  }

  Classification class_attr(pugi::xml_node n) const {
    return enum_attr(n, "class", Classification::none,
                     std::array{Classification::function, Classification::economic_department,
                                Classification::economic_government},
                     classification_id);
  }

  Side side_attr(pugi::xml_node n) const {
    return enum_attr(n, "side", Side::none, std::array{Side::income, Side::expenditure}, side_id);
  }

  SourceRef source(pugi::xml_node n) const { return {str(n, "sheet"), str(n, "cell")}; }

  // ---- children ----------------------------------------------------------------------------

  // Calls on_child(rule index, element) for each child element, enforcing names, order and
  // multiplicity; text between elements must be blank.
  template <class F>
  void children(pugi::xml_node n, std::initializer_list<ChildRule> rules, F&& on_child) const {
    std::size_t last = 0;
    bool any = false;
    for (pugi::xml_node c : n.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        if (!is_blank_text(c.value())) {
          fail(ErrorCode::format, offset(c), where(n), "此处不应有文本“" + shorten(c.value()) + "”",
               "unexpected text \"" + shorten(c.value()) + "\"");
        }
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      const ChildRule* rule = std::find_if(rules.begin(), rules.end(), [&](const ChildRule& r) {
        return std::strcmp(r.name, c.name()) == 0;
      });
      if (rule == rules.end()) {
        fail(ErrorCode::format, offset(c), "<" + shorten(c.name()) + ">",
             "未知元素（不允许出现在 <" + std::string(n.name()) + "> 中）",
             "unknown element (not allowed inside <" + std::string(n.name()) + ">)");
      }
      const std::size_t index = static_cast<std::size_t>(rule - rules.begin());
      if (any && index < last) {
        fail(ErrorCode::format, offset(c), where(c),
             std::string("元素顺序错误：应在 <") + rules.begin()[last].name + "> 之前",
             std::string("wrong element order: must come before <") + rules.begin()[last].name +
                 ">");
      }
      if (any && index == last && !rule->repeat) {
        fail(ErrorCode::format, offset(c), where(c), "只能出现一次", "may appear only once");
      }
      last = index;
      any = true;
      on_child(index, c);
    }
  }

  void no_children(pugi::xml_node n) const {
    children(n, {}, [](std::size_t, pugi::xml_node) {});
  }

  std::string text(pugi::xml_node n) const {
    std::string out;
    for (pugi::xml_node c : n.children()) {
      if (c.type() == pugi::node_element) {
        fail(ErrorCode::format, offset(c), "<" + shorten(c.name()) + ">",
             "未知元素（<" + std::string(n.name()) + "> 只能包含文本）",
             "unknown element (<" + std::string(n.name()) + "> holds text only)");
      }
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
      if (out.size() > kMaxValueBytes) {
        fail_at(ErrorCode::limit, n, nullptr,
                "文本长度超过 " + std::to_string(kMaxValueBytes >> 20) + " MiB 上限",
                "text longer than the limit of " + std::to_string(kMaxValueBytes >> 20) + " MiB");
      }
    }
    return out;
  }

  std::string text_element(pugi::xml_node n) const {
    expect_attrs(n, {});
    return text(n);
  }

  Extra extra(pugi::xml_node n) const {
    expect_attrs(n, {"key", "sheet", "cell"});
    return Extra{str(n, "key"), text(n), source(n)};
  }

  // ---- the document --------------------------------------------------------------------------

  Submission submission(pugi::xml_node root) const {
    if (std::strcmp(root.name(), "submission") != 0) {
      fail(ErrorCode::format, offset(root), "",
           "不是 budconv 规范 XML：根元素为 <" + shorten(root.name()) + ">，应为 <submission>",
           "not a budconv canonical XML: the root element is <" + shorten(root.name()) +
               ">, expected <submission>");
    }
    const std::string ns = str(root, "xmlns");
    if (ns != kNamespace) {
      fail(ErrorCode::format, offset(root), "",
           "不是 budconv 规范 XML：<submission> 的命名空间为“" + shorten(ns) + "”，应为“" +
               std::string(kNamespace) + "”",
           "not a budconv canonical XML: <submission> is in namespace \"" + shorten(ns) +
               "\", expected \"" + std::string(kNamespace) + "\"");
    }
    const std::string version = required(root, "format-version");
    if (version != kFormatVersion) {
      fail_at(ErrorCode::unsupported, root, "format-version",
              "不支持的规范 XML 版本“" + shorten(version) + "”（本程序支持版本 " +
                  std::string(kFormatVersion) + "）",
              "unsupported canonical XML version \"" + shorten(version) +
                  "\" (this program reads version " + std::string(kFormatVersion) + ")");
    }
    expect_attrs(root, {"xmlns", "format-version", "agency-code", "agency-name", "fiscal-year",
                        "kind", "region", "template"});
    Submission doc;
    doc.agency_code = str(root, "agency-code");
    doc.agency_name = str(root, "agency-name");
    doc.fiscal_year = int_attr(root, "fiscal-year");
    doc.kind = vocab_attr(root, "kind", is_submission_kind, false,
                          "department-budget | unit-budget | final-accounts | performance-goals | "
                          "self-evaluation");
    doc.region = str(root, "region");
    doc.template_id = str(root, "template");
    children(root, {{"extra", true}, {"budget-table", true}, {"goal", true}, {"evaluation", true}},
             [&](std::size_t i, pugi::xml_node c) {
               if (i == 0) doc.extras.push_back(extra(c));
               if (i == 1) doc.budget_tables.push_back(table(c));
               if (i == 2) doc.goals.push_back(goal(c));
               if (i == 3) doc.evaluations.push_back(evaluation(c));
             });
    return doc;
  }

  BudgetTable table(pugi::xml_node n) const {
    expect_attrs(n,
                 {"kind", "title", "scope", "agency-code", "agency-name", "unit", "sheet", "cell"});
    BudgetTable t;
    t.kind = vocab_attr(n, "kind", is_table_kind, true, "formats/schema/submission-xml.md");
    t.title = str(n, "title");
    t.scope = vocab_attr(n, "scope", is_scope, false, "department | unit");
    t.agency_code = str(n, "agency-code");
    t.agency_name = str(n, "agency-name");
    t.unit = unit_attr(n, "unit");
    t.source = source(n);
    children(n, {{"column", true}, {"row", true}, {"note", true}, {"extra", true}},
             [&](std::size_t i, pugi::xml_node c) {
               if (i == 0) t.columns.push_back(column(c));
               if (i == 1) t.rows.push_back(row(c, t.unit, 0));
               if (i == 2) t.notes.push_back(text_element(c));
               if (i == 3) t.extras.push_back(extra(c));
             });
    return t;
  }

  TableColumn column(pugi::xml_node n) const {
    expect_attrs(n, {"id", "label", "type", "side"});
    no_children(n);
    TableColumn c;
    c.id = id_attr(n, "id");
    c.label = str(n, "label");
    c.type = enum_attr(
        n, "type", ColumnType::money,
        std::array{ColumnType::money, ColumnType::quantity, ColumnType::text}, [](ColumnType t) {
          return t == ColumnType::quantity ? "quantity" : t == ColumnType::text ? "text" : "money";
        });
    c.side = side_attr(n);
    return c;
  }

  BudgetRow row(pugi::xml_node n, AmountUnit unit, int depth) const {
    if (depth > kMaxDetailDepth) {
      fail_at(ErrorCode::limit, n, nullptr,
              "明细行嵌套超过 " + std::to_string(kMaxDetailDepth) + " 层",
              "detail rows nested deeper than " + std::to_string(kMaxDetailDepth) + " levels");
    }
    expect_attrs(n, {"class", "code", "side", "total", "label", "name", "level", "sheet", "cell"});
    BudgetRow r;
    r.classification = class_attr(n);
    r.code = str(n, "code");
    r.side = side_attr(n);
    r.is_total = bool_attr(n, "total");
    r.label = str(n, "label");
    r.name = str(n, "name");
    r.level = int_attr(n, "level");
    r.source = source(n);
    children(n, {{"alt", false}, {"v", true}, {"t", true}, {"detail", true}},
             [&](std::size_t i, pugi::xml_node c) {
               if (i == 0) r.alt = alt(c);
               if (i == 1 || i == 2) {
                 expect_attrs(c, {"c"});
                 const std::string key = id_attr(c, "c");
                 const std::string value = text(c);
                 const bool fresh =
                     i == 1 ? r.amounts.emplace(key, amount(c, nullptr, value, unit)).second
                            : r.texts.emplace(key, value).second;
                 if (!fresh) {
                   fail_at(ErrorCode::format, c, nullptr, "同一列出现两次",
                           "the same column appears twice");
                 }
               }
               if (i == 3) r.details.push_back(row(c, unit, depth + 1));
             });
    return r;
  }

  AltClass alt(pugi::xml_node n) const {
    expect_attrs(n, {"class", "code", "name"});
    no_children(n);
    return AltClass{class_attr(n), str(n, "code"), str(n, "name")};
  }

  PerformanceGoal goal(pugi::xml_node n) const {
    expect_attrs(n, {"kind", "code", "name", "title", "department", "unit-name", "amount-unit",
                     "sheet", "cell"});
    PerformanceGoal g;
    g.kind = vocab_attr(n, "kind", is_goal_kind, true, "project | special-fund | department");
    g.code = str(n, "code");
    g.name = str(n, "name");
    g.title = str(n, "title");
    g.department = str(n, "department");
    g.unit_name = str(n, "unit-name");
    g.amount_unit = unit_attr(n, "amount-unit");
    g.source = source(n);
    children(n,
             {{"budget", true},
              {"purpose", false},
              {"milestone", true},
              {"objective", true},
              {"indicator", true},
              {"extra", true}},
             [&](std::size_t i, pugi::xml_node c) {
               if (i == 0) g.budgets.push_back(budget(c, g.amount_unit));
               if (i == 1) g.purpose = text_element(c);
               if (i == 2) g.spending_plan.push_back(milestone(c));
               if (i == 3) g.objectives.push_back(objective(c));
               if (i == 4) g.indicators.push_back(indicator(c));
               if (i == 5) g.extras.push_back(extra(c));
             });
    return g;
  }

  GoalBudget budget(pugi::xml_node n, AmountUnit unit) const {
    expect_attrs(n, {"period", "total", "fiscal", "other"});
    no_children(n);
    GoalBudget b;
    b.period = period_attr(n);
    b.total = amount_attr(n, "total", unit);
    b.fiscal = amount_attr(n, "fiscal", unit);
    b.other = amount_attr(n, "other", unit);
    return b;
  }

  Milestone milestone(pugi::xml_node n) const {
    expect_attrs(n, {"label", "percent"});
    no_children(n);
    return Milestone{str(n, "label"), decimal_attr(n, "percent")};
  }

  Objective objective(pugi::xml_node n) const {
    expect_attrs(n, {"period"});
    return Objective{period_attr(n), text(n)};
  }

  Indicator indicator(pugi::xml_node n) const {
    expect_attrs(n, {"period", "level1", "level1-text", "level2", "level2-text", "name",
                     "description", "target", "comparator", "value", "value2", "unit", "weight",
                     "direction", "basis", "group", "sheet", "cell"});
    no_children(n);
    Indicator i;
    i.period = period_attr(n);
    i.level1 = str(n, "level1");
    i.level1_text = str(n, "level1-text");
    i.level2 = str(n, "level2");
    i.level2_text = str(n, "level2-text");
    i.name = str(n, "name");
    i.description = str(n, "description");
    i.target.text = str(n, "target");
    i.target.comparator =
        enum_attr(n, "comparator", Comparator::none,
                  std::array{Comparator::eq, Comparator::ge, Comparator::le, Comparator::gt,
                             Comparator::lt, Comparator::range, Comparator::qualitative},
                  comparator_id);
    i.target.value = decimal_attr(n, "value");
    i.target.value2 = decimal_attr(n, "value2");
    i.target.unit = str(n, "unit");
    i.weight = decimal_attr(n, "weight");
    i.direction = str(n, "direction");
    i.basis = str(n, "basis");
    i.group = int_attr(n, "group");
    i.source = source(n);
    return i;
  }

  Evaluation evaluation(pugi::xml_node n) const {
    expect_attrs(n, {"title", "year", "score", "grade", "unit"});
    Evaluation e;
    e.title = str(n, "title");
    e.year = int_attr(n, "year");
    e.score = decimal_attr(n, "score");
    e.grade = str(n, "grade");
    e.unit = unit_attr(n, "unit");
    children(n, {{"figure", true}, {"finding", true}, {"extra", true}},
             [&](std::size_t i, pugi::xml_node c) {
               if (i == 0) {
                 expect_attrs(c, {"id"});
                 const std::string id = id_attr(c, "id");
                 if (!e.figures.emplace(id, amount(c, nullptr, text(c), e.unit)).second) {
                   fail_at(ErrorCode::format, c, nullptr, "同一数字出现两次",
                           "the same figure appears twice");
                 }
               }
               if (i == 1) e.findings.push_back(text_element(c));
               if (i == 2) e.extras.push_back(extra(c));
             });
    return e;
  }

  std::string_view buf_;
  const std::string& file_;
  bool en_;
  std::size_t base_ = 0;  // bytes skipped before the buffer handed to pugixml (a BOM)
};

}  // namespace

}  // namespace budconv::xml

namespace budconv {

Result<Submission> parse_submission_xml(std::string_view bytes, const std::string& display_name,
                                        Lang lang) {
  try {
    return xml::Reader(bytes, display_name, lang == Lang::en).run();
  } catch (const xml::ReadFailure& f) {
    return f.error;
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::limit,
                      display_name + (lang == Lang::en ? ": out of memory" : "：内存不足"));
  }
}

}  // namespace budconv
