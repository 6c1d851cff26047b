#pragma once
// Private: reading a mesh file through Assimp into a welded millimetre mesh.
#include <filesystem>

#include "archipel/core/geometry.hpp"
#include "mesh/confined_io.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// Checks what Assimp would trust blindly: a PLY header whose element counts exceed what the
/// file can hold. Errors (io) name the file.
Result<void> precheck_mesh_file(const std::filesystem::path& path, GeometryFormat format);

/// Reads every triangle of the file through Assimp (node transforms applied), scales the
/// coordinates by `to_mm` and welds vertices closer than `weld_mm`, in this process. Errors (io):
/// Assimp refuses the file, no triangle, an index out of range, a coordinate that is not finite.
/// Assimp's own failures on hostile files (assertions that abort, invalid reads, endless loops)
/// are contained by the geometry worker process this runs in, not here.
/// Assimp opens only `path` and, for a glTF or GLB, buffer files inside `scope` (see
/// confined_io.hpp); a refused buffer is an error naming it.
Result<Mesh> import_mesh_here(const std::filesystem::path& path, GeometryFormat format,
                              double to_mm, double weld_mm, const ResourceScope& scope = {});

}  // namespace archipel::core::detail
