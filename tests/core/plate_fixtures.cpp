// Test support: perforated plates as triangles. Each cell is a square annulus: its outer ring
// samples the cell's square at the hole's vertex angles (plus the square's corners), so the
// top and bottom faces are fans between the two rings and neighbouring cells share vertices.
#include "plate_fixtures.hpp"

#include <cmath>
#include <numbers>

namespace archipel::test {
namespace {

constexpr double pi = std::numbers::pi;

struct Cell {
  double cx, cy, h;  // centre and half pitch
};

// The point of the cell's square in direction theta from its centre, at height z.
P3 square_point(const Cell& c, double theta, double z) {
  const double co = std::cos(theta), si = std::sin(theta);
  const double t = c.h / std::max(std::abs(co), std::abs(si));
  // Snap the coordinate on the square's side exactly (shared with the neighbouring cell).
  double x = c.cx + t * co, y = c.cy + t * si;
  if (std::abs(co) >= std::abs(si)) x = c.cx + (co > 0 ? c.h : -c.h);
  else y = c.cy + (si > 0 ? c.h : -c.h);
  return {x, y, z};
}

// Which side of the square a point lies on (bit 0 right, 1 top, 2 left, 3 bottom).
int sides_of(const Cell& c, const P3& p) {
  const double e = 1e-9;
  return (std::abs(p[0] - (c.cx + c.h)) < e) | (std::abs(p[1] - (c.cy + c.h)) < e) << 1 |
         (std::abs(p[0] - (c.cx - c.h)) < e) << 2 | (std::abs(p[1] - (c.cy - c.h)) < e) << 3;
}

void tri(Soup& s, const P3& a, const P3& b, const P3& c) { s.push_back({a, b, c}); }

}  // namespace

Soup perforated_plate(const PlateSpec& spec) {
  Soup soup;
  const double r = spec.hole_d / 2, t = spec.thickness;
  const int n = spec.segments;
  const double phase = spec.phase_deg * pi / 180;
  for (int gx = 0; gx < spec.nx; ++gx)
    for (int gy = 0; gy < spec.ny; ++gy) {
      const Cell c{spec.pitch * (gx + 0.5), spec.pitch * (gy + 0.5), spec.pitch / 2};
      // Which sides of this cell are the plate's outline.
      const int outline = (gx == spec.nx - 1) | (gy == spec.ny - 1) << 1 | (gx == 0) << 2 | (gy == 0) << 3;
      for (int i = 0; i < n; ++i) {
        const double a0 = phase + 2 * pi * i / n, a1 = phase + 2 * pi * (i + 1) / n;
        std::vector<double> ring{a0};  // outer ring angles: a0, any corner in between, a1
        for (int k = 0; k < 8; ++k) {
          const double corner = pi / 4 + k * pi / 2;
          if (corner > a0 + 1e-12 && corner < a1 - 1e-12) ring.push_back(corner);
        }
        ring.push_back(a1);
        const P3 h0b{c.cx + r * std::cos(a0), c.cy + r * std::sin(a0), 0}, h1b{c.cx + r * std::cos(a1), c.cy + r * std::sin(a1), 0};
        const P3 h0t{h0b[0], h0b[1], t}, h1t{h1b[0], h1b[1], t};
        for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
          const P3 pb = square_point(c, ring[k], 0), qb = square_point(c, ring[k + 1], 0);
          const P3 pt = square_point(c, ring[k], t), qt = square_point(c, ring[k + 1], t);
          tri(soup, h0t, pt, qt);  // top, facing +z
          tri(soup, h0b, qb, pb);  // bottom, facing -z
          const int side = sides_of(c, pb) & sides_of(c, qb) & outline;
          if (side != 0) {  // on the plate's outline: the side wall, facing out
            tri(soup, pb, qb, qt);
            tri(soup, pb, qt, pt);
          }
        }
        const P3 st = square_point(c, a1, t), sb = square_point(c, a1, 0);
        tri(soup, h0t, st, h1t);
        tri(soup, h0b, h1b, sb);
        tri(soup, h0b, h0t, h1t);  // the hole's wall, facing its axis
        tri(soup, h0b, h1t, h1b);
      }
    }
  return soup;
}

}  // namespace archipel::test
