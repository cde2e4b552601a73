/// @file mapping_loader.cpp
/// Reads a mapping definition (formats/schema/mapping.md) with pugixml into MappingDefinition.
/// The checks here mirror mapping.xsd so that `budconv mapping check` and the plugins give the
/// same verdict without a schema library at run time; every error names the file and the line
/// (computed from pugixml's byte offsets), because definitions are edited by hand.
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "budconv/cell_ref.hpp"
#include "budconv/file_io.hpp"
#include "budconv/mapping.hpp"
#include "mapping_text.hpp"

namespace budconv {

namespace {

using mapping_detail::msg;

constexpr std::string_view kNamespace = "urn:budconv:mapping:1";
constexpr std::size_t kMaxDefinitionBytes = 4u << 20;

constexpr std::array<std::string_view, 12> kBlockFields{
    "goal.code",         "goal.name",         "goal.title",       "goal.purpose",
    "goal.department",   "goal.unit-name",    "budget.total",     "budget.fiscal",
    "budget.other",      "budget.implementation.total", "budget.implementation.fiscal",
    "budget.implementation.other"};
constexpr std::array<std::string_view, 3> kListNames{"objective", "objective.implementation",
                                                     "milestone"};
constexpr std::array<std::string_view, 19> kColumnNames{
    "indicator.level1",  "indicator.level2", "indicator.name",      "indicator.description",
    "indicator.target",  "indicator.basis",  "indicator.weight",    "indicator.direction",
    "indicator.comparator", "indicator.value", "indicator.unit",
    "goal.code",         "goal.name",        "goal.unit-name",      "goal.department",
    "budget.total",      "budget.fiscal",    "budget.other",        "objective"};
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
  void only_attributes(const pugi::xml_node& node, std::initializer_list<std::string_view> allowed) const {
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
      fail(node, std::string("属性 ") + attr + " 应为 " + std::to_string(lo) + "–" +
                     std::to_string(hi) + " 的整数，实际为「" + std::string(v) + "」",
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
      fail(node, std::string("属性 ") + attr + " 只能为 lines", std::string("attribute ") + attr + " must be lines");
    }
    return true;
  }

  ValuePosition position(const pugi::xml_node& node) const {
    const std::string_view v = node.attribute("position").value();
    if (v.empty() || v == "right") return ValuePosition::right;
    if (v == "below") return ValuePosition::below;
    if (v == "next-row") return ValuePosition::next_row;
    fail(node, "position 应为 right、below 或 next-row", "position must be right, below or next-row");
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
      MappingLabel label{mapping_detail::trim_text(child.text().get()), child.attribute("kind").value()};
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
      only_attributes(title, {"within", "strip-numbering", "name-suffix"});
      element_children_only(title, {"pattern"});
      def.title_within = integer(title, "within", 3, 0, 50);
      def.title_strip_numbering = boolean(title, "strip-numbering", true);
      def.name_suffix = title.attribute("name-suffix").value();
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
          only_attributes(n, {"name", "position", "anchor", "transform"});
          MappingField f;
          f.name = required(n, "name");
          if (!one_of(kBlockFields, f.name)) {
            fail(n, "未知字段「" + f.name + "」，可用：" + joined(kBlockFields),
                 "unknown field \"" + f.name + "\"; known: " + joined(kBlockFields));
          }
          f.position = position(n);
          f.anchor = boolean(n, "anchor", false);
          f.transforms = transforms(n);
          f.labels = labels(n);
          f.line = line_of(n);
          def.fields.push_back(std::move(f));
        } else {
          only_attributes(n, {"name", "pattern", "position", "split"});
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
      only_attributes(n, {"name", "fill-down", "required", "span", "transform", "items", "item-prefix",
                          "splits", "blank-kind"});
      MappingColumn c;
      c.name = required(n, "name");
      if (!one_of(kColumnNames, c.name)) {
        fail(n, "未知列「" + c.name + "」，可用：" + joined(kColumnNames),
             "unknown column \"" + c.name + "\"; known: " + joined(kColumnNames));
      }
      if (!seen.insert(c.name).second) fail(n, "列「" + c.name + "」重复", "duplicate column " + c.name);
      c.fill_down = boolean(n, "fill-down", false);
      if (const auto items = n.attribute("items")) {
        if (std::string_view(items.value()) != "numbered") fail(n, "items 只能为 numbered", "items must be numbered");
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
    if (def.columns.empty()) fail(grid, "<grid> 至少需要一个 <column>", "<grid> needs at least one <column>");
    if (!seen.count("indicator.name")) {
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
        only_attributes(n, {});
        element_children_only(n, {});
        row.kind = LayoutRowKind::grid;
        has_grid = true;
      }
      out.rows.push_back(std::move(row));
    }
    if (!has_grid) fail(layout, "<layout> 缺少 <grid/>", "<layout> lacks <grid/>");
  }

  LayoutCell cell(const pugi::xml_node& n, const MappingDefinition& def) const {
    only_attributes(n, {"col", "text", "field", "label-of", "span", "down", "style"});
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
    const int sources = !c.text.empty() + !c.field.empty() + !c.label_of.empty();
    if (sources != 1) {
      fail(n, "<cell> 需要且只能有 text、field、label-of 之一",
           "<cell> needs exactly one of text, field, label-of");
    }
    if (!c.field.empty() && !one_of(kBlockFields, c.field)) {
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

  MappingDefinition load() const {
    pugi::xml_document doc;
    const auto res = doc.load_buffer(xml_.data(), xml_.size(),
                                     pugi::parse_default | pugi::parse_doctype);
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
    only_attributes(root, {"format-version", "id", "region", "model", "name", "name-en"});
    if (std::string_view(root.attribute("format-version").value()) != "1") {
      fail(root, "不支持的 format-version（应为 1）", "unsupported format-version (expected 1)");
    }
    element_children_only(root, {"constant", "table", "layout"});
    MappingDefinition def;
    def.id = required(root, "id");
    def.region = required(root, "region");
    def.model = required(root, "model");
    if (def.model != "goal") fail(root, "model 目前只能为 goal", "model must be goal for now");
    def.name = root.attribute("name").as_string(def.id.c_str());
    def.name_en = root.attribute("name-en").as_string(def.name.c_str());
    for (const auto& n : root.children("constant")) {
      only_attributes(n, {"field", "value"});
      const std::string field = required(n, "field");
      const std::string value = required(n, "value");
      if (!one_of(kConstantFields, field)) {
        fail(n, "常量字段应为 " + joined(kConstantFields), "constant field must be one of " + joined(kConstantFields));
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
    return make_error(ErrorCode::format,
                      msg(lang, "映射定义 " + display_name + " 第 " + std::to_string(e.line) + " 行：" + e.zh,
                          "mapping definition " + display_name + " line " + std::to_string(e.line) + ": " + e.en));
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
