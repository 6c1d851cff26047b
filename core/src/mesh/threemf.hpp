#pragma once
// Private: 3MF packages, read by Archipel itself (Debian's Assimp 5.2 and minizip 1.1 cannot read
// the ZIP64 archives lib3mf writes, and Assimp ignores the unit and the production extension).
// The ZIP layer is libzip, the XML layer expat; every size is capped before it is inflated.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "archipel/core/geometry.hpp"
#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// What a 3MF package may make Archipel inflate. A part over a cap is refused from its declared
/// size, before a byte of it is inflated; one whose data runs past its declared size stops there.
struct PackageLimits {
  std::uint64_t max_total_bytes = 512ull << 20;  ///< model and relationship parts, inflated, in all
  std::uint64_t max_ratio = 100;                 ///< inflated / compressed size of a part over 1 MiB
  std::uint64_t max_entries = 65536;             ///< members of the ZIP archive
  std::uint64_t max_placed_triangles = 50'000'000;  ///< triangles after the build's placements
  int max_depth = 32;                            ///< nesting of components
};

/// Reads the `unit` attribute of the `<model>` element of the package's root 3D model part
/// (found through `_rels/.rels`, else `3D/3dmodel.model`); millimetre when absent, as the 3MF
/// specification says. Errors (io): not a ZIP, no model part, an unknown unit, a part over the
/// limits.
Result<LengthUnit> read_3mf_unit(const std::filesystem::path& path, const PackageLimits& limits = {});

/// The triangles the package's build places, in the model's unit: every build item's object,
/// its components resolved (also those in other model parts, production extension `p:path`),
/// every transform applied. Objects of type support, solidsupport and other are left out.
struct ThreeMfMesh {
  std::vector<Vec3> vertices;
  std::vector<Triangle> triangles;
};

/// Reads the mesh of a 3MF package. Errors (io), each naming what is wrong: not a ZIP, a missing
/// part or object, a number that is not finite, an index out of range, a part over the limits,
/// a DTD (refused: 3MF has none, and entities are how XML bombs work).
Result<ThreeMfMesh> read_3mf_mesh(const std::filesystem::path& path, const PackageLimits& limits = {});

}  // namespace archipel::core::detail
