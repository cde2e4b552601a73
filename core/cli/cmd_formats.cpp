// `budconv formats`: every plugin and format, with capabilities, and every plugin that failed.
#include <iostream>

#include "cli.hpp"

namespace budconv::cli {

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

void print_format(const FormatInfo& f, bool en) {
  std::string caps = std::string(f.can_read ? (en ? "read" : "读") : "") +
                     (f.can_read && f.can_write ? "/" : "") +
                     (f.can_write ? (en ? "write" : "写") : "");
  std::cout << "    " << f.id << "  [" << caps << "]  " << f.name;
  if (!f.extensions.empty()) std::cout << "  ." << join(f.extensions, " .");
  if (!f.option_keys.empty()) {
    std::cout << (en ? "  options: " : "  选项：") << join(f.option_keys, ", ");
  }
  std::cout << '\n';
}

}  // namespace

Command add_formats_command(CLI::App& app, const Global& g) {
  auto* cmd = app.add_subcommand("formats", "列出已加载的插件与格式 / list plugins and formats");
  return {cmd, [&g]() {
            const bool en = g.language() == Lang::en;
            Registry reg;
            load_plugins(reg);
            std::cout << (en ? "Plugins:\n" : "插件：\n");
            for (const auto& p : reg.plugins()) {
              std::cout << "  " << p.info.id << ' ' << p.info.version << "  " << p.info.name;
              if (!p.path.empty()) std::cout << "  (" << p.path.string() << ')';
              std::cout << '\n';
              for (auto& c : p.plugin->containers()) print_format(c->info(), en);
              for (auto& d : p.plugin->documents()) print_format(d->info(), en);
              for (auto& t : p.plugin->templates()) {
                TemplateInfo ti = t->info();
                std::cout << "    " << ti.id << (en ? "  [template] " : "  [模板] ") << ti.name
                          << '\n';
              }
            }
            if (reg.plugins().empty()) {
              std::cout << (en ? "  (none found; set BUDCONV_PLUGIN_PATH)\n"
                               : "  （未找到插件；请设置 BUDCONV_PLUGIN_PATH）\n");
            }
            if (!reg.failures().empty()) {
              std::cout << (en ? "Failed to load:\n" : "加载失败：\n");
              for (const auto& f : reg.failures()) {
                std::cout << "  " << f.path.string() << ": " << (en ? f.reason_en : f.reason_zh)
                          << '\n';
              }
            }
            return static_cast<int>(kOk);
          }};
}

}  // namespace budconv::cli
