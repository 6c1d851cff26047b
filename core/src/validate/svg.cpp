// render_svg(): the part's footprint on the grid, holes and openings coloured by verdict, main
// dimensions.
// Drawn in millimetres (the viewBox), x to the right and y up (SVG's y is flipped once, in svg_y()).
#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "validate_detail.hpp"

namespace archipel::core {
namespace {

using detail::num;
using detail::Point2;

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view verdict_colour(HoleVerdict v) {
  switch (v) {
    case HoleVerdict::ok: return "#2e9d4c";
    case HoleVerdict::warning: return "#f29100";
    case HoleVerdict::error: return "#d7263d";
  }
  return "#d7263d";
}

std::string_view verdict_colour(Verdict v) {
  switch (v) {
    case Verdict::conforms: return "#2e9d4c";
    case Verdict::conforms_with_warnings: return "#f29100";
    case Verdict::fails: return "#d7263d";
  }
  return "#d7263d";
}

// The drawing's geometry: the footprint, the area the grid covers, sizes of strokes and text.
struct Canvas {
  double width = 0, depth = 0;  // footprint
  double margin = 0;            // grid drawn this far around the footprint
  double pad = 0;               // room for the annotations
  double stroke = 0, font = 0;
  [[nodiscard]] double svg_y(double y) const { return depth - y; }
};

Canvas make_canvas(const PartMeasurement& part, double pitch) {
  Canvas c;
  c.width = std::max(part.size_mm[0], 1e-3);
  c.depth = std::max(part.size_mm[1], 1e-3);
  const double big = std::max(c.width, c.depth);
  c.margin = std::max(0.25 * pitch, 0.08 * big);
  c.font = std::max(big * 0.035, 1.5);
  c.pad = c.font * 4;
  c.stroke = big / 600;
  return c;
}

// Grid lines through `origin` every `step` over [lo, hi], along x (vertical) or y (horizontal).
void grid_lines(std::string& out, const Canvas& c, double origin, double step, bool vertical,
                std::string_view cls, std::string_view colour, double width) {
  const double lo = -c.margin, hi = (vertical ? c.width : c.depth) + c.margin;
  const double other_lo = -c.margin, other_hi = (vertical ? c.depth : c.width) + c.margin;
  for (long k = static_cast<long>(std::ceil((lo - origin) / step));
       origin + static_cast<double>(k) * step <= hi; ++k) {
    const double v = origin + static_cast<double>(k) * step;
    if (vertical)
      out += fmt::format(R"(<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>)",
                         cls, num(v), num(c.svg_y(other_lo)), num(v), num(c.svg_y(other_hi)), colour, num(width));
    else
      out += fmt::format(R"(<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>)",
                         cls, num(other_lo), num(c.svg_y(v)), num(other_hi), num(c.svg_y(v)), colour, num(width));
    out += "\n";
  }
}

void draw_grid(std::string& out, const Canvas& c, const ValidationReport& report,
               const PartMeasurement& part, const GridStandard& grid) {
  const AssemblyPoints lattice = detail::effective_lattice(grid);
  const Point2 centre = detail::footprint_centre(part);
  const Point2 node = detail::from_grid_frame({report.alignment.dx_mm, report.alignment.dy_mm},
                                              report.alignment.rotation_deg, centre);
  const double fine = grid.subgrid_mm.empty()
                          ? lattice.step_mm
                          : *std::ranges::min_element(grid.subgrid_mm);
  // Pitch lines: the lattice lines nearest the outline centred in its nominal cells.
  const Point2 pref = detail::preferred_corner(part, grid);
  const auto phase = [&](double origin, double preferred) {
    return origin + lattice.step_mm * std::round((preferred - origin) / lattice.step_mm);
  };
  out += "<g id=\"grid\">\n";
  if (fine < grid.pitch_mm - 1e-9) {
    grid_lines(out, c, node.x, fine, true, "subgrid", "#d0d7de", c.stroke);
    grid_lines(out, c, node.y, fine, false, "subgrid", "#d0d7de", c.stroke);
  }
  grid_lines(out, c, phase(node.x, pref.x), grid.pitch_mm, true, "pitch", "#8c959f", c.stroke * 2.5);
  grid_lines(out, c, phase(node.y, pref.y), grid.pitch_mm, false, "pitch", "#8c959f", c.stroke * 2.5);
  out += "</g>\n";
}

void draw_holes(std::string& out, const Canvas& c, const ValidationReport& report,
                const PartMeasurement& part) {
  out += "<g id=\"holes\">\n";
  for (std::size_t i = 0; i < part.holes.size(); ++i) {
    const Hole& h = part.holes[i];
    const HoleVerdict v = i < report.holes.size() ? report.holes[i] : HoleVerdict::ok;
    const bool side = std::abs(h.axis[2]) < 0.999;
    const std::string cls = fmt::format("{} {}{}", h.boss ? "boss" : "hole", hole_verdict_name(v),
                                        side ? " side" : "");
    out += fmt::format(
        R"(<circle class="{}" cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="{}"{}><title>hole {}: {} mm, {}</title></circle>)",
        cls, num(h.center_mm[0]), num(c.svg_y(h.center_mm[1])), num(h.diameter_mm / 2),
        h.boss ? "none" : verdict_colour(v), h.boss ? "0" : "0.85", verdict_colour(v),
        num(c.stroke * (h.boss ? 4 : 1.5)),
        side ? fmt::format(R"( stroke-dasharray="{} {}")", num(c.stroke * 6), num(c.stroke * 4)) : "",
        i + 1, xml_escape("\u00d8" + num(h.diameter_mm)), hole_verdict_name(v));
    out += "\n";
  }
  out += "</g>\n";
}

// The outline of a non-round opening seen along z, as an SVG path in millimetres: the hexagon,
// square or rectangle from its measured widths and direction, a slot as two half circles joined
// by straight sides, and an opening of no named shape as its bounding box.
std::string opening_path(const Canvas& c, const Opening& o) {
  const double cx = o.center_mm[0], cy = o.center_mm[1];
  double dx = o.direction[0], dy = o.direction[1];
  const double dl = std::hypot(dx, dy);
  if (dl <= 0) dx = 1, dy = 0;
  else dx /= dl, dy /= dl;
  const double nx = -dy, ny = dx;
  const auto at = [&](double along, double across) {
    return fmt::format("{} {}", num(cx + along * dx + across * nx), num(c.svg_y(cy + along * dy + across * ny)));
  };
  std::string d;
  if (o.shape == "hexagon") {
    const double r = o.width_mm / std::sqrt(3.0);  // circumradius from the width across flats
    for (int k = 0; k < 6; ++k) {
      const double a = k * std::numbers::pi / 3;
      d += (k == 0 ? "M" : " L") + at(r * std::cos(a), r * std::sin(a));
    }
  } else if (o.shape == "slot") {
    const double h = std::max(0.0, (o.length_mm - o.width_mm) / 2), r = o.width_mm / 2;
    // From the start of one side, along it, round the far end (the arc's sweep follows the
    // flipped y axis), back along the other side, round the near end.
    d = fmt::format("M{} L{} A{} {} 0 0 0 {} L{} A{} {} 0 0 0 {}", at(-h, -r), at(h, -r), num(r), num(r),
                    at(h, r), at(-h, r), num(r), num(r), at(-h, -r));
  } else {
    const double hl = o.length_mm / 2, hw = o.width_mm / 2;
    d = fmt::format("M{} L{} L{} L{}", at(-hl, -hw), at(hl, -hw), at(hl, hw), at(-hl, hw));
  }
  return d + " Z";
}

void draw_openings(std::string& out, const Canvas& c, const ValidationReport& report,
                   const PartMeasurement& part) {
  out += "<g id=\"openings\">\n";
  for (std::size_t i = 0; i < part.openings.size(); ++i) {
    const Opening& o = part.openings[i];
    HoleVerdict v = HoleVerdict::ok;
    for (const auto& f : report.findings)
      if (f.opening == static_cast<int>(i)) {
        if (f.severity == "error") v = HoleVerdict::error;
        else if (f.severity == "warning" && v == HoleVerdict::ok) v = HoleVerdict::warning;
      }
    const bool side = std::abs(o.axis[2]) < 0.999;
    if (side) continue;  // seen from above, an opening in a side wall is an edge, not an outline
    out += fmt::format(
        R"(<path class="opening {} {}" d="{}" fill="{}" fill-opacity="0.85" stroke="{}" stroke-width="{}"{}><title>opening {}: {} {} x {} mm, {}</title></path>)",
        o.shape, hole_verdict_name(v), opening_path(c, o), verdict_colour(v), verdict_colour(v),
        num(c.stroke * 1.5),
        o.shape == "other" ? fmt::format(R"( stroke-dasharray="{} {}")", num(c.stroke * 6), num(c.stroke * 4)) : "",
        i + 1, xml_escape(o.shape), num(o.width_mm), num(o.length_mm), hole_verdict_name(v));
    out += "\n";
  }
  out += "</g>\n";
}

// "79 mm (nominal 80 mm)" when the dimension uses a clearance; "78.3 mm (off grid)" when it fails.
std::string dimension_text(const ValidationReport& report, std::string_view location, double value) {
  std::string text = num(value) + " mm";
  for (const auto& f : report.findings) {
    if (f.location != location) continue;
    if (f.severity == "info") text += fmt::format(" (nominal {} mm)", num(f.expected));
    else text += fmt::format(" (off grid; nearest {} mm)", num(f.expected));
  }
  return text;
}

void draw_dimensions(std::string& out, const Canvas& c, const ValidationReport& report) {
  const double below = c.svg_y(0) + c.margin + c.font * 1.2;
  const double left = -c.margin - c.font * 1.2;
  const double tick = c.font * 0.4;
  out += "<g id=\"dimensions\" stroke=\"#24292f\" fill=\"#24292f\">\n";
  out += fmt::format(R"(<line x1="0" y1="{0}" x2="{1}" y2="{0}" stroke-width="{2}"/>)"
                     R"(<line x1="0" y1="{3}" x2="0" y2="{4}" stroke-width="{2}"/>)"
                     R"(<line x1="{1}" y1="{3}" x2="{1}" y2="{4}" stroke-width="{2}"/>)" "\n",
                     num(below), num(c.width), num(c.stroke * 2), num(below - tick), num(below + tick));
  out += fmt::format(R"(<text class="dimension" x="{}" y="{}" font-size="{}" text-anchor="middle" stroke="none">width {}</text>)" "\n",
                     num(c.width / 2), num(below + c.font * 1.3), num(c.font),
                     xml_escape(dimension_text(report, "width", c.width)));
  out += fmt::format(R"(<line x1="{0}" y1="0" x2="{0}" y2="{1}" stroke-width="{2}"/>)"
                     R"(<line x1="{3}" y1="0" x2="{4}" y2="0" stroke-width="{2}"/>)"
                     R"(<line x1="{3}" y1="{1}" x2="{4}" y2="{1}" stroke-width="{2}"/>)" "\n",
                     num(left), num(c.depth), num(c.stroke * 2), num(left - tick), num(left + tick));
  out += fmt::format(R"(<text class="dimension" x="{0}" y="{1}" font-size="{2}" text-anchor="middle" stroke="none" transform='rotate(-90 {0} {1})'>depth {3}</text>)" "\n",
                     num(left - c.font * 0.6), num(c.depth / 2), num(c.font),
                     xml_escape(dimension_text(report, "depth", c.depth)));
  out += "</g>\n";
}

}  // namespace

std::string render_svg(const ValidationReport& report, const PartMeasurement& part,
                       const GridStandard& grid) {
  const Canvas c = make_canvas(part, grid.pitch_mm);
  const double x0 = -c.margin - c.pad, y0 = -c.margin - c.pad * 0.9;
  const double w = c.width + 2 * c.margin + 1.5 * c.pad, h = c.depth + 2 * c.margin + 1.9 * c.pad;
  const double px_width = 800, px_height = std::round(px_width * h / w);
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{} {} {} {}" font-family="sans-serif">)" "\n",
      num(px_width), num(px_height), num(x0), num(y0), num(w), num(h));
  out += fmt::format("<title>{} on the {} grid: {}</title>\n", "part", xml_escape(grid.name),
                     verdict_name(report.verdict));
  out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff"/>)" "\n",
                     num(x0), num(y0), num(w), num(h));
  draw_grid(out, c, report, part, grid);
  out += fmt::format(R"(<rect id="footprint" x="0" y="0" width="{}" height="{}" fill="#dbe9f6" fill-opacity="0.75" stroke="#1f4e79" stroke-width="{}"/>)" "\n",
                     num(c.width), num(c.depth), num(c.stroke * 3));
  draw_holes(out, c, report, part);
  draw_openings(out, c, report, part);
  draw_dimensions(out, c, report);
  out += fmt::format(R"(<text id="verdict" x="{}" y="{}" font-size="{}" fill="{}" font-weight="bold">{}: {}</text>)" "\n",
                     num(-c.margin), num(y0 + c.font * 1.4), num(c.font * 1.1),
                     verdict_colour(report.verdict), xml_escape(grid.name),
                     verdict_name(report.verdict));
  out += fmt::format(R"(<text x="{}" y="{}" font-size="{}" fill="#57606a">{} x {} x {} mm; pitch {} mm</text>)" "\n",
                     num(-c.margin), num(y0 + c.font * 2.7), num(c.font * 0.8),
                     num(part.size_mm[0]), num(part.size_mm[1]), num(part.size_mm[2]),
                     num(grid.pitch_mm));
  out += "</svg>\n";
  return out;
}

}  // namespace archipel::core
