#pragma once
// Private: format detection of a file read through one path and named by another (the geometry
// worker reads /proc/self/fd/N; errors and the extension tie-breaker use the caller's name).
#include <filesystem>

#include "archipel/core/geometry.hpp"

namespace archipel::core::detail {

/// detect_format of `path`, taking the extension from `name` and naming `name` in errors.
[[nodiscard]] Result<GeometryFormat> detect_format_named(const std::filesystem::path& path,
                                                         const std::filesystem::path& name);

}  // namespace archipel::core::detail
