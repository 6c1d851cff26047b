#pragma once
// Private: the Assimp path of measure_file (STL, OBJ, PLY, 3MF, glTF, GLB).
#include <filesystem>

#include "archipel/core/geometry.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Reads a mesh file through Assimp and measures it. When `framed` is given, it receives the
/// welded mesh in the measurement's natural frame (the exporter sections it there).
Result<PartMeasurement> measure_mesh(const std::filesystem::path& path, GeometryFormat format,
                                     const MeasureOptions& options, Mesh* framed = nullptr);

/// The unit a mesh file is read in: the file's own (3MF, glTF), else the declared one, else
/// millimetres with a warning appended to `warnings`.
Result<LengthUnit> settle_mesh_unit(const std::filesystem::path& path, GeometryFormat format,
                                    const MeasureOptions& options, std::vector<Warning>& warnings);

}  // namespace archipel::core::detail
