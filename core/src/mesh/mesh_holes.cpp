// Holes on meshes. A section plane between two vertex levels crosses every cylinder wall that
// spans it; a closed loop whose crossed edges' end vertices lie on one circle (vertices, not the
// section points: those on diagonal edges sit on chords, inside the true circle) is a hole when
// another loop encloses it (material outside) and a boss otherwise. The wall is then grown
// over the triangles whose vertices stay on the cylinder: its extent is the depth, and a
// section just beyond each end tells whether material closes it (blind) or not (open).
#include "mesh/mesh_holes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>

#include "in_process/hole_chains.hpp"
#include "mesh/mesh_frame.hpp"
#include "mesh/mesh_hole_walls.hpp"
#include "mesh/mesh_openings.hpp"
#include "mesh/mesh_section.hpp"

namespace archipel::core::detail {
namespace {

constexpr std::size_t all_gaps_limit = 24;  // below this many slabs, section every slab
constexpr std::size_t widest_gaps = 8;      // else the widest slabs, plus the quarters
constexpr double min_gap_mm = 1e-3;
constexpr std::size_t min_circle_vertices = 8;
constexpr double max_angle_step = std::numbers::pi / 4;
constexpr double min_radius_mm = 0.05;

std::vector<double> candidate_heights(const std::vector<double>& levels) {
  std::vector<std::pair<double, double>> gaps;  // (width, middle)
  for (std::size_t i = 0; i + 1 < levels.size(); ++i)
    if (levels[i + 1] - levels[i] > min_gap_mm)
      gaps.emplace_back(levels[i + 1] - levels[i], 0.5 * (levels[i] + levels[i + 1]));
  std::vector<double> heights;
  if (gaps.size() <= all_gaps_limit) {
    for (const auto& g : gaps) heights.push_back(g.second);
  } else {
    std::ranges::sort(gaps, std::greater<>{});
    for (std::size_t i = 0; i < widest_gaps; ++i) heights.push_back(gaps[i].second);
    for (int e = 1; e < 4; ++e) {
      const double target = levels.front() + (levels.back() - levels.front()) * e / 4.0;
      auto it = std::ranges::upper_bound(levels, target);
      if (it == levels.begin() || it == levels.end()) continue;
      if (*it - *(it - 1) > min_gap_mm) heights.push_back(0.5 * (*it + *(it - 1)));
    }
  }
  std::ranges::sort(heights);
  heights.erase(std::unique(heights.begin(), heights.end()), heights.end());
  return heights;
}

double radius_of(const Point2& p, const Circle& c) {
  const double du = p[0] - c.u, dv = p[1] - c.v;
  return std::sqrt(du * du + dv * dv);
}

Point2 project(const Vec3& p, int axis) { return {p[(axis + 1) % 3], p[(axis + 2) % 3]}; }

// The end vertices of the loop's crossed edges, projected on the section plane.
std::vector<Point2> loop_vertices(const Mesh& mesh, const Loop& loop, int axis) {
  std::vector<std::uint32_t> ids;
  ids.reserve(loop.points.size() * 2);
  for (const auto& p : loop.points) ids.insert(ids.end(), {p.a, p.b});
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<Point2> out;
  out.reserve(ids.size());
  for (auto id : ids) out.push_back(project(mesh.vertices[id], axis));
  return out;
}

std::optional<Circle> circular_loop(const Mesh& mesh, const Loop& loop, int axis) {
  if (!loop.closed || loop.points.size() < 6) return std::nullopt;
  const auto verts = loop_vertices(mesh, loop, axis);
  const auto circle = fit_circle(verts);
  if (!circle || circle->r < min_radius_mm) return std::nullopt;
  const double tol = circle_tolerance(circle->r);
  if (max_radial_error(*circle, verts) > tol) return std::nullopt;
  const auto step = largest_angle_step(*circle, verts, min_circle_vertices);
  if (!step || *step > max_angle_step + 1e-4) return std::nullopt;
  const double inner = circle->r * std::cos(*step / 2) - tol;
  for (const auto& p : loop.points) {
    const double rho = radius_of(p.at, *circle);
    if (rho < inner || rho > circle->r + tol) return std::nullopt;
  }
  return circle;
}

// A slab of a cone about the section's axis (a countersink): the crossed edges run from one ring
// of vertices to another, both circles about one centre with different radii.
struct ConeSlab {
  Circle lo, hi;           // the rings (centre and radius) at the lower and upper level
  double t_lo = 0, t_hi = 0;
};

std::optional<ConeSlab> conical_loop(const Mesh& mesh, const Loop& loop, int axis, double merge) {
  if (!loop.closed || loop.points.size() < 6) return std::nullopt;
  std::vector<std::uint32_t> ids;
  for (const auto& p : loop.points) ids.insert(ids.end(), {p.a, p.b});
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  double t_lo = 1e300, t_hi = -1e300;
  for (auto id : ids) t_lo = std::min(t_lo, mesh.vertices[id][axis]), t_hi = std::max(t_hi, mesh.vertices[id][axis]);
  if (t_hi - t_lo <= merge) return std::nullopt;
  std::vector<Point2> lo, hi;
  for (auto id : ids) {
    const double t = mesh.vertices[id][axis];
    if (std::abs(t - t_lo) <= merge) lo.push_back(project(mesh.vertices[id], axis));
    else if (std::abs(t - t_hi) <= merge) hi.push_back(project(mesh.vertices[id], axis));
    else return std::nullopt;  // vertices between the rings: not one slab of a cone
  }
  const auto ring = [&](const std::vector<Point2>& pts) -> std::optional<Circle> {
    // One vertex (or several in one place): the apex of a drill point, a circle of radius 0.
    if (!pts.empty() && std::ranges::all_of(pts, [&](const Point2& p) {
          return std::hypot(p[0] - pts[0][0], p[1] - pts[0][1]) <= merge;
        }))
      return Circle{pts[0][0], pts[0][1], 0};
    const auto c = fit_circle(pts);
    if (!c || c->r < min_radius_mm || max_radial_error(*c, pts) > circle_tolerance(c->r)) return std::nullopt;
    const auto step = largest_angle_step(*c, pts, min_circle_vertices);
    if (!step || *step > max_angle_step + 1e-4) return std::nullopt;
    return c;
  };
  const auto a = ring(lo), b = ring(hi);
  if (!a || !b) return std::nullopt;
  const double tol = circle_tolerance(std::max(a->r, b->r));
  if (std::hypot(a->u - b->u, a->v - b->v) > tol || std::abs(a->r - b->r) <= tol) return std::nullopt;
  return ConeSlab{*a, *b, t_lo, t_hi};
}

struct Wall {
  double lo = 0, hi = 0;  // extent along the axis
  std::vector<std::uint32_t> triangles;
};

// Grows the wall from the loop's triangles over triangles whose vertices lie on the cylinder,
// stamping them with `mark`.
Wall grow_wall(const Mesh& mesh, const EdgeAdjacency& edges, const Loop& loop,
               const Circle& c, int axis, std::vector<std::uint32_t>& stamp, std::uint32_t mark) {
  const double tol = circle_tolerance(c.r);
  auto on_cylinder = [&](std::uint32_t v) {
    const Point2 p = project(mesh.vertices[v], axis);
    return std::abs(radius_of(p, c) - c.r) <= tol;
  };
  Wall wall{mesh.vertices[mesh.triangles[loop.triangles[0]][0]][axis], 0, {}};
  wall.hi = wall.lo;
  std::vector<std::uint32_t> todo(loop.triangles.begin(), loop.triangles.end());
  for (auto t : todo) stamp[t] = mark;
  while (!todo.empty()) {
    const std::uint32_t t = todo.back();
    todo.pop_back();
    wall.triangles.push_back(t);
    const Triangle& tri = mesh.triangles[t];
    for (auto v : tri) {
      wall.lo = std::min(wall.lo, mesh.vertices[v][axis]);
      wall.hi = std::max(wall.hi, mesh.vertices[v][axis]);
    }
    for (const auto n : edges.across[t]) {
      if (n == EdgeAdjacency::none || stamp[n] == mark) continue;
      const Triangle& nt = mesh.triangles[n];
      if (!on_cylinder(nt[0]) || !on_cylinder(nt[1]) || !on_cylinder(nt[2])) continue;
      stamp[n] = mark;
      todo.push_back(n);
    }
  }
  return wall;
}

// Sections of one axis, built on demand and kept: the ends of many holes share heights.
struct AxisSections {
  Sectioner& sectioner;
  int axis;
  std::vector<double> levels;
  std::map<double, Section> cache;

