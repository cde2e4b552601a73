// Chinese and English labels of canonical ids (the ids are listed in
// formats/schema/submission-xml.md).
#include "budconv/vocabulary.hpp"

#include <array>

namespace budconv {

namespace {

struct Label {
  std::string_view id, zh, en;
};

std::string lookup(const Label* begin, const Label* end, std::string_view id, bool english) {
  for (const Label* l = begin; l != end; ++l) {
    if (l->id == id) return std::string(english ? l->en : l->zh);
  }
  return std::string(id);
}

constexpr std::array kSubmissionKinds{
    Label{"department-budget", "部门预算", "department budget"},
    Label{"unit-budget", "单位预算", "unit budget"},
    Label{"final-accounts", "决算", "final accounts"},
    Label{"performance-goals", "绩效目标", "performance goals"},
    Label{"self-evaluation", "绩效自评", "self-evaluation"},
};

constexpr std::array kTableKinds{
    Label{"income-expenditure-summary", "收支总表", "income and expenditure summary"},
    Label{"income", "收入总表", "income"},
    Label{"expenditure", "支出总表", "expenditure"},
    Label{"fiscal-summary", "财政拨款收支总表", "fiscal appropriation summary"},
    Label{"general-public-expenditure", "一般公共预算支出表", "general public budget expenditure"},
    Label{"general-public-basic", "一般公共预算基本支出表",
          "general public budget basic expenditure"},
    Label{"gov-fund-expenditure", "政府性基金预算支出表", "government fund expenditure"},
    Label{"state-capital-expenditure", "国有资本经营预算支出表", "state capital expenditure"},
    Label{"state-capital-summary", "国有资本经营预算收支表",
          "state capital income and expenditure"},
    Label{"three-public", "“三公”经费支出表", "\"three public\" expenditure"},
    Label{"procurement", "政府采购预算表", "government procurement"},
    Label{"fixed-assets", "固定资产占用表", "fixed assets"},
    Label{"operating-costs", "机关运行经费表", "operating costs"},
    Label{"economic-summary", "支出经济分类汇总表", "expenditure by economic class"},
};

constexpr std::array kGoalKinds{
    Label{"project", "项目", "project"},
    Label{"special-fund", "专项资金", "special fund"},
    Label{"department", "部门整体", "department-wide"},
};

constexpr std::array kScopes{
    Label{"department", "部门", "department"},
    Label{"unit", "单位", "unit"},
};

}  // namespace

std::string submission_kind_label(std::string_view id, bool english) {
  return lookup(kSubmissionKinds.begin(), kSubmissionKinds.end(), id, english);
}
std::string table_kind_label(std::string_view id, bool english) {
  return lookup(kTableKinds.begin(), kTableKinds.end(), id, english);
}
std::string goal_kind_label(std::string_view id, bool english) {
  return lookup(kGoalKinds.begin(), kGoalKinds.end(), id, english);
}
std::string scope_label(std::string_view id, bool english) {
  return lookup(kScopes.begin(), kScopes.end(), id, english);
}

}  // namespace budconv
