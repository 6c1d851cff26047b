// Natural frame of a mesh: planar regions, the convex hull and the principal axes feed the rule
// shared with the B-rep path; the box is then measured exactly over the vertices.
#include "mesh/mesh_frame.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "frame/frame_choice.hpp"
#include "frame/hull3d.hpp"
#include "mesh/mesh_inertia.hpp"

namespace archipel::core::detail {
namespace {

constexpr double region_cos = 0.99996;  // 0.5°: a triangle this close to the seed's plane joins

// Connected sets of coplanar triangles, each grown from its largest triangle (a sliver's noisy
// normal never seeds a region of a real face).
std::vector<PlanarRegion> planar_regions(const Mesh& mesh, const EdgeAdjacency& edges) {
  const std::size_t n = mesh.triangles.size();
  std::vector<Vec3> normals(n);
  std::vector<double> areas(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Vec3 an = area_normal(mesh, mesh.triangles[i]);
    areas[i] = 0.5 * norm(an);
    normals[i] = areas[i] > 0 ? scale(an, 0.5 / areas[i]) : Vec3{};
  }
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::ranges::stable_sort(order, [&](auto a, auto b) { return areas[a] > areas[b]; });
  std::vector<char> done(n, 0);
  std::vector<PlanarRegion> regions;
  std::vector<std::uint32_t> todo;
  for (const std::uint32_t seed : order) {
    if (done[seed] || !(areas[seed] > 0)) continue;
    const Vec3 ns = normals[seed];
    Vec3 sum{};
    double area = 0;
    todo.assign(1, seed);
    done[seed] = 1;
    while (!todo.empty()) {
      const std::uint32_t t = todo.back();
      todo.pop_back();
      const double sense = dot(normals[t], ns) < 0 ? -1.0 : 1.0;  // a flipped triangle still counts
      sum = add(sum, scale(normals[t], sense * areas[t]));
      area += areas[t];
      for (const auto nb : edges.across[t])
        if (nb != EdgeAdjacency::none && !done[nb] && std::abs(dot(normals[nb], ns)) >= region_cos) {
          done[nb] = 1;
          todo.push_back(nb);
        }
    }
    if (dot(sum, sum) > 0) regions.push_back({normalized(sum), area});
  }
  return regions;
}

std::pair<double, double> range_along(const Mesh& mesh, const Vec3& d) {
  double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
  for (const Vec3& p : mesh.vertices) {
    const double s = dot(p, d);
    lo = std::min(lo, s);
    hi = std::max(hi, s);
  }
  return {lo, hi};
}

Frame frame_from_basis(const Mesh& mesh, const FrameBasis& basis, const Tolerances& tolerances) {
  // A tessellated symmetric part is symmetric only to within its chords: its centre of mass is
  // "in the middle" within this (the B-rep path uses linear_mm).
  constexpr double mesh_offset_tol = 0.01;
  const Vec3 centre = centre_of_mass(mesh);
  std::array<FrameAxis, 3> axes;
  for (int i = 0; i < 3; ++i) {
    const auto [lo, hi] = range_along(mesh, basis.axes[i]);
    axes[i] = {basis.axes[i], lo, hi, basis.area[i], dot(centre, basis.axes[i]) - (lo + hi) / 2};
  }
  axes = order_axes(axes, {tolerances.frame_tie_mm, tolerances.sheet_ratio, mesh_offset_tol});
  Frame frame;
  frame.x_axis = axes[0].dir;
  frame.y_axis = axes[1].dir;
  frame.z_axis = axes[2].dir;
  frame.method = basis.method;
  for (int i = 0; i < 3; ++i)
    frame.origin[i] = axes[0].min * frame.x_axis[i] + axes[1].min * frame.y_axis[i] +
                      axes[2].min * frame.z_axis[i];
  return frame;
}

}  // namespace

Frame find_natural_frame(const Mesh& mesh, const EdgeAdjacency& edges, const Tolerances& tolerances) {
  FrameInput input;
  input.points = hull_vertices(mesh.vertices);
  input.planes = planar_regions(mesh, edges);
  input.principal = principal_axes(mesh);
  FrameBasis basis = choose_basis(input, {tolerances.frame_tie_mm, tolerances.round_mm});
  if (basis.round_axis) {
    const Vec3 n = basis.axes[*basis.round_axis];
    basis = turn_round_basis(basis, file_axis_in_plane(n), "planar-faces+file-axes");
  }
  return frame_from_basis(mesh, basis, tolerances);
}

std::optional<Frame> frame_towards_hole(const Mesh& mesh, const Frame& frame,
                                        const std::vector<Hole>& holes, const Tolerances& tol) {
  const Vec3 centre = centre_of_mass(mesh);
  const Vec3& n = frame.z_axis;
  std::optional<Vec3> best;
  for (const Hole& h : holes) {
    if (std::abs(h.axis[2]) < 1 - 1e-9) continue;  // not parallel to the frame's z
    Vec3 c = frame.origin;  // the hole's centre in file coordinates
    for (int i = 0; i < 3; ++i)
      c[i] += h.center_mm[0] * frame.x_axis[i] + h.center_mm[1] * frame.y_axis[i] +
              h.center_mm[2] * frame.z_axis[i];
    const Vec3 offset = in_plane(sub(c, centre), n);
    const double size = norm(offset);
    if (size <= tol.hole_group_mm) continue;
    const double best_size = best ? norm(*best) : 0;
    // Equally near holes (a symmetric bolt circle) are interchangeable: prefer the file's +x.
    const bool nearer = !best || size < best_size - tol.linear_mm;
    const bool tie = best && near(size, best_size, tol.linear_mm);
    if (nearer || (tie && offset[0] > (*best)[0] + tol.linear_mm)) best = offset;
  }
  if (!best) return std::nullopt;
  FrameBasis basis;
  basis.axes = {frame.x_axis, frame.y_axis, n};
  basis.area = {0, 0, 1};  // the broad faces face n; nothing planar faces the other two
  basis.round_axis = 2;
  return frame_from_basis(mesh, turn_round_basis(basis, *best, "planar-faces+holes"), tol);
}

void move_from_frame(Mesh& mesh, const Frame& frame) {
  for (Vec3& p : mesh.vertices) {
    Vec3 q = frame.origin;
    for (int i = 0; i < 3; ++i)
      q[i] += p[0] * frame.x_axis[i] + p[1] * frame.y_axis[i] + p[2] * frame.z_axis[i];
    p = q;
  }
}

void move_to_frame(Mesh& mesh, const Frame& frame) {
  for (Vec3& p : mesh.vertices) {
    const Vec3 d = sub(p, frame.origin);
    p = {dot(d, frame.x_axis), dot(d, frame.y_axis), dot(d, frame.z_axis)};
  }
}

Vec3 extents(const Mesh& mesh) {
  Vec3 lo{}, hi{};
  lo.fill(std::numeric_limits<double>::max());
  hi.fill(std::numeric_limits<double>::lowest());
  for (const Vec3& p : mesh.vertices)
    for (int i = 0; i < 3; ++i) {
      lo[i] = std::min(lo[i], p[i]);
      hi[i] = std::max(hi[i], p[i]);
    }
  return {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
}

}  // namespace archipel::core::detail
