/// @file target.cpp
/// Indicator targets (指标值): comparator, exact number(s) and unit parsed out of the published
/// text, which itself is always kept unchanged.
///
/// What counts as a quantity (anything else is qualitative, with the text kept):
///   [label] [comparator] number [(- ~ 至 到) number] [unit] [以上 以下 以内 内]
/// - comparator symbols ≥ >= ≧ ≤ <= ≦ > < = (full-width forms too) and the words
///   不低于 不少于 不小于 至少 (≥), 不高于 不超过 不多于 不大于 至多 最多 (≤), 超过 高于 大于 多于
///   (>), 低于 少于 小于 (<); a bare number is "=", two numbers are a range;
/// - a trailing 以上 means ≥, 以下 / 以内 / 内 mean ≤ ("24小时内" → ≤ 24 小时);
/// - a short label may precede a comparator symbol ("效果 ≥95%" → ≥ 95 %);
/// - the unit must look like a unit: %, ‰, an ASCII word, or CJK measure words with an optional
///   个 and multiplier (万 亿 千 百) joined by "/" ("万人次", "元/人/年", "个月", "亿元").
/// Deliberately qualitative: calendar positions and deadlines ("2021 年", "不晚于2020年第一季度",
/// "每月 8 日 前"), because the number there is a date, not an amount to compare against;
/// descriptions that merely contain numbers ("市本级和 8 个县(市)", "2019年门诊享受待遇人次").
#include "budconv/target.hpp"

#include <array>
#include <utility>

#include "text_normalize.hpp"

namespace budconv {

namespace {

using detail::trim;

struct ComparatorWord {
  std::u32string_view text;
  Comparator comparator;
};

// Longest first within each shared prefix so that "不超过" is not read as "超过", ">=" not as ">".
constexpr std::array<ComparatorWord, 33> kPrefixes{{
    {U">=", Comparator::ge},         {U"=>", Comparator::ge},       {U"≥", Comparator::ge},
    {U"≧", Comparator::ge},          {U"<=", Comparator::le},       {U"=<", Comparator::le},
    {U"≤", Comparator::le},          {U"≦", Comparator::le},        {U"==", Comparator::eq},
    {U"=", Comparator::eq},          {U">", Comparator::gt},        {U"<", Comparator::lt},
    {U"大于或等于", Comparator::ge}, {U"大于等于", Comparator::ge}, {U"小于或等于", Comparator::le},
    {U"小于等于", Comparator::le},   {U"不低于", Comparator::ge},   {U"不少于", Comparator::ge},
    {U"不小于", Comparator::ge},     {U"至少", Comparator::ge},     {U"不高于", Comparator::le},
    {U"不超过", Comparator::le},     {U"不多于", Comparator::le},   {U"不大于", Comparator::le},
    {U"至多", Comparator::le},       {U"最多", Comparator::le},     {U"超过", Comparator::gt},
    {U"高于", Comparator::gt},       {U"大于", Comparator::gt},     {U"多于", Comparator::gt},
    {U"低于", Comparator::lt},       {U"少于", Comparator::lt},     {U"小于", Comparator::lt},
}};

bool is_symbol_comparator(char32_t c) {
  return c == U'≥' || c == U'≧' || c == U'≤' || c == U'≦' || c == U'>' || c == U'<' || c == U'=';
}

/// Matches a comparator at the start of `s`; returns its length (0 when none).
std::size_t match_prefix(std::u32string_view s, Comparator& out) {
  for (const auto& w : kPrefixes) {
    if (detail::starts_with(s, w.text)) return out = w.comparator, w.text.size();
  }
  return 0;
}

bool is_range_separator(char32_t c) {
  return c == U'-' || c == U'~' || c == 0x301C /* 〜 */ || c == 0x2013 || c == 0x2014 ||
         c == U'至' || c == U'到';
}

bool is_ascii_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

constexpr std::array<std::u32string_view, 27> kMultiCharUnits{
    U"小时", U"分钟", U"秒钟", U"人次",   U"户次",   U"件次",   U"台次",     U"车次", U"场次",
    U"批次", U"天次", U"家次", U"工作日", U"平方米", U"立方米", U"平方公里", U"公里", U"公顷",
    U"千米", U"千克", U"公斤", U"周岁",   U"学时",   U"课时",   U"百分点",   U"季度", U"人天"};

bool is_multiplier(char32_t c) {
  return c == U'万' || c == U'亿' || c == U'千' || c == U'百';
}

/// A measure word: a known multi-character unit or one CJK character.
bool is_base_unit(std::u32string_view s) {
  for (auto u : kMultiCharUnits) {
    if (s == u) return true;
  }
  return s.size() == 1 && detail::is_cjk(s[0]);
}

/// One "/"-separated piece of a unit: "%", "km", "万人次", "个月", "万".
bool is_unit_segment(std::u32string_view s) {
  if (s.empty()) return false;
  if (s == U"%" || s == U"‰" || s == U"℃") return true;
  if (is_ascii_letter(s[0])) {
    if (s.size() > 8) return false;
    for (char32_t c : s) {
      if (!is_ascii_letter(c) && !(c >= U'0' && c <= U'9') && c != 0x00B2 && c != 0x00B3) {
        return false;
      }
    }
    return true;
  }
  if (is_base_unit(s)) return true;
  if (s[0] == U'个' && s.size() > 1 && s[1] != U'个' && is_unit_segment(s.substr(1))) {
    return true;  // one 个 at most, so the recursion is one level deep whatever the input
  }
  if (is_multiplier(s[0])) return s.size() == 1 || is_base_unit(s.substr(1));
  return false;
}

bool is_unit(std::u32string_view s) {
  if (s.empty()) return true;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == U'/' || s[i] == U'·') {
      if (!is_unit_segment(trim(s.substr(start, i - start)))) return false;
      start = i + 1;
    }
  }
  return true;
}

