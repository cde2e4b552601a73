// Error printing, exit-code mapping and plugin loading for the budconv program.
#include <iostream>

#include "cli.hpp"

namespace budconv::cli {

void print_error(const Global& g, const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';  // one line, always
  }
  std::cerr << (g.language() == Lang::en ? "error: " : "错误：") << line << '\n';
}

int fail(const Global& g, const Error& e, bool writing) {
  print_error(g, e.message);
  switch (e.code) {
    case ErrorCode::usage:
      return kUsage;
    case ErrorCode::plugin:
      return kPluginMissing;
    case ErrorCode::validation:
      return kValidationFailed;
    case ErrorCode::internal:
      return kInternal;
    case ErrorCode::unsupported:
      return writing ? kOutputFailed : kBadInput;
    default:
      return writing ? kOutputFailed : kBadInput;
  }
}

void load_plugins(Registry& reg) {
  reg.load_default();
}

void ReadFlags::add_to(CLI::App& cmd) {
  cmd.add_option("--from", from,
                 "输入格式 id（见 budconv formats），默认按内容识别 / input format id");
  cmd.add_option("--sheet", sheet, "只读取（或写出）此工作表 / only this sheet");
  cmd.add_option("--encoding", encoding, "CSV 编码：utf-8 | gb18030 (gbk) / CSV encoding");
  cmd.add_option("--codepage", codepage, ".xls 代码页，如 936 (GBK) / code page for .xls");
  cmd.add_option("--delimiter", delimiter, "CSV 分隔符：, ; tab | / CSV delimiter");
  cmd.add_option(
      "-O,--option", raw_options,
      "插件选项 KEY=VALUE，可重复，如 max-cells=100000000（见 budconv formats）/ plugin option");
}

void ReadFlags::apply(Options& o) const {
  for (const auto& kv : raw_options) {
    auto eq = kv.find('=');
    if (eq != std::string::npos && eq > 0)
      o.values[kv.substr(0, eq)] = kv.substr(eq + 1);
    else
      o.values[kv] = "true";
  }
  if (!sheet.empty()) o.values["sheet"] = sheet;
  if (!encoding.empty()) o.values["encoding"] = encoding;
  if (!codepage.empty()) o.values["codepage"] = codepage;
  if (!delimiter.empty()) o.values["delimiter"] = delimiter;
}

}  // namespace budconv::cli
