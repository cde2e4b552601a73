// Template write/read helpers shared by the template tests.
#include "template_io.hpp"

#include <catch2/catch.hpp>

namespace budconv::test {

Workbook write_ok(const TemplateFormat& t, const Submission& doc, Diagnostics* losses) {
  Workbook book;
  Diagnostics local;
  Status st = t.from_submission(doc, Options{}, book, losses ? *losses : local);
  if (!st) FAIL(st.error().message);
  return book;
}

Submission read_ok(const TemplateFormat& t, const Workbook& book, Diagnostics* diags) {
  Submission out;
  Diagnostics local;
  Status st = t.to_submission(book, Options{}, out, diags ? *diags : local);
  if (!st) FAIL(st.error().message);
  for (const auto& d : local.items()) {
    if (d.severity == Severity::error) FAIL(d.message_zh);
  }
  return out;
}

std::shared_ptr<TemplateFormat> template_by_id(
    const Result<std::vector<std::shared_ptr<TemplateFormat>>>& loaded, const std::string& id) {
  if (!loaded) FAIL(loaded.error().message);
  for (const auto& t : loaded.value()) {
    if (t->info().id == id) return t;
  }
  FAIL(id << " not loaded");
  return nullptr;
}

}  // namespace budconv::test
