#pragma once
// Private: vertex-to-triangle adjacency, closedness and enclosed volume of a welded mesh.
#include <cstdint>
#include <vector>

#include "mesh/mesh_types.hpp"

namespace archipel::core::detail {

/// The triangles around each vertex, in compressed rows: those of vertex v are
/// `triangles[offsets[v] .. offsets[v + 1])`.
struct VertexTriangles {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> triangles;
};

/// Builds the vertex-to-triangle adjacency (two linear passes, no sorting).
VertexTriangles vertex_triangles(const Mesh& mesh);

/// The number of directed edges that do not meet exactly one opposite edge: 0 for a closed,
/// consistently oriented 2-manifold.
std::size_t bad_edge_count(const Mesh& mesh, const VertexTriangles& around);

/// The signed volume enclosed by the mesh (divergence theorem over tetrahedra from the origin);
/// positive when the triangles face outwards.
double signed_volume(const Mesh& mesh);

}  // namespace archipel::core::detail
