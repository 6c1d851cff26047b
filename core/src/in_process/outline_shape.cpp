// Classifying an opening's outline. Hand-written: the outlines are small convex polygons (tens
// to hundreds of points) and the test is a walk around them; no library of the field names
// hexagons, slots and nut traps.
#include "in_process/outline_shape.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace archipel::core::detail {
namespace {

using P2 = std::array<double, 2>;

P2 minus(const P2& a, const P2& b) { return {a[0] - b[0], a[1] - b[1]}; }
double dot2(const P2& a, const P2& b) { return a[0] * b[0] + a[1] * b[1]; }
double cross2(const P2& a, const P2& b) { return a[0] * b[1] - a[1] * b[0]; }
double len2(const P2& a) { return std::hypot(a[0], a[1]); }
P2 unit(const P2& a) { const double l = len2(a); return {a[0] / l, a[1] / l}; }

// A straight side: a run of edges from point `from` to point `to`.
struct Side {
  P2 from, to;
  P2 dir() const { return unit(minus(to, from)); }
  double length() const { return len2(minus(to, from)); }
  P2 middle() const { return {(from[0] + to[0]) / 2, (from[1] + to[1]) / 2}; }
};

double turn(const P2& a, const P2& b) { return std::atan2(cross2(a, b), dot2(a, b)); }

bool equal_len(double a, double b, const Tolerances& tol) {
  return std::abs(a - b) <= std::max(tol.outline_mm, 0.01 * std::max(a, b));
}

// Points without repeats, counter-clockwise.
std::vector<P2> cleaned(const std::vector<P2>& in) {
  std::vector<P2> out;
  for (const P2& p : in)
    if (out.empty() || len2(minus(p, out.back())) > 1e-9) out.push_back(p);
  while (out.size() > 1 && len2(minus(out.front(), out.back())) <= 1e-9) out.pop_back();
  double area = 0;
  for (std::size_t i = 0; i < out.size(); ++i) area += cross2(out[i], out[(i + 1) % out.size()]);
  if (area < 0) std::ranges::reverse(out);
  return out;
}

// Runs of edges turning less than the tolerance, starting at a corner.
std::vector<Side> runs(const std::vector<P2>& p, const Tolerances& tol) {
  const std::size_t n = p.size();
  const auto edge = [&](std::size_t i) { return minus(p[(i + 1) % n], p[i % n]); };
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (std::abs(turn(edge(i + n - 1), edge(i))) >= tol.outline_rad) {
      start = i;
      break;
    }
  std::vector<Side> out;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = start + k;
    const P2 a = p[i % n], b = p[(i + 1) % n];
    if (!out.empty()) {
      Side& last = out.back();
      if (std::abs(turn(last.dir(), minus(b, a))) < tol.outline_rad &&
          std::abs(turn(edge(i + n - 1), edge(i))) < tol.outline_rad) {
        last.to = b;
        continue;
      }
    }
    out.push_back({a, b});
  }
  return out;
}

struct Area {
  double area = 0;
  P2 centroid{};
};

Area area_of(const std::vector<P2>& p) {
  Area a;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const P2& u = p[i];
    const P2& v = p[(i + 1) % p.size()];
    const double c = cross2(u, v);
    a.area += c / 2;
    a.centroid[0] += (u[0] + v[0]) * c;
    a.centroid[1] += (u[1] + v[1]) * c;
  }
  if (std::abs(a.area) > 0) a.centroid = {a.centroid[0] / (6 * a.area), a.centroid[1] / (6 * a.area)};
  return a;
}

double line_distance(const P2& p, const Side& s) { return std::abs(cross2(s.dir(), minus(p, s.from))); }

// A direction with the angle folded into [0, period).
P2 folded(const P2& d, double period) {
  double a = std::fmod(std::atan2(d[1], d[0]), period);
  if (a < 0) a += period;
  if (period - a < 1e-9) a = 0;
  return {std::cos(a), std::sin(a)};
}

bool regular_turns(const std::vector<Side>& s, double angle, const Tolerances& tol) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (std::abs(turn(s[i].dir(), s[(i + 1) % s.size()].dir()) - angle) > 2 * tol.outline_rad) return false;
  return true;
}

std::optional<OutlineShape> hexagon(const std::vector<Side>& s, const Area& a, const Tolerances& tol) {
  if (!regular_turns(s, std::numbers::pi / 3, tol)) return std::nullopt;
  for (const Side& x : s)
    if (!equal_len(x.length(), s[0].length(), tol)) return std::nullopt;
  double flats = 0, corners = 0;
  for (int i = 0; i < 3; ++i) {
    flats += line_distance(s[i + 3].middle(), s[i]) / 3;
    corners = std::max(corners, len2(minus(s[i + 3].from, s[i].from)));
  }
  return OutlineShape{"hexagon", a.centroid, folded(s[0].dir(), std::numbers::pi / 3), flats, corners, 6};
}

