// Mesh sheets: check the facets, section at mid-thickness, fit the loops.
#include "export/mesh_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include <fmt/format.h>

#include "export/contour_fit.hpp"
#include "frame/vec3.hpp"
#include "mesh/mesh_section.hpp"
#include "mesh/mesh_topology.hpp"

namespace archipel::core::detail {
namespace {

constexpr double level_mm = 1e-3;  // float coordinates: a face lies at its level within this
constexpr double wall_nz = 2e-3;   // |n.z| of a wall facet (about 0.1 degree)

std::string mm(double v) { return fmt::format("{:.3f}", std::abs(v) < 5e-4 ? 0.0 : v); }

Result<void> not_a_sheet(const std::string& why) {
  return fail(Errc::invalid, "not a sheet part: " + why +
                                 " (a sheet has two parallel planar faces and walls perpendicular "
                                 "to them through the whole thickness)");
}

// Every facet faces along z at one of the two levels, or is a wall; the first reason of each kind is
// kept, a face between the two levels reported first (as on the B-rep path).
Result<void> check_facets(const Mesh& mesh, double thickness) {
  std::optional<std::string> level, slope;
  for (std::size_t i = 0; i < mesh.triangles.size() && !level; ++i) {
    const Triangle& t = mesh.triangles[i];
    const Vec3 n = area_normal(mesh, t);
    const double length = norm(n);
    if (length <= 0) continue;
    const double nz = std::abs(n[2]) / length;
    if (nz <= wall_nz) continue;
    if (nz < 0.5) {
      if (!slope)
        slope = fmt::format("facet {} slopes ({:.1f} degrees from the faces {} mm apart: a chamfer, slope or "
                            "rounded edge)", i + 1, std::acos(nz) * 180 / std::numbers::pi, mm(thickness));
      continue;
    }
    for (auto v : t) {
      const double z = mesh.vertices[v][2];
      if (std::abs(z) > level_mm && std::abs(z - thickness) > level_mm && !level)
        level = fmt::format("a face lies at z = {} mm, between the faces at 0 and {} mm (a step, a pocket or a "
                            "bend: the thickness is not constant)", mm(z), mm(thickness));
    }
  }
  if (level) return not_a_sheet(*level);
  if (slope) return not_a_sheet(*slope);
  return {};
}

// The height of the section: in the gap between vertex levels nearest mid-thickness.
double section_height(const Mesh& mesh, double thickness) {
  const auto levels = vertex_levels(mesh, 2, 1e-9);
  double best = 0.5 * thickness, distance = 1e300;
  for (std::size_t i = 0; i + 1 < levels.size(); ++i) {
    const double mid = 0.5 * (levels[i] + levels[i + 1]);
    if (levels[i + 1] - levels[i] > 1e-6 && std::abs(mid - 0.5 * thickness) < distance)
      best = mid, distance = std::abs(mid - 0.5 * thickness);
  }
  return best;
}

// The wall vertices below the plane, in the loop's order, repeated ones dropped.
std::vector<P2> lower_vertices(const Mesh& mesh, const Loop& loop, double h) {
  std::vector<P2> out;
  for (const auto& p : loop.points) {
    const Vec3& a = mesh.vertices[p.a];
    const Vec3& lower = a[2] < h ? a : mesh.vertices[p.b];
    const P2 q{lower[0], lower[1]};
    if (!out.empty() && std::hypot(q[0] - out.back()[0], q[1] - out.back()[1]) <= 1e-9) continue;
    out.push_back(q);
  }
  while (out.size() > 1 && std::hypot(out.front()[0] - out.back()[0], out.front()[1] - out.back()[1]) <= 1e-9)
    out.pop_back();
  return out;
}

}  // namespace

Result<SheetProfile> mesh_sheet_profile(const Mesh& mesh, double thickness) {
  if (auto ok = check_facets(mesh, thickness); !ok) return std::unexpected(ok.error());
  const VertexTriangles around = vertex_triangles(mesh);
  const EdgeAdjacency edges = edge_adjacency(mesh, around);
  Sectioner sectioner(mesh, edges);
  const double h = section_height(mesh, thickness);
  const Section section = sectioner.at(2, h);
  SheetProfile profile;
  profile.thickness_mm = thickness;
  for (const Loop& loop : section.loops) {
    if (!loop.closed)
      return fail(Errc::invalid, fmt::format("the mesh is not closed: its section at z = {} mm has an open chain",
                                             mm(h)));
    auto polygon = lower_vertices(mesh, loop, h);
    if (polygon.size() < 3) continue;
    profile.contours.push_back(fit_contour(std::move(polygon)));
  }
  if (profile.contours.empty()) return fail(Errc::invalid, "not a sheet part: its section is empty");
  mark_openings(profile);
  sort_contours(profile);
  return profile;
}

}  // namespace archipel::core::detail
