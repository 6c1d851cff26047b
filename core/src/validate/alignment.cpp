// The grid alignment that fits a part best: 90-degree rotations about the footprint's centre and
// translations of the assembly-point lattice, scored by how many hole centres land on nodes.
#include <algorithm>
#include <array>
#include <cmath>

#include "validate_detail.hpp"

namespace archipel::core::detail {
namespace {

constexpr double axis_alignment = 0.999;  // |cos| above which a hole axis is along a frame axis
constexpr double same_candidate_mm = 1e-6;

// One candidate origin along one axis, with its score.
struct AxisFit {
  double origin = 0;
  int on_grid = 0;
  double total_deviation = 0;
  double preference = 0;  // distance from the outline-centred origin

  [[nodiscard]] bool better_than(const AxisFit& o) const {
    if (on_grid != o.on_grid) return on_grid > o.on_grid;
    if (std::abs(total_deviation - o.total_deviation) > same_candidate_mm)
      return total_deviation < o.total_deviation;
    return preference < o.preference - same_candidate_mm;
  }
};

AxisFit score_axis(const std::vector<double>& coords, const AssemblyPoints& lattice, double origin,
                   double preferred, double tolerance) {
  AxisFit fit{origin, 0, 0, std::abs(centred_mod(origin - preferred, lattice.step_mm))};
  for (double v : coords) {
    const double dev = std::abs(lattice_deviation(v, lattice.step_mm, lattice.offsets_mm, origin));
    fit.total_deviation += dev;
    if (dev <= tolerance) ++fit.on_grid;
  }
  return fit;
}

// The best origin along one axis: candidates put one coordinate exactly on a node (or the outline
// centred in its cells); the winner is then nudged by the mean deviation of the points it fits.
double best_axis_origin(const std::vector<double>& coords, const AssemblyPoints& lattice,
                        double preferred, double tolerance) {
  const double step = lattice.step_mm;
  std::vector<double> candidates{centred_mod(preferred, step)};
  for (double v : coords)
    for (double o : lattice.offsets_mm) candidates.push_back(centred_mod(v - o, step));
  std::ranges::sort(candidates);
  const auto dup = std::ranges::unique(candidates, [](double a, double b) {
    return std::abs(a - b) <= same_candidate_mm;
  });
  candidates.erase(dup.begin(), dup.end());
  AxisFit best = score_axis(coords, lattice, candidates.front(), preferred, tolerance);
  for (double c : candidates) {
    const AxisFit fit = score_axis(coords, lattice, c, preferred, tolerance);
    if (fit.better_than(best)) best = fit;
  }
  double sum = 0;
  int n = 0;
  for (double v : coords) {
    const double dev = lattice_deviation(v, step, lattice.offsets_mm, best.origin);
    if (std::abs(dev) <= tolerance) { sum += dev; ++n; }
  }
  return centred_mod(n > 0 ? best.origin + sum / n : best.origin, step);
}

}  // namespace

std::vector<CheckedPoint> assembly_points(const PartMeasurement& part,
                                          const std::vector<BoltCircle>& circles) {
  std::vector<CheckedPoint> out;
  std::vector<bool> on_circle(part.holes.size(), false);
  for (std::size_t c = 0; c < circles.size(); ++c) {
    out.push_back({-1, circles[c].centre, true, true, static_cast<int>(c)});
    for (int i : circles[c].holes) on_circle[static_cast<std::size_t>(i)] = true;
  }
  for (std::size_t i = 0; i < part.holes.size(); ++i) {
    const Hole& h = part.holes[i];
    if (h.boss || on_circle[i]) continue;
    CheckedPoint ap{static_cast<int>(i), {h.center_mm[0], h.center_mm[1]}, true, true};
    if (std::abs(h.axis[2]) >= axis_alignment) out.push_back(ap);
    else if (std::abs(h.axis[0]) >= axis_alignment) { ap.check_x = false; out.push_back(ap); }
    else if (std::abs(h.axis[1]) >= axis_alignment) { ap.check_y = false; out.push_back(ap); }
  }
  return out;
}

// Where the grid's cell corner would be if the outline sat centred in its nominal cells.
Point2 preferred_corner(const PartMeasurement& part, const GridStandard& grid) {
  const auto& d = grid.dimensions;
  const auto clearance = [&](const AxisConstraint& axis, double size) {
    if (!axis.constrained) return 0.0;
    return nearest_dimension(size, axis.step_mm, d.clearance).nominal - size;
  };
  return {-clearance(d.width, part.size_mm[0]) / 2, -clearance(d.depth, part.size_mm[1]) / 2};
}

Point2 footprint_centre(const PartMeasurement& part) {
  return {part.size_mm[0] / 2, part.size_mm[1] / 2};
}

Point2 to_grid_frame(Point2 p, int rotation_deg, Point2 c) {
  const double u = p.x - c.x, v = p.y - c.y;
  switch (rotation_deg) {
    case 90: return {c.x + v, c.y - u};
    case 180: return {c.x - u, c.y - v};
    case 270: return {c.x - v, c.y + u};
    default: return p;
  }
}

Point2 from_grid_frame(Point2 p, int rotation_deg, Point2 c) {
  return to_grid_frame(p, (360 - rotation_deg) % 360, c);
}

double centred_mod(double v, double step) {
  double r = std::fmod(v, step);
  if (r > step / 2) r -= step;
  if (r <= -step / 2) r += step;
  return r;
}

double lattice_deviation(double v, double step, const std::vector<double>& offsets, double origin) {
  double best = centred_mod(v - origin - offsets.front(), step);
  for (double o : offsets) {
    const double d = centred_mod(v - origin - o, step);
    if (std::abs(d) < std::abs(best)) best = d;
  }
  return best;
}

AssemblyPoints effective_lattice(const GridStandard& grid) {
  if (grid.assembly_points) return *grid.assembly_points;
  return {grid.pitch_mm, {0.0}};
}

Alignment find_alignment(const PartMeasurement& part, const GridStandard& grid) {
  const AssemblyPoints lattice = effective_lattice(grid);
  const double tol = grid.tolerances.position_mm;
  const auto points = assembly_points(part, bolt_circles(part, grid));
  const Point2 centre = footprint_centre(part);
  const Point2 corner = preferred_corner(part, grid);
  Alignment best;
  double best_total = 0;
  bool have_best = false;
  for (int rotation : {0, 90, 180, 270}) {
    const bool swap = rotation == 90 || rotation == 270;
    std::vector<double> xs, ys;
    std::vector<std::array<double, 2>> rotated;
    for (const auto& ap : points) {
      const Point2 q = to_grid_frame(ap.p, rotation, centre);
      if (swap ? ap.check_y : ap.check_x) xs.push_back(q.x);
      if (swap ? ap.check_x : ap.check_y) ys.push_back(q.y);
    }
    const Point2 pref = to_grid_frame(corner, rotation, centre);
    Alignment a{best_axis_origin(xs, lattice, pref.x, tol),
                best_axis_origin(ys, lattice, pref.y, tol), rotation, 0,
                static_cast<int>(points.size())};
    double total = 0;
    for (const auto& ap : points) {
      const Point2 q = to_grid_frame(ap.p, rotation, centre);
      const bool cx = swap ? ap.check_y : ap.check_x, cy = swap ? ap.check_x : ap.check_y;
      const double ex = cx ? std::abs(lattice_deviation(q.x, lattice.step_mm, lattice.offsets_mm, a.dx_mm)) : 0;
      const double ey = cy ? std::abs(lattice_deviation(q.y, lattice.step_mm, lattice.offsets_mm, a.dy_mm)) : 0;
      total += ex + ey;
      if (ex <= tol && ey <= tol) ++a.points_on_grid;
    }
    const bool better = !have_best || a.points_on_grid > best.points_on_grid ||
                        (a.points_on_grid == best.points_on_grid &&
                         total < best_total - same_candidate_mm);
    if (better) { best = a; best_total = total; have_best = true; }
  }
  return best;
}

}  // namespace archipel::core::detail
