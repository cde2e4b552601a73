#include "test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace budconv::test {

namespace fs = std::filesystem;

fs::path source_dir() {
  return BUDCONV_SOURCE_DIR;
}
fs::path shared_dir() {
  return BUDCONV_SHARED_DIR;
}
fs::path build_dir() {
  return BUDCONV_BUILD_DIR;
}
fs::path plugin_dir() {
  return BUDCONV_PLUGIN_DIR;
}
fs::path budconv_exe() {
  return BUDCONV_EXE;
}

TempDir::TempDir(const std::string& tag) {
  static std::atomic<int> counter{0};
  fs::path base = build_dir() / "test-tmp";
  fs::create_directories(base);
  for (;;) {
    fs::path p = base / (tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    if (fs::create_directory(p)) {
      path_ = p;
      break;
    }
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

namespace {
std::string drain(int fd) {
  std::string s;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    s.append(buf, static_cast<std::size_t>(n));
  }
  return s;
}
}  // namespace

RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  // stdout/stderr go to temporary files so a chatty child can never deadlock on a full pipe.
  TempDir tmp("run");
  fs::path out_path = tmp / "out", err_path = tmp / "err";
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::dup2(in, 0);
    for (const auto& kv : env) ::putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int fo = ::open(out_path.c_str(), O_RDONLY), fe = ::open(err_path.c_str(), O_RDONLY);
  if (fo >= 0) {
    r.out = drain(fo);
    ::close(fo);
  }
  if (fe >= 0) {
    r.err = drain(fe);
    ::close(fe);
  }
  return r;
}

RunResult run_budconv(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> argv{budconv_exe().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

std::string read_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot write " + path.string());
  f << bytes;
}

std::string inspect_goal_lines(const std::string& inspect_out) {
  std::istringstream in(inspect_out);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.rfind("  [", 0) == 0 && line.find("；指标 ") != std::string::npos) out += line + "\n";
  }
  return out;
}

std::size_t line_count(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  if (!text.empty() && text.back() != '\n') ++n;
  return n;
}

}  // namespace budconv::test
