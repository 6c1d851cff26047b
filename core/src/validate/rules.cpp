// One function per kind of grid rule. Each measures how far a value sits from the nearest value
// the standard allows and reports a finding when it is beyond the standard's tolerance.
#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "archipel/core/tolerances.hpp"
#include "validate_detail.hpp"

namespace archipel::core::detail {
namespace {

Finding make_finding(const GridRule& rule, Severity severity, std::string message,
                     double measured, double expected, double tolerance, std::string location,
                     int hole = -1) {
  return {rule.id,          std::string(severity_name(severity)), rule.clause, std::move(message),
          measured,         expected, measured - expected,        tolerance,   std::move(location),
          hole};
}

std::string hole_label(int index) { return fmt::format("hole {}", index + 1); }

// The allowed value nearest to `measured`, and its index, from a sorted or unsorted list.
std::size_t nearest_index(const std::vector<double>& allowed, double measured) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < allowed.size(); ++i)
    if (std::abs(allowed[i] - measured) < std::abs(allowed[best] - measured)) best = i;
  return best;
}

std::string clearance_note(double expected, double nominal) {
  return fmt::format("nominal {} mm, {} mm clearance", num(nominal), signed_num(expected - nominal));
}

void check_one_dimension(const char* name, double measured, const AxisConstraint& axis,
                         const GridStandard& grid, const GridRule& rule,
                         std::vector<Finding>& out, RuleOutcome& outcome) {
  const double tol = grid.tolerances.dimension_mm;
  const auto nd = nearest_dimension(measured, axis.step_mm, grid.dimensions.clearance);
  const double dev = measured - nd.expected;
  ++outcome.checked;
  if (std::abs(dev) > tol) {
    ++outcome.failed;
    std::string nearest = fmt::format("nearest allowed {} mm", num(nd.expected));
    if (std::abs(nd.nominal - nd.expected) > 1e-9)
      nearest += fmt::format(" ({})", clearance_note(nd.expected, nd.nominal));
    out.push_back(make_finding(
        rule, rule.severity,
        fmt::format("{} {} mm is off the {} mm grid by {} mm: {}", name, num(measured),
                    num(axis.step_mm), signed_num(dev), nearest),
        measured, nd.expected, tol, name));
  } else if (nd.nominal - measured > tol) {
    // Within the declared clearance: say so rather than calling the part off-grid.
    out.push_back(make_finding(rule, Severity::info,
                               fmt::format("{} {} mm: {}", name, num(measured),
                                           clearance_note(measured, nd.nominal)),
                               measured, nd.nominal, tol, name));
  }
}

// n * unit + extra nearest to `measured` (n >= 1): the value, n and the extra.
struct NearestHeight {
  double expected = 0;
  int units = 1;
  const HeightExtra* extra = nullptr;
};

NearestHeight nearest_height(double measured, const HeightUnit& unit) {
  NearestHeight best;
  for (const auto& e : unit.extras) {
    const int centre = static_cast<int>(std::lround((measured - e.mm) / unit.unit_mm));
    for (int n = std::max(1, centre - 1); n <= std::max(1, centre + 1); ++n) {
      const double value = n * unit.unit_mm + e.mm;
      if (!best.extra || std::abs(value - measured) < std::abs(best.expected - measured) - 1e-12)
        best = {value, n, &e};
    }
  }
  return best;
}

std::string point_text(Point2 p) { return fmt::format("x {}, y {}", num(p.x), num(p.y)); }

std::string hole_list(const std::vector<int>& holes) {
  std::string out;
  for (int i : holes) out += (out.empty() ? "" : ", ") + std::to_string(i + 1);
  return out;
}

// A bolt circle whose centre is on a node conforms (an info note); otherwise each of its holes
// gets an error naming the centre's deviation.
void bolt_circle_findings(const BoltCircle& circle, Point2 node, bool on_node,
                          const AssemblyPoints& lattice, const GridRule& rule, double tol,
                          std::vector<Finding>& out, RuleOutcome& outcome) {
  const std::string holes = hole_list(circle.holes);
  if (on_node) {
    out.push_back(make_finding(
        rule, Severity::info,
        fmt::format("holes {} lie on a \u00d8{} mm bolt circle centred on the grid at {} mm",
                    holes, num(circle.allowed_mm), point_text(circle.centre)),
        circle.diameter_mm, circle.allowed_mm, 2 * tol, "holes " + holes));
    return;
  }
  const Point2 c = circle.centre;
  const bool along_x = std::abs(c.x - node.x) >= std::abs(c.y - node.y);
  const double measured = along_x ? c.x : c.y, expected = along_x ? node.x : node.y;
  for (int i : circle.holes) {
    ++outcome.failed;
    out.push_back(make_finding(
        rule, rule.severity,
        fmt::format("{} is on a \u00d8{} mm bolt circle whose centre {} mm is off the {} mm grid: "
                    "nearest node {} mm, off by {} mm in {}",
                    hole_label(i), num(circle.allowed_mm), point_text(c), num(lattice.step_mm),
                    point_text(node), signed_num(measured - expected), along_x ? "x" : "y"),
        measured, expected, tol, hole_label(i), i));
  }
}

