/// @file xls_test_support.hpp
/// Helpers for the xls tests: corpus paths, reading with options, editing the BIFF records of
/// a corpus file into a private test file, and a scoped TMPDIR to catch leftover temp files.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "budconv/options.hpp"
#include "budconv/result.hpp"
#include "budconv/workbook.hpp"
#include "test_support.hpp"
#include "xls_bytes.hpp"
#include "xls_cfb.hpp"
#include "xls_format.hpp"

namespace xls_test {

namespace fs = std::filesystem;

/// A file of the shared third-party corpus.
inline fs::path corpus(const std::string& rel) {
  return budconv::test::shared_dir() / "corpus" / rel;
}

/// Outcome of one read.
struct ReadResult {
  budconv::Status status;  ///< ok or the error
  budconv::Workbook book;  ///< what was read
  /// The sheet named `name`; fails the test when absent.
  const budconv::Sheet& sheet(const std::string& name) const {
    const budconv::Sheet* s = book.find_sheet(name);
    if (!s) throw std::runtime_error("no sheet " + name);
    return *s;
  }
};

/// Reads `path` with the xls format and the given options.
inline ReadResult read_xls(const fs::path& path, std::map<std::string, std::string> values = {},
                           budconv::Lang lang = budconv::Lang::zh,
                           budconv::xls::Limits limits = {}) {
  budconv::xls::XlsFormat format(limits);
  budconv::Options options;
  options.lang = lang;
  options.values = std::move(values);
  ReadResult r;
  r.status = format.read(path, options, r.book);
  return r;
}

/// The Workbook (or Book) stream of a compound file on disk.
inline std::string workbook_stream(const fs::path& path) {
  const std::string bytes = budconv::test::read_file(path);
  budconv::xls::CfbFile cfb(bytes);
  const budconv::xls::CfbEntry* e = cfb.find_stream("Workbook");
  if (!e) e = cfb.find_stream("Book");
  if (!e) throw std::runtime_error("no workbook stream in " + path.string());
  budconv::xls::CfbProblem problem = budconv::xls::CfbProblem::none;
  auto s = cfb.read_stream(*e, problem);
  if (!s) throw std::runtime_error("unreadable workbook stream in " + path.string());
  return *s;
}

/// One BIFF record header inside a stream.
struct Rec {
  std::uint16_t type = 0;  ///< record type
  std::size_t offset = 0;  ///< offset of the header
  std::uint16_t size = 0;  ///< body length
};

/// Every record of a BIFF stream, in order.
inline std::vector<Rec> records(const std::string& stream) {
  std::vector<Rec> out;
  for (std::size_t off = 0; off + 4 <= stream.size();) {
    Rec r{budconv::xls::le16(stream, off), off, budconv::xls::le16(stream, off + 2)};
    out.push_back(r);
    off += 4 + r.size;
  }
  return out;
}

/// Writes a one-stream compound file holding `stream` to `path`.
inline void write_workbook(const fs::path& path, const std::string& stream,
                           const std::string& name = "Workbook") {
  budconv::test::write_file(path, budconv::xls::build_single_stream_cfb(name, stream));
}

/// Points TMPDIR at a fresh folder for the object's life, so a test can see what the reader
/// leaves behind.
class ScopedTmpdir {
 public:
  ScopedTmpdir() : dir_("xls-tmpdir") {
    if (const char* old = std::getenv("TMPDIR")) old_ = old;
    ::setenv("TMPDIR", dir_.path().c_str(), 1);
  }
  ~ScopedTmpdir() {
    if (old_)
      ::setenv("TMPDIR", old_->c_str(), 1);
    else
      ::unsetenv("TMPDIR");
  }
  ScopedTmpdir(const ScopedTmpdir&) = delete;
  ScopedTmpdir& operator=(const ScopedTmpdir&) = delete;
  /// Number of entries left in the folder.
  std::size_t leftovers() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_.path())) ++n;
    return n;
  }

 private:
  budconv::test::TempDir dir_;
  std::optional<std::string> old_;
};

}  // namespace xls_test
