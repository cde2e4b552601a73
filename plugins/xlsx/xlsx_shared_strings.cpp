// sharedStrings.xml streamed with expat: the table can be the largest part of a file, so it is
// never held as a DOM and every string and the whole table are capped while reading.
#include "budconv/safe_xml.hpp"
#include "xlsx_parts.hpp"

namespace budconv::xlsx {

namespace {

class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(const ReadLimits& limits, SharedStrings& out) : limits_(limits), out_(out) {}

  void start_element(std::string_view, std::string_view name, std::span<const XmlAttr>) override {
    if (name == "si") {
      in_si_ = true;
      buf_.clear();
    } else if (in_si_ && name == "rPh") {
      ++in_rph_;
    } else if (in_si_ && in_rph_ == 0 && name == "t") {
      in_t_ = true;
    }
  }

  void end_element(std::string_view, std::string_view name) override {
    if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh") {
      if (in_rph_ > 0) --in_rph_;
    } else if (name == "si" && in_si_) {
      in_si_ = false;
      finish_item();
    }
  }

  void text(std::string_view chars) override {
    if (!in_t_) return;
    // Four bytes per character is the most UTF-8 needs; stop a runaway string before it grows.
    if (buf_.size() + chars.size() > std::size_t{limits_.max_string_chars} * 4 + 64) {
      too_long();
      return;
    }
    buf_.append(chars);
  }

 private:
  void finish_item() {
    std::string s = decode_xstring(buf_);
    if (utf8_length(s) > limits_.max_string_chars) {
      too_long();
      return;
    }
    if (out_.size() >= limits_.max_shared_count) {
      const bool en = parser().english();
      parser().abort(make_error(
          ErrorCode::limit,
          parser().context() +
              (en ? ": more than " + std::to_string(limits_.max_shared_count) + " shared strings"
                  : ": 共享字符串超过 " + std::to_string(limits_.max_shared_count) + " 个")));
      return;
    }
    bytes_ += s.size();
    if (bytes_ > limits_.max_shared_bytes) {
      const bool en = parser().english();
      parser().abort(make_error(
          ErrorCode::limit,
          parser().context() + (en ? ": shared strings exceed " +
                                         std::to_string(limits_.max_shared_bytes >> 20) + " MiB"
                                   : ": 共享字符串总量超过 " +
                                         std::to_string(limits_.max_shared_bytes >> 20) + " MiB")));
      return;
    }
    out_.push_back(std::move(s));
  }

  void too_long() {
    const bool en = parser().english();
    const std::string idx = std::to_string(out_.size());
    parser().abort(make_error(
        ErrorCode::limit,
        parser().context() + (en ? ": shared string #" + idx + " is longer than " +
                                       std::to_string(limits_.max_string_chars) + " characters"
                                 : ": 共享字符串 #" + idx + " 超过 " +
                                       std::to_string(limits_.max_string_chars) + " 个字符")));
  }

  const ReadLimits& limits_;
  SharedStrings& out_;
  std::string buf_;
  std::uint64_t bytes_ = 0;
  bool in_si_ = false;
  bool in_t_ = false;
  int in_rph_ = 0;
};

}  // namespace

Status parse_shared_strings(SafeZip& zip, const std::string& part, const ReadLimits& limits,
                            Lang lang, SharedStrings& out) {
  SharedStringsHandler handler(limits, out);
  SafeXmlParser parser(handler, zip.display() + ": " + part, lang);
  if (Status st =
          zip.stream(part, [&](std::string_view chunk) { return parser.feed(chunk, false); });
      !st) {
    return st;
  }
  return parser.feed({}, true);
}

}  // namespace budconv::xlsx
