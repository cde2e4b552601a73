/// @file xml_format.hpp
/// Internal declarations of the canonical XML plugin (formats/schema/submission-xml.md): the
/// document format around core's canonical XML text (budconv/submission_xml.hpp), its sniffing
/// and its file-size cap.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "budconv/model.hpp"
#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"
#include "budconv/submission_xml.hpp"

namespace budconv::xml {

/// Largest file the reader accepts. One agency's submission is well under 1 MiB; 64 MiB leaves
/// room for hundreds while keeping the DOM (see kMaxMarkup) bounded.
inline constexpr std::size_t kMaxFileBytes = std::size_t{64} << 20;

/// Serialises `doc` to canonical XML bytes: to_submission_xml under the plugin's older name.
inline Result<std::string> write_xml(const Submission& doc, Lang lang) {
  return to_submission_xml(doc, lang);
}

/// Parses canonical XML `bytes` into `out` (replaced only on success); `file` names the source in
/// messages: parse_submission_xml under the plugin's older name.
inline Status read_xml(std::string_view bytes, const std::string& file, Lang lang,
                       Submission& out) {
  Result<Submission> doc = parse_submission_xml(bytes, file, lang);
  if (!doc) return doc.error();
  out = std::move(doc).value();
  return {};
}

/// Content sniff: yes for a <submission> root in kNamespace, maybe for other XML named *.xml.
Sniff sniff_xml(std::span<const std::byte> head, std::string_view filename);

/// The canonical XML as a DocumentFormat.
class XmlDocumentFormat final : public DocumentFormat {
 public:
  /// Self-description: id "xml", extension "xml", read and write.
  FormatInfo info() const override;
  /// See sniff_xml.
  Sniff sniff(std::span<const std::byte> head, std::string_view filename) const override;

 protected:
  /// Bounded read of `path`, then parse_submission_xml.
  Status do_read(const std::filesystem::path& path, const Options& options,
                 Submission& out) override;
  /// to_submission_xml, then the bytes to exactly `path`.
  Status do_write(const Submission& doc, const std::filesystem::path& path,
                  const Options& options) override;
};

}  // namespace budconv::xml
