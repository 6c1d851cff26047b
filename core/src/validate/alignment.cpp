// Where the grid lies on a part. The nominal outline fixes it: the part's measured extent plus
// the standard's clearance is a whole number of steps, and the grid's cell corners sit on that
// nominal outline. Where the clearance leaves play (a 79 mm bar in its 80 mm cells), the grid may
// slide within it, from the outline flush with its low edge to flush with its high edge; a round
// part (a disc) has no straight edge to anchor on and anchors on its centre. Within that range
// the origin that puts the most assembly points on nodes wins, then the smallest total
// deviation, then the outline centred in its cells. The grid may also be turned by 90-degree
// steps about the footprint's centre (lattices whose offsets are not symmetric). Only along an
// extent the standard does not constrain is the grid fitted to the holes alone.
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
  double preference = 0;  // distance from the preferred (outline-centred) origin

  [[nodiscard]] bool better_than(const AxisFit& o) const {
    if (on_grid != o.on_grid) return on_grid > o.on_grid;
    if (std::abs(total_deviation - o.total_deviation) > same_candidate_mm)
      return total_deviation < o.total_deviation;
    return preference < o.preference - same_candidate_mm;
  }
};

AxisFit score_axis(const std::vector<double>& coords, const AssemblyPoints& lattice, double origin,
                   const AxisAnchor& anchor, double tolerance) {
  const double preference = anchor.free ? std::abs(centred_mod(origin - anchor.preferred, lattice.step_mm))
                                        : std::abs(origin - anchor.preferred);
  AxisFit fit{origin, 0, 0, preference};
  for (double v : coords) {
    const double dev = std::abs(lattice_deviation(v, lattice.step_mm, lattice.offsets_mm, origin));
    fit.total_deviation += dev;
    if (dev <= tolerance) ++fit.on_grid;
  }
  return fit;
}

// Candidate origins: the anchor's ends and preferred origin, and every origin within the
// anchor's range that puts one coordinate exactly on a node.
std::vector<double> candidates(const std::vector<double>& coords, const AssemblyPoints& lattice,
                               const AxisAnchor& anchor) {
  const double step = lattice.step_mm;
  std::vector<double> out{anchor.preferred};
  if (!anchor.free) out.insert(out.end(), {anchor.lo, anchor.hi});
  for (double v : coords)
    for (double o : lattice.offsets_mm) {
      const double exact = v - o;
      if (anchor.free) {
        out.push_back(centred_mod(exact, step));
        continue;
      }
      // Every exact - k * step within [lo, hi] (usually one: the range is narrower than a step).
      const double first = std::ceil((exact - anchor.hi - same_candidate_mm) / step);
      const double last = std::floor((exact - anchor.lo + same_candidate_mm) / step);
      for (double k = first; k <= last; ++k)
        out.push_back(std::clamp(exact - k * step, anchor.lo, anchor.hi));
    }
  std::ranges::sort(out);
  const auto dup = std::ranges::unique(out, [](double a, double b) { return std::abs(a - b) <= same_candidate_mm; });
  out.erase(dup.begin(), dup.end());
  return out;
}

// The best origin along one axis; the winner is then nudged by the mean deviation of the points
// it fits (staying within the anchor's range).
double best_axis_origin(const std::vector<double>& coords, const AssemblyPoints& lattice,
                        const AxisAnchor& anchor, double tolerance) {
  const auto all = candidates(coords, lattice, anchor);
  AxisFit best = score_axis(coords, lattice, all.front(), anchor, tolerance);
  for (double c : all) {
    const AxisFit fit = score_axis(coords, lattice, c, anchor, tolerance);
    if (fit.better_than(best)) best = fit;
  }
  double sum = 0;
  int n = 0;
  for (double v : coords) {
    const double dev = lattice_deviation(v, lattice.step_mm, lattice.offsets_mm, best.origin);
    if (std::abs(dev) <= tolerance) { sum += dev; ++n; }
  }
  const double nudged = n > 0 ? best.origin + sum / n : best.origin;
  return anchor.free ? centred_mod(nudged, lattice.step_mm) : std::clamp(nudged, anchor.lo, anchor.hi);
}

// The nominal extent of one footprint axis under its constraint, or nothing when unconstrained.
std::optional<double> nominal_extent(const AxisConstraint& axis, double size, const Clearance& c) {
  if (!axis.constrained) return std::nullopt;
  return nearest_dimension(size, axis.step_mm, c).nominal;
}

