#pragma once
/// \file
/// Version of Archipel and of the libraries it was built with.

#include <string>

namespace archipel::core {

/// Archipel's own version, e.g. "0.1.0".
[[nodiscard]] std::string version();

/// The OpenCASCADE and Assimp versions core was built against, e.g. "OpenCASCADE 7.6.3, Assimp 5.2".
[[nodiscard]] std::string geometry_library_versions();

}  // namespace archipel::core
