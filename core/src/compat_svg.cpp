// SVG drawing of one placement of B on A: grid, both outlines, all holes, shared fasteners.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "archipel/core/compat.hpp"

namespace archipel::core {
namespace {

using Point2 = std::array<double, 2>;

// A point of B's natural frame moved into A's frame by the placement (same maths as
// place_node, in real numbers).
Point2 place_mm(const ConnectionInterface& a, const ConnectionInterface& b, const BoltedPlacement& p, Point2 q) {
  double u = (q[0] - b.offset_x_mm) / b.node_step_mm, v = (q[1] - b.offset_y_mm) / b.node_step_mm;
  if (p.flip) v = -v;
  double x = u, y = v;
  switch (p.rotation) {
    case 90: x = -v; y = u; break;
    case 180: x = -u; y = -v; break;
    case 270: x = v; y = -u; break;
    default: break;
  }
  return {a.offset_x_mm + (x + p.dx) * a.node_step_mm, a.offset_y_mm + (y + p.dy) * a.node_step_mm};
}

struct View {
  double x0, y0, x1, y1, scale;
  [[nodiscard]] double sx(double x) const { return (x - x0) * scale + 20; }
  [[nodiscard]] double sy(double y) const { return (y1 - y) * scale + 20; }
};

std::string polygon(const View& v, const std::vector<Point2>& pts, const char* style) {
  std::string d;
  for (const auto& p : pts) d += fmt::format("{:.2f},{:.2f} ", v.sx(p[0]), v.sy(p[1]));
  return fmt::format("<polygon points=\"{}\" {}/>\n", d, style);
}

std::string grid_lines(const View& v, const ConnectionInterface& a) {
  std::string out = "<g stroke=\"#c8d6e5\" stroke-width=\"0.5\">\n";
  const double s = a.node_step_mm;
  for (double x = a.offset_x_mm + std::floor((v.x0 - a.offset_x_mm) / s) * s; x <= v.x1 + 1e-9; x += s)
    out += fmt::format("<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\"/>\n", v.sx(x), v.sy(v.y0), v.sy(v.y1));
  for (double y = a.offset_y_mm + std::floor((v.y0 - a.offset_y_mm) / s) * s; y <= v.y1 + 1e-9; y += s)
    out += fmt::format("<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{2:.2f}\" y2=\"{1:.2f}\"/>\n", v.sx(v.x0), v.sy(y), v.sx(v.x1));
  return out + "</g>\n";
}

}  // namespace

std::string render_compat_svg(const ConnectionInterface& a, const ConnectionInterface& b,
                              const BoltedPlacement& placement) {
  const std::vector<Point2> outline_a{{0, 0}, {a.size_mm[0], 0}, {a.size_mm[0], a.size_mm[1]}, {0, a.size_mm[1]}};
  std::vector<Point2> outline_b;
  for (Point2 q : std::vector<Point2>{{0, 0}, {b.size_mm[0], 0}, {b.size_mm[0], b.size_mm[1]}, {0, b.size_mm[1]}})
    outline_b.push_back(place_mm(a, b, placement, q));
  double x0 = 0, y0 = 0, x1 = a.size_mm[0], y1 = a.size_mm[1];
  for (const auto& p : outline_b) {
    x0 = std::min(x0, p[0]); y0 = std::min(y0, p[1]); x1 = std::max(x1, p[0]); y1 = std::max(y1, p[1]);
  }
  const double scale = 600.0 / std::max({x1 - x0, y1 - y0, 1.0});
  const View v{x0, y0, x1, y1, scale};
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" height=\"{:.0f}\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      (x1 - x0) * scale + 40, (y1 - y0) * scale + 60);
  svg += grid_lines(v, a);
  svg += polygon(v, outline_a, "fill=\"#3c6382\" fill-opacity=\"0.25\" stroke=\"#3c6382\" stroke-width=\"2\"");
  svg += polygon(v, outline_b, "fill=\"#e58e26\" fill-opacity=\"0.25\" stroke=\"#e58e26\" stroke-width=\"2\"");
  for (const auto& p : a.points)
    if (p.face == "z")
      svg += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:.2f}\" fill=\"none\" stroke=\"#3c6382\"/>\n",
                         v.sx(p.x_mm), v.sy(p.y_mm), p.diameter_mm / 2 * scale);
  for (const auto& s : placement.shared) {
    const auto& p = a.points[s.a_point];
    svg += fmt::format("<circle class=\"shared\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:.2f}\" fill=\"#38ada9\" stroke=\"#0a3d62\"><title>{}</title></circle>\n",
                       v.sx(p.x_mm), v.sy(p.y_mm), std::max(p.diameter_mm / 2 * scale, 3.0), s.fastener);
  }
  svg += fmt::format("<text x=\"20\" y=\"{:.0f}\">A (blue) + B (orange): rotation {}°, {}flip, {} shared fastener{} ({})</text>\n",
                     (y1 - y0) * scale + 45, placement.rotation, placement.flip ? "" : "no ",
                     placement.shared.size(), placement.shared.size() == 1 ? "" : "s", placement.screw);
  return svg + "</svg>\n";
}

}  // namespace archipel::core
