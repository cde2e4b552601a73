/// @file result.hpp
/// Errors as values: every boundary (plugin calls, parsers, the pipeline) returns these.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "budconv/export.hpp"

namespace budconv {

/// Stable error codes; the CLI maps them to exit codes (see README "Exit codes").
enum class ErrorCode {
  ok = 0,
  usage,          ///< bad command line or option value
  io,             ///< file cannot be opened, read, written or renamed
  format,         ///< input is not of the expected format / malformed
  unsupported,    ///< a feature of the format this program does not handle
  limit,          ///< a safety limit was hit (size, ratio, dimension, entries)
  encrypted,      ///< file is encrypted / password protected
  invalid_value,  ///< a value (amount, code, date) cannot be interpreted
  validation,     ///< validation found errors and the caller asked to stop
  plugin,         ///< plugin missing, broken or ABI mismatch
  internal,       ///< a bug: an unexpected exception inside a component
};

/// Short ASCII name of an error code ("format", "limit", …) for logs and JSON.
BUDCONV_API const char* error_code_name(ErrorCode code) noexcept;

/// An error value: a code plus a one-line, user-facing message (already localized).
struct BUDCONV_API Error {
  ErrorCode code = ErrorCode::internal;  ///< what kind of failure
  std::string message;                   ///< one line, names file/sheet/cell where known
};

/// Success or an Error; `Status` is the value-less form.
template <class T>
class [[nodiscard]] Result {
 public:
  /// Success holding a value.
  Result(T value) : v_(std::move(value)) {}  // NOLINT(implicit)
  /// Failure holding an error.
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(implicit)
  /// True when a value is held.
  bool ok() const noexcept { return v_.index() == 0; }
  /// True when a value is held.
  explicit operator bool() const noexcept { return ok(); }
  /// The held value; only call when ok().
  T& value() & { return std::get<0>(v_); }
  /// The held value; only call when ok().
  const T& value() const& { return std::get<0>(v_); }
  /// The held value moved out; only call when ok().
  T&& value() && { return std::get<0>(std::move(v_)); }
  /// The held error; only call when !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Success (no value) or an Error.
class [[nodiscard]] Status {
 public:
  /// Success.
  Status() = default;
  /// Failure.
  Status(Error error) : err_(std::move(error)) {}  // NOLINT(implicit)
  /// True on success.
  bool ok() const noexcept { return !err_.has_value(); }
  /// True on success.
  explicit operator bool() const noexcept { return ok(); }
  /// The error; only call when !ok().
  const Error& error() const { return *err_; }

 private:
  std::optional<Error> err_;
};

/// Builds an Error value.
inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace budconv
