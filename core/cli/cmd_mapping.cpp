// `budconv mapping check FILE…`: loads each mapping definition with the engine's own loader (the
// same rules as formats/schema/mapping.xsd), prints a one-line summary or the first error with
// its line number. Transforms contributed by region plugins are listed, not resolved: a plugin
// checks them when it builds the template.
#include "cmd_mapping.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

#include "budconv/mapping.hpp"

namespace budconv::cli {

namespace {

/// Names of the non-built-in transforms a definition uses, once each.
std::vector<std::string> plugin_transforms(const MappingDefinition& def) {
  std::vector<std::string> out;
  const auto& builtin = builtin_transforms();
  const auto add = [&](const std::vector<std::string>& names) {
    for (const auto& n : names) {
      if (std::find(builtin.begin(), builtin.end(), n) != builtin.end()) continue;
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
  };
  for (const auto& f : def.fields) add(f.transforms);
  for (const auto& c : def.columns) add(c.transforms);
  return out;
}

int check(const Global& g, const std::vector<std::string>& files) {
  const bool en = g.language() == Lang::en;
  int status = kOk;
  for (const auto& file : files) {
    auto def = load_mapping(file, g.language());
    if (!def) {
      status = fail(g, def.error(), false);
      continue;
    }
    const MappingDefinition& d = def.value();
    std::cout << file << (en ? ": valid — template " : "：有效 — 模板 ") << d.id << " ("
              << (en ? d.name_en : d.name) << ")" << (en ? ", region " : "，地区 ") << d.region
              << (en ? ", " : "，");
    if (d.model == "budget") {
      std::cout << d.budget_tables.size() << (en ? " budget tables" : " 种预算表");
      // Correspondences are checked by the loader (known ids, no cycles); say how many there
      // are so that a reviewer sees the definition declares them.
      std::size_t from = 0;
      for (const auto& t : d.budget_tables) {
        for (const auto& c : t.columns) from += c.from_kind != BudgetFrom::none;
      }
      if (from > 0) {
        std::cout << (en ? ", " : "，") << from
                  << (en ? " column correspondence(s) (from / from-sum)"
                         : " 个列对应（from / from-sum）");
      }
    } else {
      std::cout << d.fields.size() << (en ? " fields, " : " 个字段，") << d.lists.size()
                << (en ? " lists, " : " 个列表，") << d.columns.size()
                << (en ? " grid columns" : " 个指标列");
    }
    const auto transforms = plugin_transforms(d);
    if (!transforms.empty()) {
      std::cout << (en ? "; plugin transforms: " : "；插件提供的值变换：");
      for (std::size_t i = 0; i < transforms.size(); ++i)
        std::cout << (i ? ", " : "") << transforms[i];
    }
    std::cout << '\n';
  }
  return status;
}

}  // namespace

Command add_mapping_command(CLI::App& app, const Global& g) {
  auto* cmd = app.add_subcommand("mapping", "映射定义工具 / mapping definition tools");
  cmd->require_subcommand(1);
  auto* check_cmd = cmd->add_subcommand("check", "检查映射定义文件 / validate mapping definitions");
  auto files = std::make_shared<std::vector<std::string>>();
  check_cmd->add_option("FILE", *files, "映射定义 XML / mapping definition XML")->required();
  return {cmd, [&g, files]() { return check(g, *files); }};
}

}  // namespace budconv::cli
