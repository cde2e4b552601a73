/// @file mapping_loader.cpp
/// Reads a mapping definition (formats/schema/mapping.md) with pugixml into MappingDefinition.
/// The checks here mirror mapping.xsd so that `budconv mapping check` and the plugins give the
/// same verdict without a schema library at run time; every error names the file and the line
/// (computed from pugixml's byte offsets), because definitions are edited by hand.
#include <algorithm>
#include <array>
#include <charconv>
#include <pugixml.hpp>
#include <set>

#include "budconv/cell_ref.hpp"
#include "budconv/file_io.hpp"
#include "budconv/mapping.hpp"
#include "mapping_budget.hpp"
#include "mapping_text.hpp"

namespace budconv {

namespace {

using mapping_detail::msg;

constexpr std::string_view kNamespace = "urn:budconv:mapping:1";
constexpr std::size_t kMaxDefinitionBytes = 4u << 20;

constexpr std::array<std::string_view, 12> kBlockFields{"goal.code",
                                                        "goal.name",
                                                        "goal.title",
                                                        "goal.purpose",
                                                        "goal.department",
                                                        "goal.unit-name",
                                                        "budget.total",
                                                        "budget.fiscal",
                                                        "budget.other",
                                                        "budget.implementation.total",
                                                        "budget.implementation.fiscal",
                                                        "budget.implementation.other"};
constexpr std::array<std::string_view, 3> kListNames{"objective", "objective.implementation",
                                                     "milestone"};
constexpr std::array<std::string_view, 19> kColumnNames{"indicator.level1",
                                                        "indicator.level2",
                                                        "indicator.name",
                                                        "indicator.description",
                                                        "indicator.target",
                                                        "indicator.basis",
                                                        "indicator.weight",
                                                        "indicator.direction",
                                                        "indicator.comparator",
                                                        "indicator.value",
                                                        "indicator.unit",
                                                        "goal.code",
                                                        "goal.name",
                                                        "goal.unit-name",
                                                        "goal.department",
                                                        "budget.total",
                                                        "budget.fiscal",
                                                        "budget.other",
                                                        "objective"};
constexpr std::array<std::string_view, 3> kConstantFields{"goal.kind", "goal.amount-unit",
                                                          "goal.department"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view v) {
  return std::find(names.begin(), names.end(), v) != names.end();
}

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

/// Raised inside the loader only; turned into an Error by parse_mapping.
struct DefinitionError {
  int line;
  std::string zh, en;
};

class Loader {
 public:
  explicit Loader(std::string_view xml) : xml_(xml) {}

  int line_of(const pugi::xml_node& node) const { return line_at(node.offset_debug()); }

  int line_at(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    const auto end = xml_.begin() + std::min<std::ptrdiff_t>(offset, xml_.size());
    return 1 + static_cast<int>(std::count(xml_.begin(), end, '\n'));
  }

  [[noreturn]] void fail(const pugi::xml_node& node, std::string zh, std::string en) const {
    throw DefinitionError{line_of(node), std::move(zh), std::move(en)};
  }

  /// Refuses attributes other than `allowed` (the schema is closed: a typo must not pass).
  void only_attributes(const pugi::xml_node& node,
                       std::initializer_list<std::string_view> allowed) const {
    for (const auto& a : node.attributes()) {
      const std::string_view name = a.name();
      if (name == "xmlns" || name.rfind("xmlns:", 0) == 0) continue;
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        fail(node, "<" + std::string(node.name()) + "> 不允许属性 " + std::string(name),
             "<" + std::string(node.name()) + "> does not allow attribute " + std::string(name));
      }
    }
  }

  std::string required(const pugi::xml_node& node, const char* attr) const {
    const auto a = node.attribute(attr);
    if (!a || std::string_view(a.value()).empty()) {
      fail(node, "<" + std::string(node.name()) + "> 缺少属性 " + attr,
           "<" + std::string(node.name()) + "> lacks attribute " + attr);
    }
    return a.value();
  }

