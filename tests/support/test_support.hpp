/// @file test_support.hpp
/// Helpers shared by every test executable: paths, temporary folders, running commands.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace budconv::test {

/// The repository root.
std::filesystem::path source_dir();
/// ../shared beside the repository (corpus, seeds, reference).
std::filesystem::path shared_dir();
/// The build directory.
std::filesystem::path build_dir();
/// The built plugin folder.
std::filesystem::path plugin_dir();
/// The built budconv program.
std::filesystem::path budconv_exe();

/// A fresh empty directory under the build tree, removed when the object dies.
class TempDir {
 public:
  /// Creates build/test-tmp/<tag>-<unique>.
  explicit TempDir(const std::string& tag = "t");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// The directory.
  const std::filesystem::path& path() const { return path_; }
  /// path() / name.
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Outcome of a child process.
struct RunResult {
  int exit_code = -1;  ///< exit status (128+signal when killed)
  std::string out;     ///< captured stdout
  std::string err;     ///< captured stderr
};

/// Runs argv[0] with arguments (no shell), capturing stdout and stderr; `env` adds "K=V" entries.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});
/// Runs the budconv program with `args`.
RunResult run_budconv(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});

/// Whole file as bytes; throws std::runtime_error when unreadable.
std::string read_file(const std::filesystem::path& path);
/// Writes bytes to a file (creating parents); throws on failure.
void write_file(const std::filesystem::path& path, const std::string& bytes);
/// The lines of `budconv inspect` that describe one goal each ("  [n] name（kind） 年度 …；指标
/// …").
std::string inspect_goal_lines(const std::string& inspect_out);

/// Number of lines in `text` (a final line without '\n' counts).
std::size_t line_count(const std::string& text);

}  // namespace budconv::test
