// The spreadsheetml ContainerFormat: identity, content sniffing, unit conversions, file access.
#include "spreadsheetml_format.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "budconv/file_io.hpp"

namespace budconv::spreadsheetml {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

/// A UTF-16 head reduced to its ASCII bytes, so the markup can be inspected.
std::string narrow_utf16(std::string_view h, bool little_endian) {
  std::string out;
  for (std::size_t i = 2; i + 1 < h.size(); i += 2) {
    const char lo = little_endian ? h[i] : h[i + 1];
    const char hi = little_endian ? h[i + 1] : h[i];
    out += hi == 0 ? lo : '?';
  }
  return out;
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return true;
}

/// Parses "HH:MM:SS[.fff]" at `pos` into a fraction of a day.
std::optional<double> parse_time(std::string_view s, std::size_t pos) {
  unsigned h = 0, mi = 0, se = 0;
  if (!read_digits(s, pos, 2, h) || pos + 2 >= s.size() || s[pos + 2] != ':' ||
      !read_digits(s, pos + 3, 2, mi)) {
    return std::nullopt;
  }
  std::size_t end = pos + 5;
  if (end < s.size() && s[end] == ':') {
    if (!read_digits(s, end + 1, 2, se)) return std::nullopt;
    end += 3;
  }
  double frac_sec = 0;
  if (end < s.size() && s[end] == '.') {
    double scale = 0.1;
    ++end;
    const std::size_t start = end;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') {
      frac_sec += (s[end] - '0') * scale;
      scale /= 10;
      ++end;
    }
    if (end == start) return std::nullopt;
  }
  if (end != s.size() || h > 23 || mi > 59 || se > 59) return std::nullopt;
  return (h * 3600.0 + mi * 60.0 + se + frac_sec) / 86400.0;
}

class SpreadsheetMLPlugin final : public Plugin {
 public:
  PluginInfo info() const override {
    return {"spreadsheetml", "Excel 2003 XML 表格", "1.0.0",
            "Excel 2003 XML Spreadsheet (SpreadsheetML), read and write; also .xls files that are "
            "SpreadsheetML inside"};
  }
  std::vector<std::shared_ptr<ContainerFormat>> containers() const override {
    return {std::make_shared<SpreadsheetMLFormat>()};
  }
};

}  // namespace

Sniff sniff_spreadsheetml(std::string_view head, std::string_view filename) {
  std::string narrowed;
  if (starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF")) {
    narrowed = narrow_utf16(head, head[0] == '\xFF');
    head = narrowed;
  } else if (starts_with(head, "\xEF\xBB\xBF")) {
    head.remove_prefix(3);
  }
  const std::string ext = lower_extension(filename);
  const bool our_ext = ext == "xml" || ext == "xls";
  std::size_t i = head.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || head[i] != '<') return Sniff::no;
  if (head.find("<?mso-application") != std::string_view::npos &&
      head.find("Excel.Sheet") != std::string_view::npos) {
    return Sniff::yes;
  }
  // Walk past the declaration, processing instructions, comments and a DOCTYPE to the root.
  while (i < head.size()) {
    i = head.find('<', i);
    if (i == std::string_view::npos) break;
    const std::string_view rest = head.substr(i);
    std::size_t skip_to = std::string_view::npos;
    if (starts_with(rest, "<?")) {
      skip_to = head.find("?>", i);
    } else if (starts_with(rest, "<!--")) {
      skip_to = head.find("-->", i);
    } else if (starts_with(rest, "<!")) {
      skip_to = head.find('>', i);
    } else {
      std::size_t e = i + 1;
      while (e < head.size() && head[e] != ' ' && head[e] != '>' && head[e] != '/' &&
             head[e] != '\t' && head[e] != '\r' && head[e] != '\n') {
        ++e;
      }
      std::string_view name = head.substr(i + 1, e - i - 1);
      if (const auto colon = name.find(':'); colon != std::string_view::npos) {
        name.remove_prefix(colon + 1);
      }
      if (name != "Workbook") return Sniff::no;  // <submission>, <html>, <worksheet> …
      if (head.find(kNsSpreadsheet) != std::string_view::npos) return Sniff::yes;
      // The namespace declaration may lie beyond the head only if the tag is not closed yet.
      return head.find('>', e) == std::string_view::npos && our_ext ? Sniff::maybe : Sniff::no;
    }
    if (skip_to == std::string_view::npos) break;
    i = skip_to + 1;
  }
  return our_ext ? Sniff::maybe : Sniff::no;
}

double points_to_chars(double points) {
  // Excel: pixels = points × 96/72; characters = (pixels − 5 px padding) / 7 px per digit.
  const double chars = (points * 4.0 / 3.0 - 5.0) / 7.0;
  if (!(chars > 0)) return 0;
  return std::round(chars * 100.0) / 100.0;
}

double chars_to_points(double chars) {
  if (!(chars > 0)) return 0;
  return (chars * 7.0 + 5.0) * 0.75;
}

std::optional<double> iso_to_excel_serial(std::string_view s) {
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    unsigned y = 0, m = 0, d = 0;
    if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) {
      return std::nullopt;
    }
    static constexpr unsigned kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kMonthDays[m - 1]) return std::nullopt;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) return std::nullopt;
    double frac = 0;
    if (s.size() > 10) {
      if (s[10] != 'T') return std::nullopt;
      auto t = parse_time(s, 11);
      if (!t) return std::nullopt;
      frac = *t;
    }
    const std::int64_t days = days_from_civil(y, m, d) - days_from_civil(1899, 12, 30);
    if (days < 1) return std::nullopt;
    // Serials before 1900-03-01 are one lower: Excel counts the phantom 1900-02-29.
    const std::int64_t serial = days < 61 ? days - 1 : days;
    return static_cast<double>(serial) + frac;
  }
  return parse_time(s, 0);
}

SpreadsheetMLFormat::SpreadsheetMLFormat(Limits limits) : limits_(limits) {}

FormatInfo SpreadsheetMLFormat::info() const {
  FormatInfo fi;
  fi.id = "spreadsheetml";
  fi.name = "Excel 2003 XML 表格 (SpreadsheetML)";
  fi.extensions = {"xml"};
  fi.can_read = true;
  fi.can_write = true;
  return fi;
}

Sniff SpreadsheetMLFormat::sniff(std::span<const std::byte> head, std::string_view filename) const {
  return sniff_spreadsheetml(
      std::string_view(reinterpret_cast<const char*>(head.data()), head.size()), filename);
}

Status SpreadsheetMLFormat::do_read(const std::filesystem::path& path, const Options& options,
                                    Workbook& out) {
  const std::string source = display_name(path, options);
  auto bytes = read_file_bounded(path, limits_.max_file_bytes, options.lang);
  if (!bytes) return bytes.error();
  return read_spreadsheetml(bytes.value(), limits_, source, options.lang, out);
}

Status SpreadsheetMLFormat::do_write(const Workbook& book, const std::filesystem::path& path,
                                     const Options& options) {
  const std::string source = display_name(path, options);
  auto text = write_spreadsheetml(book, source, options.lang);
  if (!text) return text.error();
  return write_bytes(path, text.value(), source, options.lang);
}

std::shared_ptr<Plugin> make_plugin() {
  return std::make_shared<SpreadsheetMLPlugin>();
}

}  // namespace budconv::spreadsheetml
