// Walls from facets: tessellated cylinders are strips of facets parallel to their axis, joined
// by ruling edges along it. Their axis directions are voted by those edges; each connected strip
// of facets parallel to a voted direction is a candidate wall, accepted when its vertices lie on
// one circle all around.
#include "mesh/mesh_hole_walls.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "frame/frame_choice.hpp"
#include "mesh/circle_fit.hpp"

namespace archipel::core::detail {
namespace {

constexpr double ruling_sin = 0.0087;     // 0.5°: an edge this close to perpendicular to a normal
constexpr double coplanar_cos = 0.99999;  // 0.26°: facets this parallel are one plane, not a fold
constexpr double fold_cos = 0.5;          // 60°: sharper folds are edges of the part, not a cylinder
constexpr double same_axis_cos = 0.99996; // 0.5°: ruling directions this close are one axis
constexpr double frame_axis_cos = 0.99996;// axes this close to a frame axis were found by sections
constexpr double wall_sin = 0.0175;       // 1°: a facet this parallel to the axis belongs to a wall
constexpr std::size_t max_axes = 8, max_votes = 32, min_wall_vertices = 8;
constexpr double max_angle_step = std::numbers::pi / 4, min_radius_mm = 0.05;

struct Facets {
  std::vector<Vec3> normal;  // unit
  std::vector<double> area;
};

Facets facets_of(const Mesh& mesh) {
  Facets f;
  f.normal.resize(mesh.triangles.size());
  f.area.resize(mesh.triangles.size());
  for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
    const Vec3 an = area_normal(mesh, mesh.triangles[i]);
    const double len = norm(an);
    f.area[i] = 0.5 * len;
    f.normal[i] = len > 0 ? scale(an, 1 / len) : Vec3{};
  }
  return f;
}

Vec3 canonical(const Vec3& d) {
  int k = 0;
  for (int i = 1; i < 3; ++i)
    if (std::abs(d[i]) > std::abs(d[k])) k = i;
  return d[k] < 0 ? scale(d, -1) : d;
}

struct Vote {
  Vec3 sum{}, dir{};
  double weight = 0;
};

// Axis directions voted by ruling edges (weighted by length), strongest first.
std::vector<Vec3> ruling_axes(const Mesh& mesh, const EdgeAdjacency& edges, const Facets& f,
                              const std::vector<std::uint32_t>& stamp) {
  std::vector<Vote> votes;
  for (std::uint32_t t = 0; t < mesh.triangles.size(); ++t) {
    if (stamp[t] != 0 || f.area[t] <= 0) continue;
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t u = edges.across[t][k];
      if (u == EdgeAdjacency::none || u < t || stamp[u] != 0 || f.area[u] <= 0) continue;
      const double c = dot(f.normal[t], f.normal[u]);
      if (c > coplanar_cos || c < fold_cos) continue;
      Vec3 e = sub(mesh.vertices[mesh.triangles[t][(k + 1) % 3]], mesh.vertices[mesh.triangles[t][k]]);
      const double length = norm(e);
      if (length <= 0) continue;
      e = canonical(scale(e, 1 / length));
      if (std::abs(dot(e, f.normal[t])) > ruling_sin || std::abs(dot(e, f.normal[u])) > ruling_sin) continue;
      if (std::max({std::abs(e[0]), std::abs(e[1]), std::abs(e[2])}) >= frame_axis_cos) continue;
      auto v = std::ranges::find_if(votes, [&](const Vote& x) { return std::abs(dot(x.dir, e)) >= same_axis_cos; });
      if (v == votes.end()) {
        if (votes.size() >= max_votes) continue;
        v = votes.insert(votes.end(), Vote{});
      }
      v->sum = add(v->sum, scale(dot(v->sum, e) < 0 ? scale(e, -1) : e, length));
      v->dir = normalized(v->sum);
      v->weight += length;
    }
  }
  std::ranges::stable_sort(votes, [](const Vote& a, const Vote& b) { return a.weight > b.weight; });
  std::vector<Vec3> axes;
  for (const Vote& v : votes)
    if (axes.size() < max_axes) axes.push_back(canonical(normalized(v.sum)));
  return axes;
}

// The connected facets parallel to `axis` around `seed` that no wall took yet.
std::vector<std::uint32_t> strip_from(std::uint32_t seed, const Vec3& axis, const EdgeAdjacency& edges,
                                      const Facets& f, const std::vector<std::uint32_t>& stamp,
                                      std::vector<char>& seen) {
  std::vector<std::uint32_t> strip{seed}, todo{seed};
  seen[seed] = 1;
  while (!todo.empty()) {
    const std::uint32_t t = todo.back();
    todo.pop_back();
    for (const auto u : edges.across[t])
      if (u != EdgeAdjacency::none && !seen[u] && stamp[u] == 0 && f.area[u] > 0 &&
          std::abs(dot(f.normal[u], axis)) <= wall_sin) {
        seen[u] = 1;
        strip.push_back(u);
        todo.push_back(u);
      }
  }
  return strip;
}

struct Fitted {
  Circle circle;
  double lo, hi;  // extent along the axis
};

