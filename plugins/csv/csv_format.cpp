// The csv and tsv ContainerFormats: identity, sniffing, options and file access.
#include "csv_format.hpp"

#include <algorithm>
#include <fstream>

#include "budconv/encoding.hpp"
#include "budconv/file_io.hpp"

namespace budconv::csv {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// Cuts UTF-8 `s` to at most `n` code points.
std::string cut_code_points(const std::string& s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) return s.substr(0, i);
      ++count;
    }
  }
  return s;
}

class CsvPlugin final : public Plugin {
 public:
  PluginInfo info() const override {
    return {"csv", "CSV/TSV 文本表格", "1.0.0",
            "Delimited text (RFC 4180) in UTF-8, UTF-8 BOM, GB18030/GBK or UTF-16"};
  }
  std::vector<std::shared_ptr<ContainerFormat>> containers() const override {
    return {std::make_shared<DelimitedFormat>(csv_dialect()),
            std::make_shared<DelimitedFormat>(tsv_dialect())};
  }
};

}  // namespace

Dialect csv_dialect() {
  return {"csv", "CSV 逗号分隔文本", {"csv"}, ','};
}

Dialect tsv_dialect() {
  return {"tsv", "TSV 制表符分隔文本", {"tsv", "tab"}, '\t'};
}

Result<char> delimiter_option(const Options& options, char fallback) {
  if (!options.has("delimiter")) return fallback;
  const std::string v = options.get("delimiter");
  if (v == "," || v == "comma") return ',';
  if (v == ";" || v == "semicolon") return ';';
  if (v == "|" || v == "pipe") return '|';
  if (v == "\t" || v == "\\t" || v == "tab" || v == "TAB") return '\t';
  return make_error(ErrorCode::usage,
                    options.english()
                        ? "option delimiter must be one of , ; | tab, not \"" + v + "\""
                        : "选项 delimiter 只能是 , ; | tab 之一，而不是“" + v + "”");
}

std::string sheet_name_for(const std::filesystem::path& path) {
  std::string stem = path.stem().string();
  if (!is_valid_utf8(stem)) {
    // A file name in GBK bytes (copied from an old Windows share).
    auto decoded = decode_to_utf8(stem, TextEncoding::gb18030, "", Lang::en, stem.size() * 3);
    stem = decoded ? decoded.value() : std::string();
  }
  for (char& c : stem) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  stem = cut_code_points(stem, 31);
  return stem.empty() ? "Sheet1" : stem;
}

DelimitedFormat::DelimitedFormat(Dialect dialect, Limits limits)
    : dialect_(std::move(dialect)), limits_(limits) {}

FormatInfo DelimitedFormat::info() const {
  FormatInfo fi;
  fi.id = dialect_.id;
  fi.name = dialect_.name;
  fi.extensions = dialect_.extensions;
  fi.can_read = true;
  fi.can_write = true;
  fi.option_keys = {"encoding", "delimiter", "sheet", "bom"};
  return fi;
}

Sniff DelimitedFormat::sniff(std::span<const std::byte> head, std::string_view filename) const {
  const std::string_view h(reinterpret_cast<const char*>(head.data()), head.size());
  // Containers and markup that other formats own.
  if (starts_with(h, "PK\x03\x04") || starts_with(h, "\xD0\xCF\x11\xE0")) return Sniff::no;
  std::string_view body = h;
  if (starts_with(body, "\xEF\xBB\xBF")) body.remove_prefix(3);
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '<') return Sniff::no;
  const bool utf16 = starts_with(h, "\xFF\xFE") || starts_with(h, "\xFE\xFF");
  if (!utf16 && h.find('\0') != std::string_view::npos) return Sniff::no;  // binary
  const std::string ext = lower_extension(filename);
  if (std::find(dialect_.extensions.begin(), dialect_.extensions.end(), ext) !=
      dialect_.extensions.end()) {
    return Sniff::maybe;
  }
  // Excel's "Unicode text" export: UTF-16LE with BOM, tab-separated, saved as .txt.
  if (dialect_.delimiter == '\t' && ext == "txt" && starts_with(h, "\xFF\xFE") &&
      h.find(std::string_view("\t\0", 2)) != std::string_view::npos) {
    return Sniff::maybe;
  }
  return Sniff::no;
}

Status DelimitedFormat::do_read(const std::filesystem::path& path, const Options& options,
                                Workbook& out) {
  const std::string source = display_name(path, options);
  auto bytes = read_file_bounded(path, limits_.max_file_bytes, options.lang);
  if (!bytes) return bytes.error();
  return read_delimited(bytes.value(), sheet_name_for(path), options, dialect_.delimiter, limits_,
                        source, out);
}

Status DelimitedFormat::do_write(const Workbook& book, const std::filesystem::path& path,
                                 const Options& options) {
  const std::string source = display_name(path, options);
  auto text = write_delimited(book, options, dialect_.delimiter, source);
  if (!text) return text.error();
  return write_bytes(path, text.value(), source, options.lang);
}

Result<std::unique_ptr<RowSink>> DelimitedFormat::do_open_rows(const std::filesystem::path& path,
                                                               const Options& options) {
  return open_delimited_rows(path, options, dialect_.delimiter);
}

std::shared_ptr<Plugin> make_plugin() {
  return std::make_shared<CsvPlugin>();
}

}  // namespace budconv::csv
