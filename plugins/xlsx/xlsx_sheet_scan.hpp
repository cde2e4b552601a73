/// @file xlsx_sheet_scan.hpp
/// A strict hand-written tokenizer for worksheet XML, the fast path of the sheet parse. It drives
/// an XmlHandler with the same events SafeXmlParser (expat, namespace-aware) would give, for the
/// plain XML that spreadsheet writers produce: elements with any namespace prefix, attributes,
/// character data, the five predefined entities and character references. Anything else
/// (DOCTYPE, CDATA, comments, processing instructions, whitespace that attribute normalisation
/// would change, carriage returns, malformed markup, non-ASCII names, …) makes it give up, and
/// the caller parses the part again with expat, so results and messages never depend on which
/// path ran. Input arrives in chunks; only an unfinished token is carried between them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/safe_xml.hpp"

namespace budconv::xlsx {

/// Equality for short names and values: a byte loop, cheaper than a call to memcmp.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// What SheetScanner::feed found.
enum class ScanStatus {
  more,     ///< everything so far understood; feed the next chunk
  done,     ///< the document ended cleanly (after the last chunk)
  stopped,  ///< the handler failed; its own error stands
  bail,     ///< something the scanner does not handle: parse the part again with expat
};

/// Tokenizes one XML document for one handler. Not copyable (holds a reference to the handler).
class SheetScanner {
 public:
  /// `stopped` is read after every event: once true, the scan ends with ScanStatus::stopped.
  SheetScanner(XmlHandler& handler, const bool& stopped);
  /// Scans the next chunk; `last` marks the end of the document.
  ScanStatus feed(std::string_view chunk, bool last);

 private:
  enum class Step { ok, need_more, bail, stopped };
  enum class Phase { prolog, body, epilog };
  struct Open {  // an element whose end tag is still to come
    std::string qname;
    std::size_t ns_mark = 0;  // ns_used_ before this element's declarations
    std::size_t ns_index = 0;
    bool has_ns = false;
  };
  struct Binding {
    std::string prefix;
    std::string uri;
  };
  struct RawAttr {
    std::string_view qname;
    std::string_view value;    // decoded
    std::size_t colon = 0;     // offset of ':' in qname (0: unprefixed)
    bool declaration = false;  // xmlns or xmlns:p
  };
  static constexpr std::size_t kNeedMore = static_cast<std::size_t>(-1);
  static constexpr std::size_t kBad = static_cast<std::size_t>(-2);

  Step scan(std::string_view data, std::size_t& pos);
  Step start_of_document(std::string_view data, std::size_t& pos);
  Step start_tag(std::string_view data, std::size_t& pos);
  Step end_tag(std::string_view data, std::size_t& pos);
  Step text(std::string_view data, std::size_t& pos);
  // Character data from data[i] up to the `stop` byte ('<' for text, the quote for an attribute
  // value), checked and decoded into `out` (a view of data or of scratch). The index of the stop
  // byte, kNeedMore when the data ends first, or kBad for anything not handled.
  std::size_t chars(std::string_view data, std::size_t i, char stop, std::string& scratch,
                    std::string_view& out);
  bool lookup(std::string_view prefix, std::string_view& uri, std::size_t* index) const;

  XmlHandler& handler_;
  const bool& stopped_;
  std::string carry_;  // an unfinished token from the previous chunk
  Phase phase_ = Phase::prolog;
  bool started_ = false;  // BOM and XML declaration dealt with
  std::vector<Open> open_;
  std::size_t depth_ = 0;  // open_ entries in use (kept, not popped, so names keep capacity)
  std::vector<Binding> ns_;
  std::size_t ns_used_ = 0;
  std::vector<RawAttr> raw_;
  std::vector<XmlAttr> attrs_;
  std::vector<std::string> attr_scratch_;
  std::string text_scratch_;
};

}  // namespace budconv::xlsx
