/// @file result.cpp
/// Names of error codes for logs and JSON.
#include "budconv/result.hpp"

namespace budconv {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok:
      return "ok";
    case ErrorCode::usage:
      return "usage";
    case ErrorCode::io:
      return "io";
    case ErrorCode::format:
      return "format";
    case ErrorCode::unsupported:
      return "unsupported";
    case ErrorCode::limit:
      return "limit";
    case ErrorCode::encrypted:
      return "encrypted";
    case ErrorCode::invalid_value:
      return "invalid-value";
    case ErrorCode::validation:
      return "validation";
    case ErrorCode::plugin:
      return "plugin";
    case ErrorCode::internal:
      return "internal";
  }
  return "unknown";  // a value cast from an out-of-range integer
}

}  // namespace budconv