  const Section& at(double h) {
    auto it = cache.find(h);
    if (it == cache.end()) it = cache.emplace(h, sectioner.at(axis, h)).first;
    return it->second;
  }

  // Whether material lies at the circle's centre just beyond `end` (direction +1 or -1); nothing
  // when that would take one section too many (a hostile mesh with thousands of hole depths):
  // the caller then asks the wall's neighbours.
  std::optional<bool> material_beyond(const Circle& c, double end, int direction, double merge) {
    double next = 0;
    if (direction > 0) {
      auto it = std::ranges::upper_bound(levels, end + merge);
      if (it == levels.end()) return false;
      next = *it;
    } else {
      auto it = std::ranges::lower_bound(levels, end - merge);
      if (it == levels.begin()) return false;
      next = *(it - 1);
    }
    const double h = 0.5 * (end + next);
    if (!cache.contains(h) && extra_sections++ >= max_extra_sections) return std::nullopt;
    return containing_loops(at(h), {c.u, c.v}) % 2 == 1;
  }

  static constexpr std::size_t max_extra_sections = 64;
  std::size_t extra_sections = 0;
};

Hole make_hole(const Circle& c, const Wall& wall, bool boss, bool open_lo, bool open_hi, int axis) {
  Hole hole;
  hole.diameter_mm = 2 * c.r;
  hole.depth_mm = wall.hi - wall.lo;
  hole.boss = boss;
  hole.through = !boss && open_lo && open_hi;
  // As on the B-rep path: the entry is the lower end and the axis points along the frame axis,
  // except for a hole open only at its upper end, entered there and pointing into the part.
  const bool from_top = !boss && open_hi && !open_lo;
  hole.center_mm[axis] = from_top ? wall.hi : wall.lo;
  hole.center_mm[(axis + 1) % 3] = c.u;
  hole.center_mm[(axis + 2) % 3] = c.v;
  hole.axis = {0, 0, 0};
  hole.axis[axis] = from_top ? -1 : 1;
  return hole;
}

// What the search along the frame axes collects.
struct Found {
  std::vector<Hole> holes;
  std::vector<std::array<bool, 2>> open_ends;  // of each hole's wall, at its lower and upper end
  std::vector<Opening> openings;
  std::vector<HoleSegment> cones;              // conical slabs of holes (countersinks)
  Vec3 size{};                                 // the part's extents along the frame axes
};

constexpr std::uint32_t opening_marks = 0x80000000u;  // stamps of opening walls start here
constexpr std::uint32_t cone_marks = 0x40000000u;     // stamps of conical slabs start here

void holes_along(const Mesh& mesh, const EdgeAdjacency& edges, Sectioner& sectioner, int axis,
                 const Tolerances& tolerances, double outward, std::vector<std::uint32_t>& stamp,
                 Found& found) {
  std::vector<Hole>& holes = found.holes;
  Vec3 direction{};
  direction[axis] = 1;
  AxisSections sections{sectioner, axis, vertex_levels(mesh, axis, tolerances.linear_mm), {}};
  const auto heights = candidate_heights(sections.levels);
  const auto crossing = crossing_triangles(mesh, axis, heights);
  for (std::size_t i = 0; i < heights.size(); ++i) {
    const Section& section =
        sections.cache.emplace(heights[i], sectioner.build(axis, heights[i], crossing[i]))
            .first->second;
    for (const Loop& loop : section.loops) {
      if (!loop.closed || stamp[loop.triangles[0]] != 0) continue;  // a wall already found
      const auto circle = circular_loop(mesh, loop, axis);
      if (!circle) {
        // A conical slab with material around it: a countersink (or a taper) of a hole; chained
        // with its cylinder below, it becomes a feature of that hole. A cone of material (a
        // chamfered pin) is not a hole and is left to the opening search.
        if (const auto cone = conical_loop(mesh, loop, axis, tolerances.linear_mm);
            cone && containing_loops(section, loop.points.front().at, &loop) % 2 == 1) {
          const auto mark = static_cast<std::uint32_t>(cone_marks + found.cones.size());
          for (auto t : loop.triangles) stamp[t] = mark;
          HoleSegment s;
          s.dir = direction;
          s.base[(axis + 1) % 3] = 0.5 * (cone->lo.u + cone->hi.u);
          s.base[(axis + 2) % 3] = 0.5 * (cone->lo.v + cone->hi.v);
          s.t0 = cone->t_lo;
          s.t1 = cone->t_hi;
          s.d0 = 2 * cone->lo.r;
          s.d1 = 2 * cone->hi.r;
          s.cone = true;
          found.cones.push_back(s);
          continue;
        }
        const MaterialBeyond beyond = [&](const Point2& at, double end, int side) {
          return sections.material_beyond(Circle{at[0], at[1], 0}, end, side, tolerances.linear_mm);
        };
        const auto mark = static_cast<std::uint32_t>(opening_marks + found.openings.size());
        if (auto o = opening_from_loop(mesh, edges, section, loop, found.size, beyond, outward, stamp,
                                       mark, tolerances))
          found.openings.push_back(std::move(*o));
        continue;
      }
      const auto mark = static_cast<std::uint32_t>(holes.size() + 1);
      const Wall wall = grow_wall(mesh, edges, loop, *circle, axis, stamp, mark);
      const bool boss = containing_loops(section, loop.points.front().at, &loop) % 2 == 0;
      const auto open = [&](double end, int side) {
        const auto beyond = sections.material_beyond(*circle, end, side, tolerances.linear_mm);
        return beyond ? !*beyond : !wall_end_closed(mesh, edges, wall.triangles, stamp, mark, direction, side < 0, outward);
      };
      const bool open_lo = open(wall.lo, -1);
      const bool open_hi = open(wall.hi, +1);
      holes.push_back(make_hole(*circle, wall, boss, open_lo, open_hi, axis));
      found.open_ends.push_back({open_lo, open_hi});
    }
  }
}

}  // namespace

MeshFeatures find_mesh_features(const Mesh& mesh, const EdgeAdjacency& edges,
                                const Tolerances& tolerances) {
  Found found;
  found.size = extents(mesh);
  std::vector<std::uint32_t> stamp(mesh.triangles.size(), 0);
  Sectioner sectioner(mesh, edges);
  const double outward = outward_sense(mesh);
  for (int axis : {2, 0, 1}) holes_along(mesh, edges, sectioner, axis, tolerances, outward, stamp, found);
  std::vector<Hole>& holes = found.holes;
  const auto& open_ends = found.open_ends;
  find_tilted_holes(mesh, edges, tolerances, stamp, holes);
  // Coaxial walls that follow each other are one hole (a groove, a counterbore).
  std::vector<HoleSegment> segments;
  segments.reserve(holes.size());
  for (std::size_t i = 0; i < holes.size(); ++i) {
    segments.push_back(segment_of(holes[i]));
    if (i >= open_ends.size() || holes[i].boss) continue;
    segments.back().open0 = open_ends[i][0];  // a frame axis: t0 is the wall's lower end
    segments.back().open1 = open_ends[i][1];
  }
  segments.insert(segments.end(), found.cones.begin(), found.cones.end());
  holes = chain_holes(std::move(segments), tolerances);
  // Keys rounded to the grouping tolerance: centres equal but for float noise sort by the next
  // coordinate (a comparison with a tolerance would not be a strict weak order).
  const auto key = [&](const Hole& h) {
    std::array<double, 4> k{};
    for (int i = 0; i < 3; ++i) k[i] = std::round(h.center_mm[i] / tolerances.hole_group_mm);
    k[3] = h.diameter_mm;
    return k;
  };
  std::ranges::sort(holes, [&](const Hole& a, const Hole& b) { return key(a) < key(b); });
  const auto opening_key = [&](const Opening& o) {
    std::array<double, 3> k{};
    for (int i = 0; i < 3; ++i) k[i] = std::round(o.center_mm[i] / tolerances.hole_group_mm);
    return k;
  };
  std::ranges::sort(found.openings, [&](const Opening& a, const Opening& b) { return opening_key(a) < opening_key(b); });
  return {std::move(holes), std::move(found.openings)};
}

std::vector<Hole> find_mesh_holes(const Mesh& mesh, const EdgeAdjacency& edges,
                                  const Tolerances& tolerances) {
  return find_mesh_features(mesh, edges, tolerances).holes;
}

}  // namespace archipel::core::detail
