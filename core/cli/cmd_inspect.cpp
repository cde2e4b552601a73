// `budconv inspect FILE`: what a file holds — a canonical document's tables and goals with exact
// totals, or a spreadsheet's sheets, dimensions, merges and first rows.
#include <iostream>
#include <map>

#include "budconv/dump.hpp"
#include "budconv/vocabulary.hpp"
#include "cli.hpp"
#include "input.hpp"
#include "templates.hpp"

namespace budconv::cli {

namespace {

std::string both_units(Money m, AmountUnit published, bool en) {
  AmountFormat thousands{2, true};
  std::string yuan = format_amount(m, AmountUnit::yuan, thousands) + (en ? " yuan" : " 元");
  std::string wan =
      format_amount(m, AmountUnit::wan_yuan, thousands) + (en ? " wan-yuan" : " 万元");
  return published == AmountUnit::wan_yuan ? wan + "（= " + yuan + "）"
                                           : yuan + "（= " + wan + "）";
}

std::size_t count_rows(const std::vector<BudgetRow>& rows) {
  std::size_t n = 0;
  for (const auto& r : rows) n += 1 + count_rows(r.details);
  return n;
}

// The grand-total row to show: a 总计 row beats a 合计 row; the first amount in column order.
std::optional<std::pair<std::string, Money>> headline_total(const BudgetTable& t) {
  const BudgetRow* pick = nullptr;
  for (const auto& r : t.rows) {
    if (!r.is_total || r.amounts.empty()) continue;
    if (!pick || (r.name.find("总计") != std::string::npos &&
                  pick->name.find("总计") == std::string::npos)) {
      pick = &r;
    }
  }
  if (!pick) return std::nullopt;
  for (const auto& c : t.columns) {
    auto it = pick->amounts.find(c.id);
    if (it != pick->amounts.end())
      return std::make_pair(c.label.empty() ? c.id : c.label, it->second);
  }
  return std::make_pair(pick->amounts.begin()->first, pick->amounts.begin()->second);
}

void inspect_document(const Submission& s, bool en) {
  std::cout << (en ? "Agency: " : "单位：") << s.agency_code << (s.agency_code.empty() ? "" : " ")
            << (s.agency_name.empty() && s.agency_code.empty() ? (en ? "not stated" : "未注明")
                                                               : s.agency_name)
            << '\n';
  std::cout << (en ? "Fiscal year: " : "年度：");
  if (s.fiscal_year)
    std::cout << s.fiscal_year << '\n';
  else
    std::cout << (en ? "not stated\n" : "未注明\n");
  std::cout << (en ? "Kind: " : "类型：") << submission_kind_label(s.kind, en) << " (" << s.kind
            << ")\n";
  if (!s.region.empty()) std::cout << (en ? "Region: " : "地区：") << s.region << '\n';
  if (!s.budget_tables.empty()) {
    std::cout << (en ? "Budget tables: " : "预算表：") << s.budget_tables.size() << '\n';
    int i = 0;
    for (const auto& t : s.budget_tables) {
      std::cout << "  [" << ++i << "] " << t.title << "（" << table_kind_label(t.kind, en);
      if (!t.scope.empty()) std::cout << "，" << scope_label(t.scope, en);
      std::cout << (en ? ", unit: " : "，单位：") << amount_unit_label(t.unit) << "）"
                << (en ? " rows " : " 行数 ") << count_rows(t.rows);
      if (auto tot = headline_total(t)) {
        std::cout << (en ? "; total " : "；合计 ") << both_units(tot->second, t.unit, en);
      } else if (t.rows.empty() || !t.notes.empty()) {
        std::cout << (en ? "; empty table" : "；空表");
      }
      std::cout << '\n';
    }
  }
  if (!s.goals.empty()) {
    std::cout << (en ? "Performance goals: " : "绩效目标：") << s.goals.size() << '\n';
    int i = 0;
    for (const auto& g : s.goals) {
      std::cout << "  [" << ++i << "] " << (g.name.empty() ? g.unit_name : g.name) << "（"
                << goal_kind_label(g.kind, en) << "）";
      for (const auto& b : g.budgets) {
        if (b.total) {
          std::cout << (b.period == Period::annual ? (en ? " annual " : " 年度 ")
                                                   : (en ? " implementation " : " 实施期 "))
                    << both_units(*b.total, g.amount_unit, en);
        }
      }
      std::map<std::string, int> by_level;
      std::vector<std::string> order;
      for (const auto& ind : g.indicators) {
        if (by_level[ind.level1]++ == 0) order.push_back(ind.level1);
      }
      std::cout << (en ? "; indicators " : "；指标 ") << g.indicators.size();
      if (!order.empty()) {
        std::cout << "：";
        for (std::size_t k = 0; k < order.size(); ++k) {
          std::cout << (k ? "，" : "") << order[k] << ' ' << by_level[order[k]];
        }
      }
      std::cout << '\n';
    }
  }
  for (const auto& e : s.evaluations) {
    std::cout << (en ? "Self-evaluation: " : "绩效自评：") << e.title << ' ' << e.year;
    if (e.score) std::cout << (en ? " score " : " 得分 ") << e.score->to_string();
    if (!e.grade.empty()) std::cout << (en ? " grade " : " 等级 ") << e.grade;
    std::cout << '\n';
    for (const auto& [id, m] : e.figures) {
      std::cout << "  " << id << ' ' << both_units(m, e.unit, en) << '\n';
    }
  }
}

std::string clip(const std::string& s, std::size_t max_chars) {
  // Cut on UTF-8 character boundaries so CJK text is never split mid-character.
  std::size_t chars = 0, i = 0;
  while (i < s.size() && chars < max_chars) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  std::string out = s.substr(0, std::min(i, s.size()));
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return i < s.size() ? out + "…" : out;
}

void inspect_workbook(const Workbook& b, int preview_rows, bool en) {
  std::cout << (en ? "Sheets: " : "工作表：") << b.sheets.size();
  if (b.date1904) std::cout << (en ? " (1904 date system)" : "（1904 日期系统）");
  std::cout << '\n';
  int i = 0;
  for (const auto& s : b.sheets) {
    CellPos ext = s.extent();
    std::cout << "  [" << ++i << "] " << s.name;
    if (s.cell_count() == 0 && s.merges.empty()) {
      std::cout << (en ? "  empty" : "  空表");
    } else {
      std::cout << "  A1:" << a1(ext.row == 0 ? 0 : ext.row - 1, ext.col == 0 ? 0 : ext.col - 1);
    }
    std::cout << (en ? "  cells " : "  单元格 ") << s.cell_count() << (en ? "  merges " : "  合并 ")
              << s.merges.size();
    if (s.hidden) std::cout << (en ? "  (hidden)" : "  （隐藏）");
    std::cout << '\n';
    if (!s.merges.empty()) {
      std::cout << (en ? "      merged: " : "      合并区域：");
      for (std::size_t k = 0; k < s.merges.size() && k < 8; ++k) {
        std::cout << (k ? ", " : "") << s.merges[k].to_string();
      }
      if (s.merges.size() > 8) std::cout << " …";
      std::cout << '\n';
    }
    int shown = 0;
    for (const auto& [r, cols] : s.rows) {
      if (shown >= preview_rows) break;
      std::string line;
      for (const auto& [c, cell] : cols) {
        if (cell.blank()) continue;
        line += (line.empty() ? "" : "  ") + column_letters(c) + ":" + clip(cell.text, 16);
      }
      if (line.empty()) continue;
      std::cout << "      " << (r + 1) << "  " << line << '\n';
      ++shown;
    }
  }
}

}  // namespace

Command add_inspect_command(CLI::App& app, const Global& g) {
  auto* cmd = app.add_subcommand("inspect", "查看文件内容摘要 / show what a file holds");
  struct State {
    std::string file;
    ReadFlags flags;
    int rows = 5;
    bool dump = false;
    std::string template_file;  // --template FILE: a user's mapping definition
  };
  auto st = std::make_shared<State>();
  cmd->add_option("FILE", st->file, "输入文件 / input file")->required();
  st->flags.add_to(*cmd);
  cmd->add_option("--rows", st->rows, "每个工作表预览的行数（默认 5）/ preview rows per sheet");
  cmd->add_flag("--dump", st->dump, "输出完整文本转储 / print the full text dump");
  cmd->add_option(
      "--template", st->template_file,
      "使用自己的映射定义文件识别表格 / recognise the sheet with this mapping definition");
  return {cmd, [&g, st]() {
            const bool en = g.language() == Lang::en;
            Registry reg;
            load_plugins(reg);
            Options o = g.options();
            st->flags.apply(o);
            TemplateList templates = reg.templates();
            if (!st->template_file.empty()) {
              auto user = with_user_template(reg, st->template_file, o.lang);
              if (!user) return fail(g, user.error(), false);
              templates = {user.value().front()};
            }
            const bool from_is_template = names_template(templates, st->flags.from);
            auto loaded = read_input(reg, st->file, from_is_template ? "" : st->flags.from, o);
            if (!loaded) return fail(g, loaded.error(), false);
            const Loaded& l = loaded.value();
            std::cout << (en ? "File: " : "文件：") << st->file << (en ? " (format " : "（格式 ")
                      << l.format_id << (en ? ")\n" : "）\n");
            if (l.kind == FormatKind::document) {
              if (st->dump)
                std::cout << dump_submission(l.doc);
              else
                inspect_document(l.doc, en);
            } else {
              if (st->dump)
                std::cout << dump_workbook(l.book);
              else
                inspect_workbook(l.book, st->rows, en);
              if (!templates.empty()) {
                // Name the template that recognises the sheet and why, then what it reads.
                auto match = detect_template(templates, l.book,
                                             from_is_template ? st->flags.from : "", o.lang);
                if (!match) {
                  std::cout << (en ? "Template: none — " : "模板：未识别——")
                            << match.error().message << '\n';
                } else {
                  const TemplateMatch& m = match.value();
                  std::cout << (en ? "Template: " : "模板：") << m.tmpl->info().id << " "
                            << m.tmpl->info().name << (en ? " (score " : "（得分 ") << m.score
                            << (m.why.empty() ? "" : (en ? ": " : "：") + m.why)
                            << (en ? ")\n" : "）\n");
                  Submission doc;
                  Diagnostics diags;
                  // As convert reads it: restored from the hidden sheet budconv-data, if any.
                  Status read =
                      read_with_template(templates, l.book, m.tmpl->info().id, o, doc, diags);
                  if (!read) return fail(g, read.error(), false);
                  if (st->dump)
                    std::cout << dump_submission(doc);
                  else
                    inspect_document(doc, en);
                  print_findings(diags, o.lang);
                }
              }
            }
            return static_cast<int>(kOk);
          }};
}

}  // namespace budconv::cli
