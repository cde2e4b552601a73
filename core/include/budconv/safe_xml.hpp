/// @file safe_xml.hpp
/// Streaming XML parsing (expat) for untrusted documents: any DOCTYPE or entity declaration is
/// refused (no billion-laughs expansion, no external entities), errors carry line and column,
/// and a handler can stop the parse with its own Error. Names arrive split into namespace URI
/// and local name, so prefixes ("x:c") and Strict OOXML namespaces need no special cases.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// One attribute of a start tag.
struct XmlAttr {
  std::string_view ns;     ///< namespace URI ("" for unprefixed attributes)
  std::string_view name;   ///< local name
  std::string_view value;  ///< value, entities already decoded
};

class SafeXmlParser;

/// Receives parse events. Callbacks must not throw; call parser().abort(error) to stop.
class BUDCONV_API XmlHandler {
 public:
  /// Virtual: handlers are used through this base.
  virtual ~XmlHandler();
  /// A start tag with its attributes.
  virtual void start_element(std::string_view ns, std::string_view name,
                             std::span<const XmlAttr> attrs) = 0;
  /// An end tag.
  virtual void end_element(std::string_view ns, std::string_view name) = 0;
  /// Character data; may arrive in several pieces for one text node.
  virtual void text(std::string_view chars) { (void)chars; }

  /// The parser driving this handler (valid during callbacks).
  SafeXmlParser& parser() { return *parser_; }

 private:
  friend class SafeXmlParser;
  SafeXmlParser* parser_ = nullptr;
};

/// An expat parser bound to one handler and one document. Not copyable.
class BUDCONV_API SafeXmlParser {
 public:
  /// `context` prefixes every message ("a.xlsx: xl/worksheets/sheet1.xml").
  SafeXmlParser(XmlHandler& handler, std::string context, Lang lang);
  /// Frees the expat parser.
  ~SafeXmlParser();
  /// Not copyable: expat holds a pointer back to this object.
  SafeXmlParser(const SafeXmlParser&) = delete;
  /// Not copyable: expat holds a pointer back to this object.
  SafeXmlParser& operator=(const SafeXmlParser&) = delete;

  /// Parses the next chunk; `last` marks the end of the document.
  Status feed(std::string_view chunk, bool last);
  /// Stops the parse from inside a callback; feed() then returns `error`.
  void abort(Error error);
  /// Current line (1-based) of the event being handled.
  std::uint64_t line() const;
  /// Current column (1-based) of the event being handled.
  std::uint64_t column() const;
  /// The context string given at construction.
  const std::string& context() const { return context_; }
  /// True for English messages.
  bool english() const { return en_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string context_;
  bool en_ = false;
};

/// Parses a whole document held in memory.
BUDCONV_API Status parse_xml(std::string_view document, XmlHandler& handler,
                             const std::string& context, Lang lang);

}  // namespace budconv
