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

// Edges leaving a (a -> next) and entering it (prev -> a), one of each per triangle around a.
void edges_around(const Mesh& mesh, const VertexTriangles& around, std::uint32_t a,
                  std::uint32_t* outs, std::uint32_t* ins) {
  std::size_t n = 0;
  for (auto i = around.offsets[a]; i < around.offsets[a + 1]; ++i, ++n) {
    const Triangle& t = mesh.triangles[around.triangles[i]];
    const int k = t[0] == a ? 0 : (t[1] == a ? 1 : 2);
    outs[n] = t[(k + 1) % 3];
    ins[n] = t[(k + 2) % 3];
  }
}

// Edge a -> b is sound when b is left exactly once and entered exactly once around a.
std::size_t bad_around(const std::uint32_t* outs, const std::uint32_t* ins, std::size_t n) {
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t left = 0, entered = 0;
    for (std::size_t j = 0; j < n; ++j) {
      left += outs[j] == outs[i];
      entered += ins[j] == outs[i];
    }
    bad += left != 1 || entered != 1;
  }
  return bad;
}

}  // namespace

std::size_t bad_edge_count(const Mesh& mesh, const VertexTriangles& around) {
  constexpr std::size_t small = 32;  // most vertices; a fan's centre may have many more
  std::size_t bad = 0;
  std::array<std::uint32_t, small> outs{}, ins{};
  std::vector<std::uint32_t> many_outs, many_ins;
  for (std::uint32_t a = 0; a + 1 < around.offsets.size(); ++a) {
    const std::size_t n = around.offsets[a + 1] - around.offsets[a];
    if (n <= small) {
      edges_around(mesh, around, a, outs.data(), ins.data());
      bad += bad_around(outs.data(), ins.data(), n);
      continue;
    }
    many_outs.resize(n);
    many_ins.resize(n);
    edges_around(mesh, around, a, many_outs.data(), many_ins.data());
    bad += bad_around(many_outs.data(), many_ins.data(), n);
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
