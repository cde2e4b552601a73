/// @file dump.cpp
/// Deterministic text dumps for golden files. Every field of the model is written, empty or
/// not, so that a golden diff shows any field a reader or writer lost.
#include "budconv/dump.hpp"

#include <charconv>
#include <cstdio>

namespace budconv {

namespace {

/// Quoted, with control characters, quotes and backslashes escaped (one line per field).
std::string q(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

/// Shortest text that reads back as the same double.
std::string num(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

const char* yes_no(bool b) {
  return b ? "yes" : "no";
}

std::string dec(const std::optional<Decimal>& d) {
  return d ? d->to_string() : "none";
}

/// An amount in its published unit, and in 元 when that differs.
std::string money(const std::optional<Money>& m, AmountUnit unit) {
  if (!m) return "blank";
  std::string s = format_amount(*m, unit) + " " + amount_unit_label(unit);
  if (unit != AmountUnit::yuan) s += " = " + format_amount(*m, AmountUnit::yuan) + " 元";
  return s;
}

std::string source(const SourceRef& s) {
  return "sheet=" + q(s.sheet) + " cell=" + q(s.cell);
}

const char* column_type_id(ColumnType t) {
  switch (t) {
    case ColumnType::money:
      return "money";
    case ColumnType::quantity:
      return "quantity";
    case ColumnType::text:
      return "text";
  }
  return "money";
}

std::string side(Side s) {
  return *side_id(s) ? side_id(s) : "none";
}

/// Builds the indented dump line by line.
class Writer {
 public:
  /// Writes one line at the current depth.
  void line(const std::string& s) {
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
    out_ += s;
    out_ += '\n';
  }
  /// `key: value` at the current depth.
  void field(const std::string& key, const std::string& value) { line(key + ": " + value); }
  /// Runs `body` one level deeper.
  template <class F>
  void nested(F&& body) {
    ++depth_;
    body();
    --depth_;
  }
  /// The text so far.
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  int depth_ = 0;
};

void dump_extras(Writer& w, const std::vector<Extra>& extras) {
  w.field("extras", std::to_string(extras.size()));
  w.nested([&] {
    for (const Extra& e : extras) {
      w.line("extra key=" + q(e.key) + " value=" + q(e.value) + " " + source(e.source));
    }
  });
}

void dump_row(Writer& w, const BudgetRow& r, AmountUnit unit, const std::string& tag) {
  w.line(tag + " level=" + std::to_string(r.level) +
         " class=" + classification_id(r.classification) + " code=" + q(r.code) +
         " name=" + q(r.name) + " label=" + q(r.label) + " side=" + side(r.side) +
         " total=" + yes_no(r.is_total) + " " + source(r.source));
  w.nested([&] {
    if (r.alt) {
      w.line("alt class=" + std::string(classification_id(r.alt->classification)) +
             " code=" + q(r.alt->code) + " name=" + q(r.alt->name));
    } else {
      w.line("alt none");
    }
    for (const auto& [col, m] : r.amounts) w.line("amount " + q(col) + " = " + money(m, unit));
    for (const auto& [col, t] : r.texts) w.line("text " + q(col) + " = " + q(t));
    for (std::size_t i = 0; i < r.details.size(); ++i) {
      dump_row(w, r.details[i], unit, "detail[" + std::to_string(i) + "]");
    }
  });
}

void dump_table(Writer& w, const BudgetTable& t, std::size_t index) {
  w.line("budget_table[" + std::to_string(index) + "]");
  w.nested([&] {
    w.field("kind", q(t.kind));
    w.field("title", q(t.title));
    w.field("scope", q(t.scope));
    w.field("agency_code", q(t.agency_code));
    w.field("agency_name", q(t.agency_name));
    w.field("unit", std::string(amount_unit_label(t.unit)) + " (" + amount_unit_id(t.unit) + ")");
    w.field("source", source(t.source));
    w.field("columns", std::to_string(t.columns.size()));
    w.nested([&] {
      for (const TableColumn& c : t.columns) {
        w.line("column id=" + q(c.id) + " label=" + q(c.label) + " type=" + column_type_id(c.type) +
               " side=" + side(c.side));
      }
    });
    w.field("rows", std::to_string(t.rows.size()));
    w.nested([&] {
      for (std::size_t i = 0; i < t.rows.size(); ++i) {
        dump_row(w, t.rows[i], t.unit, "row[" + std::to_string(i) + "]");
      }
    });
    w.field("notes", std::to_string(t.notes.size()));
    w.nested([&] {
      for (const std::string& n : t.notes) w.line("note " + q(n));
    });
    dump_extras(w, t.extras);
  });
}

void dump_indicator(Writer& w, const Indicator& ind, std::size_t index) {
  w.line("indicator[" + std::to_string(index) + "] period=" + period_id(ind.period) +
         " group=" + std::to_string(ind.group) + " " + source(ind.source));
  w.nested([&] {
    w.field("level1", q(ind.level1) + " published=" + q(ind.level1_text));
    w.field("level2", q(ind.level2) + " published=" + q(ind.level2_text));
    w.field("name", q(ind.name));
    w.field("description", q(ind.description));
    const Target& t = ind.target;
    w.field("target", q(t.text) + " comparator=" + comparator_id(t.comparator) + " value=" +
                          dec(t.value) + " value2=" + dec(t.value2) + " unit=" + q(t.unit));
    w.field("weight", dec(ind.weight));
    w.field("direction", q(ind.direction));
    w.field("basis", q(ind.basis));
  });
}

void dump_goal(Writer& w, const PerformanceGoal& g, std::size_t index) {
  w.line("goal[" + std::to_string(index) + "]");
  w.nested([&] {
    w.field("kind", q(g.kind));
    w.field("code", q(g.code));
    w.field("name", q(g.name));
    w.field("title", q(g.title));
    w.field("department", q(g.department));
    w.field("unit_name", q(g.unit_name));
    w.field("amount_unit", std::string(amount_unit_label(g.amount_unit)) + " (" +
                               amount_unit_id(g.amount_unit) + ")");
    w.field("source", source(g.source));
    w.field("budgets", std::to_string(g.budgets.size()));
    w.nested([&] {
      for (const GoalBudget& b : g.budgets) {
        w.line(std::string("budget period=") + period_id(b.period));
        w.nested([&] {
          w.field("total", money(b.total, g.amount_unit));
          w.field("fiscal", money(b.fiscal, g.amount_unit));
          w.field("other", money(b.other, g.amount_unit));
        });
      }
    });
    w.field("purpose", q(g.purpose));
    w.field("spending_plan", std::to_string(g.spending_plan.size()));
    w.nested([&] {
      for (const Milestone& m : g.spending_plan) {
        w.line("milestone label=" + q(m.label) + " percent=" + dec(m.percent));
      }
    });
    w.field("objectives", std::to_string(g.objectives.size()));
    w.nested([&] {
      for (const Objective& o : g.objectives) {
        w.line(std::string("objective period=") + period_id(o.period) + " text=" + q(o.text));
      }
    });
    w.field("indicators", std::to_string(g.indicators.size()));
    w.nested([&] {
      for (std::size_t i = 0; i < g.indicators.size(); ++i) dump_indicator(w, g.indicators[i], i);
    });
    dump_extras(w, g.extras);
  });
}

void dump_evaluation(Writer& w, const Evaluation& e, std::size_t index) {
  w.line("evaluation[" + std::to_string(index) + "]");
  w.nested([&] {
    w.field("title", q(e.title));
    w.field("year", std::to_string(e.year));
    w.field("score", dec(e.score));
    w.field("grade", q(e.grade));
    w.field("unit", std::string(amount_unit_label(e.unit)) + " (" + amount_unit_id(e.unit) + ")");
    w.field("figures", std::to_string(e.figures.size()));
    w.nested([&] {
      for (const auto& [id, m] : e.figures) w.line("figure " + q(id) + " = " + money(m, e.unit));
    });
    w.field("findings", std::to_string(e.findings.size()));
    w.nested([&] {
      for (const std::string& f : e.findings) w.line("finding " + q(f));
    });
    dump_extras(w, e.extras);
  });
}

/// A cell carries nothing when every field still has its default value.
bool is_default(const Cell& c) {
  return c == Cell{};
}

}  // namespace

std::string dump_workbook(const Workbook& book) {
  std::string out = "workbook date1904=" + std::string(yes_no(book.date1904)) +
                    " sheets=" + std::to_string(book.sheets.size()) + "\n";
  for (const Sheet& s : book.sheets) {
    const std::string quoted = q(s.name);
    const std::string tag = "[" + quoted.substr(1, quoted.size() - 2) + "] ";
    const CellPos ext = s.extent();
    out += "sheet " + q(s.name) + " hidden=" + yes_no(s.hidden) +
           " frozen_rows=" + std::to_string(s.frozen_rows) +
           " cells=" + std::to_string(s.cell_count()) +
           " extent=" + (ext.row == 0 ? std::string("none") : a1(ext.row - 1, ext.col - 1)) + "\n";
    for (const auto& [col, width] : s.column_widths) {
      out += tag + "width " + column_letters(col) + " " + num(width) + "\n";
    }
    for (const auto& [row, height] : s.row_heights) {
      out += tag + "height " + std::to_string(row + 1) + " " + num(height) + "\n";
    }
    for (const MergedRange& m : s.merges) out += tag + "merge " + m.to_string() + "\n";
    for (const auto& [r, cells] : s.rows) {
      for (const auto& [c, cell] : cells) {
        if (is_default(cell)) continue;
        std::string line = tag + a1(r, c) + " " + cell_type_id(cell.type) + " " + q(cell.text);
        if (cell.type == CellType::number || cell.type == CellType::date || cell.number != 0.0) {
          line += " value=" + num(cell.number);
        }
        if (!cell.number_format.empty()) line += " fmt=" + q(cell.number_format);
        if (!cell.formula.empty()) line += " formula=" + q(cell.formula);
        if (cell.bold) line += " bold";
        if (cell.border) line += " border";
        if (cell.halign != HAlign::general) line += std::string(" align=") + halign_id(cell.halign);
        if (cell.valign != VAlign::bottom) line += std::string(" valign=") + valign_id(cell.valign);
        if (cell.wrap) line += " wrap";
        out += line + "\n";
      }
    }
  }
  return out;
}

std::string dump_submission(const Submission& doc) {
  Writer w;
  w.line("submission");
  w.nested([&] {
    w.field("agency_code", q(doc.agency_code));
    w.field("agency_name", q(doc.agency_name));
    w.field("fiscal_year", std::to_string(doc.fiscal_year));
    w.field("kind", q(doc.kind));
    w.field("region", q(doc.region));
    w.field("template_id", q(doc.template_id));
    w.field("source_file", q(doc.source_file));
    dump_extras(w, doc.extras);
    w.field("budget_tables", std::to_string(doc.budget_tables.size()));
    w.nested([&] {
      for (std::size_t i = 0; i < doc.budget_tables.size(); ++i)
        dump_table(w, doc.budget_tables[i], i);
    });
    w.field("goals", std::to_string(doc.goals.size()));
    w.nested([&] {
      for (std::size_t i = 0; i < doc.goals.size(); ++i) dump_goal(w, doc.goals[i], i);
    });
    w.field("evaluations", std::to_string(doc.evaluations.size()));
    w.nested([&] {
      for (std::size_t i = 0; i < doc.evaluations.size(); ++i)
        dump_evaluation(w, doc.evaluations[i], i);
    });
  });
  return w.take();
}

}  // namespace budconv