/// The numeric parts of a target, when the text is a quantity.
struct Parts {
  Comparator comparator = Comparator::eq;
  Decimal value;
  std::optional<Decimal> value2;
  std::u32string unit;
};

/// Lexes a decimal at the start of `s`; returns code points used (0 = none).
std::size_t lex_decimal(std::u32string_view s, Decimal& out, bool sign) {
  detail::LexedNumber lex;
  const std::size_t used = detail::lex_number(s, lex, {.sign = sign, .exponent = false});
  if (used == 0) return 0;
  auto d = Decimal::parse(detail::encode_utf8(s.substr(0, used)));
  if (!d) return 0;  // too many digits for an exact 64-bit decimal
  out = *d;
  return used;
}

std::optional<Parts> parse_quantity(std::u32string_view s) {
  Parts p;
  // Optional short label before a comparator symbol ("效果 ≥95%").
  {
    std::size_t i = 0;
    while (i < s.size() && i < 5 && detail::is_cjk(s[i])) ++i;
    if (i > 0 && i <= 4) {
      const std::u32string_view rest = trim(s.substr(i));
      if (!rest.empty() && is_symbol_comparator(rest[0])) s = rest;
    }
  }
  std::optional<Comparator> prefix;
  {
    Comparator c = Comparator::none;
    if (const std::size_t n = match_prefix(s, c)) {
      prefix = c;
      s = trim(s.substr(n));
    }
  }
  std::size_t used = lex_decimal(s, p.value, true);
  if (used == 0) return std::nullopt;
  s = trim(s.substr(used));
  // A second number after a separator makes a range ("6-9 个月", "6～9个月", "6至9个月").
  if (!s.empty() && is_range_separator(s[0])) {
    const std::u32string_view after = trim(s.substr(1));
    Decimal v2;
    const std::size_t used2 = lex_decimal(after, v2, false);
    if (used2 == 0 || prefix) return std::nullopt;
    p.value2 = v2;
    s = trim(after.substr(used2));
  }
  std::optional<Comparator> suffix;
  for (auto [word, c] : {std::pair{std::u32string_view{U"以上"}, Comparator::ge},
                         std::pair{std::u32string_view{U"以下"}, Comparator::le},
                         std::pair{std::u32string_view{U"以内"}, Comparator::le},
                         std::pair{std::u32string_view{U"内"}, Comparator::le}}) {
    if (detail::ends_with(s, word)) {
      suffix = c;
      s = trim(s.substr(0, s.size() - word.size()));
      break;
    }
  }
  if (!is_unit(s)) return std::nullopt;
  p.unit = std::u32string(s);
  if (p.value2) {
    if (suffix) return std::nullopt;
    p.comparator = Comparator::range;
  } else if (prefix && suffix && *prefix != *suffix) {
    return std::nullopt;  // "≥5万以下" contradicts itself
  } else {
    p.comparator = prefix ? *prefix : suffix ? *suffix : Comparator::eq;
  }
  // "2021 年" names a year, not a quantity of years.
  if (p.comparator == Comparator::eq && p.unit == U"年" && p.value.scale == 0 &&
      p.value.mantissa >= 1000 && p.value.mantissa <= 9999) {
    return std::nullopt;
  }
  return p;
}

