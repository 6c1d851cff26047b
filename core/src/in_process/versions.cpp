// The versions of the geometry libraries, as linked into the geometry worker.
#include <Standard_Version.hxx>
#include <assimp/version.h>
#include <fmt/format.h>

#include "archipel/core/geometry_in_process.hpp"

namespace archipel::core {

std::string geometry_library_versions_in_process() {
  return fmt::format("OpenCASCADE {}, Assimp {}.{}.{}", OCC_VERSION_COMPLETE, aiGetVersionMajor(),
                     aiGetVersionMinor(), aiGetVersionPatch());
}

}  // namespace archipel::core
