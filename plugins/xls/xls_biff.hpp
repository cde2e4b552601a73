/// @file xls_biff.hpp
/// Our own pass over the BIFF5/BIFF8 record stream, for what FreeXL does not tell us: FILEPASS
/// (encryption), the CODEPAGE record and where it sits, sheet kinds and visibility, declared
/// DIMENSIONS (FreeXL allocates a dense grid from them), MERGEDCELLS, cached formula results
/// and BOOLERR cells (FreeXL skips formulas and reports booleans and errors as integers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/workbook.hpp"

namespace budconv::xls {

/// BIFF record types used here.
enum BiffRecord : std::uint16_t {
  kFormula = 0x0006,
  kEof = 0x000A,
  kDateMode = 0x0022,
  kFilePass = 0x002F,
  kContinue = 0x003C,
  kCodePage = 0x0042,
  kBoundSheet = 0x0085,
  kMulRk = 0x00BD,
  kMulBlank = 0x00BE,
  kRString = 0x00D6,
  kMergedCells = 0x00E5,
  kLabelSst = 0x00FD,
  kBlank = 0x0201,
  kNumber = 0x0203,
  kLabel = 0x0204,
  kBoolErr = 0x0205,
  kString = 0x0207,
  kDimensions = 0x0200,
  kXf = 0x00E0,
  kFormat = 0x041E,
  kRk = 0x027E,
  kBof = 0x0809,
  kSst = 0x00FC,
};

/// A cell value found by the scan, to be laid over what FreeXL reports.
struct ScannedCell {
  std::uint32_t row = 0;  ///< zero-based
  std::uint32_t col = 0;  ///< zero-based
  Cell cell;              ///< number / text / boolean / error
};

/// A number cell's format code, for cells whose values FreeXL supplies.
struct ScannedFormat {
  std::uint32_t row = 0;   ///< zero-based
  std::uint32_t col = 0;   ///< zero-based
  std::uint32_t code = 0;  ///< index into BiffScan::format_codes
};

/// One BOUNDSHEET entry and what its substream holds.
struct BiffSheet {
  std::size_t boundsheet_offset = 0;  ///< stream offset of the BOUNDSHEET record header
  std::uint32_t bof_offset = 0;       ///< stream offset of the sheet's BOF
  std::uint8_t visibility = 0;        ///< 0 visible, 1 hidden, 2 very hidden
  std::uint8_t kind = 0;              ///< 0 worksheet, 1 macro sheet, 2 chart, 6 VB module
  bool substream_found = false;       ///< a BOF sits at bof_offset
  std::optional<std::size_t> dimensions_offset;  ///< stream offset of the DIMENSIONS record
  std::uint32_t declared_rows = 0;               ///< DIMENSIONS: last row + 1
  std::uint32_t declared_cols = 0;               ///< DIMENSIONS: last column + 1
  std::uint32_t used_rows = 0;                   ///< last row + 1 over all cell records
  std::uint32_t used_cols = 0;                   ///< last column + 1 over all cell records
  std::vector<MergedRange> merges;               ///< MERGEDCELLS ranges
  std::vector<ScannedCell> cells;                ///< cached formula results and BOOLERR values
  std::vector<ScannedFormat> formats;            ///< non-General formats of NUMBER/RK/MULRK cells
};

/// Result of the scan.
struct BiffScan {
  int version = 0;                             ///< 5 (BIFF5/7) or 8
  std::optional<std::uint16_t> codepage;       ///< CODEPAGE value, if the record exists
  std::optional<std::size_t> codepage_offset;  ///< stream offset of the CODEPAGE record header
  std::size_t globals_first_record = 0;        ///< offset just after the globals BOF
  std::optional<std::size_t> sst_offset;       ///< stream offset of the SST record header
  bool encrypted = false;                      ///< FILEPASS present
  bool date1904 = false;                       ///< DATEMODE = 1
  std::vector<BiffSheet> sheets;               ///< in BOUNDSHEET order (FreeXL's order)
  std::vector<std::string> format_codes;       ///< distinct non-General codes in use
};

/// Why a stream could not be scanned.
enum class BiffProblem {
  none,
  no_bof,       ///< the stream does not start with a BIFF5/BIFF8 BOF
  unsupported,  ///< a BOF of a version we do not read (BIFF2–4 inside a container)
  truncated,    ///< a record runs past the end of the stream
  oversized,    ///< a record longer than BIFF8's 8224-byte maximum (FreeXL's buffer)
};

/// Largest record body BIFF8 allows; FreeXL copies record bodies into a buffer of this size.
inline constexpr std::size_t kMaxRecordSize = 8224;

/// Scans a Workbook/Book stream. `codepage_override` decodes BIFF5 formula strings when set.
/// Every offset read from the stream is checked; the scan is linear in the stream size.
std::optional<BiffScan> scan_biff(std::string_view stream,
                                  std::optional<std::uint16_t> codepage_override,
                                  BiffProblem& problem);

/// FreeXL 1.0.6 rejects a workbook whose shared string table holds an empty string (it takes
/// it for a crafted file), though Excel, POI and NPOI write them. Returns the stream with each
/// empty SST string replaced by the one-character placeholder U+FEFF (dropped again when the
/// cells are read) and the sheet offsets moved accordingly; nullopt when there is no empty
/// string or the table cannot be patched safely.
std::optional<std::string> fill_empty_sst_strings(std::string_view stream, const BiffScan& scan);

/// The placeholder fill_empty_sst_strings puts in place of an empty string, as UTF-8.
inline constexpr std::string_view kEmptyStringPlaceholder{"\xEF\xBB\xBF"};

/// Rewrites, in place, each sheet's DIMENSIONS to the extent its cell records really use, so
/// that FreeXL (which allocates a dense grid of the declared size, and fails on cells outside
/// it) allocates exactly what is there. Returns true when anything changed.
bool shrink_dimensions(std::string& stream, const BiffScan& scan);

}  // namespace budconv::xls
