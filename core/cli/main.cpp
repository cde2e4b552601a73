// budconv: convert Chinese public-sector budget and performance-goal tables.
#include <iostream>
#include <vector>

#include "cli.hpp"
#include "cmd_mapping.hpp"

#ifndef BUDCONV_VERSION
#define BUDCONV_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace budconv::cli;
  CLI::App app{
      "budconv — 部门预算公开表与绩效目标表格式转换 / convert budget and performance-goal tables"};
  app.set_version_flag("--version", std::string("budconv ") + BUDCONV_VERSION);
  app.require_subcommand(1);
  Global g;
  app.add_option("--lang", g.lang, "消息语言 zh（默认）| en / message language")
      ->check(CLI::IsMember({"zh", "en"}))
      ->envname("BUDCONV_LANG");
  app.footer(
      "退出码 / exit codes: 0 成功 ok · 2 用法错误 usage · 3 输入无法读取 bad input · 4 输出失败 "
      "output failed · 5 校验失败 validation · 6 批量部分失败 partial · 7 缺少插件 plugin · 70 "
      "内部错误 internal");
  app.fallthrough();  // --lang may also follow the subcommand
  std::vector<Command> commands{add_formats_command(app, g), add_inspect_command(app, g),
                                add_convert_command(app, g), add_mapping_command(app, g),
                                add_validate_command(app, g)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(g, e.what());
    return kUsage;
  } catch (const std::exception& e) {
    print_error(g, std::string("internal error: ") + e.what());
    return kInternal;
  }
  try {
    for (auto& c : commands) {
      if (c.app->parsed()) return c.run();
    }
  } catch (const std::exception& e) {
    print_error(g, std::string("internal error: ") + e.what());
    return kInternal;
  }
  return kUsage;
}
