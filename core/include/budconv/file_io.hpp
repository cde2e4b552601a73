/// @file file_io.hpp
/// Safe file access shared by all plugins: bounded reads and atomic writes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "budconv/export.hpp"
#include "budconv/options.hpp"
#include "budconv/result.hpp"

namespace budconv {

/// Reads at most `max_bytes` of a regular file; an Error for directories, unreadable or larger
/// files.
BUDCONV_API Result<std::string> read_file_bounded(const std::filesystem::path& path,
                                                  std::size_t max_bytes, Lang lang);
/// Reads up to `n` leading bytes (for sniffing); empty on failure.
BUDCONV_API std::vector<std::byte> read_head(const std::filesystem::path& path, std::size_t n);

/// Writes atomically: calls `writer` with a temporary path in the target's directory, then
/// renames it onto `target`. On any failure the temporary is removed and `target` is untouched.
/// Refuses to replace an existing `target` unless `overwrite`.
BUDCONV_API Status
write_atomically(const std::filesystem::path& target, bool overwrite, Lang lang,
                 const std::function<Status(const std::filesystem::path&)>& writer);

/// Writes `bytes` to exactly `path` (created or truncated); an io Error naming `display` on
/// failure.
BUDCONV_API Status write_bytes(const std::filesystem::path& path, std::string_view bytes,
                               const std::string& display, Lang lang);

/// Lower-case extension of a file name without the dot ("a.XLSX" → "xlsx"); "" when none.
BUDCONV_API std::string lower_extension(std::string_view filename);

/// The name to show for a file in messages: options.display_name, else the path as given.
BUDCONV_API std::string display_name(const std::filesystem::path& path, const Options& options);

}  // namespace budconv
