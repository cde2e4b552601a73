/// @file xls_codepage.hpp
/// BIFF code pages: the user's "codepage" option, which code pages FreeXL can decode, text
/// conversion for the strings our own scan reads, and the CODEPAGE record override.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xls_biff.hpp"

namespace budconv::xls {

/// Parses the "codepage" option: a number ("936", "cp936") or a name ("gbk", "gb2312",
/// "big5", "shift_jis", "utf-16", "windows-1252", "latin1" …); nullopt when not understood.
std::optional<std::uint16_t> parse_codepage_option(std::string_view text);

/// True when FreeXL 1.0.6 can decode text in this code page (its table, minus the names glibc
/// iconv does not know: CP720 and "MacRoman" for 10000/32768).
bool freexl_supports_codepage(std::uint16_t codepage);

/// Comma-separated list of the code pages accepted by the option, for messages.
std::string supported_codepages_text();

/// Converts 8-bit text in `codepage` to UTF-8; undecodable bytes become U+FFFD.
std::string codepage_to_utf8(std::string_view bytes, std::uint16_t codepage);

/// The Workbook stream with its CODEPAGE record set to `codepage`: the existing record is
/// rewritten in place, or a new one is inserted right after the globals BOF (then every
/// BOUNDSHEET offset moves by the 6 inserted bytes). `stream` may be a same-layout patch of
/// the scanned one as long as nothing before the SST moved.
std::string override_codepage(std::string_view stream, const BiffScan& scan,
                              std::uint16_t codepage);

}  // namespace budconv::xls
