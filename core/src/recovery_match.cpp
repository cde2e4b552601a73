// Pairing goals and indicators across versions of a document, and comparisons that ignore where
// an element was read.
#include "recovery_match.hpp"

#include <functional>

#include "budconv/recovery.hpp"

namespace budconv::recovery_detail {

namespace {

template <class T>
Pairing pair_by(const std::vector<T>& from, const std::vector<T>& to,
                const std::vector<std::function<bool(const T&, const T&)>>& passes) {
  Pairing out(from.size());
  std::vector<bool> used(to.size(), false);
  for (const auto& same : passes) {
    for (std::size_t i = 0; i < from.size(); ++i) {
      if (out[i]) continue;
      // The same position first, so that repeated names pair in order.
      if (i < to.size() && !used[i] && same(from[i], to[i])) {
        out[i] = i;
        used[i] = true;
        continue;
      }
      for (std::size_t j = 0; j < to.size(); ++j) {
        if (!used[j] && same(from[i], to[j])) {
          out[i] = j;
          used[j] = true;
          break;
        }
      }
    }
  }
  return out;
}

void clear_rows(std::vector<BudgetRow>& rows) {
  for (auto& r : rows) {
    r.source = {};
    clear_rows(r.details);
  }
}

void clear_table(BudgetTable& t) {
  t.source = {};
  clear_rows(t.rows);
  for (auto& e : t.extras) e.source = {};
}

}  // namespace

Pairing pair_goals(const std::vector<PerformanceGoal>& from, const std::vector<PerformanceGoal>& to,
                   bool loose) {
  using G = PerformanceGoal;
  std::vector<std::function<bool(const G&, const G&)>> passes{
      [](const G& a, const G& b) { return a.name == b.name && a.code == b.code; },
      [](const G& a, const G& b) { return a.name == b.name; },
      [](const G& a, const G& b) { return !a.code.empty() && a.code == b.code; }};
  if (loose) passes.push_back([](const G&, const G&) { return true; });
  return pair_by<G>(from, to, passes);
}

Pairing pair_indicators(const std::vector<Indicator>& from, const std::vector<Indicator>& to,
                        bool strict) {
  using I = Indicator;
  auto key = [](const I& a, const I& b) {
    return a.period == b.period && a.level1 == b.level1 && a.level2 == b.level2 && a.name == b.name;
  };
  if (strict) return pair_by<I>(from, to, {key});
  return pair_by<I>(from, to, {key, [](const I& a, const I& b) {
                                 return a.period == b.period && a.name == b.name;
                               }});
}

Pairing invert(const Pairing& p, std::size_t to_size) {
  Pairing out(to_size);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] && *p[i] < to_size) out[*p[i]] = i;
  }
  return out;
}

void clear_sources(PerformanceGoal& g) {
  g.source = {};
  for (auto& i : g.indicators) i.source = {};
  for (auto& e : g.extras) e.source = {};
}

void clear_sources(Submission& doc) {
  doc.source_file.clear();
  for (auto& e : doc.extras) e.source = {};
  for (auto& g : doc.goals) clear_sources(g);
  for (auto& t : doc.budget_tables) clear_table(t);
  for (auto& ev : doc.evaluations) {
    for (auto& e : ev.extras) e.source = {};
  }
}

bool same_extras(const std::vector<Extra>& a, const std::vector<Extra>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].key != b[i].key || a[i].value != b[i].value) return false;
  }
  return true;
}

bool same_tables(const std::vector<BudgetTable>& a, const std::vector<BudgetTable>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    BudgetTable x = a[i], y = b[i];
    clear_table(x);
    clear_table(y);
    if (!(x == y)) return false;
  }
  return true;
}

}  // namespace budconv::recovery_detail

namespace budconv {

bool same_ignoring_source(const PerformanceGoal& a, const PerformanceGoal& b) {
  PerformanceGoal x = a, y = b;
  recovery_detail::clear_sources(x);
  recovery_detail::clear_sources(y);
  return x == y;
}

}  // namespace budconv
