// The SVG writer (a few elements: hand-written text is simpler than a library here).
#include "export/svg_writer.hpp"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace archipel::core::detail {
namespace {

std::string num(double v) {
  if (std::abs(v) < 5e-7) v = 0;
  std::string s = fmt::format("{:.6f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

struct Flip {
  double x0, y1;  // the box's left and top, margin included
  std::string x(double v) const { return num(v - x0); }
  std::string y(double v) const { return num(y1 - v); }
};

std::string path_data(const ProfileContour& c, const Flip& f) {
  std::string d = fmt::format("M{},{}", f.x(c.segments.front().start[0]), f.y(c.segments.front().start[1]));
  for (const auto& s : c.segments) {
    if (s.bulge == 0) {
      d += fmt::format(" L{},{}", f.x(s.end[0]), f.y(s.end[1]));
      continue;
    }
    P2 centre{};
    double r = 0;
    arc_centre(s, centre, r);
    const double theta = 4 * std::atan(s.bulge);
    // Counter-clockwise in the part stays counter-clockwise on screen: sweep-flag 0 in SVG's
    // y-down space.
    d += fmt::format(" A{},{} 0 {} {} {},{}", num(r), num(r), std::abs(theta) > std::numbers::pi ? 1 : 0,
                     s.bulge > 0 ? 0 : 1, f.x(s.end[0]), f.y(s.end[1]));
  }
  return d + " Z";
}

}  // namespace

std::string write_svg(const SheetProfile& profile) {
  const auto box = profile_box(profile);
  const double w = box[2] - box[0] + 2 * svg_margin_mm, h = box[3] - box[1] + 2 * svg_margin_mm;
  const Flip f{box[0] - svg_margin_mm, box[3] + svg_margin_mm};
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}mm\" height=\"{1}mm\" "
      "viewBox=\"0 0 {0} {1}\">\n",
      num(w), num(h));
  out += fmt::format("  <desc>Section of a {} mm sheet, 1:1 in millimetres (1 user unit = 1 mm)</desc>\n",
                     num(profile.thickness_mm));
  out += "  <g id=\"CUT\" fill=\"none\" stroke=\"#ff0000\" stroke-width=\"0.1\">\n";
  for (const auto& c : profile.contours) {
    if (c.is_circle)
      out += fmt::format("    <circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>\n", f.x(c.centre[0]), f.y(c.centre[1]),
                         num(c.radius));
    else
      out += fmt::format("    <path d=\"{}\"/>\n", path_data(c, f));
  }
  out += "  </g>\n</svg>\n";
  return out;
}

}  // namespace archipel::core::detail
