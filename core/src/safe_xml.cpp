// The expat wrapper behind every streaming XML parse. Refusing DOCTYPE outright is simpler and
// safer than tuning entity-expansion limits: no spreadsheet part needs a DTD.
#include "budconv/safe_xml.hpp"

#include <expat.h>

#include <algorithm>
#include <climits>
#include <new>
#include <vector>

namespace budconv {

namespace {

constexpr char kNsSep = ' ';

struct Name {
  std::string_view ns;
  std::string_view local;
};

Name split(const XML_Char* raw) {
  std::string_view s(raw);
  auto pos = s.rfind(kNsSep);
  if (pos == std::string_view::npos) return {{}, s};
  return {s.substr(0, pos), s.substr(pos + 1)};
}

}  // namespace

XmlHandler::~XmlHandler() = default;

struct SafeXmlParser::Impl {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  SafeXmlParser* self = nullptr;
  std::optional<Error> error;
  std::vector<XmlAttr> attrs;

  ~Impl() {
    if (parser) XML_ParserFree(parser);
  }

  // Callbacks run inside C code: nothing may propagate out of them.
  template <class F>
  void guarded(F&& f) noexcept {
    if (error) return;
    try {
      f();
    } catch (const std::bad_alloc&) {
      self->abort(
          make_error(ErrorCode::limit,
                     self->context() + (self->english() ? ": out of memory" : ": 内存不足")));
    } catch (const std::exception& e) {
      self->abort(make_error(ErrorCode::internal, self->context() + ": " + e.what()));
    } catch (...) {
      self->abort(make_error(ErrorCode::internal, self->context() + ": unknown error"));
    }
  }

  static void on_start(void* ud, const XML_Char* name, const XML_Char** atts) {
    auto* im = static_cast<Impl*>(ud);
    im->guarded([&] {
      im->attrs.clear();
      for (const XML_Char** a = atts; a && a[0]; a += 2) {
        Name n = split(a[0]);
        im->attrs.push_back(XmlAttr{n.ns, n.local, std::string_view(a[1])});
      }
      Name n = split(name);
      im->handler->start_element(n.ns, n.local, im->attrs);
    });
  }

  static void on_end(void* ud, const XML_Char* name) {
    auto* im = static_cast<Impl*>(ud);
    im->guarded([&] {
      Name n = split(name);
      im->handler->end_element(n.ns, n.local);
    });
  }

  static void on_text(void* ud, const XML_Char* s, int len) {
    auto* im = static_cast<Impl*>(ud);
    im->guarded([&] { im->handler->text(std::string_view(s, static_cast<std::size_t>(len))); });
  }

  static void on_doctype(void* ud, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* im = static_cast<Impl*>(ud);
    im->refuse_dtd();
  }

  static void on_entity(void* ud, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                        const XML_Char*, const XML_Char*, const XML_Char*) {
    auto* im = static_cast<Impl*>(ud);
    im->refuse_dtd();
  }

  void refuse_dtd() noexcept {
    if (error) return;
    try {
      const bool en = self->english();
      self->abort(make_error(
          ErrorCode::limit,
          self->context() +
              (en ? ": line " + std::to_string(self->line()) +
                        ": DOCTYPE/entity declarations are not allowed (possible XML bomb)"
                  : ": 第 " + std::to_string(self->line()) +
                        " 行: 不允许 DOCTYPE/实体声明（疑似 XML 炸弹）")));
    } catch (...) {
      error = Error{ErrorCode::limit, "DOCTYPE"};
      XML_StopParser(parser, XML_FALSE);
    }
  }
};

SafeXmlParser::SafeXmlParser(XmlHandler& handler, std::string context, Lang lang)
    : impl_(std::make_unique<Impl>()), context_(std::move(context)), en_(lang == Lang::en) {
  impl_->handler = &handler;
  impl_->self = this;
  handler.parser_ = this;
  impl_->parser = XML_ParserCreateNS(nullptr, kNsSep);
  if (!impl_->parser) throw std::bad_alloc();
  XML_SetUserData(impl_->parser, impl_.get());
  XML_SetElementHandler(impl_->parser, &Impl::on_start, &Impl::on_end);
  XML_SetCharacterDataHandler(impl_->parser, &Impl::on_text);
  XML_SetStartDoctypeDeclHandler(impl_->parser, &Impl::on_doctype);
  XML_SetEntityDeclHandler(impl_->parser, &Impl::on_entity);
  XML_SetParamEntityParsing(impl_->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

SafeXmlParser::~SafeXmlParser() = default;

void SafeXmlParser::abort(Error error) {
  if (impl_->error) return;
  impl_->error = std::move(error);
  XML_StopParser(impl_->parser, XML_FALSE);
}

std::uint64_t SafeXmlParser::line() const {
  return static_cast<std::uint64_t>(XML_GetCurrentLineNumber(impl_->parser));
}

std::uint64_t SafeXmlParser::column() const {
  return static_cast<std::uint64_t>(XML_GetCurrentColumnNumber(impl_->parser)) + 1;
}

Status SafeXmlParser::feed(std::string_view chunk, bool last) {
  if (impl_->error) return *impl_->error;
  // XML_Parse takes an int length; feed oversized buffers in slices.
  constexpr std::size_t kSlice = 1u << 30;
  do {
    std::size_t n = std::min(chunk.size(), kSlice);
    const bool final_slice = last && n == chunk.size();
    XML_Status st = XML_Parse(impl_->parser, chunk.data(), static_cast<int>(n), final_slice);
    if (impl_->error) return *impl_->error;
    if (st != XML_STATUS_OK) {
      XML_Error code = XML_GetErrorCode(impl_->parser);
      const char* what = XML_ErrorString(code);
      std::string msg = en_ ? context_ + ": malformed XML at line " + std::to_string(line()) +
                                  ", column " + std::to_string(column()) + ": " +
                                  (what ? what : "error")
                            : context_ + ": XML 格式错误（第 " + std::to_string(line()) + " 行第 " +
                                  std::to_string(column()) + " 列）: " + (what ? what : "error");
      impl_->error = make_error(ErrorCode::format, std::move(msg));
      return *impl_->error;
    }
    chunk.remove_prefix(n);
  } while (!chunk.empty());
  return {};
}

Status parse_xml(std::string_view document, XmlHandler& handler, const std::string& context,
                 Lang lang) {
  SafeXmlParser parser(handler, context, lang);
  return parser.feed(document, true);
}

}  // namespace budconv
