#include "archipel/core/version.hpp"

namespace archipel::core {

std::string version() { return ARCHIPEL_VERSION; }

// geometry_library_versions() asks the geometry worker: see worker/client.cpp.

}  // namespace archipel::core
