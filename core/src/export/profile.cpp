// Boxes, arc centres and the stable order of a sheet's contours.
#include "export/profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <tuple>

namespace archipel::core::detail {
namespace {

constexpr double two_pi = 2 * std::numbers::pi;

void grow(std::array<double, 4>& box, const P2& p) {
  box[0] = std::min(box[0], p[0]);
  box[1] = std::min(box[1], p[1]);
  box[2] = std::max(box[2], p[0]);
  box[3] = std::max(box[3], p[1]);
}

// Whether the direction `angle` lies on the arc starting at `from` and sweeping `sweep` (signed).
bool on_sweep(double from, double sweep, double angle) {
  double d = sweep >= 0 ? angle - from : from - angle;
  d = std::fmod(d, two_pi);
  if (d < 0) d += two_pi;
  return d <= std::abs(sweep);
}

void grow_segment(std::array<double, 4>& box, const ProfileSegment& s) {
  grow(box, s.start);
  grow(box, s.end);
  if (s.bulge == 0) return;
  P2 c{};
  double r = 0;
  arc_centre(s, c, r);
  const double from = std::atan2(s.start[1] - c[1], s.start[0] - c[0]);
  const double sweep = 4 * std::atan(s.bulge);
  for (int k = 0; k < 4; ++k) {
    const double a = k * std::numbers::pi / 2;
    if (on_sweep(from, sweep, a)) grow(box, {c[0] + r * std::cos(a), c[1] + r * std::sin(a)});
  }
}

std::array<double, 4> contour_box(const ProfileContour& c) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::array<double, 4> box{inf, inf, -inf, -inf};
  if (c.is_circle) {
    grow(box, {c.centre[0] - c.radius, c.centre[1] - c.radius});
    grow(box, {c.centre[0] + c.radius, c.centre[1] + c.radius});
  }
  for (const auto& s : c.segments) grow_segment(box, s);
  return box;
}

// Rounded to 1e-6 mm so that float noise does not reorder equal positions.
long long key(double v) { return std::llround(v * 1e6); }

// Twice the signed area enclosed by a chain (shoelace, plus each arc's segment between chord and arc).
double twice_area(const ProfileContour& c) {
  double a = 0;
  for (const auto& s : c.segments) {
    a += s.start[0] * s.end[1] - s.end[0] * s.start[1];
    if (s.bulge == 0) continue;
    P2 centre{};
    double r = 0;
    arc_centre(s, centre, r);
    const double theta = 4 * std::atan(s.bulge);
    a += r * r * (theta - std::sin(theta));
  }
  return a;
}

// Outer contours counter-clockwise, openings clockwise, each starting at its lowest-left vertex.
void normalise(ProfileContour& c) {
  if (c.is_circle || c.segments.empty()) return;
  if ((twice_area(c) > 0) == c.opening) {
    std::ranges::reverse(c.segments);
    for (auto& s : c.segments) {
      std::swap(s.start, s.end);
      s.bulge = -s.bulge;
    }
  }
  const auto first = std::ranges::min_element(c.segments, {}, [](const ProfileSegment& s) {
    return std::pair(key(s.start[1]), key(s.start[0]));
  });
  std::ranges::rotate(c.segments, first);
}

}  // namespace

void arc_centre(const ProfileSegment& s, P2& centre, double& radius) {
  const double cx = s.end[0] - s.start[0], cy = s.end[1] - s.start[1];
  const double length = std::hypot(cx, cy);
  const double b = s.bulge;
  const double h = length * (1 - b * b) / (4 * b);  // from the chord's middle, to its left
  const double nx = -cy / length, ny = cx / length;
  centre = {0.5 * (s.start[0] + s.end[0]) + nx * h, 0.5 * (s.start[1] + s.end[1]) + ny * h};
  radius = std::abs(length * (1 + b * b) / (4 * b));
}

