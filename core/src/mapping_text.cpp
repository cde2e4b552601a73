/// @file mapping_text.cpp
/// Text rules of the mapping engine: how published labels are compared (blanks, line breaks
/// and full-width forms ignored, because real forms are re-typed by hand), the indicator
/// vocabulary with its regional variants, and the small glob language of label patterns.
#include "mapping_text.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "budconv/mapping.hpp"
#include "text_normalize.hpp"

namespace budconv {

namespace {

struct Variant {
  std::string_view canonical;
  std::string_view variant;
};

// From the national framework (财预〔2021〕101号) and the spellings seen in the seeds.
constexpr std::array<std::string_view, 4> kLevel1{"产出指标", "效益指标", "满意度指标", "成本指标"};
constexpr std::array<Variant, 1> kLevel1Variants{{{"效益指标", "效果指标"}}};
constexpr std::array<std::string_view, 12> kLevel2{
    "数量指标",           "质量指标",     "时效指标",     "成本指标",
    "经济效益指标",       "社会效益指标", "生态效益指标", "可持续影响指标",
    "服务对象满意度指标", "经济成本指标", "社会成本指标", "生态环境成本指标"};
constexpr std::array<Variant, 3> kLevel2Variants{{{"可持续影响指标", "可持续性影响"},
                                                  {"可持续影响指标", "可持续影响"},
                                                  {"可持续影响指标", "可持续性影响指标"}}};

template <std::size_t N, std::size_t M>
std::string canonical(std::string_view text, const std::array<std::string_view, N>& names,
                      const std::array<Variant, M>& variants) {
  const std::string key = normalize_label(text);
  if (key.empty()) return "";
  for (int pass = 0; pass < 2; ++pass) {
    // Second pass: the short form without the trailing 指标 ("数量" → "数量指标").
    const std::string k = pass == 0 ? key : key + "指标";
    for (auto n : names) {
      if (k == n) return std::string(n);
    }
    for (const auto& v : variants) {
      if (k == v.variant) return std::string(v.canonical);
    }
  }
  return "";
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string normalize_label(std::string_view text) {
  std::u32string out;
  for (char32_t c : detail::normalize(text)) {
    if (detail::is_space(c) || c == U'\n' || c == U'\r' || c == U'\t') continue;
    out += c;
  }
  return detail::encode_utf8(out);
}

std::string canonical_level1(std::string_view text) {
  return canonical(text, kLevel1, kLevel1Variants);
}

std::string canonical_level2(std::string_view text) {
  return canonical(text, kLevel2, kLevel2Variants);
}

namespace mapping_detail {

bool glob_match(std::string_view pattern, std::string_view text) {
  // Every cell of a sheet meets every label pattern of every template: most cells lack some
  // literal run of the pattern, and a substring search says so far cheaper than the table below.
  for (std::size_t at = 0; at < pattern.size();) {
    const std::size_t end = std::min(pattern.find_first_of("*#", at), pattern.size());
    if (end > at && text.find(pattern.substr(at, end - at)) == std::string_view::npos) return false;
    at = end + 1;
  }
  // Dynamic programming over (pattern position, text position): linear in both, no backtracking,
  // so a user's definition cannot make matching explode.
  const std::size_t n = pattern.size(), m = text.size();
  std::vector<char> cur(m + 1, 0), next(m + 1, 0);
  cur[0] = 1;  // cur[j]: pattern[0..i) matches text[0..j)
  for (std::size_t i = 0; i < n; ++i) {
    std::fill(next.begin(), next.end(), 0);
    const char p = pattern[i];
    for (std::size_t j = 0; j <= m; ++j) {
      if (!cur[j]) continue;
      if (p == '*') {
        for (std::size_t k = j; k <= m; ++k) next[k] = 1;
        break;
      }
      if (p == '#') {
        for (std::size_t k = j; k < m && is_digit(text[k]); ++k) next[k + 1] = 1;
      } else if (j < m && text[j] == p) {
        next[j + 1] = 1;
      }
    }
    cur.swap(next);
    if (std::find(cur.begin(), cur.end(), 1) == cur.end()) return false;  // nothing left to extend
  }
  return cur[m] != 0;
}

std::string strip_numbering(std::string_view text) {
  // normalize() folds one code point to one code point, so indices found on the folded text
  // cut the original text, which keeps its published full-width forms.
  const std::u32string original = detail::decode_utf8(text);
  const std::u32string v = detail::normalize(text);
  std::size_t start = 0;
  while (start < v.size() && detail::is_space(v[start])) ++start;
  const auto is_cn_digit = [](char32_t c) {
    return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
  };
  const auto is_num = [&](char32_t c) { return (c >= U'0' && c <= U'9') || is_cn_digit(c); };
  std::size_t i = start;
  if (i < v.size() && v[i] == U'(') {
    std::size_t j = i + 1;
    while (j < v.size() && is_num(v[j])) ++j;
    if (j > i + 1 && j < v.size() && v[j] == U')') i = j + 1;
  } else {
    std::size_t j = i;
    while (j < v.size() && is_num(v[j])) ++j;
    // "1.5亿元…" is a number, not a numbering.
    const bool decimal = j + 1 < v.size() && v[j + 1] >= U'0' && v[j + 1] <= U'9';
    if (j > i && j < v.size() && (v[j] == U'.' || v[j] == U'、') && !decimal) i = j + 1;
  }
  return trim_text(detail::encode_utf8(std::u32string_view(original).substr(i)));
}

std::vector<std::string> split_numbered(std::string_view text, std::string_view prefix) {
  const std::u32string original = detail::decode_utf8(text);
  const std::u32string v = detail::normalize(text);  // same length: folding is 1:1
  const std::u32string pre = detail::decode_utf8(prefix);
  struct Marker {
    std::size_t begin, end;
  };
  std::vector<Marker> markers;
  int expected = 1;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0 && !detail::is_space(v[i - 1])) continue;
    std::size_t j = i;
    if (!pre.empty()) {
      if (v.compare(j, pre.size(), pre) != 0) continue;
      j += pre.size();
    }
    const std::size_t digits = j;
    int number = 0;
    while (j < v.size() && v[j] >= U'0' && v[j] <= U'9' && number < 10000)
      number = number * 10 + static_cast<int>(v[j++] - U'0');
    if (j == digits || j >= v.size() || number != expected) continue;
    const char32_t sep = v[j];
    if (sep != U':' && sep != U'.' && sep != U'、') continue;
    if (sep == U'.' && j + 1 < v.size() && v[j + 1] >= U'0' && v[j + 1] <= U'9') continue;
    markers.push_back({i, j + 1});
    ++expected;
    i = j;
  }
  std::size_t lead = 0;
  while (lead < v.size() && detail::is_space(v[lead])) ++lead;
  if (markers.empty() || markers.front().begin != lead) return {};
  if (markers.size() == 1 && prefix.empty()) return {};
  std::vector<std::string> items;
  for (std::size_t k = 0; k < markers.size(); ++k) {
    const std::size_t end = k + 1 < markers.size() ? markers[k + 1].begin : original.size();
    items.push_back(trim_text(detail::encode_utf8(
        std::u32string_view(original).substr(markers[k].end, end - markers[k].end))));
  }
  return items;
}

std::optional<std::string> strip_item_label(std::string_view text, std::string_view prefix) {
  if (prefix.empty()) return std::nullopt;
  const std::u32string original = detail::decode_utf8(text);
  const std::u32string v = detail::normalize(text);  // same length: folding is 1:1
  const std::u32string pre = detail::decode_utf8(prefix);
  std::size_t i = 0;
  while (i < v.size() && detail::is_space(v[i])) ++i;
  if (v.compare(i, pre.size(), pre) != 0) return std::nullopt;
  i += pre.size();
  while (i < v.size() && detail::is_space(v[i])) ++i;
  if (i >= v.size() || v[i] != U':') return std::nullopt;
  return trim_text(detail::encode_utf8(std::u32string_view(original).substr(i + 1)));
}

std::string join_numbered(const std::vector<std::string>& items, std::string_view prefix) {
  std::string out;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k > 0) out += ' ';
    // "指标1:召开会议" but "1: ≥1次", as the forms write them.
    out += std::string(prefix) + std::to_string(k + 1) + (prefix.empty() ? ": " : ":") + items[k];
  }
  return out;
}

