/// @file recovery_match.hpp
/// Internal: pairing goals and indicators of two versions of a document (original, laid out and
/// read back, edited) for loss finding and restoring.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "budconv/model.hpp"

namespace budconv::recovery_detail {

/// For each element of `from`, the index of its counterpart in `to` (each used once).
using Pairing = std::vector<std::optional<std::size_t>>;

/// Goals by name and code, then by name, then by code; when `loose`, the rest by position (a
/// template that cannot hold the name still pairs the goal).
Pairing pair_goals(const std::vector<PerformanceGoal>& from, const std::vector<PerformanceGoal>& to,
                   bool loose);
/// Indicators by (period, level1, level2, name); unless `strict`, then by (period, name).
Pairing pair_indicators(const std::vector<Indicator>& from, const std::vector<Indicator>& to,
                        bool strict);
/// The inverse of a pairing onto `to_size` elements.
Pairing invert(const Pairing& p, std::size_t to_size);

/// Clears every SourceRef inside.
void clear_sources(PerformanceGoal& g);
/// Clears every SourceRef inside, and the source file.
void clear_sources(Submission& doc);
/// Extras equal apart from their SourceRef.
bool same_extras(const std::vector<Extra>& a, const std::vector<Extra>& b);
/// Budget tables equal apart from their SourceRefs.
bool same_tables(const std::vector<BudgetTable>& a, const std::vector<BudgetTable>& b);

}  // namespace budconv::recovery_detail
