// Template detection and selection for inspect and convert.
#include "templates.hpp"

#include <algorithm>
#include <iostream>

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

// Below this score a template is not taken to have recognised the sheet.
constexpr int kMinScore = 50;

}  // namespace

bool names_template(const Registry& reg, const std::string& name) {
  if (name.empty()) return false;
  for (const auto& t : reg.templates()) {
    TemplateInfo info = t->info();
    if (info.id == name || info.region == name) return true;
  }
  return false;
}

Result<TemplateMatch> detect_template(const Registry& reg, const Workbook& book,
                                      const std::string& prefer, Lang lang) {
  const bool en = lang == Lang::en;
  std::vector<TemplateMatch> all;
  for (const auto& t : reg.templates()) {
    if (!matches(t->info(), prefer)) continue;
    TemplateMatch m;
    m.tmpl = t;
    m.score = t->detect(book, m.why);
    all.push_back(std::move(m));
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const TemplateMatch& a, const TemplateMatch& b) { return a.score > b.score; });
  if (all.empty()) {
    return make_error(ErrorCode::plugin,
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
  if (all.size() > 1 && all[1].score == all[0].score) {
    return make_error(ErrorCode::format,
                      en ? "several templates match equally: " + list_scores(all) +
                               " — use --from <template> to choose one"
                         : "多个模板同样匹配：" + list_scores(all) + "——请用 --from <模板> 指定");
  }
  return all[0];
}

Status read_with_template(const Registry& reg, const Workbook& book, const std::string& prefer,
                          const Options& options, Submission& out, Diagnostics& diags,
                          std::string* used_id) {
  auto match = detect_template(reg, book, prefer, options.lang);
  if (!match) return match.error();
  if (used_id) *used_id = match.value().tmpl->info().id;
  return match.value().tmpl->to_submission(book, options, out, diags);
}

Status write_with_template(const Registry& reg, const std::string& to, const Submission& doc,
                           const Options& options, Workbook& out, Diagnostics& losses,
                           std::string* used_id) {
  const bool en = options.english();
  const std::string want = to.empty() ? doc.region : to;
  bool any = false;
  std::optional<Status> first_error;
  std::size_t best_losses = 0;
  bool have_best = false;
  for (const auto& t : reg.templates()) {
    TemplateInfo info = t->info();
    if (want.empty() || !matches(info, want)) continue;
    any = true;
    Workbook book;
    Diagnostics d;
    Status st = t->from_submission(doc, options, book, d);
    if (!st.ok()) {
      if (!first_error) first_error = st;
      continue;
    }
    std::size_t n = d.items().size();
    if (!have_best || n < best_losses) {
      have_best = true;
      best_losses = n;
      out = std::move(book);
      losses = std::move(d);
      if (used_id) *used_id = info.id;
    }
  }
  if (have_best) return {};
  if (first_error) return *first_error;
  if (!any) {
    std::string regions;
    for (const auto& t : reg.templates()) {
      TemplateInfo info = t->info();
      if (regions.find(info.id) == std::string::npos) regions += (regions.empty() ? "" : ", ") + info.id;
    }
    return make_error(ErrorCode::usage,
                      want.empty()
                          ? (en ? "the document names no region; use --to <region or template>: " +
                                      regions
                                : "文档未注明地区；请用 --to <地区或模板> 指定：" + regions)
                          : (en ? "no template for '" + want + "'; installed templates: " + regions
                                : "没有“" + want + "”的模板；已安装的模板：" + regions));
  }
  return make_error(ErrorCode::unsupported, en ? "no template could lay out this document"
                                               : "没有模板能容纳此文档");
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
