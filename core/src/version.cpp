#include "archipel/core/version.hpp"

#include <Standard_Version.hxx>
#include <assimp/version.h>
#include <fmt/format.h>

namespace archipel::core {

std::string version() { return ARCHIPEL_VERSION; }

std::string geometry_library_versions() {
  return fmt::format("OpenCASCADE {}, Assimp {}.{}.{}", OCC_VERSION_COMPLETE, aiGetVersionMajor(),
                     aiGetVersionMinor(), aiGetVersionPatch());
}

}  // namespace archipel::core
