/// @file xls_bytes.hpp
/// Little-endian integer access for the binary .xls structures. Reads past the end yield 0
/// instead of undefined behaviour, so a short record can never read outside its buffer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace budconv::xls {

/// Unsigned byte at `off`, 0 when out of range.
inline std::uint8_t byte_at(std::string_view s, std::size_t off) noexcept {
  return off < s.size() ? static_cast<std::uint8_t>(s[off]) : 0;
}

/// Little-endian 16-bit value at `off` (missing bytes read as 0).
inline std::uint16_t le16(std::string_view s, std::size_t off) noexcept {
  return static_cast<std::uint16_t>(byte_at(s, off) | (byte_at(s, off + 1) << 8));
}

/// Little-endian 32-bit value at `off` (missing bytes read as 0).
inline std::uint32_t le32(std::string_view s, std::size_t off) noexcept {
  return static_cast<std::uint32_t>(le16(s, off)) |
         (static_cast<std::uint32_t>(le16(s, off + 2)) << 16);
}

/// Little-endian 64-bit value at `off` (missing bytes read as 0).
inline std::uint64_t le64(std::string_view s, std::size_t off) noexcept {
  return static_cast<std::uint64_t>(le32(s, off)) |
         (static_cast<std::uint64_t>(le32(s, off + 4)) << 32);
}

/// Writes a little-endian 16-bit value at `off`; `s` must be large enough.
inline void put16(std::string& s, std::size_t off, std::uint16_t v) {
  s[off] = static_cast<char>(v & 0xFF);
  s[off + 1] = static_cast<char>(v >> 8);
}

/// Writes a little-endian 32-bit value at `off`; `s` must be large enough.
inline void put32(std::string& s, std::size_t off, std::uint32_t v) {
  put16(s, off, static_cast<std::uint16_t>(v & 0xFFFF));
  put16(s, off + 2, static_cast<std::uint16_t>(v >> 16));
}

}  // namespace budconv::xls
