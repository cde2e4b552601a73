/// @file catalog.hpp
/// Code catalogs (formats/reference/*.tsv): 支出功能分类, 部门/政府预算支出经济分类 by fiscal year,
/// with the name variants templates use, and the 绩效指标 framework. Used to fill a missing code
/// from a name, a missing name from a code, and to check that a row's code and name agree.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/model.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// One code of a classification, valid for a range of fiscal years.
struct CatalogEntry {
  Classification classification = Classification::none;  ///< which classification
  std::string code;                                      ///< "30108"
  std::string name;                                      ///< canonical name as published
  int valid_from = 0;                                    ///< first fiscal year (0 = open)
  int valid_to = 0;                                      ///< last fiscal year (0 = open)
  std::vector<std::string> variants;                     ///< other published names
  std::string confidence;                                ///< "high" / "medium"
  std::string note;  ///< why the row differs from the reference, if it does
  /// True when the entry is valid in `year` (0 = any year).
  bool valid_in(int year) const {
    return year == 0 ||
           ((valid_from == 0 || year >= valid_from) && (valid_to == 0 || year <= valid_to));
  }
};

/// One 一级/二级 indicator name of the 绩效指标 framework.
struct IndicatorClass {
  int level = 1;                      ///< 1 or 2
  std::string name;                   ///< canonical ("效益指标")
  std::string parent;                 ///< level-1 parent of a level-2 name
  std::vector<std::string> variants;  ///< other published names ("效果指标")
};

/// How a row's name compares with the catalog's name for its code.
enum class NameCheck {
  exact,         ///< the canonical name (after normalisation)
  variant,       ///< a known variant
  mismatch,      ///< the code exists but the name is another
  unknown_code,  ///< no such code for the year
};

/// The loaded catalogs. Names compare after normalize_label (blanks dropped, full-width folded).
class BUDCONV_API Catalog {
 public:
  /// Loads reference/*.tsv under `formats_dir`; a missing file is skipped, a bad one an Error
  /// naming the file and line.
  static Result<Catalog> load(const std::filesystem::path& formats_dir, Lang lang);
  /// Loads from the formats folder the program finds (find_formats_dir, source tree last).
  static Result<Catalog> load_default(Lang lang);
  /// Parses one code catalog TSV into `classification`; errors name `display_name` and the line.
  Status add_tsv(Classification classification, std::string_view tsv,
                 const std::string& display_name, Lang lang);
  /// Parses the indicator framework TSV.
  Status add_indicator_tsv(std::string_view tsv, const std::string& display_name, Lang lang);
  /// Adds one entry (tests, extensions).
  void add(CatalogEntry entry);

  /// The entry for `code` valid in `year` (0 = any), or nullptr.
  const CatalogEntry* find(Classification c, std::string_view code, int year) const;
  /// Entries whose name or variant matches `name` in `year`: none, one, or several
  /// (房屋建筑物购建).
  std::vector<const CatalogEntry*> find_by_name(Classification c, std::string_view name,
                                                int year) const;
  /// How `name` agrees with `code`.
  NameCheck check(Classification c, std::string_view code, std::string_view name, int year) const;
  /// Canonical indicator name for a published level-1/2 text, or "" when the framework lacks it.
  std::string indicator(int level, std::string_view text) const;
  /// Number of code entries.
  std::size_t size() const { return entries_.size(); }
  /// Indicator framework entries.
  const std::vector<IndicatorClass>& indicators() const { return indicators_; }

 private:
  std::vector<CatalogEntry> entries_;
  std::multimap<std::string, std::size_t> by_code_;  ///< "<class>|code" → entry
  std::multimap<std::string, std::size_t> by_name_;  ///< "<class>|normalised name" → entry
  std::vector<IndicatorClass> indicators_;
};

/// The catalog file of a classification ("function-classification.tsv"), "" for none.
BUDCONV_API const char* catalog_file_name(Classification c) noexcept;

/// Pipeline step: fills a missing code from the name (info CAT-FILL-001; an ambiguous name is an
/// error CAT-FILL-002 listing the codes; a parent row's code narrows the choice) and a missing
/// name from the code (info CAT-FILL-003), in every budget table row and its `alt`. Details
/// (level 4) are left alone: they carry their 项's code with an item name.
BUDCONV_API void fill_from_catalog(Submission& doc, const Catalog& catalog, Diagnostics& diags);

}  // namespace budconv