  int integer(const pugi::xml_node& node, const char* attr, int fallback, int lo, int hi) const {
    const auto a = node.attribute(attr);
    if (!a) return fallback;
    const std::string_view v = a.value();
    int out = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    if (r.ec != std::errc() || r.ptr != v.data() + v.size() || out < lo || out > hi) {
      fail(node,
           std::string("属性 ") + attr + " 应为 " + std::to_string(lo) + "–" + std::to_string(hi) +
               " 的整数，实际为「" + std::string(v) + "」",
           std::string("attribute ") + attr + " must be an integer " + std::to_string(lo) + "–" +
               std::to_string(hi) + ", found \"" + std::string(v) + "\"");
    }
    return out;
  }

  bool boolean(const pugi::xml_node& node, const char* attr, bool fallback) const {
    const auto a = node.attribute(attr);
    if (!a) return fallback;
    const std::string_view v = a.value();
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    fail(node, std::string("属性 ") + attr + " 应为 true 或 false",
         std::string("attribute ") + attr + " must be true or false");
  }

  /// split="lines" / join="lines"; absent = false.
  bool lines_option(const pugi::xml_node& node, const char* attr) const {
    const auto a = node.attribute(attr);
    if (!a) return false;
    if (std::string_view(a.value()) != "lines") {
      fail(node, std::string("属性 ") + attr + " 只能为 lines",
           std::string("attribute ") + attr + " must be lines");
    }
    return true;
  }

  ValuePosition position(const pugi::xml_node& node) const {
    const std::string_view v = node.attribute("position").value();
    if (v.empty() || v == "right") return ValuePosition::right;
    if (v == "below") return ValuePosition::below;
    if (v == "next-row") return ValuePosition::next_row;
    fail(node, "position 应为 right、below 或 next-row",
         "position must be right, below or next-row");
  }

  std::vector<std::string> transforms(const pugi::xml_node& node) const {
    std::vector<std::string> out;
    std::string_view v = node.attribute("transform").value();
    while (!v.empty()) {
      const auto sp = v.find(' ');
      const auto word = v.substr(0, sp);
      if (!word.empty()) out.emplace_back(word);
      if (sp == std::string_view::npos) break;
      v.remove_prefix(sp + 1);
    }
    return out;
  }

  std::vector<MappingLabel> labels(const pugi::xml_node& node) const {
    std::vector<MappingLabel> out;
    for (const auto& child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::string_view(child.name()) != "label") {
        fail(child, "<" + std::string(node.name()) + "> 中只允许 <label>",
             "only <label> is allowed inside <" + std::string(node.name()) + ">");
      }
      only_attributes(child, {"kind"});
      MappingLabel label{mapping_detail::trim_text(child.text().get()),
                         child.attribute("kind").value()};
      if (normalize_label(label.text).empty()) fail(child, "<label> 为空", "empty <label>");
      if (!label.kind.empty() && label.kind != "project" && label.kind != "special-fund" &&
          label.kind != "department") {
        fail(child, "kind 应为 project、special-fund 或 department",
             "kind must be project, special-fund or department");
      }
      out.push_back(std::move(label));
    }
    if (out.empty()) {
      fail(node, "<" + std::string(node.name()) + "> 至少需要一个 <label>",
           "<" + std::string(node.name()) + "> needs at least one <label>");
    }
    return out;
  }

  void element_children_only(const pugi::xml_node& node,
                             std::initializer_list<std::string_view> allowed) const {
    for (const auto& child : node.children()) {
      if (child.type() == pugi::node_pcdata && !mapping_detail::trim_text(child.value()).empty()) {
        fail(child, "<" + std::string(node.name()) + "> 中不允许文字",
             "text is not allowed inside <" + std::string(node.name()) + ">");
      }
      if (child.type() != pugi::node_element) continue;
      if (std::find(allowed.begin(), allowed.end(), std::string_view(child.name())) ==
          allowed.end()) {
        fail(child, "<" + std::string(node.name()) + "> 中不允许 <" + child.name() + ">",
             "<" + std::string(child.name()) + "> is not allowed inside <" + node.name() + ">");
      }
    }
  }

