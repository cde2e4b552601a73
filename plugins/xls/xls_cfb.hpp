/// @file xls_cfb.hpp
/// The Compound File Binary container (OLE2) that holds a BIFF5/BIFF8 workbook: just enough to
/// find and read one stream safely from bytes in memory, and to write a fresh container that
/// holds one stream (the private copy handed to FreeXL after a patch).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace budconv::xls {

/// The eight signature bytes every compound file starts with.
inline constexpr std::string_view kCfbMagic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};

/// True when `bytes` starts with the compound-file signature.
bool has_cfb_magic(std::string_view bytes) noexcept;

/// One directory entry of a compound file.
struct CfbEntry {
  std::string name;         ///< entry name, UTF-16 reduced to ASCII ('?' for other characters)
  std::uint8_t type = 0;    ///< 1 storage, 2 stream, 5 root
  std::uint32_t start = 0;  ///< first sector (or mini sector)
  std::uint64_t size = 0;   ///< stream size in bytes
  std::uint32_t index = 0;  ///< position in the directory
};

/// Why a compound file could not be read.
enum class CfbProblem {
  none,
  truncated,  ///< a sector or chain points past the end of the data
  malformed,  ///< bad header, sector size, loop in a chain, impossible sizes
};

/// A parsed compound file over caller-owned bytes (the bytes must outlive it).
class CfbFile {
 public:
  /// Parses header, FAT, mini FAT and directory; `problem()` tells why it failed.
  explicit CfbFile(std::string_view bytes);
  /// none when the container was parsed.
  CfbProblem problem() const { return problem_; }
  /// Directory entries in directory order.
  const std::vector<CfbEntry>& entries() const { return entries_; }
  /// The first stream whose name equals `name` ignoring ASCII case, or nullptr.
  const CfbEntry* find_stream(std::string_view name) const;
  /// Sector size in bytes (512 or 4096).
  std::uint32_t sector_size() const { return sector_size_; }
  /// Contents of a stream entry; nullopt (and problem set) when its chain is broken.
  std::optional<std::string> read_stream(const CfbEntry& entry, CfbProblem& problem) const;

 private:
  std::optional<std::vector<std::uint32_t>> chain(std::uint32_t start,
                                                  const std::vector<std::uint32_t>& table,
                                                  std::uint64_t max_len, CfbProblem& problem) const;
  std::string_view sector(std::uint32_t id) const;

  std::string_view bytes_;
  CfbProblem problem_ = CfbProblem::none;
  std::uint32_t sector_size_ = 512;
  std::uint32_t mini_cutoff_ = 4096;
  std::vector<std::uint32_t> fat_;
  std::vector<std::uint32_t> mini_fat_;
  std::string mini_stream_;
  std::vector<CfbEntry> entries_;
};

/// Builds a version-3 compound file (512-byte sectors) holding one stream named `name`
/// (ASCII) with `data`; small streams go to the mini stream as the format requires.
std::string build_single_stream_cfb(std::string_view name, std::string_view data);

}  // namespace budconv::xls
