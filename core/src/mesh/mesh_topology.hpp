#pragma once
// Private: vertex-to-triangle and triangle-to-triangle adjacency, closedness and enclosed volume
// of a welded mesh. Everything here is O(n log n) at worst, whatever the mesh (a hostile file may
// stack 160 000 triangles on the same three vertices).
#include <array>
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

/// Triangle-to-triangle adjacency across edges, and the mesh's closedness.
struct EdgeAdjacency {
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  /// `across[t][k]`: the triangle on the other side of edge k of t (from t[k] to t[(k+1)%3]) when
  /// exactly two triangles share that edge; `none` on a border or a non-manifold edge.
  std::vector<std::array<std::uint32_t, 3>> across;
  /// The number of directed edges that do not meet exactly one opposite edge: 0 for a closed,
  /// consistently oriented 2-manifold.
  std::size_t bad_edges = 0;
};

/// Builds the edge adjacency from the vertex adjacency: each vertex's edges are sorted by their
/// other end (O(n log n) in all, never quadratic in a vertex's degree).
EdgeAdjacency edge_adjacency(const Mesh& mesh, const VertexTriangles& around);

/// The signed volume enclosed by the mesh (divergence theorem over tetrahedra from the origin);
/// positive when the triangles face outwards.
double signed_volume(const Mesh& mesh);

}  // namespace archipel::core::detail
