// Bounded zip reading for hostile files. libzip does the decoding; this layer decides what is
// too big, too compressed or encrypted before any byte reaches a parser.
#include "budconv/safe_zip.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <unordered_map>

namespace budconv {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kChunk = 64 * 1024;

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string mib(std::uint64_t bytes) {
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB";
}

Error encrypted_error(const std::string& display, bool en) {
  return make_error(
      ErrorCode::encrypted,
      display + (en ? ": the file is encrypted (password-protected); remove the "
                      "password in Excel/WPS and save it again"
                    : ": 文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码后另存再试"));
}

// libzip's error codes that mean "this is not a (complete) zip file".
bool is_damage(int ze) {
  return ze == ZIP_ER_NOZIP || ze == ZIP_ER_INCONS || ze == ZIP_ER_EOF || ze == ZIP_ER_CRC ||
         ze == ZIP_ER_ZLIB || ze == ZIP_ER_COMPRESSED_DATA || ze == ZIP_ER_SEEK ||
         ze == ZIP_ER_READ || ze == ZIP_ER_MULTIDISK;
}

std::string zip_reason(int ze, bool en) {
  switch (ze) {
    case ZIP_ER_NOZIP:
      return en ? "not a zip archive" : "不是 zip 压缩包";
    case ZIP_ER_INCONS:
    case ZIP_ER_EOF:
      return en ? "the zip archive is truncated or damaged" : "zip 压缩包不完整或已损坏";
    case ZIP_ER_CRC:
      return en ? "CRC check failed (damaged data)" : "CRC 校验失败（数据已损坏）";
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA:
      return en ? "compressed data is damaged" : "压缩数据已损坏";
    case ZIP_ER_COMPNOTSUPP:
      return en ? "unsupported compression method" : "不支持的压缩方式";
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
      return en ? "the entry is encrypted" : "条目已加密";
    case ZIP_ER_MULTIDISK:
      return en ? "multi-volume archives are not supported" : "不支持分卷压缩包";
    case ZIP_ER_MEMORY:
      return en ? "out of memory" : "内存不足";
    default: {
      zip_error_t err;
      zip_error_init_with_code(&err, ze);
      std::string s = zip_error_strerror(&err);
      zip_error_fini(&err);
      return s;
    }
  }
}

ErrorCode zip_code(int ze) {
  if (ze == ZIP_ER_OPEN || ze == ZIP_ER_READ || ze == ZIP_ER_SEEK) return ErrorCode::io;
  if (ze == ZIP_ER_ENCRNOTSUPP || ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD)
    return ErrorCode::encrypted;
  if (ze == ZIP_ER_COMPNOTSUPP || ze == ZIP_ER_MULTIDISK) return ErrorCode::unsupported;
  if (ze == ZIP_ER_MEMORY) return ErrorCode::limit;
  return ErrorCode::format;
}

struct ZipCloser {
  void operator()(zip_t* z) const noexcept {
    if (z) zip_discard(z);
  }
};
struct FileCloser {
  void operator()(zip_file_t* f) const noexcept {
    if (f) zip_fclose(f);
  }
};

}  // namespace

struct SafeZip::Impl {
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::string display;
  bool en = false;
  ZipLimits limits;
  std::vector<ZipEntry> entries;
  std::unordered_map<std::string, std::size_t> by_name;  // lower-case name → entries index
  std::uint64_t total_read = 0;

  std::string where(std::string_view entry) const { return display + ": " + std::string(entry); }

  Status check_declared(const ZipEntry& e) const {
    if (e.size > limits.max_entry_bytes) {
      return make_error(
          ErrorCode::limit,
          where(e.name) +
              (en ? ": entry expands to " + mib(e.size) + ", over the limit of " +
                        mib(limits.max_entry_bytes)
                  : ": 条目解压后 " + mib(e.size) + "，超过上限 " + mib(limits.max_entry_bytes)));
    }
    return {};
  }

