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

std::size_t bad_edge_count(const Mesh& mesh, const VertexTriangles& around) {
  // Around vertex a, each triangle has one edge leaving a (a -> next) and one entering it
  // (prev -> a). Edge a -> b is sound when b is left exactly once and entered exactly once.
  std::size_t bad = 0;
  std::vector<std::uint32_t> outs, ins;
  for (std::uint32_t a = 0; a + 1 < around.offsets.size(); ++a) {
    outs.clear();
    ins.clear();
    for (auto i = around.offsets[a]; i < around.offsets[a + 1]; ++i) {
      const Triangle& t = mesh.triangles[around.triangles[i]];
      const int k = t[0] == a ? 0 : (t[1] == a ? 1 : 2);
      outs.push_back(t[(k + 1) % 3]);
      ins.push_back(t[(k + 2) % 3]);
    }
    std::ranges::sort(outs);
    std::ranges::sort(ins);
    for (std::size_t i = 0; i < outs.size(); ++i) {
      const auto b = outs[i];
      const bool single_out = (i == 0 || outs[i - 1] != b) && (i + 1 == outs.size() || outs[i + 1] != b);
      const auto [lo, hi] = std::ranges::equal_range(ins, b);
      bad += !single_out || hi - lo != 1;
    }
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
