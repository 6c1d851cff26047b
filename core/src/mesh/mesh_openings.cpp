// Openings on meshes: a closed section loop with material around it that is not a circle is
// classified (in_process/outline_shape); its wall is the connected facets parallel to the axis,
// whose extent is the depth, and a look just beyond each end, inside the outline near its rim,
// tells a floor (blind) from an open end (through).
#include "mesh/mesh_openings.hpp"

#include <algorithm>
#include <cmath>

#include "in_process/outline_shape.hpp"
#include "mesh/mesh_hole_walls.hpp"

namespace archipel::core::detail {
namespace {

constexpr double wall_sin = 0.0175;      // 1°: a facet this parallel to the axis is part of a wall
constexpr double probe_share = 0.85;     // the probe sits this far from the centre to the rim

struct Wall {
  double lo = 1e300, hi = -1e300;
  std::vector<std::uint32_t> triangles;
};

Wall grow_flat_wall(const Mesh& mesh, const EdgeAdjacency& edges, const Loop& loop, int axis,
                    std::vector<std::uint32_t>& stamp, std::uint32_t mark) {
  const auto along_axis = [&](std::uint32_t t) {
    const Vec3 n = area_normal(mesh, mesh.triangles[t]);
    const double len = norm(n);
    return len > 0 && std::abs(n[axis]) <= wall_sin * len;
  };
  Wall wall;
  // A wall leaning from the axis (a tilted hole's section) is no opening: leave it unstamped.
  if (!std::ranges::all_of(loop.triangles, along_axis)) return wall;
  std::vector<std::uint32_t> todo;
  for (auto t : loop.triangles)
    if (stamp[t] == 0) {
      stamp[t] = mark;
      todo.push_back(t);
    }
  while (!todo.empty()) {
    const std::uint32_t t = todo.back();
    todo.pop_back();
    wall.triangles.push_back(t);
    for (auto v : mesh.triangles[t]) {
      wall.lo = std::min(wall.lo, mesh.vertices[v][axis]);
      wall.hi = std::max(wall.hi, mesh.vertices[v][axis]);
    }
    for (const auto n : edges.across[t]) {
      if (n == EdgeAdjacency::none || stamp[n] != 0 || !along_axis(n)) continue;
      stamp[n] = mark;
      todo.push_back(n);
    }
  }
  return wall;
}

}  // namespace

std::optional<Opening> opening_from_loop(const Mesh& mesh, const EdgeAdjacency& edges,
                                         const Section& section, const Loop& loop, const Vec3& size,
                                         const MaterialBeyond& beyond, double outward,
                                         std::vector<std::uint32_t>& stamp, std::uint32_t mark,
                                         const Tolerances& tolerances) {
  if (!loop.closed || loop.points.size() < 4) return std::nullopt;
  if (containing_loops(section, loop.points.front().at, &loop) % 2 == 0) return std::nullopt;
  const int axis = section.axis, iu = (axis + 1) % 3, iv = (axis + 2) % 3;
  std::vector<std::array<double, 2>> points;
  points.reserve(loop.points.size());
  for (const auto& p : loop.points) points.push_back(p.at);
  const auto shape = classify_outline(points, tolerances);
  if (!shape || is_part_inside(*shape, size[iu], size[iv])) return std::nullopt;
  const Wall wall = grow_flat_wall(mesh, edges, loop, axis, stamp, mark);
  if (wall.triangles.empty()) return std::nullopt;
  // The probe: inside the outline, near the point of its rim farthest from the centre.
  Point2 far = points.front();
  const auto dist = [&](const Point2& p) { return std::hypot(p[0] - shape->centre[0], p[1] - shape->centre[1]); };
  for (const Point2& p : points)
    if (dist(p) > dist(far)) far = p;
  const Point2 probe{shape->centre[0] + probe_share * (far[0] - shape->centre[0]),
                     shape->centre[1] + probe_share * (far[1] - shape->centre[1])};
  Vec3 direction{};
  direction[axis] = 1;
  const auto open = [&](double end, int side) {
    const auto material = beyond(probe, end, side);
    return material ? !*material
                    : !wall_end_closed(mesh, edges, wall.triangles, stamp, mark, direction, side < 0, outward);
  };
  const bool open_lo = open(wall.lo, -1), open_hi = open(wall.hi, +1);
  const bool from_top = open_hi && !open_lo;
  Opening o;
  o.shape = shape->shape;
  o.width_mm = shape->width;
  o.length_mm = shape->length;
  o.sides = shape->sides;
  o.depth_mm = wall.hi - wall.lo;
  o.through = open_lo && open_hi;
  o.center_mm[axis] = from_top ? wall.hi : wall.lo;
  o.center_mm[iu] = shape->centre[0];
  o.center_mm[iv] = shape->centre[1];
  o.axis = {0, 0, 0};
  o.axis[axis] = from_top ? -1 : 1;
  o.direction = {0, 0, 0};
  o.direction[iu] = shape->direction[0];
  o.direction[iv] = shape->direction[1];
  return o;
}

}  // namespace archipel::core::detail
