// Contour fitting on mesh sections. Hand-written on top of the circle fit the mesh hole finder
// uses (mesh/circle_fit.cpp), so a circle in the DXF is the hole `measure` reports.
#include "export/contour_fit.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <span>

#include "mesh/circle_fit.hpp"

namespace archipel::core::detail {
namespace {

constexpr double max_step = std::numbers::pi / 4;  // as the mesh hole finder
constexpr double collinear_mm = 1e-4;
constexpr std::size_t min_circle_vertices = 8;
constexpr double max_chord_ratio = 2.0;  // longest / shortest chord of one arc

double cross(const P2& o, const P2& a, const P2& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

double dist(const P2& a, const P2& b) { return std::hypot(a[0] - b[0], a[1] - b[1]); }

// Drops repeated vertices and vertices on the straight line between their neighbours.
std::vector<P2> simplify(std::vector<P2> p) {
  bool changed = true;
  while (changed && p.size() > 3) {
    changed = false;
    std::vector<P2> out;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const P2& prev = out.empty() ? p.back() : out.back();
      const P2& next = p[(i + 1) % p.size()];
      const double base = dist(prev, next);
      const bool repeated = dist(prev, p[i]) <= collinear_mm;
      const bool on_line = base > collinear_mm && std::abs(cross(prev, p[i], next)) / base <= collinear_mm &&
                           dist(prev, p[i]) < base && dist(p[i], next) < base;
      if (repeated || on_line) {
        changed = true;
        continue;
      }
      out.push_back(p[i]);
    }
    if (out.size() < 3) break;
    p = std::move(out);
  }
  return p;
}

// Signed turn at vertex b between the chords a->b and b->c.
double turn(const P2& a, const P2& b, const P2& c) {
  const double a1 = std::atan2(b[1] - a[1], b[0] - a[0]), a2 = std::atan2(c[1] - b[1], c[0] - b[0]);
  double d = a2 - a1;
  while (d > std::numbers::pi) d -= 2 * std::numbers::pi;
  while (d < -std::numbers::pi) d += 2 * std::numbers::pi;
  return d;
}

std::optional<Circle> whole_circle(const std::vector<P2>& p) {
  if (p.size() < min_circle_vertices) return std::nullopt;
  const auto c = fit_circle(p);
  if (!c || max_radial_error(*c, p) > circle_tolerance(c->r)) return std::nullopt;
  const auto step = largest_angle_step(*c, p, min_circle_vertices);
  if (!step || *step > max_step + 1e-4) return std::nullopt;
  return c;
}

struct Run {
  std::size_t length = 0;  // chords
  double sweep = 0;        // signed angle at the centre
};

// The longest arc of at least three chords starting at vertex `i` (indices modulo n), if any.
Run arc_from(const std::vector<P2>& p, std::size_t i, std::size_t limit) {
  const std::size_t n = p.size();
  const auto at = [&](std::size_t k) -> const P2& { return p[(i + k) % n]; };
  Run best;
  std::vector<P2> pts{at(0), at(1)};
  double sign = 0;
  double shortest = dist(at(0), at(1)), longest = shortest;
  for (std::size_t k = 2; k <= limit; ++k) {
    const double t = turn(at(k - 2), at(k - 1), at(k));
    if (std::abs(t) > max_step || std::abs(t) < 1e-9 || (sign != 0 && (t > 0) != (sign > 0))) break;
    // A tessellated arc has chords of about one length: a long straight side next to it (which a
    // large enough circle would fit within its tolerance) is not part of it.
    shortest = std::min(shortest, dist(at(k - 1), at(k)));
    longest = std::max(longest, dist(at(k - 1), at(k)));
    if (longest > max_chord_ratio * shortest) break;
    sign = t;
    pts.push_back(at(k));
    if (pts.size() < 4) continue;
    const auto c = fit_circle(pts);
    if (!c || max_radial_error(*c, pts) > circle_tolerance(c->r)) break;
    double sweep = 0;
    for (std::size_t m = 0; m + 1 < pts.size(); ++m) {
      const double a0 = std::atan2(pts[m][1] - c->v, pts[m][0] - c->u);
      const double a1 = std::atan2(pts[m + 1][1] - c->v, pts[m + 1][0] - c->u);
      double d = a1 - a0;
      while (d > std::numbers::pi) d -= 2 * std::numbers::pi;
      while (d < -std::numbers::pi) d += 2 * std::numbers::pi;
      sweep += d;
    }
    best = {pts.size() - 1, sweep};
  }
  return best;
}

// Where to start walking: a corner sharper than any arc step (no arc runs through it), else the
// end of the longest edge (a straight side, after which an arc may begin): so no arc is cut in two.
std::size_t start_vertex(const std::vector<P2>& p) {
  const std::size_t n = p.size();
  std::size_t sharp = 0, after_longest = 0;
  double most = -1, longest = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = std::abs(turn(p[(i + n - 1) % n], p[i], p[(i + 1) % n]));
    if (t > most + 1e-9) most = t, sharp = i;
    const double length = dist(p[i], p[(i + 1) % n]);
    if (length > longest * (1 + 1e-9)) longest = length, after_longest = (i + 1) % n;
  }
  return most > max_step ? sharp : after_longest;
}

}  // namespace

ProfileContour fit_contour(std::vector<P2> polygon) {
  ProfileContour out;
  polygon = simplify(std::move(polygon));
  if (const auto c = whole_circle(polygon)) {
    out.is_circle = true;
    out.centre = {c->u, c->v};
    out.radius = c->r;
    return out;
  }
  std::ranges::rotate(polygon, polygon.begin() + static_cast<std::ptrdiff_t>(start_vertex(polygon)));
  const std::size_t n = polygon.size();
  for (std::size_t i = 0; i < n;) {
    const Run arc = arc_from(polygon, i, n - i);
    const std::size_t step = arc.length >= 3 ? arc.length : 1;
    ProfileSegment s{polygon[i], polygon[(i + step) % n], 0};
    if (arc.length >= 3) s.bulge = std::tan(arc.sweep / 4);
    out.segments.push_back(s);
    i += step;
  }
  return out;
}

}  // namespace archipel::core::detail
