#include "seed_lines.hpp"

#include <algorithm>

#include "test_support.hpp"

namespace budconv::test {

std::uint32_t append_seed_lines(Sheet& sheet, std::uint32_t row, const std::string& seed, int first,
                                int last) {
  const std::string text = read_file(shared_dir() / "seeds" / seed);
  int line = 1;
  for (std::size_t at = 0; at < text.size() && line <= last; ++line) {
    const auto nl = std::min(text.find('\n', at), text.size());
    if (line >= first) {
      std::uint32_t col = 0;
      for (std::size_t c = at; c <= nl; ++col) {
        const auto tab = std::min(text.find('\t', c), nl);
        const std::string cell = text.substr(c, tab - c);
        // Digits and a point: what a spreadsheet stores as a number ("05" keeps its text).
        const bool number =
            !cell.empty() && cell.find_first_not_of("0123456789.") == std::string::npos;
        if (!cell.empty())
          sheet.set(row, col, number ? Cell::make_number(cell) : Cell::make_text(cell));
        c = tab + 1;
      }
      ++row;
    }
    at = nl + 1;
  }
  return row;
}

}  // namespace budconv::test