std::string anchor_name(const std::array<AxisAnchor, 2>& anchors) {
  if (anchors[0].kind == AnchorKind::centre) return "centre";
  const int outline = (anchors[0].kind == AnchorKind::outline) + (anchors[1].kind == AnchorKind::outline);
  return outline == 2 ? "outline" : outline == 1 ? "outline+holes" : "holes";
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
  // A slot lets its fastener slide along its centre line: only the distance across it counts.
  for (std::size_t i = 0; i < part.openings.size(); ++i) {
    const Opening& o = part.openings[i];
    if (o.shape != "slot") continue;
    CheckedPoint ap{-1, {o.center_mm[0], o.center_mm[1]}, true, true, -1, static_cast<int>(i)};
    const auto along = [](const Vec3& v, int k) { return std::abs(v[k]) >= axis_alignment; };
    if (along(o.axis, 2) && along(o.direction, 0)) ap.check_x = false;
    else if (along(o.axis, 2) && along(o.direction, 1)) ap.check_y = false;
    else if (along(o.axis, 0) && along(o.direction, 2)) ap.check_x = false;
    else if (along(o.axis, 1) && along(o.direction, 2)) ap.check_y = false;
    else continue;
    out.push_back(ap);
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

std::optional<Point2> disc_centre(const PartMeasurement& part, const GridStandard& grid) {
  const double tol = std::max(grid.tolerances.dimension_mm, grid.tolerances.position_mm);
  const Point2 c = footprint_centre(part);
  for (const Hole& h : part.holes) {
    if (!h.boss || std::abs(h.axis[2]) < axis_alignment) continue;
    if (std::abs(h.diameter_mm - part.size_mm[0]) <= tol && std::abs(h.diameter_mm - part.size_mm[1]) <= tol &&
        std::hypot(h.center_mm[0] - c.x, h.center_mm[1] - c.y) <= tol)
      return Point2{h.center_mm[0], h.center_mm[1]};
  }
  return std::nullopt;
}

std::array<AxisAnchor, 2> grid_anchors(const PartMeasurement& part, const GridStandard& grid,
                                       int rotation_deg) {
  const bool swap = rotation_deg == 90 || rotation_deg == 270;
  const Point2 centre = footprint_centre(part);
  std::array<AxisAnchor, 2> out;
  if (const auto disc = disc_centre(part, grid)) {
    const Point2 q = to_grid_frame(*disc, rotation_deg, centre);
    out[0] = {false, q.x, q.x, q.x, AnchorKind::centre};
    out[1] = {false, q.y, q.y, q.y, AnchorKind::centre};
    return out;
  }
  const auto& d = grid.dimensions;
  const std::array<double, 2> extent{swap ? part.size_mm[1] : part.size_mm[0],
                                     swap ? part.size_mm[0] : part.size_mm[1]};
  const std::array<const AxisConstraint*, 2> axis{swap ? &d.depth : &d.width, swap ? &d.width : &d.depth};
  const std::array<double, 2> centre_q{centre.x, centre.y};  // the centre is fixed by the rotation
  for (int i = 0; i < 2; ++i) {
    const auto nominal = nominal_extent(*axis[i], extent[i], d.clearance);
    const double low_edge = centre_q[i] - extent[i] / 2;
    if (!nominal) {
      out[i] = {true, low_edge, low_edge, low_edge, AnchorKind::holes};
      continue;
    }
    const double flush_low = low_edge, flush_high = low_edge + extent[i] - *nominal;
    out[i] = {false, std::min(flush_low, flush_high), std::max(flush_low, flush_high),
              (flush_low + flush_high) / 2, AnchorKind::outline};
  }
  return out;
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
  Alignment best;
  double best_total = 0;
  bool have_best = false;
  for (int rotation : {0, 90, 180, 270}) {
    const bool swap = rotation == 90 || rotation == 270;
    std::vector<double> xs, ys;
    for (const auto& ap : points) {
      const Point2 q = to_grid_frame(ap.p, rotation, centre);
      if (swap ? ap.check_y : ap.check_x) xs.push_back(q.x);
      if (swap ? ap.check_x : ap.check_y) ys.push_back(q.y);
    }
    const auto anchors = grid_anchors(part, grid, rotation);
    Alignment a;
    a.dx_mm = best_axis_origin(xs, lattice, anchors[0], tol);
    a.dy_mm = best_axis_origin(ys, lattice, anchors[1], tol);
    a.rotation_deg = rotation;
    a.points_checked = static_cast<int>(points.size());
    a.anchor = anchor_name(anchors);
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
  // Reported within (-step/2, step/2]: the same grid, whichever node was found.
  best.dx_mm = centred_mod(best.dx_mm, lattice.step_mm);
  best.dy_mm = centred_mod(best.dy_mm, lattice.step_mm);
  return best;
}

}  // namespace archipel::core::detail

namespace archipel::core {

std::array<double, 2> grid_node_origin(const PartMeasurement& part, const GridStandard& grid) {
  const Alignment a = detail::find_alignment(part, grid);
  const AssemblyPoints lattice = detail::effective_lattice(grid);
  const double o = lattice.offsets_mm.front();
  const detail::Point2 node = detail::from_grid_frame({a.dx_mm + o, a.dy_mm + o}, a.rotation_deg,
                                                      detail::footprint_centre(part));
  return {node.x, node.y};
}

}  // namespace archipel::core