  void load_table(const pugi::xml_node& table, MappingDefinition& def) const {
    only_attributes(table, {});
    element_children_only(table, {"title", "block", "grid"});
    if (const auto title = table.child("title")) {
      only_attributes(title, {"within", "strip-numbering", "name-suffix", "year"});
      element_children_only(title, {"pattern"});
      def.title_within = integer(title, "within", 3, 0, 50);
      def.title_strip_numbering = boolean(title, "strip-numbering", true);
      def.name_suffix = title.attribute("name-suffix").value();
      if (const auto year = title.attribute("year")) {
        def.year_pattern = normalize_label(year.value());
        if (def.year_pattern.find('#') == std::string::npos) {
          fail(title, "year 模式须含 #（年份数字）",
               "the year pattern needs a # (the year's digits)");
        }
      }
      for (const auto& p : title.children("pattern")) {
        only_attributes(p, {});
        std::string pattern = normalize_label(p.text().get());
        if (pattern.empty()) fail(p, "<pattern> 为空", "empty <pattern>");
        def.title_patterns.push_back(std::move(pattern));
      }
    }
    if (const auto block = table.child("block")) {
      only_attributes(block, {});
      element_children_only(block, {"field", "list"});
      for (const auto& n : block.children()) {
        if (n.type() != pugi::node_element) continue;
        if (std::string_view(n.name()) == "field") {
          only_attributes(n, {"name", "position", "anchor", "transform", "column-of"});
          MappingField f;
          f.name = required(n, "name");
          if (!one_of(kBlockFields, f.name)) {
            fail(n, "未知字段「" + f.name + "」，可用：" + joined(kBlockFields),
                 "unknown field \"" + f.name + "\"; known: " + joined(kBlockFields));
          }
          f.position = position(n);
          f.anchor = boolean(n, "anchor", false);
          f.transforms = transforms(n);
          f.column_of = n.attribute("column-of").value();
          if (!f.column_of.empty() &&
              std::none_of(def.fields.begin(), def.fields.end(),
                           [&](const MappingField& o) { return o.name == f.column_of; })) {
            fail(n, "column-of 引用的字段「" + f.column_of + "」须在此前的 <field> 中",
                 "column-of names \"" + f.column_of + "\", which must be an earlier <field>");
          }
          f.labels = labels(n);
          f.line = line_of(n);
          def.fields.push_back(std::move(f));
        } else {
          only_attributes(n, {"name", "pattern", "position", "split", "transform"});
          element_children_only(n, {});
          MappingList l;
          l.name = required(n, "name");
          if (!one_of(kListNames, l.name)) {
            fail(n, "未知列表「" + l.name + "」，可用：" + joined(kListNames),
                 "unknown list \"" + l.name + "\"; known: " + joined(kListNames));
          }
          l.pattern = normalize_label(required(n, "pattern"));
          l.position = position(n);
          l.split_lines = lines_option(n, "split");
          l.transforms = transforms(n);
          l.line = line_of(n);
          def.lists.push_back(std::move(l));
        }
      }
    }
    const auto grid = table.child("grid");
    if (!grid) fail(table, "<table> 缺少 <grid>", "<table> lacks <grid>");
    only_attributes(grid, {"blank-rows"});
    element_children_only(grid, {"column"});
    def.grid_blank_rows = integer(grid, "blank-rows", 2, 1, 100);
    std::set<std::string> seen;
    for (const auto& n : grid.children("column")) {
      only_attributes(n, {"name", "fill-down", "required", "span", "transform", "items",
                          "item-prefix", "splits", "blank-kind", "period"});
      MappingColumn c;
      c.name = required(n, "name");
      if (!one_of(kColumnNames, c.name)) {
        fail(n, "未知列「" + c.name + "」，可用：" + joined(kColumnNames),
             "unknown column \"" + c.name + "\"; known: " + joined(kColumnNames));
      }
      c.period = n.attribute("period").value();
      if (!c.period.empty() && c.period != "annual" && c.period != "implementation") {
        fail(n, "period 应为 annual 或 implementation", "period must be annual or implementation");
      }
      if (!c.period.empty() && is_goal_column(c.name)) {
        fail(n, "目标字段列不能有 period", "a goal column cannot have a period");
      }
      if (!seen.insert(c.key()).second)
        fail(n, "列「" + c.key() + "」重复", "duplicate column " + c.key());
      c.fill_down = boolean(n, "fill-down", false);
      if (const auto items = n.attribute("items")) {
        if (std::string_view(items.value()) != "numbered")
          fail(n, "items 只能为 numbered", "items must be numbered");
        c.numbered_items = true;
      }
      c.item_prefix = n.attribute("item-prefix").value();
      if (!c.item_prefix.empty() && !c.numbered_items) {
        fail(n, "item-prefix 需要 items=\"numbered\"", "item-prefix needs items=\"numbered\"");
      }
      c.splits = boolean(n, "splits", false);
      c.blank_kind = n.attribute("blank-kind").value();
      if ((c.splits || !c.blank_kind.empty()) && !is_goal_column(c.name)) {
        fail(n, "splits / blank-kind 只用于目标字段列（goal.*、budget.*、objective）",
             "splits / blank-kind apply only to goal columns (goal.*, budget.*, objective)");
      }
      if (c.numbered_items && is_goal_column(c.name)) {
        fail(n, "目标字段列不能用 items", "a goal column cannot have items");
      }
      c.required = boolean(n, "required", true);
      c.span = integer(n, "span", 1, 1, 20);
      c.transforms = transforms(n);
      c.labels = labels(n);
      c.line = line_of(n);
      def.columns.push_back(std::move(c));
    }
    if (def.columns.empty())
      fail(grid, "<grid> 至少需要一个 <column>", "<grid> needs at least one <column>");
    if (!seen.count("indicator.name") && !seen.count("indicator.name@annual") &&
        !seen.count("indicator.name@implementation")) {
      fail(grid, "<grid> 必须有 indicator.name 列", "<grid> must have an indicator.name column");
    }
  }

