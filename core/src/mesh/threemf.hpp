#pragma once
// Private: the unit a 3MF package declares (Assimp 5.2 ignores it).
#include <filesystem>

#include "archipel/core/geometry.hpp"

namespace archipel::core::detail {

/// Reads the `unit` attribute of the `<model>` element of the package's 3D model part (found
/// through `_rels/.rels`, else `3D/3dmodel.model`); millimetre when absent, as the 3MF
/// specification says. Errors (io): not a ZIP, no model part, an unknown unit.
Result<LengthUnit> read_3mf_unit(const std::filesystem::path& path);

}  // namespace archipel::core::detail
