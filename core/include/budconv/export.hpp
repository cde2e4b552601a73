/// @file export.hpp
/// Symbol visibility for types and functions that cross the plugin boundary.
#pragma once

#if defined(_WIN32)
#define BUDCONV_API __declspec(dllexport)
#else
/// Marks a declaration as part of the core library's public ABI.
#define BUDCONV_API __attribute__((visibility("default")))
#endif