std::optional<Fitted> fit_strip(const Mesh& mesh, const std::vector<std::uint32_t>& strip, const Vec3& u,
                                const Vec3& w, const Vec3& axis) {
  std::vector<std::uint32_t> ids;
  for (auto t : strip) ids.insert(ids.end(), mesh.triangles[t].begin(), mesh.triangles[t].end());
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.size() < min_wall_vertices) return std::nullopt;
  std::vector<Point2> flat;
  Fitted out{{}, 1e300, -1e300};
  for (auto id : ids) {
    const Vec3& p = mesh.vertices[id];
    flat.push_back({dot(p, u), dot(p, w)});
    out.lo = std::min(out.lo, dot(p, axis));
    out.hi = std::max(out.hi, dot(p, axis));
  }
  const auto c = fit_circle(flat);
  if (!c || c->r < min_radius_mm || max_radial_error(*c, flat) > circle_tolerance(c->r)) return std::nullopt;
  const auto step = largest_angle_step(*c, flat, min_wall_vertices);
  if (!step || *step > max_angle_step + 1e-4) return std::nullopt;
  out.circle = *c;
  return out;
}

// A hole when the wall's facets face its axis (material outside), a boss otherwise.
bool faces_axis(const Mesh& mesh, const std::vector<std::uint32_t>& strip, const Facets& f, const Vec3& centre,
                const Vec3& axis, double outward) {
  double towards = 0;
  for (auto t : strip) {
    const Triangle& tri = mesh.triangles[t];
    const Vec3 mid = scale(add(add(mesh.vertices[tri[0]], mesh.vertices[tri[1]]), mesh.vertices[tri[2]]), 1.0 / 3);
    const Vec3 to_axis = in_plane(sub(centre, mid), axis);
    towards += f.area[t] * (dot(f.normal[t], to_axis) > 0 ? 1 : -1);
  }
  return towards * outward > 0;
}

}  // namespace

double outward_sense(const Mesh& mesh) {
  double six_v = 0;
  const Vec3 ref = mesh.vertices.empty() ? Vec3{} : mesh.vertices.front();
  for (const Triangle& t : mesh.triangles)
    six_v += dot(sub(mesh.vertices[t[0]], ref), cross(sub(mesh.vertices[t[1]], ref), sub(mesh.vertices[t[2]], ref)));
  return six_v < 0 ? -1.0 : 1.0;
}

bool wall_end_closed(const Mesh& mesh, const EdgeAdjacency& edges, const std::vector<std::uint32_t>& wall,
                     const std::vector<std::uint32_t>& stamp, std::uint32_t mark, const Vec3& axis,
                     bool lower, double outward) {
  double lo = 1e300, hi = -1e300;
  for (auto t : wall)
    for (auto v : mesh.triangles[t]) lo = std::min(lo, dot(mesh.vertices[v], axis)), hi = std::max(hi, dot(mesh.vertices[v], axis));
  const double middle = 0.5 * (lo + hi);
  double closing = 0, opening = 0;
  for (auto t : wall)
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t n = edges.across[t][k];
      if (n == EdgeAdjacency::none || stamp[n] == mark) continue;
      const Triangle& tri = mesh.triangles[t];
      const double at = 0.5 * (dot(mesh.vertices[tri[k]], axis) + dot(mesh.vertices[tri[(k + 1) % 3]], axis));
      if ((at < middle) != lower) continue;
      // A floor at the lower end faces up the hole (+axis); at the upper end, down (-axis).
      const Vec3 an = area_normal(mesh, mesh.triangles[n]);
      const double facing = dot(an, axis) * outward * (lower ? 1 : -1);
      (facing > 0 ? closing : opening) += std::abs(facing);
    }
  return closing > opening;
}

void find_tilted_holes(const Mesh& mesh, const EdgeAdjacency& edges, const Tolerances& tolerances,
                       std::vector<std::uint32_t>& stamp, std::vector<Hole>& holes) {
  (void)tolerances;
  const Facets f = facets_of(mesh);
  const auto axes = ruling_axes(mesh, edges, f, stamp);
  if (axes.empty()) return;
  const double outward = outward_sense(mesh);
  std::vector<char> seen(mesh.triangles.size());
  for (const Vec3& axis : axes) {
    std::ranges::fill(seen, 0);
    const Vec3 u = file_axis_in_plane(axis), w = cross(axis, u);
    for (std::uint32_t t = 0; t < mesh.triangles.size(); ++t) {
      if (seen[t] || stamp[t] != 0 || f.area[t] <= 0 || std::abs(dot(f.normal[t], axis)) > wall_sin) continue;
      const auto strip = strip_from(t, axis, edges, f, stamp, seen);
      const auto fitted = fit_strip(mesh, strip, u, w, axis);
      if (!fitted) continue;
      const auto mark = static_cast<std::uint32_t>(holes.size() + 1);
      for (auto s : strip) stamp[s] = mark;
      const Vec3 centre = add(scale(u, fitted->circle.u), scale(w, fitted->circle.v));
      Hole hole;
      hole.diameter_mm = 2 * fitted->circle.r;
      hole.depth_mm = fitted->hi - fitted->lo;
      hole.boss = !faces_axis(mesh, strip, f, add(centre, scale(axis, fitted->lo)), axis, outward);
      const bool closed_lo = !hole.boss && wall_end_closed(mesh, edges, strip, stamp, mark, axis, true, outward);
      const bool closed_hi = !hole.boss && wall_end_closed(mesh, edges, strip, stamp, mark, axis, false, outward);
      hole.through = !hole.boss && !closed_lo && !closed_hi;
      // As on the B-rep path: entered at the lower end along the axis, except a hole open only at
      // its upper end, entered there and pointing into the part.
      const bool from_top = !hole.boss && closed_lo && !closed_hi;
      hole.axis = from_top ? scale(axis, -1) : axis;
      hole.center_mm = add(centre, scale(axis, from_top ? fitted->hi : fitted->lo));
      holes.push_back(hole);
    }
  }
}

}  // namespace archipel::core::detail
