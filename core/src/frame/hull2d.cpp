// Plane convex hulls and rotating calipers. Written here rather than taken from a library: the
// Debian libraries that have a minimum-area rectangle (CGAL's min_rectangle_2) are GPL-3 and
// need exact arithmetic (GMP); the two algorithms below are short and tested against brute force.
#include "frame/hull2d.hpp"

#include <algorithm>
#include <cmath>

namespace archipel::core::detail {
namespace {

double cross(const Vec2& o, const Vec2& a, const Vec2& b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

double dot(const Vec2& a, const Vec2& b) { return a[0] * b[0] + a[1] * b[1]; }

double distance(const Vec2& a, const Vec2& b) { return std::hypot(a[0] - b[0], a[1] - b[1]); }

// The unit direction of hull edge i and its left normal (towards the inside).
std::pair<Vec2, Vec2> edge_frame(std::span<const Vec2> hull, std::size_t i) {
  const Vec2& a = hull[i];
  const Vec2& b = hull[(i + 1) % hull.size()];
  const double len = distance(a, b);
  const Vec2 u{(b[0] - a[0]) / len, (b[1] - a[1]) / len};
  return {u, Vec2{-u[1], u[0]}};
}

// Moves `k` forward along the hull while `score` grows (the hull is convex: one maximum).
template <class Score>
std::size_t advance(std::span<const Vec2> hull, std::size_t k, Score score) {
  const std::size_t n = hull.size();
  for (std::size_t steps = 0; steps < n && score(hull[(k + 1) % n]) > score(hull[k]); ++steps)
    k = (k + 1) % n;
  return k;
}

template <class Score>
std::size_t argmax(std::span<const Vec2> hull, Score score) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < hull.size(); ++i)
    if (score(hull[i]) > score(hull[best])) best = i;
  return best;
}

}  // namespace

std::vector<Vec2> convex_hull_2d(std::vector<Vec2> points) {
  std::ranges::sort(points);
  points.erase(std::unique(points.begin(), points.end()), points.end());
  if (points.size() < 3) return points;
  std::vector<Vec2> hull(2 * points.size());
  std::size_t k = 0;
  for (const Vec2& p : points) {  // lower hull
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  }
  for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {  // upper hull
    while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);
  return hull;
}

EnclosingRectangle min_area_rectangle(std::span<const Vec2> hull) {
  EnclosingRectangle best;
  if (hull.size() < 3) {
    if (hull.size() == 2) {
      const double len = distance(hull[0], hull[1]);
      best.u = {(hull[1][0] - hull[0][0]) / len, (hull[1][1] - hull[0][1]) / len};
      best.along_u = len;
    }
    return best;
  }
  auto [u0, n0] = edge_frame(hull, 0);
  std::size_t far = argmax(hull, [&](const Vec2& p) { return dot(n0, p); });
  std::size_t hi = argmax(hull, [&](const Vec2& p) { return dot(u0, p); });
  std::size_t lo = argmax(hull, [&](const Vec2& p) { return -dot(u0, p); });
  bool first = true;
  for (std::size_t i = 0; i < hull.size(); ++i) {
    const auto [u, n] = edge_frame(hull, i);
    far = advance(hull, far, [&](const Vec2& p) { return dot(n, p); });
    hi = advance(hull, hi, [&](const Vec2& p) { return dot(u, p); });
    lo = advance(hull, lo, [&](const Vec2& p) { return -dot(u, p); });
    const EnclosingRectangle r{u, dot(u, hull[hi]) - dot(u, hull[lo]), dot(n, hull[far]) - dot(n, hull[i])};
    if (first || r.area() < best.area()) best = r;
    first = false;
  }
  return best;
}

HullWidths hull_widths(std::span<const Vec2> hull) {
  HullWidths w;
  if (hull.size() < 3) {
    if (hull.size() == 2) w.max = distance(hull[0], hull[1]);
    return w;
  }
  const std::size_t n = hull.size();
  std::size_t far = argmax(hull, [&](const Vec2& p) { return dot(edge_frame(hull, 0).second, p); });
  w.min = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const Vec2 normal = edge_frame(hull, i).second;
    // Every vertex the caliper passes is antipodal to hull[i]: the diameter is among these pairs.
    for (std::size_t steps = 0; steps < n && dot(normal, hull[(far + 1) % n]) > dot(normal, hull[far]); ++steps) {
      w.max = std::max(w.max, distance(hull[i], hull[far]));
      far = (far + 1) % n;
    }
    w.max = std::max({w.max, distance(hull[i], hull[far]), distance(hull[(i + 1) % n], hull[far])});
    const double width = dot(normal, hull[far]) - dot(normal, hull[i]);
    if (w.min < 0 || width < w.min) w.min = width;
  }
  return w;
}

}  // namespace archipel::core::detail