std::optional<OutlineShape> quadrilateral(const std::vector<Side>& s, const Area& a, const Tolerances& tol) {
  if (!regular_turns(s, std::numbers::pi / 2, tol)) return std::nullopt;
  const double w0 = line_distance(s[2].middle(), s[0]), w1 = line_distance(s[3].middle(), s[1]);
  const bool square = equal_len(w0, w1, tol);
  const Side& long_side = w1 >= w0 ? s[0] : s[1];  // s[0] is as long as the distance across s[1]
  return OutlineShape{square ? "square" : "rectangle", a.centroid,
                      folded(long_side.dir(), square ? std::numbers::pi / 2 : std::numbers::pi),
                      std::min(w0, w1), std::max(w0, w1), 4};
}

// Two opposite parallel sides of one length, every other point on the half circles at their ends.
std::optional<OutlineShape> slot(const std::vector<Side>& s, const std::vector<P2>& points,
                                 const Tolerances& tol) {
  if (std::abs(std::abs(turn(s[0].dir(), s[1].dir())) - std::numbers::pi) > 2 * tol.outline_rad ||
      !equal_len(s[0].length(), s[1].length(), tol))
    return std::nullopt;
  const double width = line_distance(s[1].middle(), s[0]);
  const P2 dir = s[0].dir();
  const P2 m0 = s[0].middle(), m1 = s[1].middle();
  const P2 centre{(m0[0] + m1[0]) / 2, (m0[1] + m1[1]) / 2};
  const double half = s[0].length() / 2;
  for (const P2& p : points) {  // distance to the centre line's segment is the radius
    const P2 d = minus(p, centre);
    const double along = std::clamp(dot2(d, dir), -half, half);
    const double off = len2({d[0] - along * dir[0], d[1] - along * dir[1]});
    if (!equal_len(off, width / 2, tol)) return std::nullopt;
  }
  return OutlineShape{"slot", centre, folded(dir, std::numbers::pi), width, s[0].length() + width, 2};
}

}  // namespace

std::optional<OutlineShape> classify_outline(const std::vector<std::array<double, 2>>& in,
                                             const Tolerances& tolerances) {
  const std::vector<P2> p = cleaned(in);
  if (p.size() < 3) return std::nullopt;
  const Area a = area_of(p);
  if (std::abs(a.area) <= tolerances.outline_mm * tolerances.outline_mm) return std::nullopt;
  double perimeter = 0;
  for (std::size_t i = 0; i < p.size(); ++i) perimeter += len2(minus(p[(i + 1) % p.size()], p[i]));
  std::vector<Side> all = runs(p, tolerances), straight;
  double straight_length = 0;
  for (const Side& s : all)
    if (s.length() >= perimeter / 12) {
      straight.push_back(s);
      straight_length += s.length();
    }
  const int sides = static_cast<int>(straight.size());
  std::optional<OutlineShape> found;
  const bool polygon = straight_length >= perimeter * (1 - 1e-6);
  if (polygon && sides == 6) found = hexagon(straight, a, tolerances);
  if (polygon && sides == 4) found = quadrilateral(straight, a, tolerances);
  if (!polygon && sides == 2) found = slot(straight, p, tolerances);
  if (found) {
    found->area = std::abs(a.area);
    return found;
  }
  OutlineShape other{"other", a.centroid, {1, 0}, 0, 0, sides};
  // Its extent: the smallest and largest widths over the directions of its edges would need a
  // hull; the bounding box in (u, v) is enough to name it in a message.
  P2 lo = p[0], hi = p[0];
  for (const P2& q : p)
    for (int k = 0; k < 2; ++k) {
      lo[k] = std::min(lo[k], q[k]);
      hi[k] = std::max(hi[k], q[k]);
    }
  other.width = std::min(hi[0] - lo[0], hi[1] - lo[1]);
  other.length = std::max(hi[0] - lo[0], hi[1] - lo[1]);
  if (hi[1] - lo[1] > hi[0] - lo[0]) other.direction = {0, 1};
  other.area = std::abs(a.area);
  return other;
}

bool is_part_inside(const OutlineShape& outline, double size_u, double size_v) {
  if (outline.shape == "hexagon" || outline.shape == "slot") return false;
  return outline.width > 0.5 * std::min(size_u, size_v) && outline.area > 0.25 * size_u * size_v;
}

}  // namespace archipel::core::detail
