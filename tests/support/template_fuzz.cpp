#include "template_fuzz.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <random>

#include "budconv/submission_xml.hpp"
#include "test_support.hpp"

namespace budconv::test {

namespace {

// Texts that steer the readers: titles, labels and vocabulary of the three regions' forms, money
// in odd spellings, numbered items, and plain garbage.
const char* const kTexts[] = {
    "",
    " ",
    "合计",
    "总计",
    "一级指标",
    "二级指标",
    "三级指标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "数量指标",
    "指标值",
    "项目名称",
    "绩效目标表",
    "科目编码",
    "科目名称",
    "类",
    "款",
    "项",
    "栏次",
    "序号",
    "**",
    "单位：万元",
    "单位：元",
    "≥90%",
    "≤",
    "1:",
    "指标1:",
    "指标1:a 指标2:",
    "2021年",
    "(2020年度)",
    "1,234.56",
    "-0.00",
    "1e308",
    "9999999999999999999",
    "#DIV/0!",
    "201",
    "2010201",
    "30101",
    "三公",
    "收入",
    "支出",
    "\xE4\xB8",
    "\n\n",
    "金额单位：万元",
    "权重",
    "年度目标",
};

class FormMutator {
 public:
  explicit FormMutator(std::uint64_t seed) : rng_(seed) {}

  void mutate(Workbook& book) {
    if (book.sheets.empty()) return;
    const int rounds = 1 + static_cast<int>(pick(6));
    for (int r = 0; r < rounds; ++r) {
      Sheet& s = book.sheets[pick(book.sheets.size())];
      const CellPos end = s.extent();
      const auto row = static_cast<std::uint32_t>(pick(end.row + 2));
      const auto col = static_cast<std::uint32_t>(pick(end.col + 2));
      switch (pick(9)) {
        case 0:  // retype a cell
          s.set(row, col, Cell::make_text(kTexts[pick(std::size(kTexts))]));
          break;
        case 1:  // clear a cell
          if (auto it = s.rows.find(row); it != s.rows.end()) it->second.erase(col);
          break;
        case 2:  // a number where text was, or text where a number was
          if (const Cell* c = s.find(row, col); c && c->type == CellType::number) {
            s.set(row, col, Cell::make_text(c->text));
          } else {
            s.set(row, col, Cell::make_number(std::to_string(pick(100000)) + ".5"));
          }
          break;
        case 3:  // delete a row: the rows below move up
          shift_rows(s, row, -1);
          break;
        case 4:  // insert a blank row
          shift_rows(s, row, +1);
          break;
        case 5:  // a merge anywhere, overlapping or not
          s.merges.push_back({{row, col},
                              {row + static_cast<std::uint32_t>(pick(4)),
                               col + static_cast<std::uint32_t>(pick(4))}});
          break;
        case 6:  // lose a merge (fill-down columns rely on them)
          if (!s.merges.empty()) s.merges.erase(s.merges.begin() + pick(s.merges.size()));
          break;
        case 7: {  // swap two cells
          const auto row2 = static_cast<std::uint32_t>(pick(end.row + 1));
          const auto col2 = static_cast<std::uint32_t>(pick(end.col + 1));
          const Cell a = s.find(row, col) ? *s.find(row, col) : Cell{};
          const Cell b = s.find(row2, col2) ? *s.find(row2, col2) : Cell{};
          s.set(row, col, b);
          s.set(row2, col2, a);
          break;
        }
        default:  // drop a whole sheet
          if (book.sheets.size() > 1)
            book.sheets.erase(book.sheets.begin() + pick(book.sheets.size()));
          return;
      }
    }
  }

 private:
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  static void shift_rows(Sheet& s, std::uint32_t from, int by) {
    std::map<std::uint32_t, std::map<std::uint32_t, Cell>> moved;
    for (auto& [r, cells] : s.rows) {
      if (r < from) {
        moved.emplace(r, std::move(cells));
      } else if (by > 0) {
        moved.emplace(r + 1, std::move(cells));
      } else if (r > from) {
        moved.emplace(r - 1, std::move(cells));
      }
    }
    s.rows = std::move(moved);
  }

  std::mt19937_64 rng_;  // fixed algorithm: the same seed gives the same cases everywhere
};

}  // namespace

FuzzTally fuzz_template(const TemplateFormat& t, const Workbook& form, int cases,
                        std::uint64_t seed) {
  FormMutator mutator(seed);
  FuzzTally tally;
  for (int i = 0; i < cases; ++i) {
    Workbook book = form;
    mutator.mutate(book);
    std::string why;
    (void)t.detect(book, why);
    Options options;
    options.lang = i % 2 ? Lang::en : Lang::zh;
    options.display_name = "fuzz.xlsx";
    Submission out;
    Diagnostics diags;
    const Status st = t.to_submission(book, options, out, diags);
    if (st.ok()) {
      ++tally.accepted;
      continue;
    }
    ++tally.refused;
    const std::string& m = st.error().message;
    if (st.error().code == ErrorCode::internal || m.empty() || m.find('\n') != std::string::npos) {
      FAIL(t.info().id << " case " << i << ": bad error (" << error_code_name(st.error().code)
                       << ") \"" << m << "\"");
    }
  }
  return tally;
}

FuzzTally fuzz_templates_on_samples(const std::vector<std::shared_ptr<TemplateFormat>>& templates,
                                    int cases, std::uint64_t seed) {
  std::vector<std::filesystem::path> samples;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "samples")) {
    if (e.path().extension() == ".xml") samples.push_back(e.path());
  }
  std::sort(samples.begin(), samples.end());
  FuzzTally total;
  int forms = 0;
  for (const auto& t : templates) {
    for (const auto& path : samples) {
      auto doc = parse_submission_xml(read_file(path), path.string(), Lang::zh);
      REQUIRE(doc.ok());
      Workbook form;
      Diagnostics losses;
      // A template that cannot hold the sample (goals given to a budget template) is no seed.
      if (!t->from_submission(doc.value(), Options{}, form, losses).ok()) continue;
      INFO(t->info().id << " on " << path.filename().string());
      const FuzzTally tally =
          fuzz_template(*t, form, cases, seed + static_cast<std::uint64_t>(forms));
      total.accepted += tally.accepted;
      total.refused += tally.refused;
      ++forms;
    }
  }
  CHECK(forms >= static_cast<int>(templates.size()));
  return total;
}

}  // namespace budconv::test
