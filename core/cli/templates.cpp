// Template detection and selection for inspect and convert: one template per model, losses
// found by reading a layout back, and the hidden recovery sheet.
#include "templates.hpp"

#include <algorithm>
#include <iostream>
#include <map>

#include "budconv/mapping.hpp"

namespace budconv::cli {

namespace {

bool matches(const TemplateInfo& info, const std::string& prefer) {
  return prefer.empty() || info.id == prefer || info.region == prefer;
}

std::string list_scores(const std::vector<TemplateMatch>& all) {
  std::string s;
  for (const auto& m : all) {
    if (!s.empty()) s += "; ";
    s += m.tmpl->info().id + " " + std::to_string(m.score);
    if (!m.why.empty()) s += " (" + m.why + ")";
  }
  return s.empty() ? "-" : s;
}

// The models in the order their parts are merged: goal tables first, as a document with only
// goals was always read and laid out.
constexpr const char* kModels[] = {"goal", "budget"};

// Below this score a template is not taken to have recognised the sheet.
constexpr int kMinScore = 50;

TemplateList installed(const Registry& reg) {
  return reg.templates();
}

// The template ids a recovery sheet names (B2), unchecked: only a tie-breaker in detection.
std::string recorded_templates(const Workbook& book) {
  const Sheet* s = book.find_sheet(std::string(kRecoverySheetName));
  if (s == nullptr || s->text(0, 0) != kRecoveryMarker) return "";
  return " + " + s->text(1, 1) + " + ";
}

// The best template of each model that recognises `book` (goal first), or an Error. On a tie,
// the template that `recorded` names (" + id + ", from the recovery sheet) wins: it wrote the
// form.
Result<std::vector<TemplateMatch>> detect_models(const TemplateList& templates,
                                                 const Workbook& book, const std::string& prefer,
                                                 Lang lang, const std::string& recorded = "") {
  const bool en = lang == Lang::en;
  std::vector<TemplateMatch> all;
  for (const auto& t : templates) {
    if (!matches(t->info(), prefer)) continue;
    TemplateMatch m;
    m.tmpl = t;
    m.score = t->detect(book, m.why);
    all.push_back(std::move(m));
  }
  std::stable_sort(all.begin(), all.end(), [](const TemplateMatch& a, const TemplateMatch& b) {
    return a.score > b.score;
  });
  if (all.empty()) {
    return make_error(
        ErrorCode::plugin,
        en ? "no template is installed" + (prefer.empty() ? "" : " for '" + prefer + "'")
           : "没有已安装的模板" + (prefer.empty() ? "" : "（“" + prefer + "”）"));
  }
  if (all[0].score < kMinScore) {
    return make_error(ErrorCode::format,
                      en ? "no template recognises this workbook; candidates: " + list_scores(all) +
                               " — use --from <template or region> to choose one"
                         : "没有模板能识别此工作簿；候选：" + list_scores(all) +
                               "——可用 --from <模板或地区> 指定");
  }
  std::map<std::string, std::vector<TemplateMatch>> by_model;
  for (const auto& m : all) {
    if (m.score >= kMinScore) by_model[template_model(*m.tmpl)].push_back(m);
  }
  std::vector<TemplateMatch> best;
  for (auto& [model, list] : by_model) {
    auto writer = std::find_if(list.begin(), list.end(), [&](const TemplateMatch& m) {
      return m.score == list[0].score &&
             recorded.find(" + " + m.tmpl->info().id + " + ") != std::string::npos;
    });
    if (writer != list.end()) {
      best.push_back(*writer);
      continue;
    }
    if (list.size() > 1 && list[1].score == list[0].score) {
      return make_error(
          ErrorCode::format,
          en ? "several templates match equally: " + list_scores(list) +
                   " — use --from <template> to choose one"
             : "多个模板同样匹配：" + list_scores(list) + "——请用 --from <模板> 指定");
    }
    best.push_back(list[0]);
  }
  std::stable_sort(best.begin(), best.end(), [](const TemplateMatch& a, const TemplateMatch& b) {
    return (template_model(*a.tmpl) == "goal") > (template_model(*b.tmpl) == "goal");
  });
  return best;
}

// Appends `part` (read by one template) to `into`: goals and budget tables appended, document
// fields taken where `into` has none.
void merge_into(Submission& into, Submission part) {
  if (into.agency_code.empty()) into.agency_code = part.agency_code;
  if (into.agency_name.empty()) into.agency_name = part.agency_name;
  if (into.fiscal_year == 0) into.fiscal_year = part.fiscal_year;
  // A budget is the document; goal tables come with it (a 部门预算 with its 绩效目标表).
  if (into.kind.empty() || (into.kind == "performance-goals" && !part.budget_tables.empty())) {
    into.kind = part.kind;
  }
  if (into.region.empty()) into.region = part.region;
  if (!part.template_id.empty()) {
    into.template_id += (into.template_id.empty() ? "" : " + ") + part.template_id;
  }
  for (auto& e : part.extras) into.extras.push_back(std::move(e));
  for (auto& t : part.budget_tables) into.budget_tables.push_back(std::move(t));
  for (auto& g : part.goals) into.goals.push_back(std::move(g));
  for (auto& e : part.evaluations) into.evaluations.push_back(std::move(e));
}

// The part of `doc` that a template of `model` lays out.
Submission part_of(const Submission& doc, const std::string& model) {
  Submission part = doc;
  if (model == "goal") {
    part.budget_tables.clear();
  } else {
    part.goals.clear();
  }
  return part;
}

bool has_part(const Submission& doc, const std::string& model) {
  return model == "goal" ? !doc.goals.empty() : !doc.budget_tables.empty();
}

// Sheets of `from` appended to `into`, renamed where a name is taken.
void append_sheets(Workbook& into, Workbook from) {
  for (auto& s : from.sheets) {
    std::string name = s.name;
    for (int n = 2; into.find_sheet(name) != nullptr; ++n)
      name = s.name + " (" + std::to_string(n) + ")";
    s.name = name;
    into.sheets.push_back(std::move(s));
  }
}

// One model's layout of a document and what reading it back gives.
struct Layout {
  std::shared_ptr<TemplateFormat> tmpl;
  Workbook book;
  Diagnostics notes;  // engine findings other than losses
  Submission reread;  // the layout read back with `reader`
};

Result<Layout> lay_out(const std::shared_ptr<TemplateFormat>& tmpl,
                       const std::shared_ptr<TemplateFormat>& reader, const Submission& part,
                       const Options& options) {
  Layout l;
  l.tmpl = tmpl;
  Diagnostics d;
  if (Status st = tmpl->from_submission(part, options, l.book, d); !st) return st.error();
  for (const auto& item : d.items()) {
    // The engine's own loss list is replaced by the comparison with the layout read back.
    if (item.rule != "MAP-LOSS-001") l.notes.add(item);
  }
  Diagnostics ignored;
  Submission back;
  if (reader->to_submission(l.book, options, back, ignored)) l.reread = std::move(back);
  return l;
}

// `doc` laid out with `layout[model]` and read back with `read[model]` (the same when absent).
Result<Submission> project(const std::map<std::string, std::shared_ptr<TemplateFormat>>& layout,
                           const std::map<std::string, std::shared_ptr<TemplateFormat>>& read,
                           const Submission& doc, const Options& options) {
  Submission out;
  for (const std::string model : kModels) {
    auto tmpl = layout.find(model);
    if (tmpl == layout.end() || !has_part(doc, model)) continue;
    auto it = read.find(model);
    auto l = lay_out(tmpl->second, it == read.end() ? tmpl->second : it->second,
                     part_of(doc, model), options);
    if (!l) return l.error();
    merge_into(out, std::move(l.value().reread));
  }
  return out;
}

std::shared_ptr<TemplateFormat> find_template(const TemplateList& templates,
                                              const std::string& id) {
  for (const auto& t : templates) {
    if (t->info().id == id) return t;
  }
  return nullptr;
}

// Restores `out` from the recovery sheet of `book`, if it has one.
void recover(const TemplateList& templates, const Workbook& book,
             const std::map<std::string, std::shared_ptr<TemplateFormat>>& readers,
             const Options& options, Submission& out, Diagnostics& diags) {
  const bool en = options.english();
  auto data = read_recovery_sheet(book, options.lang);
  auto ignore = [&](const std::string& why) {
    diags.add(Severity::warning, "MAP-RECOVERY-001", why + "；已忽略，按可见表格读取",
              why + "; ignored, the visible form was read",
              Location{"", std::string(kRecoverySheetName), "", "", ""});
  };
  if (!data) return ignore(data.error().message);
  if (!data.value()) return;
  const RecoveryData& rec = *data.value();
  // Lay the original out as it was written (the recorded templates, where installed) and read it
  // as the visible form was read.
  std::map<std::string, std::shared_ptr<TemplateFormat>> layout = readers;
  std::string ids = rec.templates;
  for (std::size_t at = 0; at <= ids.size();) {
    std::size_t end = std::min(ids.find(" + ", at), ids.size());
    if (auto t = find_template(templates, ids.substr(at, end - at))) layout[template_model(*t)] = t;
    at = end + 3;
  }
  auto projection = project(layout, readers, rec.original, options);
  if (!projection) {
    return ignore(en ? "the original in " + std::string(kRecoverySheetName) +
                           " cannot be laid out again: " + projection.error().message
                     : "隐藏工作表 " + std::string(kRecoverySheetName) +
                           " 中的原始数据无法重新排版：" + projection.error().message);
  }
  restore_from_recovery(rec.original, projection.value(), out, diags);
}

}  // namespace

std::string template_model(const TemplateFormat& t) {
  if (const auto* m = dynamic_cast<const MappingTemplate*>(&t)) {
    if (!m->definition().model.empty()) {
      return m->definition().model.rfind("budget", 0) == 0 ? "budget" : m->definition().model;
    }
  }
  const std::string id = t.info().id;
  const std::size_t dot = id.find('.');
  const std::string second =
      dot == std::string::npos ? "" : id.substr(dot + 1, id.find('.', dot + 1) - dot - 1);
  return second.rfind("budget", 0) == 0 ? "budget" : "goal";
}

Result<TemplateList> with_user_template(const Registry& reg, const std::filesystem::path& file,
                                        Lang lang) {
  TransformSet transforms;
  for (const auto& p : reg.plugins()) {
    const TransformSet own = p.plugin->transforms();
    for (const auto& t : own.items()) transforms.add(t);
  }
  auto user = load_template_file(file, transforms, lang);
  if (!user) return user.error();
  TemplateList out{user.value()};
  const std::string id = user.value()->info().id;
  for (const auto& t : reg.templates()) {
    if (t->info().id != id) out.push_back(t);
  }
  return out;
}

bool names_template(const TemplateList& templates, const std::string& name) {
  if (name.empty()) return false;
  for (const auto& t : templates) {
    TemplateInfo info = t->info();
    if (info.id == name || info.region == name) return true;
  }
  return false;
}

bool names_template(const Registry& reg, const std::string& name) {
  return names_template(installed(reg), name);
}

Result<TemplateMatch> detect_template(const TemplateList& templates, const Workbook& book,
                                      const std::string& prefer, Lang lang) {
  const Workbook* visible = &book;
  Workbook stripped;
  if (book.find_sheet(std::string(kRecoverySheetName)) != nullptr) {
    stripped = without_recovery_sheet(book);
    visible = &stripped;
  }
  auto best = detect_models(templates, *visible, prefer, lang, recorded_templates(book));
  if (!best) return best.error();
  return best.value().front();
}

Result<TemplateMatch> detect_template(const Registry& reg, const Workbook& book,
                                      const std::string& prefer, Lang lang) {
  return detect_template(installed(reg), book, prefer, lang);
}

Status read_with_template(const TemplateList& templates, const Workbook& book,
                          const std::string& prefer, const Options& options, Submission& out,
                          Diagnostics& diags, std::string* used_id) {
  const bool has_recovery = book.find_sheet(std::string(kRecoverySheetName)) != nullptr;
  Workbook stripped;
  if (has_recovery) stripped = without_recovery_sheet(book);
  const Workbook& visible = has_recovery ? stripped : book;
  auto best = detect_models(templates, visible, prefer, options.lang, recorded_templates(book));
  if (!best) return best.error();
  Submission merged;
  std::optional<Status> first_error;
  std::map<std::string, std::shared_ptr<TemplateFormat>> readers;
  std::string ids;
  for (const TemplateMatch& m : best.value()) {
    Submission part;
    Diagnostics d;
    Status st = m.tmpl->to_submission(visible, options, part, d);
    if (!st) {
      // A second model that recognised the workbook but reads nothing is not fatal.
      if (!first_error) first_error = st;
      continue;
    }
    diags.merge(d);
    merge_into(merged, std::move(part));
    readers[template_model(*m.tmpl)] = m.tmpl;
    ids += (ids.empty() ? "" : " + ") + m.tmpl->info().id;
  }
  if (readers.empty()) return *first_error;
  if (has_recovery) recover(templates, book, readers, options, merged, diags);
  out = std::move(merged);
  if (used_id) *used_id = ids;
  return {};
}

Status read_with_template(const Registry& reg, const Workbook& book, const std::string& prefer,
                          const Options& options, Submission& out, Diagnostics& diags,
                          std::string* used_id) {
  return read_with_template(installed(reg), book, prefer, options, out, diags, used_id);
}

Status write_with_template(const TemplateList& templates, const std::string& to,
                           const Submission& doc, const Options& options, Workbook& out,
                           Diagnostics& notes, LossReport& report) {
  const bool en = options.english();
  const std::string want = to.empty() ? doc.region : to;
  bool any = false;
  std::optional<Status> first_error;
  // Per model, the layout that loses least.
  std::map<std::string, std::pair<Layout, std::size_t>> best;
  for (const auto& t : templates) {
    TemplateInfo info = t->info();
    if (want.empty() || !matches(info, want)) continue;
    any = true;
    const std::string model = template_model(*t);
    if (!has_part(doc, model)) continue;
    const Submission part = part_of(doc, model);
    auto l = lay_out(t, t, part, options);
    if (!l) {
      if (!first_error) first_error = l.error();
      continue;
    }
    const std::size_t lost = find_losses(part, l.value().reread).size();
    auto it = best.find(model);
    if (it == best.end() || lost < it->second.second) {
      best.insert_or_assign(model, std::make_pair(std::move(l).value(), lost));
    }
  }
  if (best.empty()) {
    if (first_error) return *first_error;
    if (!any) {
      std::string regions;
      for (const auto& t : templates) {
        TemplateInfo info = t->info();
        if (regions.find(info.id) == std::string::npos)
          regions += (regions.empty() ? "" : ", ") + info.id;
      }
      return make_error(
          ErrorCode::usage,
          want.empty()
              ? (en ? "the document names no region; use --to <region or template>: " + regions
                    : "文档未注明地区；请用 --to <地区或模板> 指定：" + regions)
              : (en ? "no template for '" + want + "'; installed templates: " + regions
                    : "没有“" + want + "”的模板；已安装的模板：" + regions));
    }
    return make_error(ErrorCode::unsupported,
                      en ? "no template could lay out this document" : "没有模板能容纳此文档");
  }
  Workbook book;
  Submission reread;
  report.templates.clear();
  report.template_names.clear();
  for (const char* model : kModels) {
    auto it = best.find(model);
    if (it == best.end()) continue;
    Layout& l = it->second.first;
    append_sheets(book, std::move(l.book));
    notes.merge(l.notes);
    merge_into(reread, std::move(l.reread));
    report.templates += (report.templates.empty() ? "" : " + ") + l.tmpl->info().id;
    report.template_names += (report.template_names.empty() ? "" : "、") + l.tmpl->info().name;
  }
  report.entries = find_losses(doc, reread);
  report.recovery_embedded = false;
  if (!report.entries.empty() && report.recovery_requested && report.output_holds_recovery) {
    Status st = add_recovery_sheet(doc, report.templates, book, options.lang);
    if (st) {
      report.recovery_embedded = true;
    } else {
      report.recovery_error = st.error().message;
    }
  }
  for (auto& e : report.entries) e.recoverable = report.recovery_embedded;
  out = std::move(book);
  return {};
}

void print_findings(const Diagnostics& diags, Lang lang, std::size_t max_lines) {
  const bool en = lang == Lang::en;
  const auto& items = diags.items();
  if (items.empty()) return;
  std::cerr << (en ? "notes (" : "提示（") << items.size() << (en ? "):\n" : " 项）：\n");
  for (std::size_t i = 0; i < items.size() && i < max_lines; ++i) {
    std::cerr << "  " << items[i].format(en) << '\n';
  }
  if (items.size() > max_lines) {
    std::cerr << "  …" << (en ? " and " : "另有 ") << items.size() - max_lines
              << (en ? " more\n" : " 项\n");
  }
}

}  // namespace budconv::cli
