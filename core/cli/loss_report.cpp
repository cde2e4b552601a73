// The loss report: a grouped summary for people, JSON for tools.
#include "loss_report.hpp"

#include <cstdio>
#include <iostream>
#include <map>

#include "budconv/file_io.hpp"
#include "json_text.hpp"

namespace budconv::cli {

namespace {

std::string json_index(const std::optional<std::size_t>& i) {
  return i ? std::to_string(*i) : "null";
}

// At most ~40 characters of a value for the one-line example.
std::string example_value(const std::string& v) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < v.size(); ++chars) {
    if (chars == 40) return out + "…";
    const auto b = static_cast<unsigned char>(v[i]);
    const std::size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
    out += v[i] == '\n' ? std::string(" ") : v.substr(i, len);
    i += len;
  }
  return out;
}

}  // namespace

void print_loss_summary(const LossReport& report, Lang lang) {
  const bool en = lang == Lang::en;
  if (report.entries.empty()) return;
  // Fields in the order they first occur, with their count and first entry.
  std::vector<std::string> order;
  std::map<std::string, std::pair<std::size_t, const LossEntry*>> groups;
  for (const auto& e : report.entries) {
    auto [it, fresh] = groups.try_emplace(e.field, 0, &e);
    if (fresh) order.push_back(e.field);
    ++it->second.first;
  }
  const std::string sheet(kRecoverySheetName);
  std::string fate;
  if (report.recovery_embedded) {
    fate = en ? ", kept in the hidden sheet " + sheet : "，已保存在隐藏工作表 " + sheet + " 中";
  } else if (!report.recovery_requested) {
    fate = en ? ", LOST (--no-recovery)" : "，已丢失（--no-recovery）";
  } else if (!report.output_holds_recovery) {
    fate =
        en ? ", LOST: this output format cannot hold the hidden sheet " + sheet +
                 " (write .xlsx or .xml to keep them)"
           : "，已丢失：此输出格式无法保存隐藏工作表 " + sheet + "（如需保留请输出 .xlsx 或 .xml）";
  } else {
    fate = en ? ", LOST: the hidden sheet could not be written: " + report.recovery_error
              : "，已丢失：无法写入隐藏工作表：" + report.recovery_error;
  }
  std::cerr << "[" << report.entries.front().rule << "] "
            << (en ? "not held by template " : "模板无法容纳的内容（") << report.template_names
            << (en ? " (" : "，共 ") << report.entries.size() << (en ? " values):\n" : " 项）：\n");
  for (const auto& field : order) {
    const auto& [count, first] = groups[field];
    const auto [zh, en_label] = loss_field_label(field);
    std::string where = first->goal_name;
    if (where.empty() && first->goal) {
      where = en ? "goal " + std::to_string(*first->goal + 1)
                 : "第 " + std::to_string(*first->goal + 1) + " 个目标表";
    }
    if (!first->indicator_name.empty()) where += " / " + first->indicator_name;
    std::cerr << "  " << (en ? en_label : zh) << (en ? " (" : "（") << field
              << (en ? "): " : "）：") << count
              << (en ? " value(s) not written to " : " 项未能写入") << report.template_names << fate
              << (en ? "; e.g. " : "；例：") << (where.empty() ? "" : "「" + where + "」")
              << example_value(first->value) << '\n';
  }
}

std::string loss_report_json(const LossReport& report, const std::string& input,
                             const std::string& output, bool completed, const std::string& error) {
  std::string j = "{\n";
  j += "  \"input\": " + json_string(input) + ",\n";
  j += "  \"output\": " + json_string(output) + ",\n";
  j += "  \"completed\": " + std::string(completed ? "true" : "false") + ",\n";
  j += "  \"error\": " + (error.empty() ? std::string("null") : json_string(error)) + ",\n";
  j += "  \"template\": " + json_string(report.templates) + ",\n";
  j += "  \"template_name\": " + json_string(report.template_names) + ",\n";
  j += "  \"recovery\": {\"requested\": " +
       std::string(report.recovery_requested ? "true" : "false") +
       ", \"output_can_hold\": " + (report.output_holds_recovery ? "true" : "false") +
       ", \"embedded\": " + (report.recovery_embedded ? "true" : "false") +
       ", \"sheet\": " + json_string(kRecoverySheetName) + "},\n";
  j += "  \"entries\": [";
  for (std::size_t i = 0; i < report.entries.size(); ++i) {
    const LossEntry& e = report.entries[i];
    j += i == 0 ? "\n" : ",\n";
    j += "    {\"rule\": " + json_string(e.rule) +
         ", \"severity\": " + json_string(severity_id(e.severity)) +
         ", \"goal_index\": " + json_index(e.goal) +
         ", \"goal_name\": " + json_string(e.goal_name) +
         ", \"indicator_index\": " + json_index(e.indicator) +
         ", \"indicator_name\": " + json_string(e.indicator_name) +
         ", \"field\": " + json_string(e.field) + ", \"value\": " + json_string(e.value) +
         ", \"recoverable\": " + (e.recoverable ? "true" : "false") + "}";
  }
  j += report.entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return j;
}

Status write_report_file(const std::filesystem::path& path, const std::string& json, Lang lang) {
  return write_atomically(path, true, lang, [&](const std::filesystem::path& tmp) {
    return write_bytes(tmp, json, path.string(), lang);
  });
}

}  // namespace budconv::cli
