#pragma once
/// \file
/// Error and Result types shared by every Archipel library. No exception crosses a library API:
/// functions that can fail return `Result<T>`, which holds either a value or an `Error`.

#include <expected>
#include <string>
#include <utility>

namespace archipel::core {

/// What kind of failure an error is; the CLI maps each kind to its documented exit code.
enum class Errc {
  invalid = 1,     ///< the input is well-formed enough to read but wrong (refusal, exit 1)
  usage = 2,       ///< the request itself is malformed (exit 2)
  io = 3,          ///< a file, git or environment failure (exit 3)
};

/// A failure that prevented an operation from running, with where it happened.
struct Error {
  Errc code = Errc::invalid;  ///< the kind of failure
  std::string message;        ///< one line, no trailing period needed, no origin prefix
  std::string origin;         ///< the file (or other source) the error is about; may be empty
  std::string pointer;        ///< RFC 6901 JSON pointer inside `origin`; may be empty

  /// `origin:pointer: message`, omitting the parts that are empty.
  [[nodiscard]] std::string to_string() const {
    std::string out;
    if (!origin.empty()) out += origin + ":";
    if (!pointer.empty()) out += pointer + ":";
    if (!out.empty()) out += " ";
    return out + message;
  }
};

/// A value or the error that prevented computing it.
template <class T>
using Result = std::expected<T, Error>;

/// Builds an unexpected error for return statements: `return fail(Errc::io, "...", path);`.
[[nodiscard]] inline std::unexpected<Error> fail(Errc code, std::string message,
                                                 std::string origin = {},
                                                 std::string pointer = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(origin), std::move(pointer)});
}

/// Returns a copy of `error` whose origin is `origin` when it had none.
[[nodiscard]] inline Error with_origin(Error error, const std::string& origin) {
  if (error.origin.empty()) error.origin = origin;
  return error;
}

}  // namespace archipel::core