// When every assembly point is off the grid by the same amount, the holes form a grid of their
// own, shifted from the one the outline fixes: say so once, with the shift.
void own_grid_note(const std::vector<Point2>& offsets, const RuleOutcome& outcome,
                   const Alignment& alignment, const AssemblyPoints& lattice, const GridRule& rule,
                   double tol, std::vector<Finding>& out) {
  if (offsets.size() < 2 || static_cast<int>(offsets.size()) != outcome.checked) return;
  const Point2 first = offsets.front();
  for (const Point2& o : offsets)
    if (std::abs(o.x - first.x) > tol || std::abs(o.y - first.y) > tol) return;
  const bool along_x = std::abs(first.x) >= std::abs(first.y);
  out.push_back(make_finding(
      rule, Severity::info,
      fmt::format("the {} assembly points form a grid of their own, shifted by {} mm in x and {} mm "
                  "in y from the {} mm grid {}",
                  offsets.size(), signed_num(first.x), signed_num(first.y), num(lattice.step_mm),
                  alignment.anchor == "centre" ? "centred on the part" : "the outline fixes"),
      along_x ? first.x : first.y, 0, tol, "assembly points"));
}

}  // namespace

std::string num(double value) {
  std::string s = fmt::format("{:.4f}", value);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string signed_num(double value) {
  std::string s = num(std::abs(value));
  if (s.find('.') == std::string::npos) s += ".0";
  if (s == "0.0") return s;
  return (value < 0 ? "\u2212" : "+") + s;
}

// A part of walls (an angle bracket) has a thickness too, but its smallest extent is a height.
bool is_sheet(const PartMeasurement& part) {
  return part.thickness_mm && core::near(*part.thickness_mm, part.size_mm[2], 1e-6 * (1 + part.size_mm[2]));
}

NearestDimension nearest_dimension(double measured, double step, const Clearance& clearance) {
  NearestDimension best;
  double best_distance = -1;
  const long first = std::max(1L, static_cast<long>(std::floor(measured / step)) - 1);
  for (long n = first; n <= first + 3; ++n) {
    const double nominal = static_cast<double>(n) * step;
    const double value = std::clamp(measured, nominal - clearance.max_mm, nominal - clearance.min_mm);
    const double distance = std::abs(measured - value);
    if (best_distance < 0 || distance < best_distance - 1e-12) {
      best = {value, nominal};
      best_distance = distance;
    }
  }
  return best;
}

void check_dimension(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                     std::vector<Finding>& out, RuleOutcome& outcome) {
  const auto& d = grid.dimensions;
  if (d.width.constrained)
    check_one_dimension("width", part.size_mm[0], d.width, grid, rule, out, outcome);
  if (d.depth.constrained)
    check_one_dimension("depth", part.size_mm[1], d.depth, grid, rule, out, outcome);
  // A sheet part's smallest extent is its thickness, a grid dimension only where declared.
  if (d.height.constrained && (!is_sheet(part) || d.thickness_constrained))
    check_one_dimension(is_sheet(part) ? "thickness" : "height", part.size_mm[2], d.height, grid,
                        rule, out, outcome);
}

void check_height_unit(const PartMeasurement& part, const GridStandard& grid, const GridRule& rule,
                       std::vector<Finding>& out, RuleOutcome& outcome) {
  const HeightUnit& unit = *grid.height_unit;
  const double measured = part.size_mm[2];
  const double tol = grid.tolerances.dimension_mm;
  const auto nh = nearest_height(measured, unit);
  ++outcome.checked;
  const std::string what = fmt::format("{} unit{} of {} mm{}", nh.units, nh.units == 1 ? "" : "s",
                                       num(unit.unit_mm),
                                       nh.extra->mm > 0
                                           ? fmt::format(" + {} mm {}", num(nh.extra->mm), nh.extra->name)
                                           : std::string{});
  if (std::abs(measured - nh.expected) > tol) {
    ++outcome.failed;
    out.push_back(make_finding(
        rule, rule.severity,
        fmt::format("height {} mm is not a whole number of {} mm units: nearest allowed {} mm "
                    "({}), off by {} mm",
                    num(measured), num(unit.unit_mm), num(nh.expected), what,
                    signed_num(measured - nh.expected)),
        measured, nh.expected, tol, "height"));
  } else if (nh.extra->mm > 0) {
    out.push_back(make_finding(rule, Severity::info,
                               fmt::format("height {} mm: {}", num(measured), what), measured,
                               nh.expected, tol, "height"));
  }
}

void check_assembly_points(const PartMeasurement& part, const GridStandard& grid,
                          const GridRule& rule, const Alignment& alignment,
                          std::vector<Finding>& out, RuleOutcome& outcome) {
  const AssemblyPoints lattice = effective_lattice(grid);
  const double tol = grid.tolerances.position_mm;
  const Point2 centre = footprint_centre(part);
  const int rot = alignment.rotation_deg;
  const bool swap = rot == 90 || rot == 270;
  const auto circles = bolt_circles(part, grid);
  std::vector<Point2> offsets;  // of the points off the grid, natural frame
  for (const auto& ap : assembly_points(part, circles)) {
    ++outcome.checked;
    const Point2 q = to_grid_frame(ap.p, rot, centre);
    const bool cx = swap ? ap.check_y : ap.check_x, cy = swap ? ap.check_x : ap.check_y;
    const double dx = cx ? lattice_deviation(q.x, lattice.step_mm, lattice.offsets_mm, alignment.dx_mm) : 0;
    const double dy = cy ? lattice_deviation(q.y, lattice.step_mm, lattice.offsets_mm, alignment.dy_mm) : 0;
    const bool on_node = std::abs(dx) <= tol && std::abs(dy) <= tol;
    const Point2 node = from_grid_frame({q.x - dx, q.y - dy}, rot, centre);
    if (ap.circle >= 0) {
      bolt_circle_findings(circles[static_cast<std::size_t>(ap.circle)], node, on_node, lattice,
                           rule, tol, out, outcome);
      continue;
    }
    if (on_node) continue;
    ++outcome.failed;
    offsets.push_back({ap.check_x ? ap.p.x - node.x : 0.0, ap.check_y ? ap.p.y - node.y : 0.0});
    const bool along_x = std::abs(ap.p.x - node.x) >= std::abs(ap.p.y - node.y);
    const double measured = along_x ? ap.p.x : ap.p.y, expected = along_x ? node.x : node.y;
    if (ap.opening >= 0) {
      Finding f = make_finding(
          rule, rule.severity,
          fmt::format("{} has its centre line at {} {} mm, off the {} mm grid: nearest grid line {} "
                      "{} mm, off by {} mm",
                      opening_label(part, ap.opening), along_x ? "x" : "y", num(measured),
                      num(lattice.step_mm), along_x ? "x" : "y", num(expected),
                      signed_num(measured - expected)),
          measured, expected, tol, fmt::format("opening {}", ap.opening + 1));
      f.opening = ap.opening;
      out.push_back(std::move(f));
      continue;
    }
    const Hole& h = part.holes[static_cast<std::size_t>(ap.hole)];
    out.push_back(make_finding(
        rule, rule.severity,
        fmt::format("{} (\u00d8{} mm) at {} mm is off the {} mm grid: nearest node {} mm, off by "
                    "{} mm in {}",
                    hole_label(ap.hole), num(h.diameter_mm), point_text(ap.p), num(lattice.step_mm),
                    point_text(node), signed_num(measured - expected), along_x ? "x" : "y"),
        measured, expected, tol, hole_label(ap.hole), ap.hole));
  }
  own_grid_note(offsets, outcome, alignment, lattice, rule, tol, out);
}

namespace {

// Checks the diameter of every hole (bosses = false) or round part (bosses = true) against the
// nearest allowed value; `describe` words a finding from (label, measured, nearest).
template <class Describe>
void check_diameters(const PartMeasurement& part, const std::vector<double>& allowed, double tol,
                     bool bosses, const GridRule& rule, std::vector<Finding>& out,
                     RuleOutcome& outcome, Describe describe) {
  for (std::size_t i = 0; i < part.holes.size(); ++i) {
    const Hole& h = part.holes[i];
    if (h.boss != bosses) continue;
    ++outcome.checked;
    const double nearest = allowed[nearest_index(allowed, h.diameter_mm)];
    if (std::abs(h.diameter_mm - nearest) <= tol) continue;
    ++outcome.failed;
    const int index = static_cast<int>(i);
    out.push_back(make_finding(rule, rule.severity, describe(hole_label(index), h.diameter_mm, nearest),
                               h.diameter_mm, nearest, tol, hole_label(index), index));
  }
}

}  // namespace

void check_hole_diameters(const PartMeasurement& part, const GridStandard& grid,
                          const GridRule& rule, std::vector<Finding>& out, RuleOutcome& outcome) {
  check_diameters(part, allowed_hole_diameters(grid), grid.tolerances.diameter_mm, false, rule, out,
                  outcome, [&](const std::string& label, double measured, double nearest) {
                    return fmt::format(
                        "{} \u00d8{} mm matches no fastener hole: nearest \u00d8{} mm ({}), off by {} mm",
                        label, num(measured), num(nearest),
                        describe_hole_diameter(grid, nearest, 1e-9), signed_num(measured - nearest));
                  });
}

void check_round_diameters(const PartMeasurement& part, const GridStandard& grid,
                           const GridRule& rule, std::vector<Finding>& out, RuleOutcome& outcome) {
  check_diameters(part, grid.round_diameters_mm, grid.tolerances.diameter_mm, true, rule, out,
                  outcome, [](const std::string& label, double measured, double nearest) {
                    return fmt::format(
                        "{} (round part) \u00d8{} mm is not a grid diameter: nearest \u00d8{} mm, off by {} mm",
                        label, num(measured), num(nearest), signed_num(measured - nearest));
                  });
}

}  // namespace archipel::core::detail
