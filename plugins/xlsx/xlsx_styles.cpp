// styles.xml → per-xf number format, boldness, ruling and alignment: enough to tell dates from
// numbers, keep
// "#,##0.00" with amounts, and mark header cells.
#include <map>
#include <vector>

#include "xlsx_dom.hpp"
#include "xlsx_parts.hpp"

namespace budconv::xlsx {

namespace {

// Elements of `parent` named `name`, looking through mc:AlternateContent at its Fallback (what a
// consumer that does not know the Choice's namespace must use).
std::vector<pugi::xml_node> elements(pugi::xml_node parent, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view ln = local_name(c.name());
    if (ln == name) {
      out.push_back(c);
    } else if (ln == "AlternateContent") {
      pugi::xml_node fb = child_local(c, "Fallback");
      if (fb) {
        pugi::xml_node inner = child_local(fb, name);
        if (inner) out.push_back(inner);
      }
    }
  }
  return out;
}

bool font_bold(pugi::xml_node font) {
  pugi::xml_node b = child_local(font, "b");
  if (!b) return false;
  pugi::xml_attribute v = b.attribute("val");
  return !v || xml_true(v.value());
}

// "General", "GENERAL", "general": producers differ in case.
bool is_general(const std::string& code) {
  static constexpr std::string_view kGeneral = "general";
  if (code.size() != kGeneral.size()) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if ((code[i] | 0x20) != kGeneral[i]) return false;
  }
  return true;
}

// A grid cell usually draws only some of its sides (the neighbour draws the rest), so any
// visible side counts as "ruled".
bool border_visible(pugi::xml_node border) {
  for (const char* side : {"left", "right", "top", "bottom"}) {
    pugi::xml_node n = child_local(border, side);
    if (!n) continue;
    std::string_view st = n.attribute("style").value();
    if (!st.empty() && st != "none") return true;
  }
  return false;
}

// <alignment> of an xf. Excel's other values fold into the nearest the Workbook keeps:
// centerContinuous is centred, fill/justify/distributed are left as general (vertical: centred).
void read_alignment(pugi::xml_node xf, CellStyle& cs) {
  pugi::xml_node a = child_local(xf, "alignment");
  if (!a) return;
  const std::string_view h = a.attribute("horizontal").value();
  if (h == "left") {
    cs.halign = HAlign::left;
  } else if (h == "center" || h == "centerContinuous") {
    cs.halign = HAlign::center;
  } else if (h == "right") {
    cs.halign = HAlign::right;
  }
  const std::string_view v = a.attribute("vertical").value();
  if (v == "top") {
    cs.valign = VAlign::top;
  } else if (v == "center" || v == "justify" || v == "distributed") {
    cs.valign = VAlign::center;
  }
  pugi::xml_attribute w = a.attribute("wrapText");
  cs.wrap = w && xml_true(w.value());
}

long attr_long(pugi::xml_node n, const char* name, long fallback) {
  pugi::xml_attribute a = n.attribute(name);
  if (!a) return fallback;
  return a.as_llong(fallback) < 0 ? fallback : static_cast<long>(a.as_llong(fallback));
}

}  // namespace

Result<Styles> parse_styles(std::string_view xml, const std::string& context, Lang lang) {
  pugi::xml_document doc;
  if (Status st = load_dom(xml, doc, context, lang); !st) return st.error();
  pugi::xml_node root = doc.document_element();

  std::map<long, std::string> custom;
  if (pugi::xml_node fmts = child_local(root, "numFmts")) {
    for (pugi::xml_node f : elements(fmts, "numFmt")) {
      custom[attr_long(f, "numFmtId", -1)] = f.attribute("formatCode").value();
    }
  }
  std::vector<bool> bold_fonts;
  if (pugi::xml_node fonts = child_local(root, "fonts")) {
    for (pugi::xml_node f : elements(fonts, "font")) bold_fonts.push_back(font_bold(f));
  }

  std::vector<bool> visible_borders;
  if (pugi::xml_node borders = child_local(root, "borders")) {
    for (pugi::xml_node b : elements(borders, "border"))
      visible_borders.push_back(border_visible(b));
  }

  Styles styles;
  if (pugi::xml_node xfs = child_local(root, "cellXfs")) {
    for (pugi::xml_node xf : elements(xfs, "xf")) {
      CellStyle cs;
      const long id = attr_long(xf, "numFmtId", 0);
      if (auto it = custom.find(id); it != custom.end()) {
        cs.number_format = it->second;
        cs.date = is_date_format(cs.number_format);
      } else if (id >= 0 && id <= 0xFFFF) {
        // Built-in ids, including 27–36 and 50–58 that Chinese Excel shows as dates.
        cs.number_format = builtin_number_format(static_cast<int>(id));
        cs.date =
            is_date_format(cs.number_format) || (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
      }
      if (is_general(cs.number_format)) cs.number_format.clear();
      const long font = attr_long(xf, "fontId", -1);
      cs.bold = font >= 0 && static_cast<std::size_t>(font) < bold_fonts.size() &&
                bold_fonts[static_cast<std::size_t>(font)];
      const long border = attr_long(xf, "borderId", -1);
      cs.border = border >= 0 && static_cast<std::size_t>(border) < visible_borders.size() &&
                  visible_borders[static_cast<std::size_t>(border)];
      read_alignment(xf, cs);
      styles.xfs.push_back(std::move(cs));
    }
  }
  return styles;
}

}  // namespace budconv::xlsx
