// Bounded reads and atomic writes shared by every plugin and the program.
#include "budconv/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace budconv {

namespace fs = std::filesystem;

namespace {

std::string sys_reason(int err, bool english) {
  switch (err) {
    case ENOENT:
      return english ? "no such file or directory" : "文件或目录不存在";
    case EACCES:
    case EPERM:
      return english ? "permission denied" : "没有访问权限";
    case EISDIR:
      return english ? "is a directory" : "这是一个目录";
    case ENOSPC:
      return english ? "no space left on device" : "磁盘空间不足";
    case EROFS:
      return english ? "read-only file system" : "文件系统只读";
    default:
      return std::strerror(err);
  }
}

}  // namespace

Status write_bytes(const fs::path& path, std::string_view bytes, const std::string& display,
                   Lang lang) {
  const bool en = lang == Lang::en;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) {
    return make_error(ErrorCode::io,
                      display + (en ? ": cannot open for writing" : "：无法打开以写入"));
  }
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) return make_error(ErrorCode::io, display + (en ? ": write error" : "：写入失败"));
  return {};
}

std::string lower_extension(std::string_view filename) {
  const std::size_t dot = filename.rfind('.');
  const std::size_t slash = filename.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(filename.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string display_name(const fs::path& path, const Options& options) {
  return options.display_name.empty() ? path.string() : options.display_name;
}

Result<std::string> read_file_bounded(const fs::path& path, std::size_t max_bytes, Lang lang) {
  const bool en = lang == Lang::en;
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return make_error(ErrorCode::io, path.string() + (en ? ": cannot open: " : "：无法打开：") +
                                         sys_reason(ENOENT, en));
  }
  if (fs::is_directory(st)) {
    return make_error(ErrorCode::io, path.string() + (en ? ": is a directory, expected a file"
                                                         : "：这是一个目录，应为文件"));
  }
  auto too_large = [&] {
    return make_error(
        ErrorCode::limit,
        path.string() +
            (en ? ": file larger than the limit of " + std::to_string(max_bytes >> 20) + " MiB"
                : "：文件超过 " + std::to_string(max_bytes >> 20) + " MiB 上限"));
  };
  // Refuse by size before reading a byte; the loop below still guards files that grow.
  if (fs::is_regular_file(st) && fs::file_size(path, ec) > max_bytes && !ec) return too_large();
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    return make_error(ErrorCode::io, path.string() + (en ? ": cannot open: " : "：无法打开：") +
                                         sys_reason(errno, en));
  }
  std::string data;
  char buf[1 << 16];
  while (f) {
    f.read(buf, sizeof buf);
    data.append(buf, static_cast<std::size_t>(f.gcount()));
    if (data.size() > max_bytes) return too_large();
  }
  if (f.bad()) {
    return make_error(ErrorCode::io, path.string() + (en ? ": read error" : "：读取失败"));
  }
  return data;
}

std::vector<std::byte> read_head(const fs::path& path, std::size_t n) {
  std::vector<std::byte> head;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return head;
  std::ifstream f(path, std::ios::binary);
  if (!f) return head;
  head.resize(n);
  f.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(f.gcount()));
  return head;
}

Status write_atomically(const fs::path& target, bool overwrite, Lang lang,
                        const std::function<Status(const fs::path&)>& writer) {
  const bool en = lang == Lang::en;
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    return make_error(ErrorCode::io,
                      target.string() + (en ? ": output is a directory" : "：输出路径是一个目录"));
  }
  if (fs::exists(target, ec) && !overwrite) {
    return make_error(ErrorCode::usage,
                      target.string() + (en ? ": output exists; use --force to replace it"
                                            : "：输出文件已存在；如需覆盖请加 --force"));
  }
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) {
    return make_error(ErrorCode::io, target.string() + (en ? ": output directory does not exist"
                                                           : "：输出目录不存在"));
  }
  // The temporary lives beside the target so the final rename cannot cross file systems.
  std::random_device rd;
  fs::path tmp;
  for (int i = 0; i < 16; ++i) {
    // Built piecewise: GCC 12 reports a false -Wrestrict on one long operator+ chain here.
    std::string name = ".";
    name.append(target.filename().string()).append(".tmp-");
    name.append(std::to_string(::getpid())).append("-").append(std::to_string(rd() % 1000000));
    tmp = dir / name;
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd >= 0) {
      ::close(fd);
      break;
    }
    if (errno != EEXIST) {
      return make_error(ErrorCode::io, target.string() +
                                           (en ? ": cannot write to the output directory: "
                                               : "：无法写入输出目录：") +
                                           sys_reason(errno, en));
    }
    tmp.clear();
  }
  if (tmp.empty()) {
    return make_error(ErrorCode::io, target.string() + (en ? ": cannot create a temporary file"
                                                           : "：无法创建临时文件"));
  }
  Status st = writer(tmp);
  if (!st.ok()) {
    fs::remove(tmp, ec);
    return st;
  }
  if (!overwrite && fs::exists(target, ec)) {
    fs::remove(tmp, ec);
    return make_error(ErrorCode::usage,
                      target.string() + (en ? ": output appeared while writing; use --force"
                                            : "：写出期间输出文件已出现；如需覆盖请加 --force"));
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return make_error(ErrorCode::io, target.string() + (en ? ": cannot rename into place"
                                                           : "：无法将临时文件改名为输出文件"));
  }
  return {};
}

}  // namespace budconv
