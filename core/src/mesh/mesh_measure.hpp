#pragma once
// Private: the Assimp path of measure_file (STL, OBJ, PLY, 3MF, glTF, GLB).
#include <filesystem>

#include "archipel/core/geometry.hpp"

namespace archipel::core::detail {

/// Reads a mesh file through Assimp and measures it.
Result<PartMeasurement> measure_mesh(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions& options);

}  // namespace archipel::core::detail
