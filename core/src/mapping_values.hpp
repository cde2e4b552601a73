/// @file mapping_values.hpp
/// Internal: the typed value of each canonical field a definition can name — how cell text
/// becomes a model value (money, percent, target, indicator level) and how it is written back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "budconv/mapping.hpp"

namespace budconv::mapping_detail {

/// Result of storing one cell's text into the model.
struct ValueOutcome {
  bool ok = true;        ///< false: the text could not be interpreted
  std::string text;      ///< the cell text as read
  std::string error_zh;  ///< why not, Chinese
  std::string error_en;  ///< why not, English
  std::string note_zh;   ///< a warning that does not stop reading (unknown indicator level)
  std::string note_en;   ///< the warning in English
};

/// Converts between cell text and model fields, applying named transforms.
class ValueCodec {
 public:
  /// `transforms` must outlive the codec.
  ValueCodec(const TransformSet& transforms, bool english)
      : transforms_(transforms), english_(english) {}

  /// Stores a key–value field ("goal.code", "budget.total" …) of `goal`.
  ValueOutcome set_goal_field(PerformanceGoal& goal, const std::string& field,
                              const std::vector<std::string>& transforms,
                              const std::string& text) const;
  /// Appends a list item: an objective (label "目标1") or a milestone (label "3月底").
  ValueOutcome add_list_item(PerformanceGoal& goal, const std::string& list,
                             const std::string& label, const std::string& text,
                             const std::vector<std::string>& transforms = {}) const;
  /// Stores one grid cell of an indicator.
  ValueOutcome set_indicator_field(Indicator& ind, const std::string& field,
                                   const std::vector<std::string>& transforms,
                                   const std::string& text);
  /// Completes an indicator after its row (a target built from comparator/value/unit columns).
  void finish_indicator(Indicator& ind);

  /// The cell written for a key–value field; nullopt when the field is blank.
  std::optional<Cell> goal_cell(const PerformanceGoal& goal, const std::string& field,
                                const std::vector<std::string>& transforms, AmountUnit unit,
                                const std::string& money_format) const;
  /// The cell written for a grid column; nullopt when blank.
  std::optional<Cell> indicator_cell(const Indicator& ind, const std::string& field,
                                     const std::vector<std::string>& transforms) const;
  /// True when `goal` holds a value for a key–value field.
  static bool has_goal_field(const PerformanceGoal& goal, const std::string& field);
  /// True when `ind` holds a value for a grid column.
  static bool has_indicator_field(const Indicator& ind, const std::string& field);

 private:
  std::string apply_read(const std::vector<std::string>& names, std::string text) const;
  std::string apply_write(const std::vector<std::string>& names, std::string text) const;

  const TransformSet& transforms_;
  bool english_ = false;
  std::string nature_, value_, unit_;  // Sichuan-style target parts of the current row
};

}  // namespace budconv::mapping_detail
