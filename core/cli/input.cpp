// Format detection and reading, shared by inspect and convert.
#include "input.hpp"

#include <system_error>

namespace budconv::cli {

Result<Loaded> read_input(const Registry& reg, const std::filesystem::path& path,
                          const std::string& from, const Options& options) {
  const bool en = options.english();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return make_error(ErrorCode::io, path.string() + (en ? ": is a directory, expected a file"
                                                         : "：这是一个目录，应为文件"));
  }
  if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 &&
      !ec) {
    return make_error(ErrorCode::format,
                      path.string() + (en ? ": the file is empty" : "：文件为空"));
  }
  auto choice = from.empty() ? reg.detect_input(path, options.lang) : reg.find(from, options.lang);
  if (!choice) return choice.error();
  Loaded out;
  out.kind = choice.value().kind;
  out.format_id = choice.value().id;
  Status st;
  if (out.kind == FormatKind::container) {
    st = choice.value().container->read(path, options, out.book);
  } else {
    st = choice.value().document->read(path, options, out.doc);
    if (st.ok()) out.doc.source_file = path.string();
  }
  if (!st.ok()) return st.error();
  return out;
}

}  // namespace budconv::cli