  CellStyle style(const pugi::xml_node& node) const {
    const std::string_view v = node.attribute("style").value();
    if (v.empty() || v == "text") return CellStyle::text;
    if (v == "title") return CellStyle::title;
    if (v == "header") return CellStyle::header;
    if (v == "money") return CellStyle::money;
    if (v == "percent") return CellStyle::percent;
    fail(node, "style 应为 text、title、header、money 或 percent",
         "style must be text, title, header, money or percent");
  }

  void load_layout(const pugi::xml_node& layout, MappingDefinition& def) const {
    only_attributes(layout, {"arrangement", "sheet-name", "gap", "widths", "money-format"});
    element_children_only(layout, {"row", "milestones", "objectives", "grid"});
    MappingLayout& out = def.layout;
    const std::string_view arrangement = layout.attribute("arrangement").value();
    if (arrangement.empty() || arrangement == "sheet-per-goal") {
      out.sheet_per_goal = true;
    } else if (arrangement == "stacked") {
      out.sheet_per_goal = false;
    } else {
      fail(layout, "arrangement 应为 sheet-per-goal 或 stacked",
           "arrangement must be sheet-per-goal or stacked");
    }
    out.sheet_name = layout.attribute("sheet-name").as_string("Sheet1");
    out.gap = integer(layout, "gap", 2, 0, 100);
    if (const auto f = layout.attribute("money-format")) out.money_format = f.value();
    std::string_view widths = layout.attribute("widths").value();
    while (!widths.empty()) {
      const auto sp = widths.find(' ');
      const auto word = widths.substr(0, sp);
      if (!word.empty()) {
        double w = 0;
        const auto r = std::from_chars(word.data(), word.data() + word.size(), w);
        if (r.ec != std::errc() || r.ptr != word.data() + word.size() || w <= 0 || w > 255) {
          fail(layout, "widths 应为 0–255 的数字列表", "widths must be numbers in 0–255");
        }
        out.widths.push_back(w);
      }
      if (sp == std::string_view::npos) break;
      widths.remove_prefix(sp + 1);
    }
    bool has_grid = false;
    for (const auto& n : layout.children()) {
      if (n.type() != pugi::node_element) continue;
      LayoutRow row;
      row.line = line_of(n);
      const std::string_view kind = n.name();
      if (kind == "row") {
        only_attributes(n, {});
        element_children_only(n, {"cell"});
        row.kind = LayoutRowKind::cells;
        for (const auto& c : n.children("cell")) row.cells.push_back(cell(c, def));
      } else if (kind == "milestones" || kind == "objectives") {
        only_attributes(n, {"label", "item-label", "span", "join"});
        element_children_only(n, {});
        row.kind = kind == "milestones" ? LayoutRowKind::milestones : LayoutRowKind::objectives;
        row.label = required(n, "label");
        row.item_label = n.attribute("item-label").value();
        row.span = integer(n, "span", 1, 1, 50);
        row.join_lines = lines_option(n, "join");
      } else {
        only_attributes(n, {"label"});
        element_children_only(n, {"standard-row"});
        row.kind = LayoutRowKind::grid;
        row.label = n.attribute("label").value();
        for (const auto& sr : n.children("standard-row")) {
          only_attributes(sr, {"level1", "level2"});
          element_children_only(sr, {});
          row.standard_rows.push_back(StandardRow{required(sr, "level1"), required(sr, "level2")});
        }
        has_grid = true;
      }
      out.rows.push_back(std::move(row));
    }
    if (!has_grid) fail(layout, "<layout> 缺少 <grid/>", "<layout> lacks <grid/>");
  }