  // Applied while decompressing too, because the declared sizes of a hostile file may lie.
  Status check_progress(const ZipEntry& e, std::uint64_t got, std::uint64_t cap) const {
    if (got > cap) {
      return make_error(ErrorCode::limit,
                        where(e.name) + (en ? ": entry is larger than the limit of " + mib(cap)
                                            : ": 条目超过大小上限 " + mib(cap)));
    }
    if (got > limits.ratio_grace_bytes && e.comp_size > 0 && got / e.comp_size > limits.max_ratio) {
      return make_error(
          ErrorCode::limit,
          where(e.name) +
              (en ? ": compression ratio over " + std::to_string(limits.max_ratio) +
                        ":1 (possible zip bomb)"
                  : ": 压缩比超过 " + std::to_string(limits.max_ratio) + ":1（疑似 zip 炸弹）"));
    }
    if (got > limits.ratio_grace_bytes && e.comp_size == 0) {
      return make_error(ErrorCode::limit,
                        where(e.name) + (en ? ": entry expands from nothing (possible zip bomb)"
                                            : ": 条目压缩大小为 0 却解出数据（疑似 zip 炸弹）"));
    }
    if (total_read + got > limits.max_total_bytes) {
      return make_error(
          ErrorCode::limit,
          display + (en ? ": archive expands to more than " + mib(limits.max_total_bytes)
                        : ": 压缩包解压总量超过上限 " + mib(limits.max_total_bytes)));
    }
    return {};
  }

  Status pump(std::string_view name, std::uint64_t cap,
              const std::function<Status(std::string_view)>& sink) {
    auto it = by_name.find(ascii_lower(name));
    if (it == by_name.end()) {
      return make_error(ErrorCode::format,
                        where(name) + (en ? ": part is missing" : ": 缺少该部件"));
    }
    const ZipEntry& e = entries[it->second];
    if (Status st = check_declared(e); !st) return st;
    if (Status st = check_progress(e, e.size, std::min(cap, limits.max_entry_bytes)); !st)
      return st;
    std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen_index(zip.get(), e.index, 0));
    if (!f) {
      zip_error_t* ze = zip_get_error(zip.get());
      int code = zip_error_code_zip(ze);
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        return encrypted_error(display, en);
      return make_error(zip_code(code), where(e.name) + ": " + zip_reason(code, en));
    }
    std::vector<char> buf(kChunk);
    std::uint64_t got = 0;
    for (;;) {
      zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
      if (n < 0) {
        int code = zip_error_code_zip(zip_file_get_error(f.get()));
        return make_error(is_damage(code) ? ErrorCode::format : zip_code(code),
                          where(e.name) + ": " + zip_reason(code, en));
      }
      if (n == 0) break;
      got += static_cast<std::uint64_t>(n);
      if (Status st = check_progress(e, got, std::min(cap, limits.max_entry_bytes)); !st) return st;
      if (Status st = sink(std::string_view(buf.data(), static_cast<std::size_t>(n))); !st) {
        total_read += got;
        return st;
      }
    }
    total_read += got;
    return {};
  }
};

