#pragma once
/// \file
/// SHA-256 digests of bytes and files (lowercase hexadecimal), as written in manifests.

#include <filesystem>
#include <string>
#include <string_view>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// The SHA-256 digest of `bytes` as 64 lowercase hexadecimal digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// The SHA-256 digest of a file's contents, read in chunks (any size). Errors are Errc::io and
/// name the path as origin.
[[nodiscard]] Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace archipel::core