  LayoutCell cell(const pugi::xml_node& n, const MappingDefinition& def) const {
    only_attributes(
        n, {"col", "text", "field", "label-of", "compose", "keep-title", "span", "down", "style"});
    element_children_only(n, {});
    LayoutCell c;
    c.line = line_of(n);
    if (const auto col = n.attribute("col")) {
      const auto parsed = parse_column(col.value());
      if (!parsed) fail(n, "col 应为列字母（如 B）", "col must be column letters (e.g. B)");
      c.col = *parsed;
    }
    c.text = n.attribute("text").value();
    c.field = n.attribute("field").value();
    c.label_of = n.attribute("label-of").value();
    c.compose = n.attribute("compose").value();
    c.keep_title = normalize_label(n.attribute("keep-title").value());
    const int sources =
        !c.text.empty() + !c.field.empty() + !c.label_of.empty() + !c.compose.empty();
    if (sources != 1) {
      fail(n, "<cell> 需要且只能有 text、field、label-of、compose 之一",
           "<cell> needs exactly one of text, field, label-of, compose");
    }
    if (!c.keep_title.empty() && c.compose.empty()) {
      fail(n, "keep-title 需要 compose", "keep-title needs compose");
    }
    if (!c.compose.empty()) check_placeholders(n, c.compose);
    // The objectives of one period joined one per line (Henan's 实施期目标 | 年度目标 cells).
    const bool objective = c.field == "objective" || c.field == "objective.implementation";
    if (!c.field.empty() && !objective && !one_of(kBlockFields, c.field)) {
      fail(n, "未知字段「" + c.field + "」", "unknown field \"" + c.field + "\"");
    }
    if (!c.label_of.empty() &&
        std::none_of(def.fields.begin(), def.fields.end(),
                     [&](const MappingField& f) { return f.name == c.label_of; })) {
      fail(n, "label-of 引用的字段「" + c.label_of + "」不在 <block> 中",
           "label-of names \"" + c.label_of + "\", which is not in <block>");
    }
    c.span = integer(n, "span", 1, 1, 50);
    c.down = integer(n, "down", 1, 1, 50);
    c.style = style(n);
    return c;
  }

  /// compose="…{year}…": only the placeholders the writer knows.
  void check_placeholders(const pugi::xml_node& n, std::string_view text) const {
    static constexpr std::array<std::string_view, 4> kPlaceholders{"year", "agency", "unit",
                                                                   "name"};
    for (auto open = text.find('{'); open != std::string_view::npos;
         open = text.find('{', open + 1)) {
      const auto close = text.find('}', open);
      const std::string_view name = close == std::string_view::npos
                                        ? text.substr(open)
                                        : text.substr(open + 1, close - open - 1);
      if (close == std::string_view::npos || !one_of(kPlaceholders, name)) {
        fail(n,
             "compose 中未知的占位符「" + std::string(name) +
                 "」，可用：{year} {agency} {unit} {name}",
             "unknown placeholder \"" + std::string(name) +
                 "\" in compose; known: {year} {agency} {unit} {name}");
      }
    }
  }

