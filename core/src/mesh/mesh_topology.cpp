#include "mesh/mesh_topology.hpp"

#include <algorithm>

namespace archipel::core::detail {

VertexTriangles vertex_triangles(const Mesh& mesh) {
  VertexTriangles out;
  out.offsets.assign(mesh.vertices.size() + 1, 0);
  for (const Triangle& t : mesh.triangles)
    for (auto v : t) ++out.offsets[v + 1];
  for (std::size_t v = 0; v < mesh.vertices.size(); ++v) out.offsets[v + 1] += out.offsets[v];
  out.triangles.resize(out.offsets.back());
  std::vector<std::uint32_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (std::uint32_t i = 0; i < mesh.triangles.size(); ++i)
    for (auto v : mesh.triangles[i]) out.triangles[fill[v]++] = i;
  return out;
}

namespace {

// One edge end seen from its smaller vertex a: the other vertex b, the triangle, the edge's index
// in it, and whether the triangle runs a -> b (out) or b -> a (in).
struct EdgeEnd {
  std::uint32_t b, triangle;
  std::uint8_t edge;
  bool out;
};

// Pairs the triangles of the edges {a, b} (b > a) collected in `ends`, sorted by b.
void pair_edges(std::vector<EdgeEnd>& ends, EdgeAdjacency& adj) {
  std::ranges::sort(ends, {}, &EdgeEnd::b);
  for (std::size_t i = 0; i < ends.size();) {
    std::size_t j = i, outs = 0;
    for (; j < ends.size() && ends[j].b == ends[i].b; ++j) outs += ends[j].out;
    const std::size_t count = j - i, ins = count - outs;
    if (outs != 1 || ins != 1) adj.bad_edges += count;
    if (count == 2) {  // manifold, even when inconsistently oriented: the two are neighbours
      adj.across[ends[i].triangle][ends[i].edge] = ends[i + 1].triangle;
      adj.across[ends[i + 1].triangle][ends[i + 1].edge] = ends[i].triangle;
    }
    i = j;
  }
}

}  // namespace

EdgeAdjacency edge_adjacency(const Mesh& mesh, const VertexTriangles& around) {
  EdgeAdjacency adj;
  adj.across.assign(mesh.triangles.size(), {EdgeAdjacency::none, EdgeAdjacency::none, EdgeAdjacency::none});
  std::vector<EdgeEnd> ends;
  for (std::uint32_t a = 0; a + 1 < around.offsets.size(); ++a) {
    ends.clear();
    for (auto i = around.offsets[a]; i < around.offsets[a + 1]; ++i) {
      const std::uint32_t t = around.triangles[i];
      const Triangle& tri = mesh.triangles[t];
      const int k = tri[0] == a ? 0 : (tri[1] == a ? 1 : 2);
      const std::uint32_t next = tri[(k + 1) % 3], prev = tri[(k + 2) % 3];
      if (next > a) ends.push_back({next, t, static_cast<std::uint8_t>(k), true});
      if (prev > a) ends.push_back({prev, t, static_cast<std::uint8_t>((k + 2) % 3), false});
    }
    pair_edges(ends, adj);
  }
  return adj;
}

double signed_volume(const Mesh& mesh) {
  double six_v = 0;
  for (const Triangle& t : mesh.triangles)
    six_v += dot(mesh.vertices[t[0]], cross(mesh.vertices[t[1]], mesh.vertices[t[2]]));
  return six_v / 6.0;
}

}  // namespace archipel::core::detail
