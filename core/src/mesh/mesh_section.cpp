// Plane sections: each crossed triangle gives one segment between two crossed edges; segments
// sharing a crossed edge (a welded edge is shared by two triangles) are chained into loops.
#include "mesh/mesh_section.hpp"

#include <algorithm>
#include <cmath>
#include <bit>

namespace archipel::core::detail {
namespace {

std::uint64_t edge_key(std::uint32_t a, std::uint32_t b) {
  return a < b ? (std::uint64_t{a} << 32) | b : (std::uint64_t{b} << 32) | a;
}

struct Segment {
  SectionPoint ends[2];
  std::uint64_t keys[2];
  std::uint32_t triangle;
};

SectionPoint crossing(const Mesh& mesh, int axis, double h, std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  const Vec3& p = mesh.vertices[a];
  const Vec3& q = mesh.vertices[b];
  const double t = (h - p[axis]) / (q[axis] - p[axis]);
  const int iu = (axis + 1) % 3, iv = (axis + 2) % 3;
  return {{p[iu] + t * (q[iu] - p[iu]), p[iv] + t * (q[iv] - p[iv])}, a, b};
}

std::vector<Segment> segments(const Mesh& mesh, int axis, double h,
                              const std::vector<std::uint32_t>& crossing_list) {
  std::vector<Segment> out;
  out.reserve(crossing_list.size());
  for (auto ti : crossing_list) {
    const Triangle& t = mesh.triangles[ti];
    Segment s{};
    s.triangle = ti;
    int n = 0;
    for (int k = 0; k < 3 && n < 2; ++k) {
      const std::uint32_t a = t[k], b = t[(k + 1) % 3];
      if ((mesh.vertices[a][axis] < h) == (mesh.vertices[b][axis] < h)) continue;
      s.ends[n] = crossing(mesh, axis, h, a, b);
      s.keys[n++] = edge_key(a, b);
    }
    if (n == 2) out.push_back(s);
  }
  return out;
}

// Crossed edge -> the (at most two) segments through it; open addressing, sized once.
class EdgeTable {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  explicit EdgeTable(std::size_t n) : slots_(std::bit_ceil(std::max<std::size_t>(16, n * 2))) {}

  void add(std::uint64_t key, std::uint32_t segment) {
    Slot& s = slot(key);
    s.key = key;
    (s.segments[0] == none ? s.segments[0] : s.segments[1]) = segment;
  }
  const std::array<std::uint32_t, 2>& find(std::uint64_t key) { return slot(key).segments; }

 private:
  struct Slot {
    std::uint64_t key = ~std::uint64_t{0};
    std::array<std::uint32_t, 2> segments{none, none};
  };
  Slot& slot(std::uint64_t key) {
    for (std::size_t i = mix64(key) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1))
      if (slots_[i].key == key || slots_[i].segments[0] == none) return slots_[i];
  }
  std::vector<Slot> slots_;
};

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

Section build_section(const Mesh& mesh, int axis, double height,
                      const std::vector<std::uint32_t>& crossing_list) {
  Section section{axis, height, {}};
  const auto segs = segments(mesh, axis, height, crossing_list);
  EdgeTable by_edge(segs.size() * 2);
  constexpr std::uint32_t none = EdgeTable::none;
  for (std::uint32_t i = 0; i < segs.size(); ++i)
    for (auto key : segs[i].keys) by_edge.add(key, i);
  std::vector<char> used(segs.size(), 0);
  for (std::uint32_t start = 0; start < segs.size(); ++start) {
    if (used[start]) continue;
    Loop loop;
    std::uint32_t cur = start;
    int enter = 0;  // the end through which we entered `cur`
    while (true) {
      used[cur] = 1;
      loop.points.push_back(segs[cur].ends[enter]);
      loop.triangles.push_back(segs[cur].triangle);
      const std::uint64_t out_key = segs[cur].keys[1 - enter];
      const auto& pair = by_edge.find(out_key);
      const std::uint32_t next = pair[0] == cur ? pair[1] : pair[0];
      if (next == none || next == start) {
        loop.closed = next == start;
        break;
      }
      if (used[next]) break;  // a non-manifold edge: leave the chain open
      enter = segs[next].keys[0] == out_key ? 0 : 1;
      cur = next;
    }
    close_box(loop);
    section.loops.push_back(std::move(loop));
  }
  return section;
}

Section section_at(const Mesh& mesh, int axis, double height) {
  return build_section(mesh, axis, height, crossing_triangles(mesh, axis, {height})[0]);
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

