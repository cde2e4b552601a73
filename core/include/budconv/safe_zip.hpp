/// @file safe_zip.hpp
/// Reading zip containers (XLSX, ODS …) from untrusted files: caps on entry count, sizes and
/// compression ratio; entry names normalised ("xl\\workbook.xml" → "xl/workbook.xml");
/// encrypted entries and password-protected OOXML (a CFB file with "EncryptedPackage") refused.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/diagnostics.hpp"
#include "budconv/export.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// Safety caps for one zip container. Sizes are uncompressed bytes.
struct ZipLimits {
  std::uint64_t max_entries = 10'000;            ///< entries in the central directory
  std::uint64_t max_entry_bytes = 512ull << 20;  ///< one entry, uncompressed
  std::uint64_t max_total_bytes = 2ull << 30;    ///< all bytes decompressed from the file
  std::uint64_t max_ratio = 100;                 ///< uncompressed / compressed, per entry
  std::uint64_t ratio_grace_bytes = 1ull << 20;  ///< entries smaller than this skip the ratio cap
};

/// One entry of the central directory.
struct ZipEntry {
  std::string name;             ///< normalised name: '/' separators, no leading '/'
  std::uint64_t index = 0;      ///< libzip index
  std::uint64_t size = 0;       ///< declared uncompressed size
  std::uint64_t comp_size = 0;  ///< declared compressed size
};

/// A zip archive opened for bounded reading. Move-only.
class BUDCONV_API SafeZip {
 public:
  /// Opens `path`; `display` names the file in messages. Refuses password-protected OOXML,
  /// encrypted entries, non-zip files and archives over `limits.max_entries`.
  static Result<SafeZip> open(const std::filesystem::path& path, const std::string& display,
                              Lang lang, ZipLimits limits = {});
  /// Closes the archive.
  ~SafeZip();
  /// Move constructor.
  SafeZip(SafeZip&&) noexcept;
  /// Move assignment.
  SafeZip& operator=(SafeZip&&) noexcept;
  /// Not copyable: it owns the open archive.
  SafeZip(const SafeZip&) = delete;
  /// Not copyable: it owns the open archive.
  SafeZip& operator=(const SafeZip&) = delete;

  /// All entries in central-directory order (directories included).
  const std::vector<ZipEntry>& entries() const;
  /// The entry with normalised name `name` (ASCII case-insensitive, as OPC part names are), or
  /// nullptr.
  const ZipEntry* find(std::string_view name) const;
  /// Reads a whole entry; refuses entries over `max_bytes` or any cap.
  Result<std::string> read(std::string_view name, std::uint64_t max_bytes);
  /// Streams an entry in chunks to `sink`, stopping at the first failing chunk or cap.
  Status stream(std::string_view name, const std::function<Status(std::string_view)>& sink);
  /// The display name given to open().
  const std::string& display() const;

 private:
  struct Impl;
  explicit SafeZip(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Normalises a zip entry name: '\\' → '/', leading '/' and "./" removed.
BUDCONV_API std::string normalize_zip_name(std::string_view raw);

/// True when the file is a CFB/OLE2 compound file holding an "EncryptedPackage" stream — how
/// Excel saves a password-protected .xlsx. Reads at most the first 64 MiB.
BUDCONV_API bool is_encrypted_ooxml(const std::filesystem::path& path);

/// True when `head` starts with the CFB/OLE2 signature D0 CF 11 E0 A1 B1 1A E1.
BUDCONV_API bool has_cfb_signature(std::string_view head) noexcept;

}  // namespace budconv
