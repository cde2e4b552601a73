// Helpers of the cross-region CLI tests (no test cases here).
#include "cli_regions_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
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

// The lines of the dump's part from the line starting with `from` up to the one starting with
// `to`, without where things were read.
std::string part_without_places(const std::string& dump, const std::string& from,
                                const std::string& to) {
  static const std::regex where(R"( ?sheet="[^"]*" cell="[^"]*")");
  std::string out;
  bool inside = false;
  for (const std::string& line : split_lines(dump)) {
    if (line.rfind(from, 0) == 0) inside = true;
    if (line.rfind(to, 0) == 0) break;
    if (!inside) continue;
    std::string value;
    if (field(line, "source", value)) continue;
    out += std::regex_replace(line, where, "") + '\n';
  }
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
  return form_samples("goal-forms.tsv");
}

std::vector<GoalSample> form_samples(const std::string& list) {
  std::vector<GoalSample> out;
  for (const std::string& line : split_lines(read_file(source_dir() / "samples" / list))) {
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

void generate_sample(const GoalSample& s, const fs::path& out, bool recovery) {
  std::vector<std::string> args{"convert",   s.source_path().string(), "--to", s.tmpl, "-o",
                                out.string()};
  if (!recovery) args.push_back("--no-recovery");
  const RunResult r = run_budconv(args, {"BUDCONV_LANG=zh", "SOURCE_DATE_EPOCH=1609459200"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(written_template(r.err) == s.tmpl);
}

bool sample_usable(const GoalSample& s) {
  if (!template_built(s.tmpl)) {
    WARN(s.workbook << ": template " << s.tmpl << " is not built; skipped");
    return false;
  }
  INFO(s.workbook << " is missing: run ./build.sh samples");
  REQUIRE(fs::exists(s.workbook_path()));
  return true;
}

void check_current(const GoalSample& s) {
  TempDir dir("regions-fresh");
  generate_sample(s, dir / s.workbook, false);
  std::string tmpl_line;
  const std::string committed = submission_dump(s.workbook_path(), {}, &tmpl_line);
  const std::string fresh = submission_dump(dir / s.workbook);
  INFO(s.workbook << " is stale (run ./build.sh samples and review the change):\n"
                  << first_difference(fresh, committed));
  CHECK(committed == fresh);
  CHECK(tmpl_line.find("模板：" + s.tmpl + " ") == 0);
  // A sample is the official form as a user has it: no hidden budconv sheet.
  CHECK_FALSE(has_recovery_sheet(s.workbook_path()));
}

void check_golden(const GoalSample& s, const std::string& dump) {
  const fs::path golden = source_dir() / "tests" / "fixtures" / "golden" / (s.stem() + ".dump");
  const char* update = std::getenv("BUDCONV_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(golden, dump);
    WARN("wrote " << golden.string());
    return;
  }
  INFO(golden.string() << " is missing: run the test with BUDCONV_UPDATE_GOLDEN=1");
  REQUIRE(fs::exists(golden));
  const std::string want = read_file(golden);
  INFO(s.workbook << " no longer reads to " << golden.string() << " (if the change is intended, "
                  << "rerun with BUDCONV_UPDATE_GOLDEN=1 and review the diff):\n"
                  << first_difference(want, dump));
  CHECK(want == dump);
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
  return part_without_places(dump, "  goals: ", "  evaluations: ");
}

std::string budget_only(const std::string& dump) {
  return part_without_places(dump, "  budget_tables: ", "  goals: ");
}

Amounts amounts_of(const std::string& dump) {
  static const std::regex kind(R"re(^      kind: "([^"]*)")re");
  static const std::regex row(
      R"re(^        row\[\d+\] .* code="([^"]*)" name="([^"]*)" .* side=(\S+))re");
  static const std::regex amount(R"re(^          amount "([^"]*)" = (?:.* = )?(\S+) 元$)re");
  Amounts out;
  std::string table, key;
  std::istringstream in(budget_only(dump));
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, m, kind)) {
      table = m[1];
    } else if (std::regex_search(line, m, row)) {
      key = std::string(m[1]) + '|' + std::string(m[2]) + '|' + std::string(m[3]);
    } else if (std::regex_search(line, m, amount)) {
      out[{table, m[1]}].push_back(key + '|' + std::string(m[2]));
    }
  }
  for (auto& [column, values] : out) std::sort(values.begin(), values.end());
  return out;
}

std::vector<std::string> without_codes(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.substr(v.find('|') + 1));
  std::sort(out.begin(), out.end());
  return out;
}

void convert_visible(const fs::path& from, const std::string& region, const fs::path& to,
                     const std::string& want_template) {
  const RunResult r =
      run_budconv({"convert", from.string(), "--to", region, "-o", to.string(), "--no-recovery"},
                  {"BUDCONV_LANG=zh"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(written_template(r.err) == want_template);
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
