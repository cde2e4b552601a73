// Every third-party file in ../shared/corpus through `budconv inspect`, the way a user would
// run it: each one is either read (exit 0) or refused with one clean line naming the file —
// never a crash, an uncaught exception, a hang (10 s) or a run-away allocation (1 GiB).
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace budconv::test;

#if defined(__SANITIZE_ADDRESS__)
#define CLI_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLI_TEST_SANITIZED 1
#endif
#endif

namespace {

#ifdef CLI_TEST_SANITIZED
constexpr bool kSanitized = true;  // ASan needs terabytes of address space: keep only the timeout
#else
constexpr bool kSanitized = false;
#endif

constexpr std::uint64_t kAddressSpace = 1ull << 30;
constexpr auto kTimeout = std::chrono::seconds(10);

struct Limited {
  int exit_code = -1;  // exit status when the child exited
  int signal = 0;      // the signal that ended it, 0 when it exited
  bool timed_out = false;
  long long ms = 0;
  std::string out, err;
};

// Runs `argv` with an address-space cap and a wall-clock limit; output goes through files so a
// chatty child cannot block on a full pipe.
Limited run_limited(const std::vector<std::string>& argv, const TempDir& tmp) {
  const fs::path out_path = tmp / "out", err_path = tmp / "err";
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!kSanitized) {
      rlimit lim{kAddressSpace, kAddressSpace};
      ::setrlimit(RLIMIT_AS, &lim);
    }
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::dup2(in, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  Limited r;
  int status = 0;
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() - start > kTimeout) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
             .count();
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  try {
    r.out = read_file(out_path);
    r.err = read_file(err_path);
  } catch (const std::exception&) {
  }
  return r;
}

bool skipped(const fs::path& p) {
  std::string name = p.filename().string();
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return upper.rfind("LICENSE", 0) == 0 || upper.rfind("NOTICE", 0) == 0 || p.extension() == ".md";
}

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

}  // namespace

TEST_CASE("cli corpus: every corpus file is read or refused cleanly by `budconv inspect`",
          "[cli][corpus]") {
  const fs::path root = shared_dir() / "corpus";
  REQUIRE(fs::is_directory(root));
  REQUIRE(fs::exists(budconv_exe()));
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && !skipped(e.path())) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 50);

  std::string table = "\n" + std::string(70, '-') + "\nfile | outcome | ms\n";
  int read_ok = 0, refused = 0;
  TempDir tmp("cli-corpus");
  for (const fs::path& file : files) {
    const std::string rel = fs::relative(file, root).string();
    Limited r = run_limited({budconv_exe().string(), "inspect", file.string()}, tmp);
    std::string outcome;
    if (r.timed_out) {
      outcome = "TIMEOUT";
    } else if (r.signal != 0) {
      outcome = "SIGNAL " + std::to_string(r.signal);
    } else if (r.exit_code == 0) {
      outcome = "read";
      ++read_ok;
    } else {
      outcome = "refused (" + std::to_string(r.exit_code) + "): " + first_line(r.err);
      ++refused;
    }
    table += rel + " | " + outcome + " | " + std::to_string(r.ms) + "\n";

    INFO(rel << ": exit " << r.exit_code << ", signal " << r.signal << ", stderr: " << r.err);
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.err.find("terminate called") == std::string::npos);
    CHECK(r.err.find("AddressSanitizer") == std::string::npos);
    CHECK(r.err.find("runtime error:") == std::string::npos);
    if (!r.timed_out && r.signal == 0 && r.exit_code != 0) {
      // A refusal is exactly one line, and it says which file.
      CHECK(line_count(r.err) == 1);
      CHECK(r.err.find(file.filename().string()) != std::string::npos);
    }
  }
  table += std::to_string(files.size()) + " files: " + std::to_string(read_ok) + " read, " +
           std::to_string(refused) + " refused\n";
  std::cout << table << std::flush;
  CHECK(read_ok + refused == static_cast<int>(files.size()));
}
