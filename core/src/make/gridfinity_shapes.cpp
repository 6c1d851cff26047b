// Gridfinity bins and baseplates with the profiles of shared/GRID-STANDARDS.md: the bin foot
// (0.8 at 45°, 1.8 vertical, 2.15 at 45°; 4.75 high; corner radius 3.75 at the top), the
// baseplate pocket (0.7 at 45°, 1.8, 2.15 at 45°; 4.65; outer radius 4), magnet holes 6.5 x 2.4,
// screw holes 3 mm, hole centres 8 mm from the cell edges. Each profile is a ruled loft through
// rounded rectangles. The stacking lip is simplified: its inner side follows the baseplate
// profile (0.6 mm flat top, 1.9 at 45°, 1.8 vertical, 0.7 at 45°), 4.4 mm high.
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepOffsetAPI_ThruSections.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>

#include "make/shapes.hpp"

namespace archipel::core::detail {
namespace {

using nlohmann::json;

constexpr double pitch = 42, bin_clearance = 0.25, foot_height = 4.75, lip_height = 4.4;
constexpr double bin_radius = 3.75, plate_radius = 4.0, wall = 1.2;

// A rectangle centred on (cx, cy) at height z, `inset` inside a w x d outline of corner radius r.
TopoDS_Wire rounded_rect(double cx, double cy, double w, double d, double r, double inset, double z) {
  const double hx = w / 2 - inset, hy = d / 2 - inset, rr = r - inset;
  const double x0 = cx - hx, x1 = cx + hx, y0 = cy - hy, y1 = cy + hy;
  BRepBuilderAPI_MakeWire wire;
  const auto line = [&](double ax, double ay, double bx, double by) {
    wire.Add(BRepBuilderAPI_MakeEdge(gp_Pnt(ax, ay, z), gp_Pnt(bx, by, z)).Edge());
  };
  const auto arc = [&](double ccx, double ccy, double a0x, double a0y, double mx, double my, double a1x, double a1y) {
    (void)ccx; (void)ccy;
    wire.Add(BRepBuilderAPI_MakeEdge(GC_MakeArcOfCircle(gp_Pnt(a0x, a0y, z), gp_Pnt(mx, my, z), gp_Pnt(a1x, a1y, z)).Value()).Edge());
  };
  const double m = rr * (1 - std::sqrt(0.5));  // the arc's mid point, inset from the corner
  line(x0 + rr, y0, x1 - rr, y0);
  arc(x1 - rr, y0 + rr, x1 - rr, y0, x1 - m, y0 + m, x1, y0 + rr);
  line(x1, y0 + rr, x1, y1 - rr);
  arc(x1 - rr, y1 - rr, x1, y1 - rr, x1 - m, y1 - m, x1 - rr, y1);
  line(x1 - rr, y1, x0 + rr, y1);
  arc(x0 + rr, y1 - rr, x0 + rr, y1, x0 + m, y1 - m, x0, y1 - rr);
  line(x0, y1 - rr, x0, y0 + rr);
  arc(x0 + rr, y0 + rr, x0, y0 + rr, x0 + m, y0 + m, x0 + rr, y0);
  return wire.Wire();
}

struct Section {
  double z, inset;
};

// A ruled loft through rounded rectangles of one outline at the given heights and insets.
TopoDS_Shape loft(double cx, double cy, double w, double d, double r, const std::vector<Section>& sections) {
  BRepOffsetAPI_ThruSections maker(true, true);
  for (const auto& s : sections) maker.AddWire(rounded_rect(cx, cy, w, d, r, s.inset, s.z));
  maker.CheckCompatibility(false);
  maker.Build();
  return maker.IsDone() ? maker.Shape() : TopoDS_Shape();
}

TopoDS_Shape prism(double cx, double cy, double w, double d, double r, double z0, double z1) {
  const TopoDS_Face face = BRepBuilderAPI_MakeFace(rounded_rect(cx, cy, w, d, r, 0, z0)).Face();
  return BRepPrimAPI_MakePrism(face, gp_Vec(0, 0, z1 - z0)).Shape();
}

// Magnet (6.5 x 2.4) and screw (3 x 5) holes from the bottom face z0, 8 mm from the edges of the
// cell whose corner is (x, y).
void cell_holes(std::vector<TopoDS_Shape>& tools, double x, double y, double z0, bool magnets, bool screws) {
  for (double dx : {8.0, 34.0})
    for (double dy : {8.0, 34.0}) {
      if (magnets) tools.push_back(rod(gp_Pnt(x + dx, y + dy, z0 - 1), gp_Dir(0, 0, 1), 6.5, 2.4 + 1));
      if (screws) tools.push_back(rod(gp_Pnt(x + dx, y + dy, z0 - 1), gp_Dir(0, 0, 1), 3, 5 + 1));
    }
}

}  // namespace

TopoDS_Shape gridfinity_bin(const json& p) {
  const int nx = p.at("size").at(0).get<int>(), ny = p.at("size").at(1).get<int>();
  const double height = 7.0 * p.at("size").at(2).get<int>();
  const bool lip = p.at("lip").get<bool>();
  const double w = pitch * nx - 2 * bin_clearance, d = pitch * ny - 2 * bin_clearance;
  const double cell = pitch - 2 * bin_clearance;
  std::vector<TopoDS_Shape> pieces{prism(w / 2, d / 2, w, d, bin_radius, foot_height, height + (lip ? lip_height : 0))};
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      pieces.push_back(loft(cell / 2 + pitch * i, cell / 2 + pitch * j, cell, cell, bin_radius,
                            {{0, 2.95}, {0.8, 2.15}, {2.6, 2.15}, {foot_height, 0}}));
  const TopoDS_Shape body = fuse_all(pieces);
  if (body.IsNull()) return body;
  // The cavity: walls of 1.2 mm, a floor 1.2 mm over the foot (the screw holes stop below it).
  const double top = height + (lip ? lip_height : 0);
  std::vector<TopoDS_Shape> tools{prism(w / 2, d / 2, w - 2 * wall, d - 2 * wall, bin_radius - wall,
                                        foot_height + 1.2, top + 1)};
  if (lip)
    tools.push_back(loft(w / 2, d / 2, w, d, bin_radius,
                         {{height, 3.2}, {height + 0.7, 2.5}, {height + 2.5, 2.5}, {top, 0.6}, {top + 1, -0.4}}));
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      cell_holes(tools, pitch * i - bin_clearance, pitch * j - bin_clearance, 0, p.at("magnets").get<bool>(),
                 p.at("screws").get<bool>());
  return cut_all(body, tools);
}

TopoDS_Shape gridfinity_baseplate(const json& p) {
  const int nx = p.at("size").at(0).get<int>(), ny = p.at("size").at(1).get<int>();
  const bool magnets = p.at("magnets").get<bool>();
  const double floor = magnets ? 4.0 : 0.0, top = floor + 4.65;
  const double w = pitch * nx, d = pitch * ny;
  const TopoDS_Shape body = prism(w / 2, d / 2, w, d, plate_radius, 0, top);
  std::vector<TopoDS_Shape> tools;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      std::vector<Section> sections{{floor, 2.85}, {floor + 0.7, 2.15}, {floor + 2.5, 2.15}, {top, 0}, {top + 1, -1}};
      if (!magnets) sections.insert(sections.begin(), Section{-1, 2.85});
      tools.push_back(loft(pitch / 2 + pitch * i, pitch / 2 + pitch * j, pitch, pitch, plate_radius, sections));
      // Magnet holes 2.4 deep into the floor, from its top.
      if (magnets)
        for (double dx : {8.0, 34.0})
          for (double dy : {8.0, 34.0})
            tools.push_back(rod(gp_Pnt(pitch * i + dx, pitch * j + dy, floor - 2.4), gp_Dir(0, 0, 1), 6.5, 2.4 + 0.5));
    }
  return cut_all(body, tools);
}

}  // namespace archipel::core::detail
