#include "mutator.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <utility>

#include "test_support.hpp"

namespace budconv::test {

Mutator::Mutator(std::uint64_t seed, std::vector<std::string> tokens)
    : tokens_(std::move(tokens)), rng_(seed) {}

std::size_t Mutator::pick(std::size_t n) {
  return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n);
}

std::string Mutator::mutate(std::string s) {
  const int rounds = 1 + static_cast<int>(pick(4));
  for (int r = 0; r < rounds && !s.empty(); ++r) {
    const std::size_t at = pick(s.size());
    switch (pick(7)) {
      case 0:  // flip one bit
        s[at] = static_cast<char>(s[at] ^ (1 << pick(8)));
        break;
      case 1:  // any byte
        s[at] = static_cast<char>(pick(256));
        break;
      case 2:  // truncate
        s.resize(at);
        break;
      case 3: {  // duplicate a range in place
        const std::size_t len = std::min<std::size_t>(1 + pick(200), s.size() - at);
        s.insert(at, s.substr(at, len));
        break;
      }
      case 4: {  // delete a range
        const std::size_t len = std::min<std::size_t>(1 + pick(50), s.size() - at);
        s.erase(at, len);
        break;
      }
      case 5:  // insert a hostile token
        if (!tokens_.empty()) s.insert(at, tokens_[pick(tokens_.size())]);
        break;
      default: {  // swap two bytes (reorders tags and records)
        const std::size_t other = pick(s.size());
        std::swap(s[at], s[other]);
        break;
      }
    }
  }
  return s;
}

std::vector<std::string> Mutator::variants(const std::vector<std::string>& seeds, int per_seed) {
  std::vector<std::string> out;
  for (const auto& seed : seeds) {
    for (int i = 0; i < per_seed; ++i) out.push_back(mutate(seed));
  }
  return out;
}

FileReader workbook_reader(ContainerFormat& format) {
  return [&format](const std::filesystem::path& path, const Options& options) {
    Workbook book;
    return format.read(path, options, book);
  };
}

bool one_line_error_about(const std::string& message, const std::string& display_name) {
  return !message.empty() && message.find('\n') == std::string::npos &&
         message.rfind(display_name, 0) == 0;
}

FuzzTally fuzz_files(const std::vector<std::string>& inputs, const std::filesystem::path& dir,
                     const std::string& ext, const FileReader& read) {
  FuzzTally tally;
  const std::string name = "fuzz." + ext;
  const std::filesystem::path path = dir / name;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    write_file(path, inputs[i]);
    Options options;
    options.display_name = name;
    options.lang = i % 2 ? Lang::en : Lang::zh;
    const Status st = read(path, options);
    if (st.ok()) {
      ++tally.accepted;
      continue;
    }
    ++tally.refused;
    const Error& e = st.error();
    if (e.code == ErrorCode::internal || !one_line_error_about(e.message, name)) {
      // Kept outside the test's temporary folder, so the case can be replayed by hand.
      const auto keep = std::filesystem::path(BUDCONV_BUILD_DIR) / "fuzz-failures";
      std::filesystem::create_directories(keep);
      const auto kept = keep / ("case-" + std::to_string(i) + "." + ext);
      write_file(kept, inputs[i]);
      FAIL("case " << i << ": bad error (" << error_code_name(e.code) << ") \"" << e.message
                   << "\"; input kept as " << kept.string());
    }
  }
  return tally;
}

}  // namespace budconv::test