  MappingDefinition load_budget(const pugi::xml_node& root) const {
    MappingDefinition def;
    def.id = required(root, "id");
    def.region = required(root, "region");
    def.model = "budget";
    def.name = root.attribute("name").as_string(def.id.c_str());
    def.name_en = root.attribute("name-en").as_string(def.name.c_str());
    if (auto e = mapping_detail::load_budget_definition(root, xml_, def)) {
      throw DefinitionError{e->line, std::move(e->zh), std::move(e->en)};
    }
    return def;
  }

  MappingDefinition load() const {
    pugi::xml_document doc;
    const auto res =
        doc.load_buffer(xml_.data(), xml_.size(), pugi::parse_default | pugi::parse_doctype);
    if (!res) {
      throw DefinitionError{line_at(res.offset), std::string("XML 格式错误：") + res.description(),
                            std::string("malformed XML: ") + res.description()};
    }
    for (const auto& n : doc.children()) {
      if (n.type() == pugi::node_doctype) {
        fail(n, "不允许 DOCTYPE", "DOCTYPE is not allowed");
      }
    }
    const auto root = doc.document_element();
    if (std::string_view(root.name()) != "mapping") {
      fail(root, "根元素应为 <mapping>，实际为 <" + std::string(root.name()) + ">",
           "root element must be <mapping>, found <" + std::string(root.name()) + ">");
    }
    if (std::string_view(root.attribute("xmlns").value()) != kNamespace) {
      fail(root, "命名空间应为 " + std::string(kNamespace),
           "namespace must be " + std::string(kNamespace));
    }
    if (std::string_view(root.attribute("format-version").value()) != "1") {
      fail(root, "不支持的 format-version（应为 1）", "unsupported format-version (expected 1)");
    }
    // Budget tables have their own elements (mapping_budget_loader.cpp).
    if (std::string_view(root.attribute("model").value()) == "budget") return load_budget(root);
    only_attributes(root, {"format-version", "id", "region", "model", "name", "name-en"});
    element_children_only(root, {"constant", "table", "layout"});
    MappingDefinition def;
    def.id = required(root, "id");
    def.region = required(root, "region");
    def.model = required(root, "model");
    if (def.model != "goal")
      fail(root, "model 应为 goal 或 budget", "model must be goal or budget");
    def.name = root.attribute("name").as_string(def.id.c_str());
    def.name_en = root.attribute("name-en").as_string(def.name.c_str());
    for (const auto& n : root.children("constant")) {
      only_attributes(n, {"field", "value"});
      const std::string field = required(n, "field");
      const std::string value = required(n, "value");
      if (!one_of(kConstantFields, field)) {
        fail(n, "常量字段应为 " + joined(kConstantFields),
             "constant field must be one of " + joined(kConstantFields));
      }
      if (field == "goal.amount-unit" && !parse_amount_unit(value)) {
        fail(n, "金额单位应为 yuan 或 wan-yuan", "amount unit must be yuan or wan-yuan");
      }
      def.constants[field] = value;
    }
    const auto table = root.child("table");
    if (!table) fail(root, "缺少 <table>", "missing <table>");
    load_table(table, def);
    const auto layout = root.child("layout");
    if (!layout) fail(root, "缺少 <layout>", "missing <layout>");
    load_layout(layout, def);
    return def;
  }

 private:
  std::string_view xml_;
};

}  // namespace

Result<MappingDefinition> parse_mapping(std::string_view xml, const std::string& display_name,
                                        Lang lang) {
  try {
    return Loader(xml).load();
  } catch (const DefinitionError& e) {
    return make_error(
        ErrorCode::format,
        msg(lang, "映射定义 " + display_name + " 第 " + std::to_string(e.line) + " 行：" + e.zh,
            "mapping definition " + display_name + " line " + std::to_string(e.line) + ": " +
                e.en));
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, display_name + ": " + e.what());
  }
}

Result<MappingDefinition> load_mapping(const std::filesystem::path& path, Lang lang) {
  auto bytes = read_file_bounded(path, kMaxDefinitionBytes, lang);
  if (!bytes) return bytes.error();
  auto def = parse_mapping(bytes.value(), path.string(), lang);
  if (def) def.value().path = path;
  return def;
}

}  // namespace budconv
