// Plane sections: each crossed triangle gives one segment between its two crossed edges; the
// walk goes on into the triangle on the other side of the exit edge (welded meshes share it).
#include "mesh/mesh_section.hpp"

#include <algorithm>
#include <cmath>

namespace archipel::core::detail {
namespace {

using Edge = std::array<std::uint32_t, 2>;  // a crossed edge, smaller vertex first

SectionPoint crossing(const Mesh& mesh, int axis, double h, const Edge& e) {
  const Vec3& p = mesh.vertices[e[0]];
  const Vec3& q = mesh.vertices[e[1]];
  const double t = (h - p[axis]) / (q[axis] - p[axis]);
  const int iu = (axis + 1) % 3, iv = (axis + 2) % 3;
  return {{p[iu] + t * (q[iu] - p[iu]), p[iv] + t * (q[iv] - p[iv])}, e[0], e[1]};
}

// The two edges of triangle t that the plane crosses (a triangle between vertex levels has two),
// with their indices in t.
struct CrossedEdges {
  std::array<Edge, 2> edge{};
  std::array<int, 2> index{};
};

CrossedEdges crossed_edges(const Mesh& mesh, const Triangle& t, int axis, double h) {
  CrossedEdges out;
  int n = 0;
  for (int k = 0; k < 3 && n < 2; ++k) {
    const std::uint32_t a = t[k], b = t[(k + 1) % 3];
    if ((mesh.vertices[a][axis] < h) == (mesh.vertices[b][axis] < h)) continue;
    out.edge[n] = a < b ? Edge{a, b} : Edge{b, a};
    out.index[n++] = k;
  }
  return out;
}

void close_box(Loop& loop) {
  loop.lo = loop.hi = loop.points.front().at;
  for (const auto& p : loop.points)
    for (int i = 0; i < 2; ++i) {
      loop.lo[i] = std::min(loop.lo[i], p.at[i]);
      loop.hi[i] = std::max(loop.hi[i], p.at[i]);
    }
}

}  // namespace

std::vector<double> vertex_levels(const Mesh& mesh, int axis, double merge) {
  std::vector<double> values;
  values.reserve(mesh.vertices.size());
  for (const Vec3& p : mesh.vertices) values.push_back(p[axis]);
  std::ranges::sort(values);
  std::vector<double> levels;
  for (double v : values)
    if (levels.empty() || v - levels.back() > merge) levels.push_back(v);
  return levels;
}

std::vector<std::vector<std::uint32_t>> crossing_triangles(const Mesh& mesh, int axis,
                                                           const std::vector<double>& heights) {
  std::vector<std::vector<std::uint32_t>> out(heights.size());
  for (std::uint32_t i = 0; i < mesh.triangles.size(); ++i) {
    const Triangle& t = mesh.triangles[i];
    const double a = mesh.vertices[t[0]][axis], b = mesh.vertices[t[1]][axis],
                 c = mesh.vertices[t[2]][axis];
    const double lo = std::min({a, b, c}), hi = std::max({a, b, c});
    auto it = std::ranges::upper_bound(heights, lo);  // first height strictly above lo
    for (; it != heights.end() && *it < hi; ++it)
      out[static_cast<std::size_t>(it - heights.begin())].push_back(i);
  }
  return out;
}

Section Sectioner::build(int axis, double height, const std::vector<std::uint32_t>& crossing_list) {
  constexpr std::uint32_t none = EdgeAdjacency::none;
  Section section{axis, height, {}};
  ++pass_;
  for (const std::uint32_t start : crossing_list) {
    if (seen_[start] == pass_) continue;
    Loop loop;
    std::uint32_t cur = start;
    Edge in = crossed_edges(mesh_, mesh_.triangles[start], axis, height).edge[0];
    while (true) {
      seen_[cur] = pass_;
      const CrossedEdges crossed = crossed_edges(mesh_, mesh_.triangles[cur], axis, height);
      const int o = crossed.edge[0] == in ? 1 : 0;
      const Edge out = crossed.edge[o];
      loop.points.push_back(crossing(mesh_, axis, height, in));
      loop.triangles.push_back(cur);
      const std::uint32_t next = edges_.across[cur][crossed.index[o]];  // the other side of `out`
      if (next == start) loop.closed = true;
      if (next == none || next == start || seen_[next] == pass_) break;
      cur = next;
      in = out;
    }
    close_box(loop);
    section.loops.push_back(std::move(loop));
  }
  return section;
}

Section Sectioner::at(int axis, double height) {
  return build(axis, height, crossing_triangles(mesh_, axis, {height})[0]);
}

int containing_loops(const Section& section, const Point2& p, const Loop* skip) {
  int count = 0;
  for (const Loop& loop : section.loops) {
    if (&loop == skip || !loop.closed) continue;
    if (p[0] < loop.lo[0] || p[0] > loop.hi[0] || p[1] < loop.lo[1] || p[1] > loop.hi[1]) continue;
    bool inside = false;
    const auto& pts = loop.points;
    for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
      const Point2& a = pts[i].at;
      const Point2& b = pts[j].at;
      if ((a[1] > p[1]) != (b[1] > p[1]) &&
          p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0])
        inside = !inside;
    }
    count += inside;
  }
  return count;
}

}  // namespace archipel::core::detail

