// Compound File Binary (MS-CFB) reading from memory and single-stream writing.
// Every sector id, chain and size taken from the file is checked before use: chains are
// followed with a visited set (a FAT loop is an error, never a hang) and nothing is allocated
// from a size field without first checking it against the bytes we actually have.
#include "xls_cfb.hpp"

#include <algorithm>
#include <cstring>

#include "xls_bytes.hpp"

namespace budconv::xls {

namespace {

constexpr std::uint32_t kFreeSect = 0xFFFFFFFF;
constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::uint32_t kFatSect = 0xFFFFFFFD;
constexpr std::uint32_t kDifSect = 0xFFFFFFFC;
constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
constexpr std::uint32_t kHeaderSize = 512;
constexpr std::uint32_t kMiniSectorSize = 64;
constexpr std::size_t kDirEntrySize = 128;
constexpr std::size_t kHeaderDifatCount = 109;

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace

bool has_cfb_magic(std::string_view bytes) noexcept {
  return bytes.size() >= kCfbMagic.size() && bytes.substr(0, kCfbMagic.size()) == kCfbMagic;
}

std::string_view CfbFile::sector(std::uint32_t id) const {
  const std::uint64_t off = (static_cast<std::uint64_t>(id) + 1) * sector_size_;
  if (off >= bytes_.size()) return {};
  return bytes_.substr(static_cast<std::size_t>(off),
                       std::min<std::uint64_t>(sector_size_, bytes_.size() - off));
}

std::optional<std::vector<std::uint32_t>> CfbFile::chain(std::uint32_t start,
                                                         const std::vector<std::uint32_t>& table,
                                                         std::uint64_t max_len,
                                                         CfbProblem& problem) const {
  std::vector<std::uint32_t> ids;
  std::vector<bool> seen(table.size(), false);
  std::uint32_t id = start;
  while (id != kEndOfChain && ids.size() < max_len) {
    if (id >= table.size()) {
      // A chain that runs off the table usually means the file was cut short.
      problem = (id >= 0xFFFFFFFA) ? CfbProblem::malformed : CfbProblem::truncated;
      return std::nullopt;
    }
    if (seen[id]) {
      problem = CfbProblem::malformed;
      return std::nullopt;
    }
    seen[id] = true;
    ids.push_back(id);
    id = table[id];
  }
  return ids;
}

CfbFile::CfbFile(std::string_view bytes) : bytes_(bytes) {
  if (bytes.size() < kHeaderSize) {
    problem_ = has_cfb_magic(bytes) || bytes.size() < kCfbMagic.size() ? CfbProblem::truncated
                                                                       : CfbProblem::malformed;
    return;
  }
  if (!has_cfb_magic(bytes)) {
    problem_ = CfbProblem::malformed;
    return;
  }
  const std::uint16_t major = le16(bytes, 26);
  const std::uint16_t shift = le16(bytes, 30);
  const std::uint16_t mini_shift = le16(bytes, 32);
  if ((shift != 9 && shift != 12) || mini_shift != 6) {
    problem_ = CfbProblem::malformed;
    return;
  }
  sector_size_ = 1u << shift;
  const std::uint32_t fat_count = le32(bytes, 44);
  const std::uint32_t dir_start = le32(bytes, 48);
  mini_cutoff_ = le32(bytes, 56);
  const std::uint32_t mini_fat_start = le32(bytes, 60);
  const std::uint32_t mini_fat_count = le32(bytes, 64);
  std::uint32_t difat_next = le32(bytes, 68);
  const std::uint32_t difat_count = le32(bytes, 72);

  // A FAT sector can only describe sectors that exist, so its count is bounded by the file.
  const std::uint64_t sectors_in_file = (bytes.size() - 1) / sector_size_;
  if (fat_count == 0 || fat_count > sectors_in_file + 1) {
    problem_ = fat_count == 0 ? CfbProblem::malformed : CfbProblem::truncated;
    return;
  }

  std::vector<std::uint32_t> fat_sectors;
  for (std::size_t i = 0; i < kHeaderDifatCount && fat_sectors.size() < fat_count; ++i) {
    const std::uint32_t id = le32(bytes, 76 + 4 * i);
    if (id == kFreeSect || id == kEndOfChain) break;
    fat_sectors.push_back(id);
  }
  const std::uint32_t per_difat = sector_size_ / 4 - 1;
  std::vector<std::uint32_t> seen_difat;
  for (std::uint32_t n = 0; n < difat_count && fat_sectors.size() < fat_count; ++n) {
    if (difat_next == kEndOfChain || difat_next == kFreeSect) break;
    if (std::find(seen_difat.begin(), seen_difat.end(), difat_next) != seen_difat.end()) {
      problem_ = CfbProblem::malformed;
      return;
    }
    seen_difat.push_back(difat_next);
    const std::string_view s = sector(difat_next);
    if (s.size() < sector_size_) {
      problem_ = CfbProblem::truncated;
      return;
    }
    for (std::uint32_t i = 0; i < per_difat && fat_sectors.size() < fat_count; ++i) {
      const std::uint32_t id = le32(s, 4 * i);
      if (id != kFreeSect) fat_sectors.push_back(id);
    }
    difat_next = le32(s, 4 * per_difat);
  }
  fat_.reserve(fat_sectors.size() * (sector_size_ / 4));
  for (std::uint32_t id : fat_sectors) {
    const std::string_view s = sector(id);
    if (s.size() < sector_size_) {
      problem_ = CfbProblem::truncated;
      return;
    }
    for (std::uint32_t i = 0; i < sector_size_ / 4; ++i) fat_.push_back(le32(s, 4 * i));
  }

  auto dir = chain(dir_start, fat_, fat_.size(), problem_);
  if (!dir) return;
  std::uint32_t index = 0;
  for (std::uint32_t id : *dir) {
    const std::string_view s = sector(id);
    if (s.size() < sector_size_) {
      problem_ = CfbProblem::truncated;
      return;
    }
    for (std::size_t off = 0; off + kDirEntrySize <= s.size(); off += kDirEntrySize, ++index) {
      const std::string_view e = s.substr(off, kDirEntrySize);
      const std::uint8_t type = static_cast<std::uint8_t>(e[66]);
      if (type == 0) continue;
      CfbEntry entry;
      const std::uint16_t name_bytes = std::min<std::uint16_t>(le16(e, 64), 64);
      for (std::size_t i = 0; i + 1 < name_bytes; i += 2) {
        const std::uint16_t ch = le16(e, i);
        if (ch == 0) break;
        entry.name += ch < 0x80 ? static_cast<char>(ch) : '?';
      }
      entry.type = type;
      entry.start = le32(e, 116);
      // Version 3 files may leave garbage in the high half of the size (MS-CFB 2.6.3).
      entry.size = major == 3 ? le32(e, 120) : le64(e, 120);
      entry.index = index;
      entries_.push_back(std::move(entry));
    }
  }
  if (entries_.empty() || entries_.front().type != 5) {
    problem_ = CfbProblem::malformed;
    return;
  }

  // The mini FAT and mini stream are only needed for streams below the cutoff; a broken one
  // must not stop us from reading a large Workbook stream, so problems here are remembered
  // by leaving the tables empty.
  if (mini_fat_count > 0 && mini_fat_start != kEndOfChain) {
    CfbProblem ignored = CfbProblem::none;
    if (auto ids = chain(mini_fat_start, fat_, mini_fat_count, ignored)) {
      for (std::uint32_t id : *ids) {
        const std::string_view s = sector(id);
        if (s.size() < sector_size_) break;
        for (std::uint32_t i = 0; i < sector_size_ / 4; ++i) mini_fat_.push_back(le32(s, 4 * i));
      }
    }
    const CfbEntry& root = entries_.front();
    if (root.size > 0 && root.size <= bytes_.size()) {
      const std::uint64_t need = (root.size + sector_size_ - 1) / sector_size_;
      if (auto ids = chain(root.start, fat_, need, ignored)) {
        mini_stream_.reserve(static_cast<std::size_t>(root.size));
        for (std::uint32_t id : *ids) mini_stream_.append(sector(id));
        if (mini_stream_.size() > root.size)
          mini_stream_.resize(static_cast<std::size_t>(root.size));
      }
    }
  }
}

const CfbEntry* CfbFile::find_stream(std::string_view name) const {
  for (const CfbEntry& e : entries_)
    if (e.type == 2 && iequals(e.name, name)) return &e;
  return nullptr;
}

std::optional<std::string> CfbFile::read_stream(const CfbEntry& entry, CfbProblem& problem) const {
  std::string out;
  if (entry.size == 0) return out;
  if (entry.size < mini_cutoff_) {
    const std::uint64_t need = (entry.size + kMiniSectorSize - 1) / kMiniSectorSize;
    auto ids = chain(entry.start, mini_fat_, need, problem);
    if (!ids) return std::nullopt;
    out.reserve(static_cast<std::size_t>(entry.size));
    for (std::uint32_t id : *ids) {
      const std::uint64_t off = static_cast<std::uint64_t>(id) * kMiniSectorSize;
      if (off >= mini_stream_.size()) break;
      out.append(
          std::string_view(mini_stream_).substr(static_cast<std::size_t>(off), kMiniSectorSize));
    }
  } else {
    if (entry.size > bytes_.size()) {
      problem = CfbProblem::truncated;
      return std::nullopt;
    }
    const std::uint64_t need = (entry.size + sector_size_ - 1) / sector_size_;
    auto ids = chain(entry.start, fat_, need, problem);
    if (!ids) return std::nullopt;
    out.reserve(static_cast<std::size_t>(entry.size));
    for (std::uint32_t id : *ids) out.append(sector(id));
  }
  if (out.size() < entry.size) {
    problem = CfbProblem::truncated;
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(entry.size));
  return out;
}

namespace {

void put_name(std::string& entry, std::string_view name) {
  const std::size_t n = std::min<std::size_t>(name.size(), 31);
  for (std::size_t i = 0; i < n; ++i) put16(entry, 2 * i, static_cast<unsigned char>(name[i]));
  put16(entry, 64, static_cast<std::uint16_t>((n + 1) * 2));
}

std::string dir_entry(std::string_view name, std::uint8_t type, std::uint32_t child,
                      std::uint32_t start, std::uint32_t size) {
  std::string e(kDirEntrySize, '\0');
  put_name(e, name);
  e[66] = static_cast<char>(type);
  e[67] = 1;  // black: a one-node tree is trivially a valid red-black tree
  put32(e, 68, kNoStream);
  put32(e, 72, kNoStream);
  put32(e, 76, child);
  put32(e, 116, start);
  put32(e, 120, size);
  return e;
}

std::string empty_dir_entry() {
  std::string e(kDirEntrySize, '\0');
  put32(e, 68, kNoStream);
  put32(e, 72, kNoStream);
  put32(e, 76, kNoStream);
  return e;
}

std::uint32_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return static_cast<std::uint32_t>((a + b - 1) / b);
}

}  // namespace

std::string build_single_stream_cfb(std::string_view name, std::string_view data) {
  constexpr std::uint32_t ss = 512;
  constexpr std::uint32_t per_fat = ss / 4;
  const bool mini = data.size() < 4096;
  const std::uint32_t mini_sectors = mini ? ceil_div(data.size(), kMiniSectorSize) : 0;
  const std::uint32_t mini_fat_sectors =
      mini && mini_sectors > 0 ? ceil_div(mini_sectors, per_fat) : 0;
  const std::uint32_t payload_sectors =
      mini ? ceil_div(std::uint64_t{mini_sectors} * kMiniSectorSize, ss)
           : ceil_div(data.size(), ss);

  std::uint32_t fat_sectors = 1;
  std::uint32_t difat_sectors = 0;
  for (;;) {
    difat_sectors = fat_sectors > kHeaderDifatCount
                        ? ceil_div(fat_sectors - kHeaderDifatCount, per_fat - 1)
                        : 0;
    const std::uint64_t total =
        std::uint64_t{fat_sectors} + difat_sectors + 1 + mini_fat_sectors + payload_sectors;
    if (std::uint64_t{fat_sectors} * per_fat >= total) break;
    ++fat_sectors;
  }
  const std::uint32_t difat_start = fat_sectors;
  const std::uint32_t dir_sector = difat_start + difat_sectors;
  const std::uint32_t mini_fat_start = dir_sector + 1;
  const std::uint32_t payload_start = mini_fat_start + mini_fat_sectors;
  const std::uint32_t total = payload_start + payload_sectors;

  std::vector<std::uint32_t> fat(std::size_t{fat_sectors} * per_fat, kFreeSect);
  for (std::uint32_t i = 0; i < fat_sectors; ++i) fat[i] = kFatSect;
  for (std::uint32_t i = 0; i < difat_sectors; ++i) fat[difat_start + i] = kDifSect;
  fat[dir_sector] = kEndOfChain;
  auto link = [&fat](std::uint32_t first, std::uint32_t count) {
    for (std::uint32_t i = 0; i < count; ++i)
      fat[first + i] = (i + 1 < count) ? first + i + 1 : kEndOfChain;
  };
  link(mini_fat_start, mini_fat_sectors);
  link(payload_start, payload_sectors);

  std::string out(kHeaderSize + std::size_t{total} * ss, '\0');
  out.replace(0, kCfbMagic.size(), kCfbMagic);
  put16(out, 24, 0x003E);
  put16(out, 26, 3);
  put16(out, 28, 0xFFFE);
  put16(out, 30, 9);
  put16(out, 32, 6);
  put32(out, 44, fat_sectors);
  put32(out, 48, dir_sector);
  put32(out, 56, 4096);
  put32(out, 60, mini_fat_sectors ? mini_fat_start : kEndOfChain);
  put32(out, 64, mini_fat_sectors);
  put32(out, 68, difat_sectors ? difat_start : kEndOfChain);
  put32(out, 72, difat_sectors);
  for (std::size_t i = 0; i < kHeaderDifatCount; ++i)
    put32(out, 76 + 4 * i, i < fat_sectors ? static_cast<std::uint32_t>(i) : kFreeSect);

  auto sector_off = [](std::uint32_t id) { return kHeaderSize + std::size_t{id} * ss; };
  for (std::size_t i = 0; i < fat.size(); ++i) put32(out, sector_off(0) + 4 * i, fat[i]);
  for (std::uint32_t d = 0; d < difat_sectors; ++d) {
    const std::size_t base = sector_off(difat_start + d);
    for (std::uint32_t i = 0; i < per_fat - 1; ++i) {
      const std::uint64_t fat_index = kHeaderDifatCount + std::uint64_t{d} * (per_fat - 1) + i;
      put32(out, base + 4 * i,
            fat_index < fat_sectors ? static_cast<std::uint32_t>(fat_index) : kFreeSect);
    }
    put32(out, base + 4 * (per_fat - 1), d + 1 < difat_sectors ? difat_start + d + 1 : kEndOfChain);
  }

  const std::uint32_t payload_first = payload_sectors ? payload_start : kEndOfChain;
  std::string dir;
  if (mini) {
    dir += dir_entry("Root Entry", 5, 1, payload_first, mini_sectors * kMiniSectorSize);
    dir += dir_entry(name, 2, kNoStream, mini_sectors ? 0 : kEndOfChain,
                     static_cast<std::uint32_t>(data.size()));
    for (std::uint32_t i = 0; i < mini_sectors; ++i)
      put32(out, sector_off(mini_fat_start) + 4 * i, i + 1 < mini_sectors ? i + 1 : kEndOfChain);
    for (std::uint32_t i = mini_sectors; i < mini_fat_sectors * per_fat; ++i)
      put32(out, sector_off(mini_fat_start) + 4 * i, kFreeSect);
  } else {
    dir += dir_entry("Root Entry", 5, 1, kEndOfChain, 0);
    dir += dir_entry(name, 2, kNoStream, payload_first, static_cast<std::uint32_t>(data.size()));
  }
  dir += empty_dir_entry();
  dir += empty_dir_entry();
  out.replace(sector_off(dir_sector), dir.size(), dir);
  out.replace(sector_off(payload_start), data.size(), data);
  return out;
}

}  // namespace budconv::xls
