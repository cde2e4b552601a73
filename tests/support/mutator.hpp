/// @file mutator.hpp
/// Deterministic mutation of valid inputs for the readers' fuzz tests: bit flips, random bytes,
/// truncations, duplicated and deleted ranges, swapped bytes and format-specific hostile tokens.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "budconv/options.hpp"
#include "budconv/plugin.hpp"
#include "budconv/result.hpp"

namespace budconv::test {

/// Damages a valid input a few ways at once; the same seed gives the same cases everywhere.
class Mutator {
 public:
  /// `tokens` are inserted at random places (DTDs, references, record ids … of the format).
  Mutator(std::uint64_t seed, std::vector<std::string> tokens);
  /// `s` after 1–4 random mutations.
  std::string mutate(std::string s);
  /// `per_seed` mutations of each of `seeds`, in order.
  std::vector<std::string> variants(const std::vector<std::string>& seeds, int per_seed);
  /// A number in [0, n) (0 when n is 0), from the same stream.
  std::size_t pick(std::size_t n);

 private:
  std::vector<std::string> tokens_;
  std::mt19937_64 rng_;  // fixed algorithm: the same seed gives the same cases everywhere
};

/// True when `message` is what a reader may answer a broken file with: one non-empty line that
/// starts with the file's display name.
bool one_line_error_about(const std::string& message, const std::string& display_name);

/// What a fuzz run saw: both must be non-zero for the run to have exercised anything.
struct FuzzTally {
  int accepted = 0;  ///< cases the reader read
  int refused = 0;   ///< cases the reader refused with a proper message
};

/// A container reader under test: reads the file at the path with the options.
using FileReader = std::function<Status(const std::filesystem::path&, const Options&)>;

/// A FileReader that reads the whole workbook with `format` (kept by reference).
FileReader workbook_reader(ContainerFormat& format);

/// Writes each of `inputs` to a file `fuzz.<ext>` in `dir` and reads it with `read`, in Chinese
/// and English by turns. Fails the test when a read reports an internal error (an exception that
/// escaped a component) or refuses with anything but one line naming the file.
FuzzTally fuzz_files(const std::vector<std::string>& inputs, const std::filesystem::path& dir,
                     const std::string& ext, const FileReader& read);

}  // namespace budconv::test
