#pragma once
// Private: the welded triangle mesh the Assimp path measures (millimetres, file or frame axes).
#include <array>
#include <cstdint>
#include <vector>

#include "archipel/core/measurement.hpp"
#include "frame/vec3.hpp"

namespace archipel::core::detail {

/// Three vertex indices, counter-clockwise seen from outside.
using Triangle = std::array<std::uint32_t, 3>;

/// An indexed triangle mesh whose coincident vertices have been welded.
struct Mesh {
  std::vector<Vec3> vertices;       ///< millimetres
  std::vector<Triangle> triangles;  ///< indices into `vertices`
  std::size_t source_triangles = 0; ///< triangles in the file, before dropping degenerate ones
};

/// A 64-bit mixer (splitmix64's finaliser) for hash tables with power-of-two sizes.
inline std::uint64_t mix64(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

/// Twice the triangle's area times its unit normal (right-hand rule on the vertex order).
inline Vec3 area_normal(const Mesh& mesh, const Triangle& t) {
  const Vec3& a = mesh.vertices[t[0]];
  return cross(sub(mesh.vertices[t[1]], a), sub(mesh.vertices[t[2]], a));
}

}  // namespace archipel::core::detail
