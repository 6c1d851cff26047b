#include "mesh/mesh_topology.hpp"

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

// Whether triangle t holds the directed edge a -> b.
bool has_edge(const Triangle& t, std::uint32_t a, std::uint32_t b) {
  return (t[0] == a && t[1] == b) || (t[1] == a && t[2] == b) || (t[2] == a && t[0] == b);
}

}  // namespace

std::size_t bad_edge_count(const Mesh& mesh, const VertexTriangles& around) {
  std::size_t bad = 0;
  for (const Triangle& t : mesh.triangles)
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = t[k], b = t[(k + 1) % 3];
      int same = 0, opposite = 0;
      for (auto i = around.offsets[a]; i < around.offsets[a + 1]; ++i) {
        const Triangle& u = mesh.triangles[around.triangles[i]];
        same += has_edge(u, a, b);
        opposite += has_edge(u, b, a);
      }
      bad += (same != 1 || opposite != 1);
    }
  return bad;
}

double signed_volume(const Mesh& mesh) {
  double six_v = 0;
  for (const Triangle& t : mesh.triangles)
    six_v += dot(mesh.vertices[t[0]], cross(mesh.vertices[t[1]], mesh.vertices[t[2]]));
  return six_v / 6.0;
}

}  // namespace archipel::core::detail
