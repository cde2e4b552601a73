// Helpers of the cross-region CLI tests (no test cases here).
#include "cli_regions_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace budconv::test::regions {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The value of `key: value` with the indentation removed, or nullopt when the line is another key.
bool field(const std::string& line, const std::string& key, std::string& value) {
  const auto start = line.find_first_not_of(' ');
  if (start == std::string::npos || line.compare(start, key.size() + 2, key + ": ") != 0)
    return false;
  value = line.substr(start + key.size() + 2);
  return true;
}

const std::string& formats_listing() {
  static const std::string out = run_budconv({"formats"}, {"BUDCONV_LANG=zh"}).out;
  return out;
}

}  // namespace

fs::path GoalSample::source_path() const {
  return source_dir() / "samples" / source;
}

fs::path GoalSample::workbook_path() const {
  return source_dir() / "samples" / workbook;
}

std::string GoalSample::stem() const {
  return fs::path(workbook).stem().string();
}

std::vector<GoalSample> goal_samples() {
  std::vector<GoalSample> out;
  for (const std::string& line :
       split_lines(read_file(source_dir() / "samples" / "goal-forms.tsv"))) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cols(line);
    GoalSample s;
    std::getline(cols, s.source, '\t');
    std::getline(cols, s.tmpl, '\t');
    std::getline(cols, s.workbook, '\t');
    s.region = s.tmpl.substr(0, s.tmpl.find('.'));
    out.push_back(s);
  }
  return out;
}

bool template_built(const std::string& id) {
  return formats_listing().find(" " + id + "  ") != std::string::npos;
}

std::string goal_template_of(const std::string& region) {
  for (const GoalSample& s : goal_samples()) {
    if (s.region == region && template_built(s.tmpl)) return s.tmpl;
  }
  return "";
}

std::string submission_dump(const fs::path& file, const std::vector<std::string>& args,
                            std::string* template_line) {
  std::vector<std::string> argv{"inspect", "--dump", file.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const RunResult r = run_budconv(argv, {"BUDCONV_LANG=zh"});
  INFO("budconv inspect --dump " << file.string() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  const auto at = r.out.find("\nsubmission\n");
  REQUIRE(at != std::string::npos);
  if (template_line) {
    const auto t = r.out.rfind("\n模板：", at);
    *template_line =
        t == std::string::npos ? "" : r.out.substr(t + 1, r.out.find('\n', t + 1) - t - 1);
  }
  return r.out.substr(at + 1);
}

std::string goals_only(const std::string& dump) {
  static const std::regex where(R"( ?sheet="[^"]*" cell="[^"]*")");
  std::string out;
  bool in_goals = false;
  for (const std::string& line : split_lines(dump)) {
    if (line.rfind("  goals: ", 0) == 0) in_goals = true;
    if (line.rfind("  evaluations: ", 0) == 0) break;
    if (!in_goals) continue;
    std::string value;
    if (field(line, "source", value)) continue;
    out += std::regex_replace(line, where, "") + '\n';
  }
  return out;
}

std::string seed_fields(const std::string& dump, const FieldSet& set) {
  std::string out, value, kind, row;
  std::vector<std::string> rows;  // of the current goal
  bool in_indicator = false, keep = false;
  auto flush = [&] {
    if (in_indicator && keep) rows.push_back(row + '\n');
    row.clear();
  };
  auto end_goal = [&] {
    flush();
    if (set.any_order) std::sort(rows.begin(), rows.end());
    for (const std::string& r : rows) out += r;
    rows.clear();
    in_indicator = false;
  };
  for (const std::string& line : split_lines(dump)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    const std::string body = line.substr(start);
    if (body.rfind("goal[", 0) == 0) {
      end_goal();
      if (!set.goal_names) out += "goal\n";
    } else if (body.rfind("indicator[", 0) == 0) {
      flush();
      in_indicator = true;
      const bool annual = body.find(" period=annual ") != std::string::npos;
      keep = annual || !set.annual_only;
      row = annual ? "  annual" : "  implementation";
    } else if (body.rfind("evaluations: ", 0) == 0) {
      end_goal();
    } else if (!in_indicator) {
      if (field(line, "kind", value)) kind = value;
      if (set.goal_names && field(line, "name", value))
        out += "goal kind=" + kind + " name=" + value + '\n';
    } else if (field(line, "level1", value) || field(line, "level2", value)) {
      row += " | " + value.substr(0, value.find(" published="));
    } else if (field(line, "name", value)) {
      row += " | " + value;
    } else if (field(line, "target", value)) {
      const auto parts = value.find(" comparator=");
      row += " |" + (parts == std::string::npos ? value : value.substr(parts));
    } else if (set.weight && (field(line, "weight", value) || field(line, "direction", value))) {
      row += " | " + value;
    } else if (set.basis && field(line, "basis", value)) {
      row += " | basis=" + value;
    }
  }
  end_goal();
  return out;
}

bool has_recovery_sheet(const fs::path& workbook) {
  const RunResult r =
      run_budconv({"inspect", workbook.string(), "--rows", "0"}, {"BUDCONV_LANG=zh"});
  return r.exit_code == 0 && r.out.find("] budconv-data ") != std::string::npos;
}

std::string written_template(const std::string& err) {
  static const std::string tag = "写出所用模板：";
  const auto at = err.find(tag);
  if (at == std::string::npos) return "";
  const auto from = at + tag.size();
  const auto end = err.find_first_of(" \n", from);
  return err.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

std::string first_difference(const std::string& expected, const std::string& got) {
  if (expected == got) return "";
  const auto a = split_lines(expected), b = split_lines(got);
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  std::ostringstream msg;
  msg << "first difference at line " << (i + 1) << " (expected " << a.size() << " lines, got "
      << b.size() << ")\n";
  if (i > 0) msg << "  " << a[i - 1] << '\n';
  msg << "- " << (i < a.size() ? a[i] : "<end>") << '\n';
  msg << "+ " << (i < b.size() ? b[i] : "<end>") << '\n';
  return msg.str();
}

}  // namespace budconv::test::regions