std::array<double, 4> profile_box(const SheetProfile& profile) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::array<double, 4> box{inf, inf, -inf, -inf};
  for (const auto& c : profile.contours) {
    const auto b = contour_box(c);
    grow(box, {b[0], b[1]});
    grow(box, {b[2], b[3]});
  }
  if (profile.contours.empty()) box = {0, 0, 0, 0};
  return box;
}

void merge_circles(SheetProfile& profile, double tolerance_mm) {
  for (auto& c : profile.contours) {
    if (c.is_circle || c.segments.empty()) continue;
    P2 centre{};
    double radius = 0, sweep = 0;
    bool same = true;
    for (const auto& s : c.segments) {
      if (s.bulge == 0) {
        same = false;
        break;
      }
      P2 o{};
      double r = 0;
      arc_centre(s, o, r);
      if (&s == &c.segments.front()) centre = o, radius = r;
      same = same && std::hypot(o[0] - centre[0], o[1] - centre[1]) <= tolerance_mm &&
             std::abs(r - radius) <= tolerance_mm;
      sweep += 4 * std::atan(s.bulge);
    }
    if (!same || std::abs(std::abs(sweep) - two_pi) > 1e-6) continue;
    c.is_circle = true;
    c.centre = centre;
    c.radius = radius;
    c.segments.clear();
  }
}

namespace {

// The contour as a polygon: arcs in steps of at most 2 degrees, circles in 180 steps.
std::vector<P2> polygon(const ProfileContour& c) {
  std::vector<P2> out;
  if (c.is_circle) {
    for (int k = 0; k < 180; ++k) {
      const double a = k * two_pi / 180;
      out.push_back({c.centre[0] + c.radius * std::cos(a), c.centre[1] + c.radius * std::sin(a)});
    }
    return out;
  }
  for (const auto& s : c.segments) {
    out.push_back(s.start);
    if (s.bulge == 0) continue;
    P2 o{};
    double r = 0;
    arc_centre(s, o, r);
    const double from = std::atan2(s.start[1] - o[1], s.start[0] - o[0]);
    const double sweep = 4 * std::atan(s.bulge);
    const int steps = std::max(2, static_cast<int>(std::ceil(std::abs(sweep) / (two_pi / 180))));
    for (int k = 1; k < steps; ++k) {
      const double a = from + sweep * k / steps;
      out.push_back({o[0] + r * std::cos(a), o[1] + r * std::sin(a)});
    }
  }
  return out;
}

bool inside(const std::vector<P2>& poly, const P2& p) {
  bool in = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const P2 &a = poly[i], &b = poly[j];
    if ((a[1] > p[1]) != (b[1] > p[1]) &&
        p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0])
      in = !in;
  }
  return in;
}

}  // namespace

void mark_openings(SheetProfile& profile) {
  const std::size_t n = profile.contours.size();
  std::vector<std::vector<P2>> polys(n);
  std::vector<std::array<double, 4>> boxes(n);
  for (std::size_t i = 0; i < n; ++i) {
    polys[i] = polygon(profile.contours[i]);
    boxes[i] = contour_box(profile.contours[i]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const P2 probe = polys[i].front();
    int count = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& b = boxes[j];
      if (j == i || probe[0] < b[0] || probe[0] > b[2] || probe[1] < b[1] || probe[1] > b[3]) continue;
      if (inside(polys[j], probe)) ++count;
    }
    profile.contours[i].opening = count % 2 == 1;
  }
}

void sort_contours(SheetProfile& profile) {
  for (auto& c : profile.contours) normalise(c);
  const auto order = [](const ProfileContour& c) {
    const auto b = contour_box(c);
    return std::tuple(c.opening, key(b[0]), key(b[1]), key(b[2]), key(b[3]), c.is_circle,
                      c.segments.size());
  };
  std::ranges::stable_sort(profile.contours, [&](const ProfileContour& a, const ProfileContour& b) {
    return order(a) < order(b);
  });
}

}  // namespace archipel::core::detail