void apply(Target& t, Parts&& p) {
  t.comparator = p.comparator;
  t.value = p.value;
  t.value2 = p.value2;
  t.unit = detail::encode_utf8(p.unit);
}

/// `text` without surrounding blanks, original characters otherwise kept.
std::string trimmed(std::string_view text) {
  const std::u32string cps = detail::decode_utf8(text);
  return detail::encode_utf8(trim(cps));
}

}  // namespace

const char* comparator_id(Comparator c) noexcept {
  switch (c) {
    case Comparator::none:
      return "none";
    case Comparator::eq:
      return "eq";
    case Comparator::ge:
      return "ge";
    case Comparator::le:
      return "le";
    case Comparator::gt:
      return "gt";
    case Comparator::lt:
      return "lt";
    case Comparator::range:
      return "range";
    case Comparator::qualitative:
      return "qualitative";
  }
  return "none";
}

const char* comparator_symbol(Comparator c) noexcept {
  switch (c) {
    case Comparator::eq:
      return "=";
    case Comparator::ge:
      return "≥";
    case Comparator::le:
      return "≤";
    case Comparator::gt:
      return ">";
    case Comparator::lt:
      return "<";
    case Comparator::qualitative:
      return "定性";
    case Comparator::none:
    case Comparator::range:
      return "";
  }
  return "";
}

std::optional<Comparator> parse_comparator(std::string_view text) {
  const std::u32string folded = detail::normalize(text);
  const std::u32string_view s = trim(folded);
  if (s.empty()) return std::nullopt;
  for (Comparator c :
       {Comparator::none, Comparator::eq, Comparator::ge, Comparator::le, Comparator::gt,
        Comparator::lt, Comparator::range, Comparator::qualitative}) {
    if (detail::encode_utf8(s) == comparator_id(c)) return c;
  }
  if (s == U"定性") return Comparator::qualitative;
  Comparator c = Comparator::none;
  if (match_prefix(s, c) == s.size()) return c;
  return std::nullopt;
}

Target Target::parse(std::string_view text) {
  Target t;
  t.text = std::string(text);
  const std::u32string folded = detail::normalize(text);
  const std::u32string_view s = trim(folded);
  if (s.empty()) return t;
  if (auto p = parse_quantity(s)) {
    apply(t, std::move(*p));
  } else {
    t.comparator = Comparator::qualitative;
  }
  return t;
}

Target Target::from_parts(std::string_view nature, std::string_view value, std::string_view unit) {
  const std::string n = trimmed(nature), v = trimmed(value), u = trimmed(unit);
  Target t;
  if (n.empty() && v.empty() && u.empty()) return t;
  const std::optional<Comparator> c =
      n.empty() ? std::optional<Comparator>{Comparator::eq} : parse_comparator(n);
  if (c == Comparator::qualitative) {
    t.comparator = Comparator::qualitative;
    t.text = v;
    t.unit = u;
    return t;
  }
  if (c && *c != Comparator::none) {
    if (auto d = Decimal::parse(v); d && *c != Comparator::range) {
      t.comparator = *c;
      t.value = d;
      t.unit = u;
      t.text = t.compose();
      return t;
    }
    // "6-9" in the value column is a range whether 指标性质 says "=" or "range".
    if (auto p = parse_quantity(trim(detail::normalize(v)));
        p && p->comparator == Comparator::range && p->unit.empty() &&
        (*c == Comparator::eq || *c == Comparator::range)) {
      apply(t, std::move(*p));
      t.unit = u;
      t.text = t.compose();
      return t;
    }
  }
  // Not the columns' usual shape: read the three cells as one published text.
  const std::string joined =
      (c && *c != Comparator::none && *c != Comparator::range ? std::string(comparator_symbol(*c))
                                                              : n) +
      v + u;
  return parse(joined);
}

std::string Target::compose() const {
  switch (comparator) {
    case Comparator::none:
      return text;
    case Comparator::qualitative:
      return text;
    case Comparator::range:
      if (!value || !value2) return text;
      return value->to_string() + "-" + value2->to_string() + unit;
    case Comparator::eq:
      if (!value) return text;
      return value->to_string() + unit;
    case Comparator::ge:
    case Comparator::le:
    case Comparator::gt:
    case Comparator::lt:
      if (!value) return text;
      return comparator_symbol(comparator) + value->to_string() + unit;
  }
  return text;
}

}  // namespace budconv
