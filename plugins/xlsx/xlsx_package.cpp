// OPC package plumbing: relationship parts and target resolution, shared by every part lookup.
#include <vector>

#include "xlsx_dom.hpp"
#include "xlsx_parts.hpp"

namespace budconv::xlsx {

Status load_dom(std::string_view xml, pugi::xml_document& doc, const std::string& context,
                Lang lang) {
  const bool en = lang == Lang::en;
  // parse_doctype keeps the DOCTYPE as a node so it can be refused; pugixml never expands
  // custom entities, but a part carrying a DTD is hostile or broken either way.
  pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype);
  if (!r) {
    return make_error(ErrorCode::format,
                      context + (en ? ": malformed XML at byte " + std::to_string(r.offset) + ": " +
                                          r.description()
                                    : ": XML 格式错误（第 " + std::to_string(r.offset) +
                                          " 字节）: " + r.description()));
  }
  for (pugi::xml_node n : doc.children()) {
    if (n.type() == pugi::node_doctype) {
      return make_error(
          ErrorCode::limit,
          context + (en ? ": DOCTYPE/entity declarations are not allowed (possible XML bomb)"
                        : ": 不允许 DOCTYPE/实体声明（疑似 XML 炸弹）"));
    }
  }
  return {};
}

std::string_view local_name(const char* qualified) {
  std::string_view s(qualified ? qualified : "");
  auto pos = s.rfind(':');
  return pos == std::string_view::npos ? s : s.substr(pos + 1);
}

pugi::xml_node child_local(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node c : parent.children()) {
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  }
  return {};
}

const char* prefixed_attr(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view q(a.name());
    auto pos = q.rfind(':');
    if (pos != std::string_view::npos && q.substr(0, pos) != "xmlns" && q.substr(pos + 1) == name) {
      return a.value();
    }
  }
  return nullptr;
}

bool xml_true(std::string_view v) {
  return v == "1" || v == "true";
}

std::string rels_part_for(const std::string& part) {
  auto slash = part.rfind('/');
  if (slash == std::string::npos) return "_rels/" + part + ".rels";
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

std::string resolve_target(const std::string& source_part, std::string_view target) {
  std::string base;
  std::string raw(target);
  for (char& c : raw) {
    if (c == '\\') c = '/';
  }
  if (raw.empty() || raw[0] != '/') {
    auto slash = source_part.rfind('/');
    if (slash != std::string::npos) base = source_part.substr(0, slash + 1);
  }
  std::string joined = base + raw;
  // Collapse "." and ".." segments; ".." above the root stays at the root.
  std::vector<std::string> segs;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(std::move(seg));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& s : segs) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

Result<std::vector<Relationship>> parse_relationships(std::string_view xml,
                                                      const std::string& source_part,
                                                      const std::string& context, Lang lang) {
  pugi::xml_document doc;
  if (Status st = load_dom(xml, doc, context, lang); !st) return st.error();
  std::vector<Relationship> rels;
  pugi::xml_node root = doc.document_element();
  for (pugi::xml_node r : root.children()) {
    if (r.type() != pugi::node_element || local_name(r.name()) != "Relationship") continue;
    Relationship rel;
    rel.id = r.attribute("Id").value();
    std::string_view type = r.attribute("Type").value();
    auto slash = type.rfind('/');
    rel.type = std::string(slash == std::string_view::npos ? type : type.substr(slash + 1));
    if (std::string_view(r.attribute("TargetMode").value()) != "External") {
      rel.target = resolve_target(source_part, r.attribute("Target").value());
    }
    rels.push_back(std::move(rel));
  }
  return rels;
}

}  // namespace budconv::xlsx