SafeZip::SafeZip(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SafeZip::~SafeZip() = default;
SafeZip::SafeZip(SafeZip&&) noexcept = default;
SafeZip& SafeZip::operator=(SafeZip&&) noexcept = default;

std::string normalize_zip_name(std::string_view raw) {
  std::string s(raw);
  std::replace(s.begin(), s.end(), '\\', '/');
  std::size_t start = 0;
  for (;;) {
    if (s.compare(start, 1, "/") == 0) {
      ++start;
    } else if (s.compare(start, 2, "./") == 0) {
      start += 2;
    } else {
      break;
    }
  }
  return s.substr(start);
}

bool has_cfb_signature(std::string_view head) noexcept {
  static constexpr unsigned char kSig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  return head.size() >= 8 && std::memcmp(head.data(), kSig, 8) == 0;
}

bool is_encrypted_ooxml(const fs::path& path) {
  // A CFB directory entry is 128 bytes, aligned to 128 after the 512-byte header: a UTF-16LE
  // name padded with zeros, its byte length (with terminator) at 64 and object type at 66
  // (2 = stream). Matching the whole record, not just the name, keeps cell text that happens
  // to say "EncryptedPackage" from being mistaken for one.
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::array<char, 512> header{};
  f.read(header.data(), header.size());
  if (f.gcount() != 512 || !has_cfb_signature(std::string_view(header.data(), 8))) return false;
  static const std::u16string kName = u"EncryptedPackage";
  std::array<char, 128> want{};
  for (std::size_t i = 0; i < kName.size(); ++i) {
    want[2 * i] = static_cast<char>(kName[i] & 0xFF);
    want[2 * i + 1] = static_cast<char>(kName[i] >> 8);
  }
  const std::uint16_t name_len = static_cast<std::uint16_t>((kName.size() + 1) * 2);
  constexpr std::uint64_t kMaxScan = 64ull << 20;
  std::array<char, 128> rec{};
  for (std::uint64_t scanned = 0; scanned < kMaxScan; scanned += rec.size()) {
    f.read(rec.data(), rec.size());
    if (f.gcount() != static_cast<std::streamsize>(rec.size())) break;
    if (std::memcmp(rec.data(), want.data(), 64) != 0) continue;
    auto len = static_cast<std::uint16_t>(static_cast<unsigned char>(rec[64]) |
                                          (static_cast<unsigned char>(rec[65]) << 8));
    if (len == name_len && rec[66] == 2) return true;
  }
  return false;
}

Result<SafeZip> SafeZip::open(const fs::path& path, const std::string& display, Lang lang,
                              ZipLimits limits) {
  const bool en = lang == Lang::en;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return make_error(ErrorCode::io, display + (en ? ": no such file" : ": 文件不存在"));
  }
  if (!fs::is_regular_file(path, ec)) {
    return make_error(ErrorCode::io, display + (en ? ": not a regular file" : ": 不是普通文件"));
  }
  std::string head;
  {
    std::ifstream f(path, std::ios::binary);
    if (!f) return make_error(ErrorCode::io, display + (en ? ": cannot open" : ": 无法打开"));
    head.resize(8);
    f.read(head.data(), 8);
    head.resize(static_cast<std::size_t>(f.gcount()));
  }
  if (head.empty()) {
    return make_error(ErrorCode::format, display + (en ? ": the file is empty" : ": 文件为空"));
  }
  if (has_cfb_signature(head)) {
    if (is_encrypted_ooxml(path)) return encrypted_error(display, en);
    return make_error(
        ErrorCode::format,
        display + (en ? ": this is an OLE2/CFB file (legacy .xls?), not a zip container"
                      : ": 这是 OLE2/CFB 复合文件（旧版 .xls？），不是 zip 容器"));
  }

  int ze = 0;
  zip_t* raw = zip_open(path.c_str(), ZIP_RDONLY, &ze);
  if (!raw) {
    return make_error(is_damage(ze) ? ErrorCode::format : zip_code(ze),
                      display + ": " + zip_reason(ze, en));
  }
  auto impl = std::make_unique<Impl>();
  impl->zip.reset(raw);
  impl->display = display;
  impl->en = en;
  impl->limits = limits;

  zip_int64_t n = zip_get_num_entries(raw, 0);
  if (n < 0) n = 0;
  if (static_cast<std::uint64_t>(n) > limits.max_entries) {
    return make_error(
        ErrorCode::limit,
        display + (en ? ": zip holds " + std::to_string(n) + " entries, over the limit of " +
                            std::to_string(limits.max_entries)
                      : ": zip 条目数 " + std::to_string(n) + " 超过上限 " +
                            std::to_string(limits.max_entries)));
  }
  impl->entries.reserve(static_cast<std::size_t>(n));
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(raw, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !st.name) {
      return make_error(ErrorCode::format, display + ": " + zip_reason(ZIP_ER_INCONS, en));
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      return encrypted_error(display, en);
    }
    ZipEntry e;
    e.name = normalize_zip_name(st.name);
    e.index = static_cast<std::uint64_t>(i);
    e.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    e.comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    // The first of two entries with the same name wins, as in Excel.
    impl->by_name.emplace(ascii_lower(e.name), impl->entries.size());
    impl->entries.push_back(std::move(e));
  }
  return SafeZip(std::move(impl));
}

const std::vector<ZipEntry>& SafeZip::entries() const {
  return impl_->entries;
}

const ZipEntry* SafeZip::find(std::string_view name) const {
  auto it = impl_->by_name.find(ascii_lower(normalize_zip_name(name)));
  return it == impl_->by_name.end() ? nullptr : &impl_->entries[it->second];
}

const std::string& SafeZip::display() const {
  return impl_->display;
}

Result<std::string> SafeZip::read(std::string_view name, std::uint64_t max_bytes) {
  std::string out;
  const std::string norm = normalize_zip_name(name);
  if (const ZipEntry* e = find(norm); e && e->size <= max_bytes) {
    out.reserve(static_cast<std::size_t>(e->size));
  }
  Status st = impl_->pump(norm, max_bytes, [&](std::string_view chunk) -> Status {
    out.append(chunk);
    return {};
  });
  if (!st) return st.error();
  return out;
}

Status SafeZip::stream(std::string_view name, const std::function<Status(std::string_view)>& sink) {
  return impl_->pump(normalize_zip_name(name), impl_->limits.max_entry_bytes, sink);
}

}  // namespace budconv