std::string trim_text(std::string_view text) {
  const std::u32string s = detail::decode_utf8(text);
  return detail::encode_utf8(detail::trim(s));
}

namespace {

constexpr std::uint64_t key(std::uint32_t row, std::uint32_t col) {
  return (static_cast<std::uint64_t>(row) << 32) | col;
}
// Expanding merges cell by cell is bounded: real goal tables merge a few thousand cells.
constexpr std::uint64_t kMaxExpandedCells = 1u << 20;
constexpr std::uint64_t kMaxMergeArea = 4096;

}  // namespace

MergeLookup::MergeLookup(const Sheet& sheet) : sheet_(sheet) {
  std::uint64_t expanded = 0;
  for (std::uint32_t i = 0; i < sheet.merges.size(); ++i) {
    const MergedRange& m = sheet.merges[i];
    if (m.last.row < m.first.row || m.last.col < m.first.col) continue;
    const std::uint64_t area = (std::uint64_t{m.last.row} - m.first.row + 1) *
                               (std::uint64_t{m.last.col} - m.first.col + 1);
    if (area > kMaxMergeArea || expanded + area > kMaxExpandedCells) {
      large_.push_back(i);
      continue;
    }
    expanded += area;
    for (std::uint32_t r = m.first.row; r <= m.last.row; ++r) {
      for (std::uint32_t c = m.first.col; c <= m.last.col; ++c) covered_.emplace(key(r, c), i);
    }
  }
  // A sheet made of huge merges only: keep the scan short rather than pretend.
  if (large_.size() > 256) large_.resize(256);
}

const MergedRange* MergeLookup::find(std::uint32_t row, std::uint32_t col) const {
  if (const auto it = covered_.find(key(row, col)); it != covered_.end())
    return &sheet_.merges[it->second];
  for (std::uint32_t i : large_) {
    if (sheet_.merges[i].contains(CellPos{row, col})) return &sheet_.merges[i];
  }
  return nullptr;
}

const Cell* MergeLookup::cell(std::uint32_t row, std::uint32_t col) const {
  if (const MergedRange* m = find(row, col)) return sheet_.find(m->first.row, m->first.col);
  return sheet_.find(row, col);
}

std::string MergeLookup::text(std::uint32_t row, std::uint32_t col) const {
  const Cell* c = cell(row, col);
  return c == nullptr ? std::string() : c->text;
}

std::string where(const Sheet& sheet, std::uint32_t row, std::uint32_t col) {
  return sheet.name + "!" + a1(row, col);
}

}  // namespace mapping_detail

}  // namespace budconv
