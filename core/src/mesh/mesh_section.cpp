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
  Section section{axis, height, {}, nullptr};
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

// Loops by grid cell (compressed rows): the loops whose box overlaps cell c are
// `items[offsets[c] .. offsets[c + 1])`. Empty (`cells == 0`) when the boxes overlap too much to
// be worth it (nested rings): the queries then test every loop.
struct LoopGrid {
  Point2 lo{}, size{};
  int n = 0;
  std::vector<std::uint32_t> offsets, items;
};

namespace {

std::shared_ptr<const LoopGrid> build_grid(const Section& section) {
  auto grid = std::make_shared<LoopGrid>();
  std::size_t closed = 0;
  Point2 lo{1e300, 1e300}, hi{-1e300, -1e300};
  for (const Loop& l : section.loops) {
    if (!l.closed) continue;
    ++closed;
    for (int i = 0; i < 2; ++i) lo[i] = std::min(lo[i], l.lo[i]), hi[i] = std::max(hi[i], l.hi[i]);
  }
  if (closed < 16) return grid;
  const int n = std::min(1024, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(closed)))));
  grid->lo = lo;
  grid->size = {std::max(hi[0] - lo[0], 1e-9) / n, std::max(hi[1] - lo[1], 1e-9) / n};
  const auto cell = [&](double v, int i) { return std::clamp(static_cast<int>((v - lo[i]) / grid->size[i]), 0, n - 1); };
  std::size_t entries = 0;
  for (const Loop& l : section.loops)
    if (l.closed)
      entries += std::size_t(cell(l.hi[0], 0) - cell(l.lo[0], 0) + 1) * std::size_t(cell(l.hi[1], 1) - cell(l.lo[1], 1) + 1);
  if (entries > 16 * closed + std::size_t(n) * n) return grid;  // nested rings: no gain
  grid->offsets.assign(std::size_t(n) * n + 1, 0);
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<std::uint32_t> fill(grid->offsets.begin(), grid->offsets.end() - 1);
    for (std::uint32_t k = 0; k < section.loops.size(); ++k) {
      const Loop& l = section.loops[k];
      if (!l.closed) continue;
      for (int x = cell(l.lo[0], 0); x <= cell(l.hi[0], 0); ++x)
        for (int y = cell(l.lo[1], 1); y <= cell(l.hi[1], 1); ++y) {
          const std::size_t c = std::size_t(x) * n + y;
          if (pass == 0) ++grid->offsets[c + 1];
          else grid->items[fill[c]++] = k;
        }
    }
    if (pass == 0) {
      for (std::size_t c = 0; c + 1 < grid->offsets.size(); ++c) grid->offsets[c + 1] += grid->offsets[c];
      grid->items.resize(grid->offsets.back());
    }
  }
  grid->n = n;
  return grid;
}

bool inside(const Loop& loop, const Point2& p) {
  if (p[0] < loop.lo[0] || p[0] > loop.hi[0] || p[1] < loop.lo[1] || p[1] > loop.hi[1]) return false;
  bool in = false;
  const auto& pts = loop.points;
  for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
    const Point2& a = pts[i].at;
    const Point2& b = pts[j].at;
    if ((a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0])
      in = !in;
  }
  return in;
}

}  // namespace

int containing_loops(const Section& section, const Point2& p, const Loop* skip) {
  if (!section.grid) section.grid = build_grid(section);
  const LoopGrid& grid = *section.grid;
  int count = 0;
  if (grid.n == 0) {
    for (const Loop& loop : section.loops)
      if (&loop != skip && loop.closed) count += inside(loop, p);
    return count;
  }
  const int x = static_cast<int>((p[0] - grid.lo[0]) / grid.size[0]);
  const int y = static_cast<int>((p[1] - grid.lo[1]) / grid.size[1]);
  if (x < 0 || y < 0 || x >= grid.n || y >= grid.n) return 0;  // outside every loop's box
  const std::size_t c = std::size_t(x) * grid.n + y;
  for (auto i = grid.offsets[c]; i < grid.offsets[c + 1]; ++i) {
    const Loop& loop = section.loops[grid.items[i]];
    if (&loop != skip) count += inside(loop, p);
  }
  return count;
}

}  // namespace archipel::core::detail

