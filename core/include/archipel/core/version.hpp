#pragma once
/// \file
/// Version of Archipel and of the libraries it was built with.

#include <string>

#include "archipel/core/result.hpp"

namespace archipel::core {

/// Archipel's own version, e.g. "0.1.0".
[[nodiscard]] std::string version();

/// The OpenCASCADE and Assimp versions of the geometry worker, e.g. "OpenCASCADE 7.6.3, Assimp
/// 5.2.5", asked from the worker itself. Errors (io): the worker cannot be started or answers
/// garbage.
[[nodiscard]] Result<std::string> geometry_library_versions();

}  // namespace archipel::core
